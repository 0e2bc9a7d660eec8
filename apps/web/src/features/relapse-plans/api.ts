import { relapsePlanList, relapsePlanView, type RelapsePlanContent } from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';

export const relapsePlanKeys = {
  list: (patientId: string) => ['relapse-plans', 'list', patientId] as const,
  record: (patientId: string, id: string) => ['relapse-plans', 'record', patientId, id] as const,
};
const retryUnlessClientError = (count: number, e: unknown) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2;
const base = (patientId: string) => `/patients/${encodeURIComponent(patientId)}/relapse-plans`;

export function useRelapsePlans(patientId: string, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: relapsePlanKeys.list(patientId),
    queryFn: ({ signal }) => client.get(base(patientId), relapsePlanList, { signal }),
    retry: retryUnlessClientError,
    enabled,
  });
}

export function useRelapsePlan(patientId: string, id: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: relapsePlanKeys.record(patientId, id),
    queryFn: ({ signal }) => client.getWithEtag(`${base(patientId)}/${encodeURIComponent(id)}`, relapsePlanView, { signal }),
    retry: retryUnlessClientError,
    staleTime: 0,
  });
}

export const relapsePlanPdfUrl = (client: ReturnType<typeof useApiClient>, patientId: string, id: string) =>
  client.url(`${base(patientId)}/${encodeURIComponent(id)}/pdf`);

function useSaved(patientId: string) {
  const queryClient = useQueryClient();
  return (saved: { data: { id: string }; etag: string | null }) => {
    queryClient.setQueryData(relapsePlanKeys.record(patientId, saved.data.id), saved);
    void queryClient.invalidateQueries({ queryKey: relapsePlanKeys.list(patientId) });
  };
}

export function useStartRelapsePlan(patientId: string) {
  const client = useApiClient();
  const onSuccess = useSaved(patientId);
  return useMutation({ mutationFn: () => client.send('POST', base(patientId), relapsePlanView, { body: {} }), onSuccess });
}

export function useSaveRelapsePlan(patientId: string, id: string) {
  const client = useApiClient();
  const onSuccess = useSaved(patientId);
  return useMutation({
    mutationFn: (a: { content: RelapsePlanContent; etag: string | null }) =>
      client.send('PATCH', `${base(patientId)}/${encodeURIComponent(id)}`, relapsePlanView, {
        body: { content: a.content },
        ifMatch: a.etag,
      }),
    onSuccess,
  });
}

export function useFinaliseRelapsePlan(patientId: string, id: string) {
  const client = useApiClient();
  const onSuccess = useSaved(patientId);
  return useMutation({
    mutationFn: (etag: string | null) =>
      client.send('POST', `${base(patientId)}/${encodeURIComponent(id)}/finalise`, relapsePlanView, { ifMatch: etag }),
    onSuccess,
  });
}
