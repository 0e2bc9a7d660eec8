import {
  chartNotes,
  cosignQueue,
  myNotes,
  noteView,
  supervisionList,
  supervisionView,
  type NoteAddendumCreate,
  type PartContent,
  type Reauth,
  type SharedContent,
  type supervisionCreate,
  type supervisionUpdate,
} from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { isApiError } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';
import { etagForVersion } from '../../lib/etag';

export const noteKeys = {
  session: (occurrenceId: string) => ['notes', 'session', occurrenceId] as const,
  mine: ['notes', 'mine'] as const,
  queue: ['notes', 'cosign-queue'] as const,
  chart: (patientId: string) => ['notes', 'chart', patientId] as const,
  supervision: ['notes', 'supervision'] as const,
};
export type SupervisionView = z.infer<typeof supervisionView>;
const retryUnlessClientError = (count: number, e: unknown) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2;

export function useSessionNote(occurrenceId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: noteKeys.session(occurrenceId),
    queryFn: ({ signal }) => client.getWithEtag(`/sessions/${encodeURIComponent(occurrenceId)}/note`, noteView, { signal }),
    retry: retryUnlessClientError,
    staleTime: 0,
    refetchOnWindowFocus: false,
  });
}

function useStore(occurrenceId: string) {
  const queryClient = useQueryClient();
  return (saved: { data: { version: number }; etag: string | null }) => {
    queryClient.setQueryData(noteKeys.session(occurrenceId), saved);
    void queryClient.invalidateQueries({ queryKey: ['notes', 'mine'] });
  };
}

export function useOpenNote(occurrenceId: string) {
  const client = useApiClient();
  const onSuccess = useStore(occurrenceId);
  return useMutation({
    mutationFn: (template: 'dap' | 'birp' | 'soap' | undefined) =>
      client.send('POST', `/sessions/${encodeURIComponent(occurrenceId)}/note`, noteView, { body: template ? { template } : {} }),
    onSuccess,
  });
}

export function useSaveNote(occurrenceId: string) {
  const client = useApiClient();
  const onSuccess = useStore(occurrenceId);
  return useMutation({
    mutationFn: (a: { id: string; etag: string | null; shared?: SharedContent; parts: Record<string, PartContent> }) =>
      client.send('PATCH', `/notes/${encodeURIComponent(a.id)}`, noteView, {
        body: { ...(a.shared ? { shared: a.shared } : {}), parts: a.parts },
        ifMatch: a.etag,
      }),
    onSuccess,
  });
}

export function useSignNote(occurrenceId: string, action: 'sign' | 'cosign') {
  const client = useApiClient();
  const onSuccess = useStore(occurrenceId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: { id: string; etag: string | null; reauth: Reauth }) =>
      client.send('POST', `/notes/${encodeURIComponent(a.id)}/${action}`, noteView, { body: a.reauth, ifMatch: a.etag }),
    onSuccess: (r) => {
      onSuccess(r);
      void queryClient.invalidateQueries({ queryKey: noteKeys.queue });
    },
  });
}

export function useAddAddendum(occurrenceId: string) {
  const client = useApiClient();
  const onSuccess = useStore(occurrenceId);
  return useMutation({
    mutationFn: (a: { id: string; body: NoteAddendumCreate }) =>
      client.send('POST', `/notes/${encodeURIComponent(a.id)}/addenda`, noteView, { body: a.body }),
    onSuccess,
  });
}

export function useMyNotes() {
  const client = useApiClient();
  return useQuery({
    queryKey: noteKeys.mine,
    queryFn: ({ signal }) => client.get('/notes/mine', myNotes, { signal }),
    retry: retryUnlessClientError,
  });
}

export function useCosignQueue(enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: noteKeys.queue,
    queryFn: ({ signal }) => client.get('/notes/cosign-queue', cosignQueue, { signal }),
    retry: retryUnlessClientError,
    enabled,
  });
}

export function useChartNotes(patientId: string, enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: noteKeys.chart(patientId),
    queryFn: ({ signal }) => client.get(`/patients/${encodeURIComponent(patientId)}/notes`, chartNotes, { signal }),
    retry: retryUnlessClientError,
    enabled,
  });
}

/** Who supervises whom, sorted by the supervisee's name. */
export function useSupervision() {
  const client = useApiClient();
  return useQuery({
    queryKey: noteKeys.supervision,
    queryFn: ({ signal }) => client.get('/supervision', supervisionList, { signal }),
    select: (d) => [...d.items].sort((a, b) => a.user.name.localeCompare(b.user.name)),
    retry: retryUnlessClientError,
  });
}

export function useCreateSupervision() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: z.input<typeof supervisionCreate>) =>
      (await client.send('POST', '/supervision', supervisionView, { body: input })).data,
    // Also after a failure: "already supervised" means the list is out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: noteKeys.supervision }),
  });
}

/** Supervision has no single-record GET, so If-Match comes from the version the list showed. */
export function useUpdateSupervision() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, input }: { id: string; version: number; input: z.input<typeof supervisionUpdate> }) =>
      (
        await client.send('PATCH', `/supervision/${encodeURIComponent(id)}`, supervisionView, {
          body: input,
          ifMatch: etagForVersion(version),
        })
      ).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: noteKeys.supervision }),
  });
}

/** Ends a supervision (the api deletes it, audited); If-Match from the version the list showed. */
export function useEndSupervision() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      client.call('DELETE', `/supervision/${encodeURIComponent(id)}`, { ifMatch: etagForVersion(version) }),
    // Also after a failure: a stale version or one already ended means the list is out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: noteKeys.supervision }),
  });
}
