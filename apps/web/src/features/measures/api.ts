import {
  assignmentView,
  fillResult,
  meCheckinResult,
  measureSettingsView,
  measuresLinkView,
  measuresOverview,
  meView,
  type Answers,
  type AssignmentCreate,
  type CheckinSubmit,
} from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { isApiError } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';
import { taskKeys } from '../tasks/api';

export const mbcKeys = {
  overview: (patientId: string) => ['mbc', patientId] as const,
  me: (token: string) => ['me', token] as const,
};

const noRetryOn4xx = (count: number, e: unknown) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2;
const patientPath = (patientId: string) => `/patients/${encodeURIComponent(patientId)}`;

export function useMeasuresOverview(patientId: string, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: mbcKeys.overview(patientId),
    queryFn: ({ signal }) => client.get(`${patientPath(patientId)}/measures`, measuresOverview, { signal }),
    retry: noRetryOn4xx,
    enabled,
  });
}

function useRefresh(patientId: string) {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: mbcKeys.overview(patientId) });
}

export function useAssignMeasure(patientId: string) {
  const client = useApiClient();
  const refresh = useRefresh(patientId);
  return useMutation({
    mutationFn: async (input: AssignmentCreate) =>
      (await client.send('POST', `${patientPath(patientId)}/measure-assignments`, assignmentView, { body: input })).data,
    onSuccess: refresh,
  });
}

export function useStopMeasure(patientId: string) {
  const client = useApiClient();
  const refresh = useRefresh(patientId);
  return useMutation({
    mutationFn: async ({ id, version }: { id: string; version: number }) =>
      (
        await client.send('POST', `${patientPath(patientId)}/measure-assignments/${encodeURIComponent(id)}/stop`, assignmentView, {
          body: {},
          ifMatch: `"${version}"`,
        })
      ).data,
    onSuccess: refresh,
  });
}

export function useUpdateMeasureSettings(patientId: string) {
  const client = useApiClient();
  const refresh = useRefresh(patientId);
  return useMutation({
    mutationFn: async ({ cravingThreshold, version }: { cravingThreshold: number; version: number }) =>
      (
        await client.send('PUT', `${patientPath(patientId)}/measure-settings`, measureSettingsView, {
          body: { cravingThreshold },
          ifMatch: `"${version}"`,
        })
      ).data,
    onSuccess: refresh,
  });
}

export function useCreateMeasuresLink(patientId: string) {
  const client = useApiClient();
  const refresh = useRefresh(patientId);
  return useMutation({
    mutationFn: async (expiresInDays: number) =>
      (await client.send('POST', `${patientPath(patientId)}/measures-link`, measuresLinkView, { body: { expiresInDays } })).data,
    onSuccess: refresh,
  });
}

export function useRevokeMeasuresLink(patientId: string) {
  const client = useApiClient();
  const refresh = useRefresh(patientId);
  return useMutation({
    mutationFn: async () =>
      (await client.send('DELETE', `${patientPath(patientId)}/measures-link`, z.object({ revoked: z.number() }))).data,
    onSuccess: refresh,
  });
}

/** The person's own page: no session, so a 401 here never means "signed out". */
export function useMe(token: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: mbcKeys.me(token),
    queryFn: ({ signal }) => client.get(`/me/${encodeURIComponent(token)}`, meView, { signal, expectUnauthenticated: true }),
    retry: noRetryOn4xx,
    refetchOnWindowFocus: false,
  });
}

export function useSubmitMeMeasure(token: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ assignmentId, items }: { assignmentId: string; items: Answers }) =>
      (
        await client.send('POST', `/me/${encodeURIComponent(token)}/measures/${encodeURIComponent(assignmentId)}`, fillResult, {
          body: { items },
          expectUnauthenticated: true,
        })
      ).data,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: mbcKeys.me(token) }),
  });
}

export function useSubmitCheckin(token: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CheckinSubmit) =>
      (
        await client.send('POST', `/me/${encodeURIComponent(token)}/checkins`, meCheckinResult, {
          body: input,
          expectUnauthenticated: true,
        })
      ).data,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: mbcKeys.me(token) });
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
  });
}
