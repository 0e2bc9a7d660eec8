import {
  assessmentView,
  intakeListItem,
  intakeView,
  type AssessmentFinalise,
  type AssessmentSave,
  type IntakeDocument,
} from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { isApiError } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';

export const intakeKeys = {
  intakes: (patientId: string) => ['intake', 'list', patientId] as const,
  intake: (patientId: string, id: string) => ['intake', 'record', patientId, id] as const,
  assessments: (patientId: string) => ['assessment', 'list', patientId] as const,
  assessment: (patientId: string, id: string) => ['assessment', 'record', patientId, id] as const,
};

const retryUnlessClientError = (count: number, e: unknown) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2;
const intakeList = z.object({ items: z.array(intakeListItem) });
const assessmentList = z.object({ items: z.array(assessmentView) });
const base = (patientId: string) => `/patients/${encodeURIComponent(patientId)}`;

export function useIntakes(patientId: string, enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: intakeKeys.intakes(patientId),
    queryFn: ({ signal }) => client.get(`${base(patientId)}/intakes`, intakeList, { signal }),
    select: (d) => d.items,
    retry: retryUnlessClientError,
    enabled,
  });
}

export function useIntake(patientId: string, id: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: intakeKeys.intake(patientId, id),
    queryFn: ({ signal }) => client.getWithEtag(`${base(patientId)}/intakes/${encodeURIComponent(id)}`, intakeView, { signal }),
    retry: retryUnlessClientError,
    staleTime: 0,
    // Autosave keeps the cached copy current; refetching on focus would reset what is being typed.
    refetchOnWindowFocus: false,
  });
}

export function useStartIntake(patientId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (episodeId: string | null) =>
      (await client.send('POST', `${base(patientId)}/intakes`, intakeView, { body: { episodeId, document: {} } })).data,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: intakeKeys.intakes(patientId) }),
  });
}

/** One call per intake action; each answers with the new view and ETag, which replace the cached record. */
export function useIntakeActions(patientId: string, id: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const url = `${base(patientId)}/intakes/${encodeURIComponent(id)}`;
  const store = (saved: { data: z.output<typeof intakeView>; etag: string | null }) => {
    queryClient.setQueryData(intakeKeys.intake(patientId, id), saved);
    void queryClient.invalidateQueries({ queryKey: intakeKeys.intakes(patientId) });
  };
  return {
    save: (document: IntakeDocument, etag: string | null) => client.send('PATCH', url, intakeView, { body: { document }, ifMatch: etag }),
    store,
    sign: useMutation({
      mutationFn: ({ password, etag }: { password: string; etag: string | null }) =>
        client.send('POST', `${url}/sign`, intakeView, { body: { password }, ifMatch: etag }),
      onSuccess: store,
    }),
    addendum: useMutation({
      mutationFn: (input: { text: string; password: string }) => client.send('POST', `${url}/addenda`, intakeView, { body: input }),
      onSuccess: store,
    }),
  };
}

export function useAssessments(patientId: string, enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: intakeKeys.assessments(patientId),
    queryFn: ({ signal }) => client.get(`${base(patientId)}/assessments`, assessmentList, { signal }),
    select: (d) => d.items,
    retry: retryUnlessClientError,
    enabled,
  });
}

export function useAssessment(patientId: string, id: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: intakeKeys.assessment(patientId, id),
    queryFn: ({ signal }) => client.getWithEtag(`${base(patientId)}/assessments/${encodeURIComponent(id)}`, assessmentView, { signal }),
    retry: retryUnlessClientError,
    staleTime: 0,
    refetchOnWindowFocus: false,
  });
}

export function useStartAssessment(patientId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (episodeId: string | null) =>
      (await client.send('POST', `${base(patientId)}/assessments`, assessmentView, { body: { episodeId, ratings: {}, flags: [] } })).data,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: intakeKeys.assessments(patientId) }),
  });
}

export function useAssessmentActions(patientId: string, id: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const url = `${base(patientId)}/assessments/${encodeURIComponent(id)}`;
  const store = (saved: { data: z.output<typeof assessmentView>; etag: string | null }) => {
    queryClient.setQueryData(intakeKeys.assessment(patientId, id), saved);
    void queryClient.invalidateQueries({ queryKey: intakeKeys.assessments(patientId) });
  };
  return {
    save: useMutation({
      mutationFn: ({ input, etag }: { input: AssessmentSave; etag: string | null }) =>
        client.send('PATCH', url, assessmentView, { body: input, ifMatch: etag }),
      onSuccess: store,
    }),
    finalise: useMutation({
      mutationFn: ({ input, etag }: { input: AssessmentFinalise; etag: string | null }) =>
        client.send('POST', `${url}/finalise`, assessmentView, { body: input, ifMatch: etag }),
      onSuccess: store,
    }),
  };
}

/** The intake's printable PDF, opened by the browser itself (the session cookie travels with it). */
export function useIntakePdfUrl(patientId: string, id: string): string {
  return useApiClient().url(`${base(patientId)}/intakes/${encodeURIComponent(id)}/pdf`);
}
