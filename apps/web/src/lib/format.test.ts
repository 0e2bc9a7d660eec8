import { describe, expect, it } from 'vitest';
import { localToday } from './format';

describe('localToday in a clinic zone', () => {
  // 03:30 UTC on 18 November: still the 17th on the US west coast, already the 18th east of UTC.
  const at = new Date('2026-11-18T03:30:00Z');
  it.each([
    ['America/Los_Angeles', '2026-11-17'],
    ['America/New_York', '2026-11-17'],
    ['UTC', '2026-11-18'],
    ['Pacific/Kiritimati', '2026-11-18'],
  ])('%s → %s', (zone, day) => expect(localToday(at, zone)).toBe(day));
});
