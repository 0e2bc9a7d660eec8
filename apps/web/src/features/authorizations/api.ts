import { authorizationList, authorizationView, type AuthorizationCreate, type AuthorizationUpdate } from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';
import { etagForVersion } from '../../lib/etag';

export const authorizationKeys = { list: (patientId: string) => ['authorizations', patientId] as const };

const retryUnlessClientError = (count: number, e: unknown) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2;
const base = (patientId: string) => `/patients/${encodeURIComponent(patientId)}/authorizations`;

export function useAuthorizations(patientId: string, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: authorizationKeys.list(patientId),
    queryFn: ({ signal }) => client.get(base(patientId), authorizationList, { signal }),
    select: (d) => d.items,
    retry: retryUnlessClientError,
    enabled,
  });
}

function useInvalidate(patientId: string) {
  const qc = useQueryClient();
  // The schedule's warnings depend on them too.
  return async () => {
    await qc.invalidateQueries({ queryKey: authorizationKeys.list(patientId) });
    await qc.invalidateQueries({ queryKey: ['schedule'] });
  };
}

export function useAddAuthorization(patientId: string) {
  const client = useApiClient();
  const invalidate = useInvalidate(patientId);
  return useMutation({
    mutationFn: async (input: AuthorizationCreate) => (await client.send('POST', base(patientId), authorizationView, { body: input })).data,
    onSuccess: invalidate,
  });
}

export function useUpdateAuthorization(patientId: string) {
  const client = useApiClient();
  const invalidate = useInvalidate(patientId);
  return useMutation({
    mutationFn: async (a: { id: string; version: number; patch: AuthorizationUpdate }) =>
      (
        await client.send('PATCH', `${base(patientId)}/${encodeURIComponent(a.id)}`, authorizationView, {
          body: a.patch,
          ifMatch: etagForVersion(a.version),
        })
      ).data,
    onSuccess: invalidate,
  });
}
