import { describe, expect, it } from 'vitest';
import { expandSeries, parseRrule, seriesErrors } from './rrule';
import { weekdayOf, zonedInstant } from './zoned';

const iso = (d: Date) => d.toISOString();

describe('zonedInstant', () => {
  it.each([
    // zone, day, wall time, expected instant
    ['America/Los_Angeles', '2026-03-07', 600, '2026-03-07T18:00:00.000Z'], // PST, the Saturday before
    ['America/Los_Angeles', '2026-03-08', 600, '2026-03-08T17:00:00.000Z'], // PDT, the change day itself
    ['America/Los_Angeles', '2026-03-08', 150, '2026-03-08T10:30:00.000Z'], // 02:30 does not exist → 03:30 PDT
    ['America/Los_Angeles', '2026-11-01', 90, '2026-11-01T08:30:00.000Z'], // 01:30 twice → the first (PDT)
    ['America/Los_Angeles', '2026-11-01', 600, '2026-11-01T18:00:00.000Z'], // PST after the change
    ['America/New_York', '2026-03-08', 150, '2026-03-08T07:30:00.000Z'], // gap → 03:30 EDT
    ['America/New_York', '2026-03-09', 600, '2026-03-09T14:00:00.000Z'],
    ['Europe/London', '2026-03-29', 90, '2026-03-29T01:30:00.000Z'], // 01:30 does not exist → 02:30 BST
    ['Europe/London', '2026-03-30', 600, '2026-03-30T09:00:00.000Z'],
    ['Europe/London', '2026-10-25', 90, '2026-10-25T00:30:00.000Z'], // first 01:30 (BST)
    ['Pacific/Kiritimati', '2026-01-01', 0, '2025-12-31T10:00:00.000Z'],
    ['UTC', '2026-06-01', 1439, '2026-06-01T23:59:00.000Z'],
  ])('%s %s minute %i → %s', (zone, day, minute, expected) => {
    expect(iso(zonedInstant(day, minute, zone))).toBe(expected);
  });

  it('numbers weekdays from Monday', () => {
    expect(weekdayOf('2026-03-09')).toBe(0);
    expect(weekdayOf('2026-03-15')).toBe(6);
  });
});

describe('parseRrule', () => {
  it.each([
    ['FREQ=WEEKLY', { freq: 'WEEKLY', interval: 1, byDay: [], count: null, until: null }],
    ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=10', { freq: 'WEEKLY', interval: 2, byDay: [1, 3], count: 10, until: null }],
    ['freq=daily;until=20260630', { freq: 'DAILY', interval: 1, byDay: [], count: null, until: '2026-06-30' }],
    ['FREQ=DAILY;UNTIL=20260630T235959Z;WKST=MO', { freq: 'DAILY', interval: 1, byDay: [], count: null, until: '2026-06-30' }],
  ])('%s', (text, rule) => {
    expect(parseRrule(text)).toEqual({ rule });
  });

  it.each([
    ['', 'rrule: is empty'],
    ['FREQ=MONTHLY', 'rrule: unsupported FREQ=MONTHLY (DAILY or WEEKLY)'],
    ['FREQ=WEEKLY;BYDAY=1MO', 'rrule: unsupported BYDAY=1MO (weekdays like MO,WE without ordinals)'],
    ['FREQ=WEEKLY;BYMONTH=3', 'rrule: unsupported BYMONTH'],
    ['FREQ=WEEKLY;COUNT=3;UNTIL=20260101', 'rrule: COUNT and UNTIL cannot both be given'],
    ['FREQ=WEEKLY;INTERVAL=0', 'rrule: INTERVAL=0 must be a whole number from 1 to 52'],
    ['FREQ=WEEKLY;COUNT=9999', 'rrule: COUNT=9999 must be a whole number from 1 to 730'],
    ['FREQ=WEEKLY;UNTIL=20260231', 'rrule: UNTIL=20260231 is not a date like 20260630 or 20260630T235959Z'],
    ['INTERVAL=2', 'rrule: FREQ is required'],
    ['FREQ=WEEKLY;FREQ=DAILY', 'rrule: FREQ given twice'],
    ['FREQ', 'rrule: "FREQ" is not NAME=VALUE'],
    ['FREQ=WEEKLY;WKST=SU', 'rrule: unsupported WKST=SU (weeks start on Monday)'],
  ])('refuses %j', (text, message) => {
    const out = parseRrule(text);
    expect('errors' in out && out.errors).toContainEqual({ path: 'rrule', message });
  });
});

describe('seriesErrors', () => {
  it('wants the first day on one of BYDAY, UNTIL after it, and an end by midnight', () => {
    expect(seriesErrors({ rrule: 'FREQ=WEEKLY;BYDAY=TU', firstDay: '2026-03-09', startMinute: 600, durationMinutes: 50 })).toEqual([
      { path: 'firstDay', message: 'firstDay falls on MO, which BYDAY does not include' },
    ]);
    expect(seriesErrors({ rrule: 'FREQ=WEEKLY;UNTIL=20260301', firstDay: '2026-03-09', startMinute: 600, durationMinutes: 50 })).toEqual([
      { path: 'rrule', message: 'rrule: UNTIL is before the first day' },
    ]);
    expect(seriesErrors({ rrule: 'FREQ=DAILY', firstDay: '2026-03-09', startMinute: 1400, durationMinutes: 50 })).toEqual([
      { path: 'durationMinutes', message: 'durationMinutes: a session must end by midnight' },
    ]);
  });
});

