import { safetyBanner, taskView } from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';

export const taskKeys = {
  all: ['tasks'] as const,
  safety: (patientId: string) => ['tasks', 'safety', patientId] as const,
};

/** Open safety tasks of a patient; a role that may not read tasks simply gets no banner. */
export function usePatientSafety(patientId: string, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: taskKeys.safety(patientId),
    queryFn: ({ signal }) => client.get(`/patients/${encodeURIComponent(patientId)}/safety`, safetyBanner, { signal }),
    select: (d) => d.items,
    retry: (count, e) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2,
    enabled,
  });
}

export function useResolveTask() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, note }: { id: string; note: string }) =>
      (await client.send('POST', `/tasks/${encodeURIComponent(id)}/resolve`, taskView, { body: { note } })).data,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: taskKeys.all }),
  });
}
