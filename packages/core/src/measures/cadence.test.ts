import { describe, expect, it } from 'vitest';
import { localDate } from '../time';
import { measureStatus, occurrence, defaultGraceDays, type Cadence, type MeasureSchedule } from './cadence';
import { addDays, addMonths, daysBetween, startOfLocalDay } from '../calendar';

const biweekly: Cadence = { kind: 'biweekly' };
const s = (cadence: Cadence, startDate: string, graceDays = defaultGraceDays(cadence), endDate: string | null = null): MeasureSchedule => ({
  cadence,
  startDate,
  endDate,
  graceDays,
});

describe('calendar dates', () => {
  it.each([
    ['2026-03-07', 1, '2026-03-08'],
    ['2026-03-08', 1, '2026-03-09'],
    ['2026-10-31', 1, '2026-11-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-10', -14, '2026-02-24'],
  ])('%s + %i days = %s', (d, n, want) => expect(addDays(d, n)).toBe(want));

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-01-15', 12, '2027-01-15'],
    ['2026-03-31', 1, '2026-04-30'],
  ])('%s + %i months = %s', (d, n, want) => expect(addMonths(d, n)).toBe(want));

  it('counts whole days across a DST change', () => {
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-10-31', '2026-11-02')).toBe(2);
  });
});

describe('occurrence', () => {
  it.each<[Cadence, string, number, string]>([
    [{ kind: 'daily' }, '2026-03-01', 10, '2026-03-11'],
    [{ kind: 'weekly' }, '2026-03-01', 2, '2026-03-15'],
    [biweekly, '2026-03-01', 1, '2026-03-15'],
    [{ kind: 'every_n_days', days: 10 }, '2026-03-01', 3, '2026-03-31'],
    [{ kind: 'monthly' }, '2026-01-31', 1, '2026-02-28'],
    // Monthly keeps the start's day: the clamp in February does not drift March.
    [{ kind: 'monthly' }, '2026-01-31', 2, '2026-03-31'],
  ])('%o from %s, #%i is %s', (c, start, k, want) => expect(occurrence(c, start, k)).toBe(want));
});

