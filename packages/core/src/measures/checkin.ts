import { addDays, daysBetween } from '../calendar';

/** Craving (0–10) at or above which a check-in alerts the care team, unless the team sets another for the person. */
export const DEFAULT_CRAVING_THRESHOLD = 7;

export type CheckinAlertReason = 'craving' | 'use';

/**
 * Why a daily check-in alerts the care team: craving at or above the person's threshold, or use reported since
 * the last check-in. Empty when it does not alert.
 */
export function checkinAlertReasons(c: { craving: number; usedSinceLast: boolean }, threshold: number): CheckinAlertReason[] {
  const reasons: CheckinAlertReason[] = [];
  if (c.craving >= threshold) reasons.push('craving');
  if (c.usedSinceLast) reasons.push('use');
  return reasons;
}

/** A task title in words that carry no answer values. */
export function checkinAlertTitle(reasons: readonly CheckinAlertReason[]): string {
  const words = reasons.map((r) => (r === 'craving' ? 'craving at or above threshold' : 'use reported'));
  return `Daily check-in: ${words.join(' and ')}`;
}

/** After this many clinic-local days in a row without a daily check-in, the clinician's worklist says so. */
export const MISSED_CHECKIN_DAYS = 3;

/**
 * How many clinic-local days in a row, ending yesterday, have passed without a check-in since the daily check-in
 * began on `startDate`. Today never counts (the day is not over), and a check-in today ends the gap: 0.
 */
export function missedCheckinDays(checkedIn: readonly string[], startDate: string, today: string): number {
  if (checkedIn.includes(today)) return 0;
  const yesterday = addDays(today, -1);
  if (yesterday < startDate) return 0;
  const latest = checkedIn
    .filter((d) => d <= yesterday && d >= startDate)
    .sort()
    .at(-1);
  const firstMissed = latest ? addDays(latest, 1) : startDate;
  return Math.max(0, daysBetween(firstMissed, yesterday) + 1);
}
