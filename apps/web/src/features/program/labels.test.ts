import { describe, expect, it } from 'vitest';
import { clock, num, quarterHours } from './labels';

describe('program labels', () => {
  it.each([
    [0, '00:00'],
    [9 * 60 + 5, '09:05'],
    [18 * 60 + 45, '18:45'],
    [1440, '24:00'],
  ])('clock(%i) is %s', (minute, text) => expect(clock(minute)).toBe(text));

  it('offers every quarter hour of one day, in order', () => {
    expect(quarterHours).toHaveLength(96);
    expect(quarterHours[0]).toEqual({ value: '0', label: '00:00' });
    expect(quarterHours.at(-1)).toEqual({ value: '1425', label: '23:45' });
  });

  it.each([
    ['12', 12],
    [' 7 ', 7],
    ['', Number.NaN],
    ['  ', Number.NaN],
    ['x', Number.NaN],
  ])('num(%j) is %d', (typed, n) => expect(num(typed)).toBe(n));
});
