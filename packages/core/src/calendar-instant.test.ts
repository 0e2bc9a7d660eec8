import { describe, expect, it } from 'vitest';
import { wallClockInstant } from './calendar';

describe('wallClockInstant', () => {
  it.each([
    ['2026-12-01', 18 * 60, 'America/Los_Angeles', '2026-12-02T02:00:00.000Z'],
    ['2026-07-01', 18 * 60, 'America/Los_Angeles', '2026-07-02T01:00:00.000Z'],
    // The Sunday clocks go back: 10:00 is after the change, 01:30 happens twice (the first is taken).
    ['2026-11-01', 10 * 60, 'America/New_York', '2026-11-01T15:00:00.000Z'],
    ['2026-11-01', 90, 'America/New_York', '2026-11-01T05:30:00.000Z'],
    // The Sunday clocks go forward: 10:00 is after the change.
    ['2026-03-08', 10 * 60, 'America/New_York', '2026-03-08T14:00:00.000Z'],
    ['2026-03-29', 9 * 60, 'Europe/London', '2026-03-29T08:00:00.000Z'],
    ['2026-12-01', 0, 'UTC', '2026-12-01T00:00:00.000Z'],
  ])('%s at minute %i in %s', (date, minute, zone, iso) => expect(wallClockInstant(date, minute, zone).toISOString()).toBe(iso));
});
