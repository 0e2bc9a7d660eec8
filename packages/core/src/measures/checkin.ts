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