type Case = [
  name: string,
  rrule: string,
  firstDay: string,
  zone: string,
  horizon: string,
  except: string[],
  days: string[],
  utcStarts?: string[],
];

const cases: Case[] = [
  [
    'weekly across the March change in Los Angeles stays 10:00 local',
    'FREQ=WEEKLY;COUNT=3',
    '2026-03-03',
    'America/Los_Angeles',
    '2026-12-31',
    [],
    ['2026-03-03', '2026-03-10', '2026-03-17'],
    ['2026-03-03T18:00:00.000Z', '2026-03-10T17:00:00.000Z', '2026-03-17T17:00:00.000Z'],
  ],
  [
    'weekly across the November change in New York',
    'FREQ=WEEKLY;BYDAY=MO;UNTIL=20261109',
    '2026-10-26',
    'America/New_York',
    '2026-12-31',
    [],
    ['2026-10-26', '2026-11-02', '2026-11-09'],
    ['2026-10-26T14:00:00.000Z', '2026-11-02T15:00:00.000Z', '2026-11-09T15:00:00.000Z'],
  ],
  [
    'daily across the London spring change',
    'FREQ=DAILY;COUNT=3',
    '2026-03-28',
    'Europe/London',
    '2026-12-31',
    [],
    ['2026-03-28', '2026-03-29', '2026-03-30'],
    ['2026-03-28T10:00:00.000Z', '2026-03-29T09:00:00.000Z', '2026-03-30T09:00:00.000Z'],
  ],
  [
    'COUNT counts before exceptions (RFC 5545)',
    'FREQ=WEEKLY;COUNT=4',
    '2026-03-03',
    'America/Los_Angeles',
    '2026-12-31',
    ['2026-03-10'],
    ['2026-03-03', '2026-03-17', '2026-03-24'],
  ],
  [
    'UNTIL is inclusive, exceptions removed',
    'FREQ=WEEKLY;UNTIL=20260324',
    '2026-03-03',
    'America/Los_Angeles',
    '2026-12-31',
    ['2026-03-17'],
    ['2026-03-03', '2026-03-10', '2026-03-24'],
  ],
  [
    'every other week on Tuesday and Thursday',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=5',
    '2026-03-05',
    'UTC',
    '2026-12-31',
    [],
    ['2026-03-05', '2026-03-17', '2026-03-19', '2026-03-31', '2026-04-02'],
  ],
  [
    'the horizon stops an open-ended series',
    'FREQ=WEEKLY',
    '2026-03-03',
    'UTC',
    '2026-03-20',
    [],
    ['2026-03-03', '2026-03-10', '2026-03-17'],
  ],
  [
    'daily on weekdays only',
    'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=6',
    '2026-03-05',
    'UTC',
    '2026-12-31',
    [],
    ['2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12'],
  ],
  ['every third day', 'FREQ=DAILY;INTERVAL=3;COUNT=3', '2026-02-27', 'UTC', '2026-12-31', [], ['2026-02-27', '2026-03-02', '2026-03-05']],
];

describe('expandSeries', () => {
  it.each(cases)('%s', (_name, rrule, firstDay, timeZone, horizon, exceptDays, days, utcStarts) => {
    const out = expandSeries({ rrule, firstDay, startMinute: 600, durationMinutes: 50, timeZone, exceptDays }, horizon);
    expect(out.map((o) => o.day)).toEqual(days);
    for (const o of out) {
      expect(o.startMinute).toBe(600);
      expect(o.endMinute).toBe(650);
      expect(o.endsAt.getTime() - o.startsAt.getTime()).toBe(50 * 60_000);
    }
    if (utcStarts) expect(out.map((o) => iso(o.startsAt))).toEqual(utcStarts);
  });

  it('a start in the spring-forward gap moves forward by the gap, and lasts its length', () => {
    const [gap] = expandSeries(
      { rrule: 'FREQ=DAILY;COUNT=1', firstDay: '2026-03-08', startMinute: 150, durationMinutes: 50, timeZone: 'America/Los_Angeles' },
      '2026-12-31',
    );
    expect(gap && iso(gap.startsAt)).toBe('2026-03-08T10:30:00.000Z');
    expect(gap && iso(gap.endsAt)).toBe('2026-03-08T11:20:00.000Z');
  });

  it('throws VALIDATION_FAILED naming rrule', () => {
    expect(() =>
      expandSeries({ rrule: 'FREQ=YEARLY', firstDay: '2026-03-03', startMinute: 600, durationMinutes: 50, timeZone: 'UTC' }, '2026-04-01'),
    ).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        errors: [{ path: 'rrule', message: 'rrule: unsupported FREQ=YEARLY (DAILY or WEEKLY)' }],
      }),
    );
  });
});
