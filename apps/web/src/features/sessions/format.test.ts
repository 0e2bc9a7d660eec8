import { describe, expect, it } from 'vitest';
import { describeRule, minutesOf, ruleFor, sessionWhen, sessionWhere } from './format';

describe('session formatting', () => {
  it.each([
    ['2026-11-17', 1, 12, 'FREQ=WEEKLY;BYDAY=TU;COUNT=12'],
    ['2026-11-22', 2, 6, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;COUNT=6'],
  ])('ruleFor(%s, %i, %i)', (day, every, count, rule) => expect(ruleFor(day, every, count)).toBe(rule));

  it.each([
    ['FREQ=WEEKLY;BYDAY=TU;COUNT=12', 'Every Tuesday, 12 sessions'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;COUNT=6', 'Every other Sunday, 6 sessions'],
    ['FREQ=DAILY;COUNT=3', 'FREQ=DAILY;COUNT=3'],
  ])('describeRule(%s)', (rule, text) => expect(describeRule(rule)).toBe(text));

  it('reads a time input', () => {
    expect(minutesOf('10:30')).toBe(630);
    expect(minutesOf('25:00')).toBeNull();
    expect(minutesOf('')).toBeNull();
  });

  it("formats in the clinic's zone, not the browser's", () => {
    expect(sessionWhen({ startsAt: '2026-11-17T18:00:00.000Z', timeZone: 'America/Los_Angeles' })).toBe('Tue, Nov 17, 10:00 AM');
    expect(sessionWhere({ modality: 'virtual', locationName: 'Main', roomName: null })).toBe('Video session');
    expect(sessionWhere({ modality: 'in_person', locationName: 'Main', roomName: 'Room 2' })).toBe('Main, Room 2');
  });
});
