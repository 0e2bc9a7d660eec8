import {
  attendanceView,
  checkInCodeView,
  locationHoursView,
  meCheckInView,
  patientHoursView,
  runSheetView,
  scheduleWeekView,
  todaySessionsView,
  type AttendanceRecord,
  type MeCheckIn,
} from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';
import { etagForVersion } from '../../lib/etag';

export const attendanceKeys = {
  sheet: (occurrenceId: string) => ['run-sheet', occurrenceId] as const,
  code: (occurrenceId: string) => ['run-sheet', occurrenceId, 'code'] as const,
  today: ['sessions-today'] as const,
  hours: (patientId: string, week: string | null) => ['hours', patientId, week ?? 'this'] as const,
  locationHours: (locationId: string, week: string | null) => ['location-hours', locationId, week ?? 'this'] as const,
};

const retry = (count: number, e: unknown) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2;
const sessionPath = (id: string) => `/sessions/${encodeURIComponent(id)}`;
const weekQuery = (week: string | null) => (week ? `?week=${week}` : '');

export function useRunSheet(occurrenceId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: attendanceKeys.sheet(occurrenceId),
    queryFn: ({ signal }) => client.get(`${sessionPath(occurrenceId)}/run-sheet`, runSheetView, { signal }),
    retry,
    // Check-ins and video presence arrive while the session runs.
    refetchInterval: 15_000,
  });
}

/** The code shown in the room, refreshed as it rotates (every minute). */
export function useCheckInCode(occurrenceId: string, open: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: attendanceKeys.code(occurrenceId),
    queryFn: ({ signal }) => client.get(`${sessionPath(occurrenceId)}/check-in/code`, checkInCodeView, { signal }),
    retry,
    enabled: open,
    refetchInterval: (q) => {
      const expires = q.state.data ? new Date(q.state.data.expiresAt).getTime() - Date.now() : 10_000;
      return Math.max(1_000, Math.min(expires + 500, 60_000));
    },
  });
}

export function useRecordAttendance(occurrenceId: string) {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (a: { patientId: string; version: number | null; input: AttendanceRecord }) =>
      (
        await client.send('PUT', `${sessionPath(occurrenceId)}/attendance/${encodeURIComponent(a.patientId)}`, attendanceView, {
          body: a.input,
          ...(a.version === null ? {} : { ifMatch: etagForVersion(a.version) }),
        })
      ).data,
    onSettled: () => qc.invalidateQueries({ queryKey: attendanceKeys.sheet(occurrenceId) }),
  });
}

export function useCheckInToggle(occurrenceId: string) {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (open: boolean) =>
      (
        await client.send('POST', `${sessionPath(occurrenceId)}/check-in/${open ? 'open' : 'close'}`, runSheetView.shape.checkIn, {
          body: {},
        })
      ).data,
    onSuccess: () => qc.invalidateQueries({ queryKey: attendanceKeys.sheet(occurrenceId) }),
  });
}

export function useTodaySessions() {
  const client = useApiClient();
  return useQuery({
    queryKey: attendanceKeys.today,
    queryFn: ({ signal }) => client.get('/sessions/today', todaySessionsView, { signal }),
    retry,
  });
}

export function usePatientHours(patientId: string, week: string | null, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: attendanceKeys.hours(patientId, week),
    queryFn: ({ signal }) => client.get(`/patients/${encodeURIComponent(patientId)}/hours${weekQuery(week)}`, patientHoursView, { signal }),
    retry,
    enabled,
  });
}

export function useLocationHours(locationId: string | null, week: string | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: attendanceKeys.locationHours(locationId ?? '', week),
    queryFn: ({ signal }) =>
      client.get(`/locations/${encodeURIComponent(locationId ?? '')}/hours${weekQuery(week)}`, locationHoursView, { signal }),
    retry,
    enabled: Boolean(locationId),
  });
}

export function useMeCheckIn(token: string) {
  const client = useApiClient();
  return useMutation({
    mutationFn: async (input: MeCheckIn) =>
      (await client.send('POST', `/me/${encodeURIComponent(token)}/check-in`, meCheckInView, { body: input, expectUnauthenticated: true }))
        .data,
  });
}

/**
 * Seats the person in a make-up session: the schedule's roster change (its hard-limit checks, If-Match on the week),
 * after reading the week's current version. The hours and run sheets are read again afterwards.
 */
export function useAddToMakeUp(patientId: string) {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (m: { occurrenceId: string; locationId: string; weekStart: string }) => {
      const week = await client.getWithEtag(
        `/locations/${encodeURIComponent(m.locationId)}/schedule/${encodeURIComponent(m.weekStart)}`,
        scheduleWeekView,
      );
      await client.send('POST', `/schedule/occurrences/${encodeURIComponent(m.occurrenceId)}/attendees`, scheduleWeekView, {
        body: { patientId },
        ifMatch: week.etag,
      });
    },
    onSettled: async () => {
      await qc.invalidateQueries({ queryKey: ['hours', patientId] });
      await qc.invalidateQueries({ queryKey: ['schedule'] });
    },
  });
}
