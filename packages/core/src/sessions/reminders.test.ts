import { describe, expect, it } from 'vitest';
import { dueReminders, offsetDueAt } from './reminders';

const start = new Date('2026-03-10T17:00:00Z');
const before = (minutes: number) => new Date(start.getTime() - minutes * 60_000);

describe('offsetDueAt', () => {
  it.each([
    ['25 h before: nothing yet', 1500, [1440, 120], null],
    ['exactly 24 h before: the 24 h reminder', 1440, [1440, 120], 1440],
    ['23 h before: still the 24 h window', 1380, [1440, 120], 1440],
    ['2 h before: the 2 h reminder', 120, [1440, 120], 120],
    ['3 h before: 24 h window (booked late still gets it)', 180, [1440, 120], 1440],
    ['1 minute before: the 2 h window', 1, [1440, 120], 120],
    ['at the start: nothing', 0, [1440, 120], null],
    ['after the start: nothing', -5, [1440, 120], null],
    ['offsets in any order', 100, [120, 1440], 120],
    ['a single offset', 30, [60], 60],
    ['zero and negative offsets ignored', 30, [0, -10], null],
  ])('%s', (_name, minutesBefore, offsets, expected) => {
    expect(offsetDueAt(start, offsets, before(minutesBefore))).toBe(expected);
  });
});

describe('dueReminders', () => {
  const recipients = [
    { occurrenceId: 'a', recipient: 'patient:p1', email: 'p1@example.test' },
    { occurrenceId: 'a', recipient: 'user:s1', email: 's1@example.test' },
    { occurrenceId: 'a', recipient: 'patient:p2', email: null },
    { occurrenceId: 'b', recipient: 'patient:p1', email: 'p1@example.test' },
  ];

  it('one e-mail per recipient with an address and one in-app each, default offsets', () => {
    const due = dueReminders([{ id: 'a', startsAt: start, status: 'scheduled' }], recipients, before(90));
    expect(due).toEqual([
      { occurrenceId: 'a', recipient: 'patient:p1', offsetMinutes: 120, channel: 'email', email: 'p1@example.test' },
      { occurrenceId: 'a', recipient: 'patient:p1', offsetMinutes: 120, channel: 'in_app', email: null },
      { occurrenceId: 'a', recipient: 'user:s1', offsetMinutes: 120, channel: 'email', email: 's1@example.test' },
      { occurrenceId: 'a', recipient: 'user:s1', offsetMinutes: 120, channel: 'in_app', email: null },
      { occurrenceId: 'a', recipient: 'patient:p2', offsetMinutes: 120, channel: 'in_app', email: null },
    ]);
  });

  it('skips cancelled and draft sessions, and uses per-location offsets', () => {
    const due = dueReminders(
      [
        { id: 'a', startsAt: start, status: 'cancelled' },
        { id: 'b', startsAt: start, status: 'scheduled', offsetsMinutes: [2880] },
        { id: 'c', startsAt: start, status: 'draft' },
      ],
      recipients,
      before(2000),
    );
    expect(due.map((d) => [d.occurrenceId, d.offsetMinutes, d.channel])).toEqual([
      ['b', 2880, 'email'],
      ['b', 2880, 'in_app'],
    ]);
  });
});
