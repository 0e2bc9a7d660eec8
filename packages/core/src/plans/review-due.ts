import type { LevelOfCare, ReviewView } from '../contracts/index';
import { localDate } from '../time';

export interface ReviewInput {
  /** When the newest signed version was locked (both signatures), or null when none is. */
  lockedAt: Date | null;
  /** The episode's level of care when that version was locked. */
  levelAtSigning: LevelOfCare | null;
  /** The episode's level of care now. */
  currentLevel: LevelOfCare;
  /** Days between reviews (organization setting). */
  reviewDays: number;
  /** The clinic's IANA time zone: due dates are clinic-local calendar dates. */
  timeZone: string;
  now: Date;
  /** How many days ahead counts as "due soon" (the worklist's window). */
  soonDays?: number;
}

/** Adds whole calendar days to a YYYY-MM-DD date (no clock time, so no DST hour can shift the day). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole calendar days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * When the plan's next review is due. The cadence counts clinic-local calendar days from the day the current version
 * was locked, so a plan signed at 23:30 on the eve of a DST change is due on the same calendar day as one signed at
 * noon. Any change of level of care since signing makes a review due today (reason `level_change`), whatever the
 * cadence says. `due` means today is the due day, `due_soon` within `soonDays` (default 7), `overdue` after it.
 */
export function reviewDue(input: ReviewInput): ReviewView {
  if (!input.lockedAt) return { status: 'not_signed', dueOn: null, reason: null };
  const today = localDate(input.now, input.timeZone);
  const cadenceDue = addDays(localDate(input.lockedAt, input.timeZone), input.reviewDays);
  const levelChanged = input.levelAtSigning !== null && input.levelAtSigning !== input.currentLevel;
  if (levelChanged && cadenceDue > today) return { status: 'due', dueOn: today, reason: 'level_change' };
  const left = daysBetween(today, cadenceDue);
  const reason = levelChanged ? 'level_change' : 'cadence';
  if (left < 0) return { status: 'overdue', dueOn: cadenceDue, reason };
  if (left === 0) return { status: 'due', dueOn: cadenceDue, reason };
  if (left <= (input.soonDays ?? 7)) return { status: 'due_soon', dueOn: cadenceDue, reason: 'cadence' };
  return { status: 'not_due', dueOn: cadenceDue, reason: 'cadence' };
}

/** The instant a clinic-local day starts (midnight in its zone), for worklist due times. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  // Guess midnight UTC, then correct by the zone's offset at that instant (twice, for days a DST change starts).
  let guess = Date.parse(`${date}T00:00:00Z`);
  for (let i = 0; i < 2; i++) {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(guess));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
    guess += Date.parse(`${date}T00:00:00Z`) - shown;
  }
  return new Date(guess);
}
