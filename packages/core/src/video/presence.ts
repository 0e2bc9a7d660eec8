import type { AttendanceStatusCode } from './types';

/** One stay in a video room: admitted at `joinedAt`, gone at `leftAt` (null while still in the room). */
export interface Stay {
  joinedAt: Date;
  leftAt: Date | null;
}

const MINUTE_MS = 60_000;
/** Joining this long after the start, or leaving this long before the end, still counts as on time. */
export const VIDEO_GRACE_MINUTES = 5;
/** Rooms open this long before the session starts (the waiting room) … */
export const ROOM_OPENS_BEFORE_MINUTES = 15;
/** … and close this long after it ends. */
export const ROOM_CLOSES_AFTER_MINUTES = 30;

/**
 * Minutes attended from a person's stays: the union of overlapping stays (a dropped connection and a rejoin do not
 * count twice), clipped to the session, rounded down to whole minutes. An open stay counts until `now` (or the end).
 */
export function presenceMinutes(stays: readonly Stay[], sessionStart: Date, sessionEnd: Date, now: Date = sessionEnd): number {
  const start = sessionStart.getTime();
  const end = sessionEnd.getTime();
  const spans = stays
    .map((s) => [Math.max(s.joinedAt.getTime(), start), Math.min((s.leftAt ?? now).getTime(), end)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let curStart = -Infinity;
  let curEnd = -Infinity;
  for (const [a, b] of spans) {
    if (a > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart;
      curStart = a;
      curEnd = b;
    } else if (b > curEnd) curEnd = b;
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return Math.floor(total / MINUTE_MS);
}

/** What a person's video stays say about their attendance; `null` when they were never admitted. */
export interface VideoAttendance {
  status: AttendanceStatusCode;
  minutesAttended: number;
  arrivedAt: Date;
  leftAt: Date | null;
}

/**
 * Attendance from video presence: minutes as `presenceMinutes`; `late` when the first join is more than the grace
 * after the start, else `left_early` when the last leave is more than the grace before the end, else `present`.
 * Lateness wins over leaving early (one status per row; the minutes carry the rest). A person who waited and was
 * never admitted has no video attendance: staff record it.
 */
export function videoAttendance(stays: readonly Stay[], sessionStart: Date, sessionEnd: Date, now: Date): VideoAttendance | null {
  if (stays.length === 0) return null;
  const arrivedAt = new Date(Math.min(...stays.map((s) => s.joinedAt.getTime())));
  const open = stays.some((s) => s.leftAt === null);
  const leftAt = open ? null : new Date(Math.max(...stays.map((s) => (s.leftAt ?? now).getTime())));
  const grace = VIDEO_GRACE_MINUTES * MINUTE_MS;
  const minutesAttended = presenceMinutes(stays, sessionStart, sessionEnd, now);
  const late = arrivedAt.getTime() > sessionStart.getTime() + grace;
  const early = leftAt !== null && leftAt.getTime() < sessionEnd.getTime() - grace;
  const status: AttendanceStatusCode = late ? 'late' : early ? 'left_early' : 'present';
  return { status, minutesAttended, arrivedAt, leftAt };
}

/** Whether a room is open at `now`, and if not, why: built-in rooms open 15 minutes early and close 30 after. */
export function roomWindow(
  startsAt: Date,
  endsAt: Date,
  now: Date,
): { opensAt: Date; closesAt: Date; state: 'not_yet' | 'open' | 'closed' } {
  const opensAt = new Date(startsAt.getTime() - ROOM_OPENS_BEFORE_MINUTES * MINUTE_MS);
  const closesAt = new Date(endsAt.getTime() + ROOM_CLOSES_AFTER_MINUTES * MINUTE_MS);
  const t = now.getTime();
  return { opensAt, closesAt, state: t < opensAt.getTime() ? 'not_yet' : t >= closesAt.getTime() ? 'closed' : 'open' };
}

/**
 * The external room for a session, when the location has a template and the roster is larger than the built-in
 * mesh allows (the host counts as one of the mesh). `{occurrenceId}` is the only placeholder.
 */
export function externalRoomUrl(template: string | null, occurrenceId: string, rosterSize: number, meshLimit: number): string | null {
  if (!template) return null;
  if (rosterSize + 1 <= meshLimit) return null;
  return template.split('{occurrenceId}').join(encodeURIComponent(occurrenceId));
}
