import { describe, expect, it } from 'vitest';
import { checkinAlertReasons, checkinAlertTitle, DEFAULT_CRAVING_THRESHOLD, MISSED_CHECKIN_DAYS, missedCheckinDays } from './checkin';

describe('checkinAlertReasons', () => {
  it.each([
    [6, false, 7, []],
    [7, false, 7, ['craving']],
    [10, false, 7, ['craving']],
    [0, true, 7, ['use']],
    [9, true, 7, ['craving', 'use']],
    [4, false, 4, ['craving']],
    [9, false, 10, []],
    [0, false, 0, ['craving']],
  ])('craving %i, use %s, threshold %i → %o', (craving, usedSinceLast, threshold, want) => {
    expect(checkinAlertReasons({ craving, usedSinceLast }, threshold)).toEqual(want);
  });
  it('defaults to 7', () => expect(DEFAULT_CRAVING_THRESHOLD).toBe(7));
  it('titles carry no values', () => {
    expect(checkinAlertTitle(['craving', 'use'])).toBe('Daily check-in: craving at or above threshold and use reported');
  });
});

describe('missedCheckinDays', () => {
  it.each([
    ['began today', [], '2026-12-01', '2026-12-01', 0],
    ['began yesterday, none yet', [], '2026-11-30', '2026-12-01', 1],
    ['began three days ago, none', [], '2026-11-28', '2026-12-01', 3],
    ['checked in yesterday', ['2026-11-30'], '2026-11-20', '2026-12-01', 0],
    ['last check-in four days ago', ['2026-11-25', '2026-11-27'], '2026-11-20', '2026-12-01', 3],
    ['a check-in today ends the gap', ['2026-11-25', '2026-12-01'], '2026-11-20', '2026-12-01', 0],
    ['check-ins before the start do not count', ['2026-11-10'], '2026-11-28', '2026-12-01', 3],
    ['across a month end', ['2026-10-29'], '2026-10-01', '2026-11-02', 3],
    ['across the DST change (dates, not instants)', ['2026-10-31'], '2026-10-01', '2026-11-03', 2],
  ])('%s', (_what, checkedIn, startDate, today, want) => {
    expect(missedCheckinDays(checkedIn, startDate, today)).toBe(want);
  });
  it('the worklist hears of it after three days', () => expect(MISSED_CHECKIN_DAYS).toBe(3));
});
