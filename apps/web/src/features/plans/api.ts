import {
  interventionView,
  planDiffView,
  planSignLinkView,
  planSummary,
  planVersionView,
  progressView,
  publicPlanView,
  type InterventionCreate,
  type InterventionUpdate,
  type PlanContentInput,
  type PlanSign,
  type ProgressCreate,
} from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { isApiError } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';

export const planKeys = {
  all: (patientId: string) => ['plans', patientId] as const,
  list: (patientId: string) => ['plans', patientId, 'list'] as const,
  plan: (patientId: string, planId: string) => ['plans', patientId, planId] as const,
  version: (patientId: string, planId: string, n: number) => ['plans', patientId, planId, 'v', n] as const,
  diff: (patientId: string, planId: string, from: number, to: number) => ['plans', patientId, planId, 'diff', from, to] as const,
  progress: (patientId: string, planId: string) => ['plans', patientId, planId, 'progress'] as const,
  catalogue: ['interventions'] as const,
  sign: (token: string) => ['sign', token] as const,
};

const retry = (count: number, e: unknown) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2;
const enc = encodeURIComponent;
const planUrl = (patientId: string, planId: string) => `/patients/${enc(patientId)}/plans/${enc(planId)}`;
const versionUrl = (patientId: string, planId: string, n: number) => `${planUrl(patientId, planId)}/versions/${n}`;

export function usePlans(patientId: string, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: planKeys.list(patientId),
    queryFn: ({ signal }) => client.get(`/patients/${enc(patientId)}/plans`, z.object({ items: z.array(planSummary) }), { signal }),
    select: (d) => d.items,
    retry,
    enabled,
  });
}

export function usePlan(patientId: string, planId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: planKeys.plan(patientId, planId),
    queryFn: ({ signal }) => client.get(planUrl(patientId, planId), planSummary, { signal }),
    retry,
  });
}

/** One version and its ETag (draft edits send it as If-Match). */
export function usePlanVersion(patientId: string, planId: string, n: number | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: planKeys.version(patientId, planId, n ?? 0),
    queryFn: ({ signal }) => client.getWithEtag(versionUrl(patientId, planId, n ?? 1), planVersionView, { signal }),
    retry,
    enabled: n !== null,
    staleTime: 0,
  });
}

export function usePlanDiff(patientId: string, planId: string, from: number, to: number, enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: planKeys.diff(patientId, planId, from, to),
    queryFn: ({ signal }) => client.get(`${planUrl(patientId, planId)}/diff`, planDiffView, { query: { from, to }, signal }),
    retry,
    enabled,
  });
}

export function useProgress(patientId: string, planId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: planKeys.progress(patientId, planId),
    queryFn: ({ signal }) => client.get(`${planUrl(patientId, planId)}/progress`, z.object({ items: z.array(progressView) }), { signal }),
    select: (d) => d.items,
    retry,
  });
}

export function useInterventions(enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: planKeys.catalogue,
    queryFn: ({ signal }) => client.get('/interventions', z.object({ items: z.array(interventionView) }), { signal }),
    select: (d) => d.items,
    retry,
    enabled,
  });
}

function useInvalidatePlans(patientId: string) {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: planKeys.all(patientId) });
}

export function useCreatePlan(patientId: string) {
  const client = useApiClient();
  const done = useInvalidatePlans(patientId);
  return useMutation({
    mutationFn: async () => (await client.send('POST', `/patients/${enc(patientId)}/plans`, planVersionView, { body: {} })).data,
    onSuccess: done,
  });
}

export function useSaveDraft(patientId: string, planId: string, n: number) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { content: PlanContentInput; etag: string | null }) =>
      client.send('PUT', versionUrl(patientId, planId, n), planVersionView, { body: { content: input.content }, ifMatch: input.etag }),
    onSuccess: (saved) => {
      queryClient.setQueryData(planKeys.version(patientId, planId, n), saved);
      void queryClient.invalidateQueries({ queryKey: planKeys.plan(patientId, planId) });
    },
  });
}

export function useSignVersion(patientId: string, planId: string, n: number) {
  const client = useApiClient();
  const done = useInvalidatePlans(patientId);
  return useMutation({
    mutationFn: async (input: PlanSign) =>
      (await client.send('POST', `${versionUrl(patientId, planId, n)}/sign`, planVersionView, { body: input })).data,
    onSuccess: done,
  });
}

export function useSignLink(patientId: string, planId: string, n: number) {
  const client = useApiClient();
  return useMutation({
    mutationFn: async () =>
      (await client.send('POST', `${versionUrl(patientId, planId, n)}/sign-link`, planSignLinkView, { body: { expiresInHours: 48 } })).data,
  });
}

export function useNewVersion(patientId: string, planId: string) {
  const client = useApiClient();
  const done = useInvalidatePlans(patientId);
  return useMutation({
    mutationFn: async () => (await client.send('POST', `${planUrl(patientId, planId)}/versions`, planVersionView, {})).data,
    onSuccess: done,
  });
}

export function useRecordProgress(patientId: string, planId: string) {
  const client = useApiClient();
  const done = useInvalidatePlans(patientId);
  return useMutation({
    mutationFn: async (input: ProgressCreate) =>
      (await client.send('POST', `${planUrl(patientId, planId)}/progress`, progressView, { body: input })).data,
    onSuccess: done,
  });
}

export function usePlanPdfUrl(patientId: string, planId: string, n: number): string {
  const client = useApiClient();
  return client.url(`${versionUrl(patientId, planId, n)}/pdf`);
}

export function useCreateIntervention() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: InterventionCreate) => (await client.send('POST', '/interventions', interventionView, { body: input })).data,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: planKeys.catalogue }),
  });
}

export function useUpdateIntervention() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { id: string; version: number; patch: InterventionUpdate }) =>
      (
        await client.send('PATCH', `/interventions/${enc(input.id)}`, interventionView, {
          body: input.patch,
          ifMatch: `"${input.version}"`,
        })
      ).data,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: planKeys.catalogue }),
  });
}

export function useDeleteIntervention() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => client.call('DELETE', `/interventions/${enc(id)}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: planKeys.catalogue }),
  });
}

/** The person's signing page (no sign-in). */
export function usePublicPlan(token: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: planKeys.sign(token),
    queryFn: ({ signal }) => client.get(`/sign/${enc(token)}`, publicPlanView, { signal, expectUnauthenticated: true }),
    retry: false,
    refetchOnWindowFocus: false,
  });
}

export function useSubmitPublicSign(token: string) {
  const client = useApiClient();
  return useMutation({
    mutationFn: async (body: { typedName: string; agree: true; contentHash: string }) =>
      (
        await client.send('POST', `/sign/${enc(token)}`, z.object({ status: z.enum(['signed', 'awaiting_clinician']) }), {
          body,
          expectUnauthenticated: true,
        })
      ).data,
  });
}