describe('measureStatus', () => {
  it.each<
    [
      string,
      MeasureSchedule,
      string[],
      string,
      { state: string; dueDate: string | null; graceUntil?: string | null; nextDueDate?: string | null },
    ]
  >([
    ['before the start', s(biweekly, '2026-11-20'), [], '2026-11-16', { state: 'scheduled', dueDate: null, nextDueDate: '2026-11-20' }],
    [
      'due on the start date',
      s(biweekly, '2026-11-16'),
      [],
      '2026-11-16',
      { state: 'due', dueDate: '2026-11-16', graceUntil: '2026-11-19', nextDueDate: '2026-11-30' },
    ],
    ['still due on the last day of grace', s(biweekly, '2026-11-16'), [], '2026-11-19', { state: 'due', dueDate: '2026-11-16' }],
    ['missed the day after grace', s(biweekly, '2026-11-16'), [], '2026-11-20', { state: 'missed', dueDate: '2026-11-16' }],
    ['done when answered in the period', s(biweekly, '2026-11-16'), ['2026-11-18'], '2026-11-20', { state: 'done', dueDate: '2026-11-16' }],
    [
      'an answer before the period does not count',
      s(biweekly, '2026-11-16'),
      ['2026-11-15'],
      '2026-11-17',
      { state: 'due', dueDate: '2026-11-16' },
    ],
    [
      'next period opens on its due date',
      s(biweekly, '2026-11-16'),
      ['2026-11-16'],
      '2026-11-30',
      { state: 'due', dueDate: '2026-11-30', nextDueDate: '2026-12-14' },
    ],
    [
      'daily check-in is due every day',
      s({ kind: 'daily' }, '2026-11-01'),
      ['2026-11-15'],
      '2026-11-16',
      { state: 'due', dueDate: '2026-11-16', graceUntil: '2026-11-16' },
    ],
    [
      'daily check-in done today',
      s({ kind: 'daily' }, '2026-11-01'),
      ['2026-11-16'],
      '2026-11-16',
      { state: 'done', dueDate: '2026-11-16' },
    ],
    [
      'grace never runs past the next due date',
      s({ kind: 'weekly' }, '2026-11-02', 10),
      [],
      '2026-11-09',
      { state: 'due', dueDate: '2026-11-09', graceUntil: '2026-11-15' },
    ],
    [
      'monthly from the 31st, in February',
      s({ kind: 'monthly' }, '2026-01-31'),
      [],
      '2026-03-01',
      { state: 'due', dueDate: '2026-02-28', nextDueDate: '2026-03-31' },
    ],
    ['monthly missed after seven days', s({ kind: 'monthly' }, '2026-10-05'), [], '2026-11-13', { state: 'missed', dueDate: '2026-11-05' }],
    [
      'every 10 days',
      s({ kind: 'every_n_days', days: 10 }, '2026-11-01', 2),
      [],
      '2026-11-14',
      { state: 'missed', dueDate: '2026-11-11', graceUntil: '2026-11-13' },
    ],
    ['ended after the end date', s(biweekly, '2026-10-01', 3, '2026-11-10'), [], '2026-11-11', { state: 'ended', dueDate: null }],
    [
      'last period before the end has no next date',
      s(biweekly, '2026-11-02', 3, '2026-11-20'),
      [],
      '2026-11-16',
      { state: 'due', dueDate: '2026-11-16', nextDueDate: null },
    ],
  ])('%s', (_name, sched, answered, today, want) => {
    expect(measureStatus(sched, answered, today)).toMatchObject(want);
  });

  // Clinic-local dates: the same instant is a different day in Los Angeles and New York, and DST weeks keep
  // their due dates (a date is never 23 or 25 hours).
  it.each([
    // Spring forward, Sunday 8 March 2026: until 08:00Z it is still Saturday in Los Angeles (PST, −8).
    ['2026-03-08T07:30:00Z', 'America/Los_Angeles', '2026-03-07', '2026-03-01'],
    ['2026-03-08T08:30:00Z', 'America/Los_Angeles', '2026-03-08', '2026-03-08'],
    ['2026-03-08T05:30:00Z', 'America/New_York', '2026-03-08', '2026-03-08'],
    ['2026-03-08T04:30:00Z', 'America/New_York', '2026-03-07', '2026-03-01'],
    // Fall back, Sunday 1 November 2026: 07:30Z is 00:30 PDT on the 1st; 06:30Z is 23:30 on the 31st.
    ['2026-11-01T07:30:00Z', 'America/Los_Angeles', '2026-11-01', '2026-11-01'],
    ['2026-11-01T06:30:00Z', 'America/Los_Angeles', '2026-10-31', '2026-10-25'],
    // After fall back the offset is −8: 07:30Z on Sunday 8 November is 23:30 on Saturday the 7th.
    ['2026-11-08T07:30:00Z', 'America/Los_Angeles', '2026-11-07', '2026-11-01'],
  ])('at %s in %s the clinic-local date is %s and the weekly due date %s', (at, zone, date, due) => {
    const today = localDate(new Date(at), zone);
    expect(today).toBe(date);
    expect(measureStatus(s({ kind: 'weekly' }, '2026-02-22'), [], today).dueDate).toBe(due);
  });

  it('a weekly measure keeps its weekday across both DST changes', () => {
    const dates = Array.from({ length: 40 }, (_, k) => occurrence({ kind: 'weekly' }, '2026-02-22', k));
    expect(dates).toContain('2026-03-08');
    expect(dates).toContain('2026-11-01');
    for (const d of dates) expect(new Date(`${d}T12:00:00Z`).getUTCDay()).toBe(0);
  });
});

describe('startOfLocalDay', () => {
  it.each([
    ['2026-11-16', 'America/Los_Angeles', '2026-11-16T08:00:00.000Z'],
    ['2026-07-01', 'America/Los_Angeles', '2026-07-01T07:00:00.000Z'],
    // Both DST Sundays begin before the change (at 02:00), so midnight keeps the old offset.
    ['2026-03-08', 'America/Los_Angeles', '2026-03-08T08:00:00.000Z'],
    ['2026-03-09', 'America/Los_Angeles', '2026-03-09T07:00:00.000Z'],
    ['2026-11-01', 'America/New_York', '2026-11-01T04:00:00.000Z'],
    ['2026-11-02', 'America/New_York', '2026-11-02T05:00:00.000Z'],
    ['2026-06-01', 'UTC', '2026-06-01T00:00:00.000Z'],
    ['2026-06-01', 'Asia/Kolkata', '2026-05-31T18:30:00.000Z'],
  ])('%s in %s begins at %s', (d, zone, want) => {
    const at = startOfLocalDay(d, zone);
    expect(at.toISOString()).toBe(want);
    expect(localDate(at, zone)).toBe(d);
    expect(localDate(new Date(at.getTime() - 1), zone)).toBe(addDays(d, -1));
  });
});
