import { describe, expect, it } from 'vitest';
import { addDays, startOfLocalDay } from '../calendar';
import { reviewDue, type ReviewInput } from './review-due';

const LA = 'America/Los_Angeles';
const base: ReviewInput = {
  lockedAt: new Date('2026-10-01T18:00:00Z'), // 11:00 in Los Angeles, 1 October
  levelAtSigning: '2.1',
  currentLevel: '2.1',
  reviewDays: 30,
  timeZone: LA,
  now: new Date('2026-10-15T18:00:00Z'),
};

describe('reviewDue', () => {
  const cases: [string, Partial<ReviewInput>, ReturnType<typeof reviewDue>][] = [
    ['no signed version yet', { lockedAt: null, levelAtSigning: null }, { status: 'not_signed', dueOn: null, reason: null }],
    ['two weeks in: not due', {}, { status: 'not_due', dueOn: '2026-10-31', reason: 'cadence' }],
    [
      'seven days before: due soon',
      { now: new Date('2026-10-24T18:00:00Z') },
      { status: 'due_soon', dueOn: '2026-10-31', reason: 'cadence' },
    ],
    [
      'eight days before: not yet soon',
      { now: new Date('2026-10-23T18:00:00Z') },
      { status: 'not_due', dueOn: '2026-10-31', reason: 'cadence' },
    ],
    ['on the day', { now: new Date('2026-10-31T18:00:00Z') }, { status: 'due', dueOn: '2026-10-31', reason: 'cadence' }],
    ['the day after: overdue', { now: new Date('2026-11-01T18:00:00Z') }, { status: 'overdue', dueOn: '2026-10-31', reason: 'cadence' }],
    // 1 Nov 2026 02:00 PDT → PST. 06:30 UTC on 1 Nov is still 31 Oct 23:30 in Los Angeles: due, not overdue.
    [
      'late evening in LA is still the due day (UTC already the next)',
      { now: new Date('2026-11-01T06:30:00Z') },
      { status: 'due', dueOn: '2026-10-31', reason: 'cadence' },
    ],
    [
      'signed at 23:30 local on 30 Oct (UTC already 31 Oct) counts from the local day, across the DST change',
      { lockedAt: new Date('2026-10-31T06:30:00Z'), now: new Date('2026-11-29T12:00:00Z') },
      { status: 'due', dueOn: '2026-11-29', reason: 'cadence' },
    ],
    [
      'signed across the spring-forward night (8 March 2026) is due 30 calendar days later',
      { lockedAt: new Date('2026-03-08T09:30:00Z'), now: new Date('2026-03-20T12:00:00Z') },
      { status: 'not_due', dueOn: '2026-04-07', reason: 'cadence' },
    ],
    [
      'the fall-back day has 25 hours but is one calendar day',
      { lockedAt: new Date('2026-10-31T19:00:00Z'), reviewDays: 1, now: new Date('2026-11-01T20:00:00Z') },
      { status: 'due', dueOn: '2026-11-01', reason: 'cadence' },
    ],
    ['a 14-day cadence (organization setting)', { reviewDays: 14 }, { status: 'due', dueOn: '2026-10-15', reason: 'cadence' }],
    ['a stepped-down level: review due today', { currentLevel: '1.0' }, { status: 'due', dueOn: '2026-10-15', reason: 'level_change' }],
    ['a stepped-up level: review due today', { currentLevel: '2.5' }, { status: 'due', dueOn: '2026-10-15', reason: 'level_change' }],
    [
      'a level change after the cadence date: still overdue from the cadence date',
      { currentLevel: '1.0', now: new Date('2026-11-05T18:00:00Z') },
      { status: 'overdue', dueOn: '2026-10-31', reason: 'level_change' },
    ],
    ['same level again: back to the cadence', { currentLevel: '2.1' }, { status: 'not_due', dueOn: '2026-10-31', reason: 'cadence' }],
    [
      'computed in the location zone: 04:30 UTC is 21:30 on the due day in LA…',
      { now: new Date('2026-11-01T04:30:00Z') },
      { status: 'due', dueOn: '2026-10-31', reason: 'cadence' },
    ],
    [
      '…but already 00:30 the next day in New York',
      { timeZone: 'America/New_York', now: new Date('2026-11-01T04:30:00Z') },
      { status: 'overdue', dueOn: '2026-10-31', reason: 'cadence' },
    ],
  ];
  it.each(cases)('%s', (_name, change, expected) => {
    expect(reviewDue({ ...base, ...change })).toEqual(expected);
  });
});

describe('calendar helpers', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-07', 30, '2026-04-06'],
    ['2026-12-15', 30, '2027-01-14'],
  ] as const)('addDays(%s, %i) = %s', (d, n, want) => expect(addDays(d, n)).toBe(want));

  it.each([
    ['2026-11-01', LA, '2026-11-01T07:00:00.000Z'], // PDT midnight; the change happens at 02:00
    ['2026-11-02', LA, '2026-11-02T08:00:00.000Z'],
    ['2026-03-08', LA, '2026-03-08T08:00:00.000Z'],
    ['2026-03-09', LA, '2026-03-09T07:00:00.000Z'],
    ['2026-07-01', 'UTC', '2026-07-01T00:00:00.000Z'],
  ] as const)('startOfLocalDay(%s, %s)', (d, tz, want) => expect(startOfLocalDay(d, tz).toISOString()).toBe(want));
});
