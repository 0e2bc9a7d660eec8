import type { LevelOfCare } from '../contracts/patients';
import { perDiemDayMinimumHours, weeklyHourFloor, type AgeGroup } from '../scheduling/week';
import { isAbsence, type AttendanceStatusValue } from './rules';

/** One of the person's sessions in the week: published (or cancelled), with its instants and clinic-local day. */
export interface LedgerSession {
  id: string;
  /** Clinic-local date of the session, in the location's time zone (a DST week keeps its days). */
  day: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
}

export interface LedgerAttendance {
  occurrenceId: string;
  status: AttendanceStatusValue;
  minutesAttended: number;
}

export interface LedgerInput {
  sessions: readonly LedgerSession[];
  attendance: readonly LedgerAttendance[];
  floorMinutes: number;
  /** Billed per diem: a day with any service must carry `dayMinimumMinutes`. */
  perDiem: boolean;
  dayMinimumMinutes: number;
  now: Date;
}

export type LedgerStatus = 'on_track' | 'at_risk' | 'below_floor';

export interface LedgerDay {
  day: string;
  scheduledMinutes: number;
  attendedMinutes: number;
  /** A per-diem day that had service but, once over, fell short of the day minimum (it cannot be billed). */
  short: boolean;
}

export interface WeekLedger {
  floorMinutes: number;
  scheduledMinutes: number;
  attendedMinutes: number;
  /** Attended so far plus every session still ahead or not yet recorded, in full: the most the week can reach. */
  possibleMinutes: number;
  /** Sessions already over with no attendance recorded yet (counted as possible until someone records them). */
  unrecordedMinutes: number;
  misses: number;
  met: boolean;
  /**
   * `on_track`: the floor is met, or can be with room for a missed session; `at_risk`: it can only be met by
   * attending every remaining session in full; `below_floor`: it can no longer be met this week.
   */
  status: LedgerStatus;
  days: LedgerDay[];
}

const minutesOf = (s: LedgerSession): number => Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000);

/**
 * A person's week against their floor, live: scheduled, attended and still-possible minutes, each day's attended
 * minutes and the per-diem day minimum (clinical reference §1.1, §2). Lengths come from the instants, so a session
 * across a DST change counts the minutes that really passed.
 */
export function weekLedger(input: LedgerInput): WeekLedger {
  const byOccurrence = new Map(input.attendance.map((a) => [a.occurrenceId, a]));
  const now = input.now.getTime();
  const days = new Map<string, LedgerDay & { over: boolean }>();
  let scheduled = 0;
  let attended = 0;
  let ahead = 0;
  let unrecorded = 0;
  let misses = 0;
  let shortestAhead = Infinity;
  for (const s of [...input.sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    const record = byOccurrence.get(s.id);
    if (s.cancelled && !record) continue;
    const length = minutesOf(s);
    const day = days.get(s.day) ?? { day: s.day, scheduledMinutes: 0, attendedMinutes: 0, short: false, over: true };
    day.scheduledMinutes += length;
    scheduled += length;
    if (record) {
      day.attendedMinutes += record.minutesAttended;
      attended += record.minutesAttended;
      if (isAbsence(record.status)) misses += 1;
    } else if (s.endsAt.getTime() <= now) {
      unrecorded += length;
      day.over = false;
    } else {
      ahead += length;
      shortestAhead = Math.min(shortestAhead, length);
      day.over = false;
    }
    days.set(s.day, day);
  }
  const possible = attended + ahead + unrecorded;
  const met = attended >= input.floorMinutes;
  const status: LedgerStatus = met
    ? 'on_track'
    : possible < input.floorMinutes
      ? 'below_floor'
      : possible - input.floorMinutes < shortestAhead
        ? 'at_risk'
        : 'on_track';
  return {
    floorMinutes: input.floorMinutes,
    scheduledMinutes: scheduled,
    attendedMinutes: attended,
    possibleMinutes: possible,
    unrecordedMinutes: unrecorded,
    misses,
    met,
    status,
    days: [...days.values()]
      .sort((a, b) => a.day.localeCompare(b.day))
      .map(({ over, ...d }) => ({
        ...d,
        short: input.perDiem && over && d.attendedMinutes > 0 && d.attendedMinutes < input.dayMinimumMinutes,
      })),
  };
}

export interface LedgerFloorFacts {
  levelOfCare: LevelOfCare;
  ageGroup: AgeGroup;
  phaseMinHours: number;
  stepDown: boolean;
}

/** The floor and per-diem day minimum in minutes, from the scheduler's own rule (`weeklyHourFloor`). */
export function ledgerFloor(f: LedgerFloorFacts): { floorMinutes: number; dayMinimumMinutes: number } {
  return { floorMinutes: Math.round(weeklyHourFloor(f) * 60), dayMinimumMinutes: perDiemDayMinimumHours(f.ageGroup) * 60 };
}

export type EngagementReason = 'two_misses_in_a_row' | 'under_floor_two_weeks';

/**
 * Engagement risk (clinical reference §4): the person's last two recorded sessions were both missed, or their
 * attended hours were under the floor in each of the last two finished weeks. `recent` is newest first.
 */
export function engagementRisk(input: {
  recent: readonly { status: AttendanceStatusValue }[];
  finishedWeeks: readonly { attendedMinutes: number; floorMinutes: number }[];
}): EngagementReason[] {
  const reasons: EngagementReason[] = [];
  const [a, b] = input.recent;
  if (a && b && isAbsence(a.status) && isAbsence(b.status)) reasons.push('two_misses_in_a_row');
  const [w1, w2] = input.finishedWeeks;
  const under = (w: { attendedMinutes: number; floorMinutes: number }) => w.floorMinutes > 0 && w.attendedMinutes < w.floorMinutes;
  if (w1 && w2 && under(w1) && under(w2)) reasons.push('under_floor_two_weeks');
  return reasons;
}

/** Mid-week early warning: the week is not over and the floor can no longer, or only just, be met. */
export const needsHoursWarning = (l: WeekLedger): boolean => !l.met && l.floorMinutes > 0 && l.status === 'below_floor';
