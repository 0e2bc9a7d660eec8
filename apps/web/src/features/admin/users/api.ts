import { userView, type userCreate, type userUpdate } from '@openiop/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { useApiClient } from '../../../lib/api-context';
import { referenceKeys } from '../../reference/api';

export const userKeys = {
  all: ['admin', 'users'] as const,
  list: () => ['admin', 'users', 'list'] as const,
  record: (id: string) => ['admin', 'users', 'record', id] as const,
};

/** The list may or may not be paginated; a missing `nextCursor` means one page. */
const userPage = z.object({ items: z.array(userView), nextCursor: z.string().nullish() });

export function useUsers(enabled = true) {
  const client = useApiClient();
  return useInfiniteQuery({
    enabled,
    queryKey: userKeys.list(),
    queryFn: ({ pageParam, signal }) => client.get('/admin/users', userPage, { query: { cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useUser(id: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: userKeys.record(id),
    queryFn: ({ signal }) => client.getWithEtag(`/admin/users/${encodeURIComponent(id)}`, userView, { signal }),
    staleTime: 0,
  });
}

export function useCreateUser() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: z.input<typeof userCreate>) => (await client.send('POST', '/admin/users', userView, { body: input })).data,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: userKeys.list() });
      void queryClient.invalidateQueries({ queryKey: referenceKeys.staffAll });
    },
  });
}

export function useUpdateUser(id: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, etag }: { input: z.input<typeof userUpdate>; etag: string | null }) =>
      client.send('PATCH', `/admin/users/${encodeURIComponent(id)}`, userView, { body: input, ifMatch: etag }),
    onSuccess: (saved) => {
      if (saved.etag) queryClient.setQueryData(userKeys.record(id), saved);
      else void queryClient.invalidateQueries({ queryKey: userKeys.record(id) });
      void queryClient.invalidateQueries({ queryKey: userKeys.list() });
      void queryClient.invalidateQueries({ queryKey: referenceKeys.staffAll });
    },
  });
}

export function useUnlockUser(id: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => client.call('POST', `/admin/users/${encodeURIComponent(id)}/unlock`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: userKeys.record(id) });
      void queryClient.invalidateQueries({ queryKey: userKeys.list() });
    },
  });
}
