import {
  administrationListItem,
  administrationView,
  fillResult,
  fillView,
  instrumentLinkView,
  type Answers,
  type InstrumentId,
} from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { isApiError } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';
import { taskKeys } from '../tasks/api';

export const measureKeys = {
  list: (patientId: string) => ['measures', patientId] as const,
  one: (patientId: string, id: string) => ['measures', patientId, id] as const,
  fill: (token: string) => ['fill', token] as const,
};

const administrationList = z.object({ items: z.array(administrationListItem) });
const noRetryOn4xx = (count: number, e: unknown) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2;
const base = (patientId: string) => `/patients/${encodeURIComponent(patientId)}/administrations`;

export function useAdministrations(patientId: string, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: measureKeys.list(patientId),
    queryFn: ({ signal }) => client.get(base(patientId), administrationList, { signal }),
    select: (d) => d.items,
    retry: noRetryOn4xx,
    enabled,
  });
}

export function useAdministration(patientId: string, id: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: measureKeys.one(patientId, id),
    queryFn: ({ signal }) => client.getWithEtag(`${base(patientId)}/${encodeURIComponent(id)}`, administrationView, { signal }),
    retry: noRetryOn4xx,
    staleTime: 0,
  });
}

function useAfterWrite(patientId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: measureKeys.list(patientId) });
    void queryClient.invalidateQueries({ queryKey: taskKeys.all });
  };
}

export function useStartAdministration(patientId: string) {
  const client = useApiClient();
  const after = useAfterWrite(patientId);
  return useMutation({
    mutationFn: (input: { instrumentId: InstrumentId; items: Answers; submit: boolean; bandSet?: string | null }) =>
      client.send('POST', base(patientId), administrationView, { body: input }),
    onSuccess: after,
  });
}

export function useSaveDraft(patientId: string, id: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ items, etag }: { items: Answers; etag: string | null }) =>
      client.send('PUT', `${base(patientId)}/${encodeURIComponent(id)}/answers`, administrationView, { body: { items }, ifMatch: etag }),
    onSuccess: (saved) => queryClient.setQueryData(measureKeys.one(patientId, id), saved),
  });
}

export function useSubmitAdministration(patientId: string, id: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const after = useAfterWrite(patientId);
  return useMutation({
    mutationFn: ({ items, etag }: { items: Answers; etag: string | null }) =>
      client.send('POST', `${base(patientId)}/${encodeURIComponent(id)}/submit`, administrationView, { body: { items }, ifMatch: etag }),
    onSuccess: (saved) => {
      queryClient.setQueryData(measureKeys.one(patientId, id), saved);
      after();
    },
  });
}

export function useCreateLink(patientId: string) {
  const client = useApiClient();
  return useMutation({
    mutationFn: async (instrumentId: InstrumentId) =>
      (
        await client.send('POST', `/patients/${encodeURIComponent(patientId)}/instrument-links`, instrumentLinkView, {
          body: { instrumentId },
        })
      ).data,
  });
}

/** The public fill page: no session, so a 401 here never means "signed out". */
export function useFill(token: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: measureKeys.fill(token),
    queryFn: ({ signal }) => client.get(`/fill/${encodeURIComponent(token)}`, fillView, { signal, expectUnauthenticated: true }),
    retry: noRetryOn4xx,
    refetchOnWindowFocus: false,
  });
}

export function useSubmitFill(token: string) {
  const client = useApiClient();
  return useMutation({
    mutationFn: async (items: Answers) =>
      (await client.send('POST', `/fill/${encodeURIComponent(token)}`, fillResult, { body: { items }, expectUnauthenticated: true })).data,
  });
}
