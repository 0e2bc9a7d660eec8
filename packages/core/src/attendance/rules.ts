import type { FieldError } from '../errors/errors';

/** How a person attended one held session (issue 6). */
export const attendanceStatuses = ['present', 'late', 'left_early', 'absent_excused', 'absent_unexcused'] as const;
export type AttendanceStatusValue = (typeof attendanceStatuses)[number];

export const isAbsence = (s: AttendanceStatusValue): boolean => s === 'absent_excused' || s === 'absent_unexcused';

/**
 * The minutes a status stands for in a session of `lengthMinutes`: present is the whole session unless fewer are
 * given; late and left early need the minutes actually attended, more than none and fewer than the whole; an
 * absence is 0. Minutes outside the session (negative, more than its length) are refused, naming the field.
 */
export function attendanceMinutes(
  status: AttendanceStatusValue,
  lengthMinutes: number,
  given: number | undefined,
): { minutes: number } | { issue: FieldError } {
  const issue = (message: string) => ({ issue: { path: 'minutesAttended', message } });
  if (given !== undefined && (!Number.isInteger(given) || given < 0)) return issue('must be a whole number of minutes, 0 or more');
  if (given !== undefined && given > lengthMinutes) return issue(`must be at most the session's ${lengthMinutes} minutes`);
  switch (status) {
    case 'present':
      if (given === 0) return issue('must be more than 0 for someone present; record an absence instead');
      return { minutes: given ?? lengthMinutes };
    case 'late':
    case 'left_early':
      if (given === undefined) return issue('is required when someone came late or left early');
      if (given === 0 || given >= lengthMinutes)
        return issue(`must be between 1 and ${lengthMinutes - 1} when someone came late or left early`);
      return { minutes: given };
    case 'absent_excused':
    case 'absent_unexcused':
      if (given !== undefined && given !== 0) return issue('must be 0 for an absence');
      return { minutes: 0 };
  }
}

export type HeldRefusal = 'cancelled' | 'draft' | 'not_started';

/** Whether attendance may be taken: the session was published (not a draft, not cancelled) and has started. */
export function sessionHeld(occ: { status: 'draft' | 'scheduled' | 'cancelled'; startsAt: Date }, now: Date): HeldRefusal | null {
  if (occ.status === 'cancelled') return 'cancelled';
  if (occ.status === 'draft') return 'draft';
  if (occ.startsAt.getTime() > now.getTime()) return 'not_started';
  return null;
}

export const HELD_WORDS: Record<HeldRefusal, string> = {
  cancelled: 'The session was cancelled',
  draft: 'The session is still a draft in an unpublished week',
  not_started: 'The session has not started yet',
};

/** Self check-in is accepted from 30 minutes before a session until it ends. */
export const CHECK_IN_EARLY_MINUTES = 30;

export function checkInWindowOpen(occ: { startsAt: Date; endsAt: Date }, now: Date): boolean {
  const t = now.getTime();
  return t >= occ.startsAt.getTime() - CHECK_IN_EARLY_MINUTES * 60_000 && t <= occ.endsAt.getTime();
}

/** A check-in makes the person present unless staff already recorded them; the minutes are counted from arrival. */
export function checkInAttendance(occ: { startsAt: Date; endsAt: Date }, at: Date): { status: 'present' | 'late'; minutes: number } {
  const length = Math.round((occ.endsAt.getTime() - occ.startsAt.getTime()) / 60_000);
  const lateBy = Math.floor((at.getTime() - occ.startsAt.getTime()) / 60_000);
  // Up to 10 minutes after the start counts as on time.
  if (lateBy <= 10) return { status: 'present', minutes: length };
  return { status: 'late', minutes: Math.max(1, length - lateBy) };
}

/**
 * Attendance nobody recorded: a held session whose roster still has people without a record this many hours after
 * it ended raises one task for its facilitator (billing and the hours ledger both need it). Sessions that ended
 * more than `ATTENDANCE_LOOKBACK_DAYS` ago are left alone: the sweep does not dig up old history.
 */
export const ATTENDANCE_GRACE_HOURS = 4;
export const ATTENDANCE_LOOKBACK_DAYS = 7;

/** The session ends the unrecorded-attendance sweep looks at, at `now`: from ≤ ends ≤ to. */
export function unrecordedAttendanceWindow(now: Date): { from: Date; to: Date } {
  return {
    from: new Date(now.getTime() - ATTENDANCE_LOOKBACK_DAYS * 86_400_000),
    to: new Date(now.getTime() - ATTENDANCE_GRACE_HOURS * 3_600_000),
  };
}

/** The roster members with no attendance record, in roster order. */
export function unrecorded(roster: readonly string[], recorded: readonly string[]): string[] {
  const done = new Set(recorded);
  return roster.filter((id) => !done.has(id));
}
