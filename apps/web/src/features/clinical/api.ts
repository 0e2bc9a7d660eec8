import {
  allergyView,
  chartAlertView,
  chartFlagsView,
  diagnosisView,
  icd10SearchView,
  medicationView,
  type AllergyCreate,
  type ChartAlertCreate,
  type DiagnosisCreate,
  type MedicationCreate,
} from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { isApiError } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';
import { etagForVersion } from '../../lib/etag';

export const clinicalKeys = {
  diagnoses: (patientId: string) => ['clinical', 'diagnoses', patientId] as const,
  medications: (patientId: string) => ['clinical', 'medications', patientId] as const,
  flags: (patientId: string) => ['clinical', 'flags', patientId] as const,
  icd10: (q: string) => ['clinical', 'icd10', q] as const,
};

const retryUnlessClientError = (count: number, e: unknown) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2;
const base = (patientId: string) => `/patients/${encodeURIComponent(patientId)}`;
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export function useDiagnoses(patientId: string, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: clinicalKeys.diagnoses(patientId),
    queryFn: ({ signal }) => client.get(`${base(patientId)}/diagnoses`, items(diagnosisView), { signal }),
    select: (d) => d.items,
    retry: retryUnlessClientError,
    enabled,
  });
}

export function useIcd10Search(q: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: clinicalKeys.icd10(q),
    queryFn: ({ signal }) => client.get('/reference/icd10', icd10SearchView, { query: { q, limit: 8 }, signal }),
    select: (d) => d.items,
    enabled: q.trim().length >= 2,
    staleTime: Infinity,
  });
}

function useInvalidate(key: readonly unknown[], also?: readonly unknown[]) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: key });
    if (also) void queryClient.invalidateQueries({ queryKey: also });
  };
}

export function useAddDiagnosis(patientId: string) {
  const client = useApiClient();
  const invalidate = useInvalidate(clinicalKeys.diagnoses(patientId));
  return useMutation({
    mutationFn: async (input: Partial<DiagnosisCreate> & { code: string }) =>
      (await client.send('POST', `${base(patientId)}/diagnoses`, diagnosisView, { body: input })).data,
    onSuccess: invalidate,
  });
}

export function useDiagnosisAction(patientId: string) {
  const client = useApiClient();
  const invalidate = useInvalidate(clinicalKeys.diagnoses(patientId));
  return useMutation({
    mutationFn: async (a: { id: string; version: number; action: 'primary' | 'resolved' | 'active' | 'entered_in_error' }) => {
      const path = `${base(patientId)}/diagnoses/${encodeURIComponent(a.id)}`;
      const ifMatch = etagForVersion(a.version);
      return a.action === 'primary'
        ? (await client.send('POST', `${path}/primary`, diagnosisView, { ifMatch })).data
        : (await client.send('POST', `${path}/status`, diagnosisView, { body: { status: a.action }, ifMatch })).data;
    },
    onSuccess: invalidate,
    onError: invalidate,
  });
}

export function useMedications(patientId: string, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: clinicalKeys.medications(patientId),
    queryFn: ({ signal }) => client.get(`${base(patientId)}/medications`, items(medicationView), { signal }),
    select: (d) => d.items,
    retry: retryUnlessClientError,
    enabled,
  });
}

export function useAddMedication(patientId: string) {
  const client = useApiClient();
  const invalidate = useInvalidate(clinicalKeys.medications(patientId));
  return useMutation({
    mutationFn: async (input: MedicationCreate) =>
      (await client.send('POST', `${base(patientId)}/medications`, medicationView, { body: input })).data,
    onSuccess: invalidate,
  });
}

export function useStopMedication(patientId: string) {
  const client = useApiClient();
  const invalidate = useInvalidate(clinicalKeys.medications(patientId));
  return useMutation({
    mutationFn: async (a: { id: string; version: number; stopDate: string; reason: string }) =>
      (
        await client.send('POST', `${base(patientId)}/medications/${encodeURIComponent(a.id)}/stop`, medicationView, {
          body: { stopDate: a.stopDate, reason: a.reason },
          ifMatch: etagForVersion(a.version),
        })
      ).data,
    onSuccess: invalidate,
  });
}

export function useAddAdherenceNote(patientId: string) {
  const client = useApiClient();
  const invalidate = useInvalidate(clinicalKeys.medications(patientId));
  return useMutation({
    mutationFn: async (a: { id: string; notedOn: string; text: string }) =>
      (
        await client.send('POST', `${base(patientId)}/medications/${encodeURIComponent(a.id)}/adherence-notes`, medicationView, {
          body: { notedOn: a.notedOn, text: a.text },
        })
      ).data,
    onSuccess: invalidate,
  });
}

/** Active allergies and alerts for the chart header: a small read beside the chart, never blocking it. */
export function useChartFlags(patientId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: clinicalKeys.flags(patientId),
    queryFn: ({ signal }) => client.get(`${base(patientId)}/chart-flags`, chartFlagsView, { signal }),
    retry: retryUnlessClientError,
  });
}

export function useAddAllergy(patientId: string) {
  const client = useApiClient();
  const invalidate = useInvalidate(clinicalKeys.flags(patientId));
  return useMutation({
    mutationFn: async (input: AllergyCreate) =>
      (await client.send('POST', `${base(patientId)}/allergies`, allergyView, { body: input })).data,
    onSuccess: invalidate,
  });
}

export function useAddAlert(patientId: string) {
  const client = useApiClient();
  const invalidate = useInvalidate(clinicalKeys.flags(patientId));
  return useMutation({
    mutationFn: async (input: ChartAlertCreate) =>
      (await client.send('POST', `${base(patientId)}/alerts`, chartAlertView, { body: input })).data,
    onSuccess: invalidate,
  });
}

export function useRetireFlag(patientId: string) {
  const client = useApiClient();
  const invalidate = useInvalidate(clinicalKeys.flags(patientId));
  return useMutation({
    mutationFn: async (a: { what: 'allergies' | 'alerts'; id: string; version: number; status: 'inactive' | 'entered_in_error' }) =>
      client.call('POST', `${base(patientId)}/${a.what}/${encodeURIComponent(a.id)}/status`, {
        body: { status: a.status },
        ifMatch: etagForVersion(a.version),
      }),
    onSuccess: invalidate,
    onError: invalidate,
  });
}
