import { describe, expect, it } from 'vitest';
import { clockText, dateInWeek, inWeek, isMonday, mondayOf, weekdayOf } from './week-dates';

describe('week dates', () => {
  it.each([
    ['2026-11-30', 0],
    ['2026-12-02', 2],
    ['2026-12-06', 6],
    ['2027-03-14', 6],
  ])('weekday of %s is %i', (d, w) => expect(weekdayOf(d)).toBe(w));
  it.each([
    ['2026-12-02', '2026-11-30'],
    ['2026-11-30', '2026-11-30'],
    ['2027-01-03', '2026-12-28'],
  ])('the Monday of %s is %s', (d, m) => expect(mondayOf(d)).toBe(m));
  it('places weekdays and tests membership', () => {
    expect(isMonday('2026-11-30')).toBe(true);
    expect(isMonday('2026-12-01')).toBe(false);
    expect(dateInWeek('2026-12-28', 4)).toBe('2027-01-01');
    expect(inWeek('2026-11-30', '2026-12-06')).toBe(true);
    expect(inWeek('2026-11-30', '2026-12-07')).toBe(false);
    expect(inWeek('2026-11-30', '2026-11-29')).toBe(false);
    expect(clockText(18 * 60 + 5)).toBe('18:05');
  });
});
