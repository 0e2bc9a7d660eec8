import {
  caseloadView,
  chartHeader,
  episodeView,
  page,
  patientListItem,
  patientView,
  type PatientListItem,
  type patientCreate,
  type patientUpdate,
} from '@openiop/core';
import { keepPreviousData, useInfiniteQuery, type InfiniteData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { isApiError, type WithEtag } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';
import { useClinicToday } from '../reference/api';

/** Filters of the patient list, as kept in the URL (empty string = not filtering). */
export interface PatientFilters {
  q: string;
  locationId: string;
  status: string;
  clinicianId: string;
}

export const patientKeys = {
  all: ['patients'] as const,
  lists: () => ['patients', 'list'] as const,
  list: (f: PatientFilters) => ['patients', 'list', f] as const,
  record: (id: string) => ['patients', 'record', id] as const,
  chart: (id: string) => ['patients', 'chart', id] as const,
  episodes: (id: string) => ['patients', 'episodes', id] as const,
  caseload: (id: string) => ['patients', 'caseload', id] as const,
};

const PAGE_SIZE = 50;
const patientPage = page(patientListItem);
const episodeList = z.object({ items: z.array(episodeView) });

/** Not-found answers are final: no retry, and the page explains "not found or not yours". */
const retryUnlessClientError = (count: number, e: unknown) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2;

export function usePatientList(filters: PatientFilters) {
  const client = useApiClient();
  return useInfiniteQuery({
    queryKey: patientKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      client.get('/patients', patientPage, {
        query: {
          q: filters.q.trim() || undefined,
          locationId: filters.locationId || undefined,
          status: filters.status || undefined,
          clinicianId: filters.clinicianId || undefined,
          limit: PAGE_SIZE,
          cursor: pageParam,
        },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

type PatientPage = z.output<typeof patientPage>;

/** The patient's row from any list already loaded, to show at once while the chart loads. */
export function useListedPatient(id: string): PatientListItem | undefined {
  const queryClient = useQueryClient();
  for (const [, data] of queryClient.getQueriesData<InfiniteData<PatientPage>>({ queryKey: patientKeys.lists() })) {
    for (const pg of data?.pages ?? []) {
      const hit = pg.items.find((p) => p.id === id);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** The editable record and its ETag, for forms that PATCH it. */
export function usePatient(id: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: patientKeys.record(id),
    queryFn: ({ signal }) => client.getWithEtag(`/patients/${encodeURIComponent(id)}`, patientView, { signal }),
    retry: retryUnlessClientError,
    staleTime: 0,
  });
}

export function useChart(id: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: patientKeys.chart(id),
    queryFn: ({ signal }) => client.get(`/patients/${encodeURIComponent(id)}/chart`, chartHeader, { signal }),
    retry: retryUnlessClientError,
  });
}

/** Today at the patient's location: the date the api judges a chart entry's "not in the future" by. */
export function usePatientToday(id: string): string {
  return useClinicToday(useChart(id).data?.patient.locationId);
}

export function useEpisodes(id: string, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: patientKeys.episodes(id),
    queryFn: ({ signal }) => client.get(`/patients/${encodeURIComponent(id)}/episodes`, episodeList, { signal }),
    select: (d) => d.items,
    retry: retryUnlessClientError,
    enabled,
  });
}

export function useCaseload(id: string, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: patientKeys.caseload(id),
    queryFn: ({ signal }) => client.get(`/patients/${encodeURIComponent(id)}/caseload`, caseloadView, { signal }),
    select: (d) => d.items,
    retry: retryUnlessClientError,
    enabled,
  });
}

export function useCreatePatient() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: z.input<typeof patientCreate>) => (await client.send('POST', '/patients', patientView, { body: input })).data,
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: patientKeys.lists() });
      queryClient.removeQueries({ queryKey: patientKeys.record(created.id) });
    },
  });
}

export function useUpdatePatient(id: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, etag }: { input: z.input<typeof patientUpdate>; etag: string | null }) =>
      client.send('PATCH', `/patients/${encodeURIComponent(id)}`, patientView, { body: input, ifMatch: etag }),
    onSuccess: (saved: WithEtag<z.output<typeof patientView>>) => {
      // Without an ETag on the answer the next edit could not send If-Match: read the record again instead.
      if (saved.etag) queryClient.setQueryData(patientKeys.record(id), saved);
      else void queryClient.invalidateQueries({ queryKey: patientKeys.record(id) });
      void queryClient.invalidateQueries({ queryKey: patientKeys.chart(id) });
      void queryClient.invalidateQueries({ queryKey: patientKeys.episodes(id) });
      void queryClient.invalidateQueries({ queryKey: patientKeys.lists() });
    },
  });
}
