import { describe, expect, it } from 'vitest';
import { rowProblem, rowsOf, windowsOf, type WindowRow } from './window-rows';

const row = (days: number[], start: number, end: number): WindowRow<string> => ({ key: 'k', days, start, end, extra: 'loc' });

describe('window rows ↔ windows', () => {
  it('one row per stored window, keeping the extra field', () => {
    const rows = rowsOf([{ weekday: 2, start: 540, end: 600, locationId: 'a' }], (w) => w.locationId);
    expect(rows.map(({ days, start, end, extra }) => ({ days, start, end, extra }))).toEqual([
      { days: [2], start: 540, end: 600, extra: 'a' },
    ]);
  });

  it.each<[string, WindowRow<string>[], number]>([
    ['a row with three days is three windows', [row([0, 2, 4], 1080, 1260)], 3],
    ['a row with no day is none', [row([], 1080, 1260)], 0],
    ['rows add up', [row([0], 60, 120), row([5, 6], 60, 120)], 3],
  ])('%s', (_name, rows, count) => {
    const out = windowsOf(rows);
    expect(out).toHaveLength(count);
    expect(out.every((w) => w.extra === 'loc' && w.start < w.end)).toBe(true);
  });

  it.each<[string, WindowRow<string>, ReturnType<typeof rowProblem>]>([
    ['fine', row([1], 540, 600), null],
    ['no day', row([], 540, 600), { days: 'Choose at least one day' }],
    ['ends before it starts', row([1], 600, 540), { end: 'Must be after the start' }],
    ['ends as it starts, no day', row([], 600, 600), { days: 'Choose at least one day', end: 'Must be after the start' }],
  ])('rowProblem: %s', (_name, r, problem) => expect(rowProblem(r)).toEqual(problem));
});
