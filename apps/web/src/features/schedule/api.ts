import {
  moveCheckView,
  scheduleWeekView,
  sessionAddedView,
  solveView,
  type OccurrenceMove,
  type ScheduleWeekView,
  type SessionAdd,
} from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError, type WithEtag } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';

export const scheduleKeys = {
  week: (locationId: string, weekStart: string) => ['schedule', locationId, weekStart] as const,
  solve: (id: string) => ['schedule', 'solve', id] as const,
};

const enc = encodeURIComponent;
const weekUrl = (locationId: string, weekStart: string) => `/locations/${enc(locationId)}/schedule/${enc(weekStart)}`;
const retry = (count: number, e: unknown) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2;

export function useScheduleWeek(locationId: string | null, weekStart: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: scheduleKeys.week(locationId ?? '', weekStart),
    queryFn: ({ signal }) => client.getWithEtag(weekUrl(locationId ?? '', weekStart), scheduleWeekView, { signal }),
    enabled: locationId !== null,
    retry,
    staleTime: 0,
  });
}

/** A running solve's progress, polled twice a second until it finishes. */
export function useSolve(id: string | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: scheduleKeys.solve(id ?? ''),
    queryFn: ({ signal }) => client.get(`/schedule/solves/${enc(id ?? '')}`, solveView, { signal }),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data?.status === 'running' || !q.state.data ? 500 : false),
    retry,
  });
}

function useWeekWrite<I>(locationId: string, weekStart: string, send: (input: I) => Promise<WithEtag<ScheduleWeekView>>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (saved) => queryClient.setQueryData(scheduleKeys.week(locationId, weekStart), saved),
  });
}

export function useStartSolve(locationId: string, weekStart: string) {
  const client = useApiClient();
  return useMutation({
    mutationFn: async () => (await client.send('POST', `${weekUrl(locationId, weekStart)}/solve`, solveView, { body: {} })).data,
  });
}

export function usePublishWeek(locationId: string, weekStart: string) {
  const client = useApiClient();
  return useWeekWrite(locationId, weekStart, (etag: string | null) =>
    client.send('POST', `${weekUrl(locationId, weekStart)}/publish`, scheduleWeekView, { body: {}, ifMatch: etag }),
  );
}

export function useMoveOccurrence(locationId: string, weekStart: string) {
  const client = useApiClient();
  return useWeekWrite(locationId, weekStart, (input: { occurrenceId: string; move: OccurrenceMove; etag: string | null }) =>
    client.send('POST', `/schedule/occurrences/${enc(input.occurrenceId)}/move`, scheduleWeekView, {
      body: input.move,
      ifMatch: input.etag,
    }),
  );
}

/** What a move would break, without saving it: the calendar asks while a session is dragged or edited. */
export function useCheckMove() {
  const client = useApiClient();
  return useMutation({
    mutationFn: async (input: { occurrenceId: string; move: Omit<OccurrenceMove, 'dryRun'> }) =>
      (
        await client.send('POST', `/schedule/occurrences/${enc(input.occurrenceId)}/move`, moveCheckView, {
          body: { ...input.move, dryRun: true },
        })
      ).data,
  });
}

export function useRemoveAttendee(locationId: string, weekStart: string) {
  const client = useApiClient();
  return useWeekWrite(locationId, weekStart, (input: { occurrenceId: string; patientId: string; etag: string | null }) =>
    client.send('DELETE', `/schedule/occurrences/${enc(input.occurrenceId)}/attendees/${enc(input.patientId)}`, scheduleWeekView, {
      ifMatch: input.etag,
    }),
  );
}

/** Adds an ad hoc session to the week; the saved week replaces the cached one. */
export function useAddSession(locationId: string, weekStart: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { session: Omit<SessionAdd, 'dryRun'>; etag: string | null }) =>
      (
        await client.send('POST', `${weekUrl(locationId, weekStart)}/sessions`, sessionAddedView, {
          body: input.session,
          ifMatch: input.etag,
        })
      ).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scheduleKeys.week(locationId, weekStart) }),
  });
}

/** What adding a session would break, without saving it. */
export function useCheckAddSession(locationId: string, weekStart: string) {
  const client = useApiClient();
  return useMutation({
    mutationFn: async (session: Omit<SessionAdd, 'dryRun'>) =>
      (await client.send('POST', `${weekUrl(locationId, weekStart)}/sessions`, moveCheckView, { body: { ...session, dryRun: true } })).data,
  });
}
