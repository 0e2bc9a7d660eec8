import { describe, expect, it } from 'vitest';
import { checkinAlertReasons, checkinAlertTitle, DEFAULT_CRAVING_THRESHOLD } from './checkin';

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
