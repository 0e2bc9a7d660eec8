import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { acceptsCode, codeWindow, truncateDigest, windowEndsAt, windowMessage } from './check-in-code';
import { makeUpOptions, type MakeUpCandidate } from './make-ups';
import { attendanceMinutes, checkInAttendance, checkInWindowOpen, sessionHeld, type AttendanceStatusValue } from './rules';

describe('attendance minutes', () => {
  it.each([
    ['present, no minutes → the whole session', 'present', 90, undefined, { minutes: 90 }],
    ['present with fewer minutes given', 'present', 90, 80, { minutes: 80 }],
    ['present with 0 minutes', 'present', 90, 0, /record an absence/],
    ['late with minutes', 'late', 90, 75, { minutes: 75 }],
    ['late without minutes', 'late', 90, undefined, /is required/],
    ['late with the whole session', 'late', 90, 90, /between 1 and 89/],
    ['left early with minutes', 'left_early', 180, 120, { minutes: 120 }],
    ['absent → 0', 'absent_unexcused', 90, undefined, { minutes: 0 }],
    ['absent excused with 0', 'absent_excused', 90, 0, { minutes: 0 }],
    ['absent with minutes', 'absent_excused', 90, 30, /must be 0/],
    ['more than the session', 'present', 90, 91, /at most the session's 90 minutes/],
    ['negative', 'late', 90, -5, /0 or more/],
    ['fractional', 'late', 90, 10.5, /whole number/],
  ] as const)('%s', (_what, status, length, given, want) => {
    const out = attendanceMinutes(status as AttendanceStatusValue, length, given);
    if (want instanceof RegExp) {
      expect('issue' in out && out.issue.path).toBe('minutesAttended');
      expect('issue' in out && out.issue.message).toMatch(want);
    } else expect(out).toEqual(want);
  });
});

describe('a session is held', () => {
  const at = new Date('2026-11-16T17:00:00Z');
  it.each([
    ['scheduled and started', 'scheduled', '2026-11-16T16:00:00Z', null],
    ['scheduled, starting now', 'scheduled', '2026-11-16T17:00:00Z', null],
    ['scheduled, not yet started', 'scheduled', '2026-11-16T17:01:00Z', 'not_started'],
    ['cancelled', 'cancelled', '2026-11-16T16:00:00Z', 'cancelled'],
    ['draft', 'draft', '2026-11-16T16:00:00Z', 'draft'],
  ] as const)('%s', (_what, status, startsAt, want) => expect(sessionHeld({ status, startsAt: new Date(startsAt) }, at)).toBe(want));
});

describe('self check-in', () => {
  const occ = { startsAt: new Date('2026-11-16T17:00:00Z'), endsAt: new Date('2026-11-16T18:30:00Z') };
  it.each([
    ['31 minutes early', '2026-11-16T16:29:00Z', false],
    ['30 minutes early', '2026-11-16T16:30:00Z', true],
    ['at the end', '2026-11-16T18:30:00Z', true],
    ['after the end', '2026-11-16T18:31:00Z', false],
  ])('window open %s', (_what, at, want) => expect(checkInWindowOpen(occ, new Date(at))).toBe(want));
  it.each([
    ['early', '2026-11-16T16:50:00Z', { status: 'present', minutes: 90 }],
    ['ten minutes after the start', '2026-11-16T17:10:00Z', { status: 'present', minutes: 90 }],
    ['25 minutes late', '2026-11-16T17:25:00Z', { status: 'late', minutes: 65 }],
  ])('arriving %s', (_what, at, want) => expect(checkInAttendance(occ, new Date(at))).toEqual(want));
});

describe('rotating code', () => {
  const hmac = (secret: string) => (w: number) => truncateDigest(createHmac('sha256', secret).update(windowMessage(w)).digest());
  it('matches the RFC 6238 SHA-256 test vectors', () => {
    const secret = '12345678901234567890123456789012';
    const otp = (counter: number) => truncateDigest(createHmac('sha256', secret).update(windowMessage(counter)).digest(), 8);
    expect(otp(Math.floor(59 / 30))).toBe('46119246');
    expect(otp(Math.floor(1111111109 / 30))).toBe('68084774');
    expect(otp(Math.floor(20000000000 / 30))).toBe('77737706');
  });
  it('is six digits, changes each minute, and accepts the current and the previous window only', () => {
    const codeOf = hmac('s3cret');
    const now = new Date('2026-11-16T17:00:30Z');
    const w = codeWindow(now);
    expect(codeOf(w)).toMatch(/^\d{6}$/);
    expect(windowEndsAt(w).toISOString()).toBe('2026-11-16T17:01:00.000Z');
    expect(new Set([codeOf(w), codeOf(w - 1), codeOf(w - 2)]).size).toBe(3);
    expect(acceptsCode(codeOf(w), now, codeOf)).toBe(true);
    expect(acceptsCode(codeOf(w - 1), now, codeOf)).toBe(true);
    expect(acceptsCode(codeOf(w - 2), now, codeOf)).toBe(false);
    expect(acceptsCode(codeOf(w + 1), now, codeOf)).toBe(false);
    // Another session's secret gives other codes.
    expect(acceptsCode(hmac('other')(w), now, codeOf)).toBe(hmac('other')(w) === codeOf(w));
  });
});

describe('make-up sessions', () => {
  const now = new Date('2026-11-18T12:00:00Z');
  const c = (id: string, extra: Partial<MakeUpCandidate>): MakeUpCandidate => ({
    id,
    kind: 'group',
    weekday: 3,
    startMinute: 18 * 60,
    endMinute: 21 * 60,
    startsAt: new Date('2026-11-20T02:00:00Z'),
    capacity: 10,
    seated: 5,
    onRoster: false,
    ...extra,
  });
  it('offers later groups with an open seat inside the person’s windows that do not clash, earliest first', () => {
    const out = makeUpOptions({
      now,
      availability: [
        { weekday: 3, start: 17 * 60, end: 22 * 60 },
        { weekday: 4, start: 9 * 60, end: 12 * 60 },
      ],
      booked: [{ weekday: 4, startMinute: 10 * 60, endMinute: 11 * 60 }],
      candidates: [
        c('later', { startsAt: new Date('2026-11-20T03:00:00Z') }),
        c('ok', {}),
        c('full', { seated: 10 }),
        c('past', { startsAt: new Date('2026-11-18T11:00:00Z') }),
        c('individual', { kind: 'individual' }),
        c('seated already', { onRoster: true }),
        c('outside windows', { weekday: 2 }),
        c('clashes', { weekday: 4, startMinute: 9 * 60, endMinute: 10 * 60 + 30 }),
      ],
    });
    expect(out.map((o) => o.id)).toEqual(['ok', 'later']);
  });
});
