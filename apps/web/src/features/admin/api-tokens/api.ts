import { apiTokenCreated, apiTokenView, type apiTokenCreate } from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { useApiClient } from '../../../lib/api-context';

const tokensKey = ['admin', 'api-tokens'] as const;
const tokenList = z.object({ items: z.array(apiTokenView) });

export function useApiTokens() {
  const client = useApiClient();
  return useQuery({
    queryKey: tokensKey,
    queryFn: ({ signal }) => client.get('/admin/api-tokens', tokenList, { signal }),
    select: (d) => d.items,
  });
}

/** The answer carries the token itself, once; only its hash is kept by the api. */
export function useCreateApiToken() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: z.input<typeof apiTokenCreate>) =>
      (await client.send('POST', '/admin/api-tokens', apiTokenCreated, { body: input })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeApiToken() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => client.call('DELETE', `/admin/api-tokens/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
