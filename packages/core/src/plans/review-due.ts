import type { LevelOfCare, ReviewView } from '../contracts/index';
import { addDays, daysBetween } from '../calendar';
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
