import {
  drugTestCollectionView,
  drugTestDrawView,
  drugTestHistory,
  drugTestSelectionList,
  drugTestSelectionView,
  drugTestSettingsView,
  type DrugTestCollectionCreate,
  type DrugTestForCauseCreate,
  type DrugTestResultsCreate,
  type DrugTestSelectionUpdate,
  type DrugTestSettingsInput,
} from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';

export const drugTestKeys = {
  all: ['drug-tests'] as const,
  settings: (locationId: string) => ['drug-tests', 'settings', locationId] as const,
  draw: (locationId: string, day: string) => ['drug-tests', 'draw', locationId, day] as const,
  selections: (locationId: string, day: string) => ['drug-tests', 'selections', locationId, day] as const,
  history: (patientId: string) => ['drug-tests', 'history', patientId] as const,
};
const retryUnlessClientError = (count: number, e: unknown) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2;
const atLocation = (id: string) => `/locations/${encodeURIComponent(id)}/drug-tests`;
const atPatient = (id: string) => `/patients/${encodeURIComponent(id)}/drug-tests`;

export function useDrugTestSettings(locationId: string | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: drugTestKeys.settings(locationId ?? ''),
    queryFn: ({ signal }) => client.getWithEtag(`${atLocation(locationId ?? '')}/settings`, drugTestSettingsView, { signal }),
    enabled: !!locationId,
    retry: retryUnlessClientError,
  });
}

export function useSaveDrugTestSettings(locationId: string) {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: { input: DrugTestSettingsInput; etag: string | null }) =>
      client.send('PUT', `${atLocation(locationId)}/settings`, drugTestSettingsView, { body: a.input, ifMatch: a.etag }),
    onSuccess: (saved) => qc.setQueryData(drugTestKeys.settings(locationId), saved),
  });
}

export function useSelections(locationId: string | null, day: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: drugTestKeys.selections(locationId ?? '', day),
    queryFn: ({ signal }) => client.get(`${atLocation(locationId ?? '')}/selections`, drugTestSelectionList, { query: { day }, signal }),
    enabled: !!locationId,
    retry: retryUnlessClientError,
  });
}

export function useDrawLog(locationId: string | null, day: string, enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: drugTestKeys.draw(locationId ?? '', day),
    queryFn: ({ signal }) => client.get(`${atLocation(locationId ?? '')}/draws/${day}`, drugTestDrawView, { signal }),
    enabled: !!locationId && enabled,
    retry: retryUnlessClientError,
  });
}

export function useDraw(locationId: string, day: string) {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => client.send('POST', `${atLocation(locationId)}/draws`, drugTestDrawView, { body: { day } }),
    onSuccess: (r) => {
      qc.setQueryData(drugTestKeys.draw(locationId, day), r.data);
      void qc.invalidateQueries({ queryKey: drugTestKeys.selections(locationId, day) });
    },
  });
}

export function useDrugTestHistory(patientId: string, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: drugTestKeys.history(patientId),
    queryFn: ({ signal }) => client.get(atPatient(patientId), drugTestHistory, { signal }),
    enabled,
    retry: retryUnlessClientError,
  });
}

/** Every write about a specimen refreshes the day's list and the person's history. */
function useRefresh() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: drugTestKeys.all });
}

export function useRecordCollection(patientId: string) {
  const client = useApiClient();
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: (body: Partial<DrugTestCollectionCreate>) =>
      client.send('POST', `${atPatient(patientId)}/collections`, drugTestCollectionView, { body }),
    onSuccess,
  });
}

export function useCustodyEvent(patientId: string, collectionId: string) {
  const client = useApiClient();
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: (a: { action: string; version: number }) =>
      client.send('PATCH', `${atPatient(patientId)}/collections/${encodeURIComponent(collectionId)}`, drugTestCollectionView, {
        body: { custodyEvent: { action: a.action } },
        ifMatch: `"${a.version}"`,
      }),
    onSuccess,
  });
}

export function useRecordResults(patientId: string, collectionId: string) {
  const client = useApiClient();
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: (body: DrugTestResultsCreate) =>
      client.send('POST', `${atPatient(patientId)}/collections/${encodeURIComponent(collectionId)}/results`, drugTestCollectionView, {
        body,
      }),
    onSuccess,
  });
}

export function useRecordReview(patientId: string, collectionId: string) {
  const client = useApiClient();
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: (note: string) =>
      client.send('POST', `${atPatient(patientId)}/collections/${encodeURIComponent(collectionId)}/reviews`, drugTestCollectionView, {
        body: { note },
      }),
    onSuccess,
  });
}

/** A person selected for a test for cause, today or a day ahead: the chart's history and that day's list both change. */
export function useSelectForCause(patientId: string) {
  const client = useApiClient();
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: (body: DrugTestForCauseCreate) =>
      client.send('POST', `${atPatient(patientId)}/selections`, drugTestSelectionView, { body }),
    onSuccess,
  });
}

/** What became of a selection no specimen came for (missed, refused, excused), or back to pending to correct it. */
export function useUpdateSelection(patientId: string) {
  const client = useApiClient();
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: (a: { selectionId: string; version: number; update: DrugTestSelectionUpdate }) =>
      client.send('PATCH', `${atPatient(patientId)}/selections/${encodeURIComponent(a.selectionId)}`, drugTestSelectionView, {
        body: a.update,
        ifMatch: `"${a.version}"`,
      }),
    onSuccess,
  });
}
