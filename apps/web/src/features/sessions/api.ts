import {
  calendarFeedView,
  meSessionsView,
  seriesOptions,
  seriesView,
  sessionsOverview,
  type SeriesCreate,
  type SeriesView,
} from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';

export const sessionKeys = {
  overview: (patientId: string) => ['sessions', patientId] as const,
  options: (patientId: string) => ['sessions', patientId, 'options'] as const,
  feed: (patientId: string | null) => ['calendar-feed', patientId ?? 'me'] as const,
  me: (token: string) => ['me', token, 'sessions'] as const,
};

const retry = (count: number, e: unknown) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2;
const patientPath = (patientId: string) => `/patients/${encodeURIComponent(patientId)}`;
/** The person's feed, or (no person) the signed-in staff member's own. */
const feedPath = (patientId: string | null) => (patientId ? `${patientPath(patientId)}/calendar-feed` : '/account/calendar-feed');

export function useSessions(patientId: string, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: sessionKeys.overview(patientId),
    queryFn: ({ signal }) => client.get(`${patientPath(patientId)}/sessions`, sessionsOverview, { signal }),
    retry,
    enabled,
  });
}

export function useSeriesOptions(patientId: string, enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: sessionKeys.options(patientId),
    queryFn: ({ signal }) => client.get(`${patientPath(patientId)}/series-options`, seriesOptions, { signal }),
    retry,
    enabled,
  });
}

function useRefresh(patientId: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: sessionKeys.overview(patientId) });
}

export function useCreateSeries(patientId: string) {
  const client = useApiClient();
  const refresh = useRefresh(patientId);
  return useMutation({
    mutationFn: async (input: SeriesCreate) =>
      (await client.send('POST', `${patientPath(patientId)}/series`, seriesView, { body: input })).data,
    onSuccess: refresh,
  });
}

/** Skip one date, or end the series from a day on; both send the series' version as If-Match. */
export function useSeriesAction(patientId: string) {
  const client = useApiClient();
  const refresh = useRefresh(patientId);
  return useMutation({
    mutationFn: async (a: { series: SeriesView } & ({ skip: string } | { endFrom: string | null })) =>
      (
        await client.send(
          'POST',
          `${patientPath(patientId)}/series/${encodeURIComponent(a.series.id)}/${'skip' in a ? 'exceptions' : 'end'}`,
          seriesView,
          { body: 'skip' in a ? { day: a.skip } : a.endFrom ? { fromDay: a.endFrom } : {}, ifMatch: `"${a.series.version}"` },
        )
      ).data,
    onSuccess: refresh,
  });
}

export function useCalendarFeed(patientId: string | null, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: sessionKeys.feed(patientId),
    queryFn: ({ signal }) => client.get(feedPath(patientId), calendarFeedView, { signal }),
    retry,
    enabled,
  });
}

export function useCreateCalendarFeed(patientId: string | null) {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => (await client.send('POST', feedPath(patientId), calendarFeedView, { body: {} })).data,
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionKeys.feed(patientId) }),
  });
}

export function useRevokeCalendarFeed(patientId: string | null) {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await client.call('DELETE', feedPath(patientId));
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionKeys.feed(patientId) }),
  });
}

export function useMeSessions(token: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: sessionKeys.me(token),
    queryFn: ({ signal }) => client.get(`/me/${encodeURIComponent(token)}/sessions`, meSessionsView, { signal }),
    retry,
  });
}
