import { describe, expect, it } from 'vitest';
import { acceptsCode, codeWindow, truncateDigest, windowEndsAt, windowMessage } from './check-in-code';
import { makeUpOptions, type MakeUpCandidate } from './make-ups';
import { attendanceMinutes, checkInAttendance, checkInWindowOpen, sessionHeld, unrecorded, unrecordedAttendanceWindow } from './rules';

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
    const out = attendanceMinutes(status, length, given);
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
  // A toy keyed digest (core needs no crypto; the api supplies HMAC-SHA-256 and tests it against RFC 6238).
  const digest = (secret: string, msg: Uint8Array) => {
    const out = new Uint8Array(32);
    let h = 2166136261;
    for (let i = 0; i < 32; i += 1) {
      for (const b of [...[...secret].map((ch) => ch.charCodeAt(0)), ...msg, i]) h = Math.imul(h ^ b, 16777619) >>> 0;
      out[i] = h & 0xff;
    }
    return out;
  };
  const codes = (secret: string) => (w: number) => truncateDigest(digest(secret, windowMessage(w)));
  it.each([
    ['offset 0', [0x12, 0x34, 0x56, 0x78, ...Array<number>(15).fill(0), 0x00], '419896'],
    ['high bit masked', [0xff, 0xff, 0xff, 0xff, ...Array<number>(15).fill(0), 0x00], '483647'],
    ['offset from the last nibble', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x02, 0x03, 0x04, 0x0f], '909060'],
  ])('truncates: %s', (_what, bytes, want) => expect(truncateDigest(Uint8Array.from(bytes))).toBe(want));
  it('counts windows big-endian', () => {
    expect([...windowMessage(1)]).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect([...windowMessage(0x0102030405)]).toEqual([0, 0, 0, 1, 2, 3, 4, 5]);
  });
  it('is six digits, changes each minute, and accepts the current and the previous window only', () => {
    const codeOf = codes('s3cret');
    const now = new Date('2026-11-16T17:00:30Z');
    const w = codeWindow(now);
    expect(codeOf(w)).toMatch(/^\d{6}$/);
    expect(windowEndsAt(w).toISOString()).toBe('2026-11-16T17:01:00.000Z');
    expect(new Set([codeOf(w), codeOf(w - 1), codeOf(w - 2)]).size).toBe(3);
    expect(acceptsCode(codeOf(w), now, codeOf)).toBe(true);
    expect(acceptsCode(codeOf(w - 1), now, codeOf)).toBe(true);
    expect(acceptsCode(codeOf(w - 2), now, codeOf)).toBe(false);
    expect(acceptsCode(codeOf(w + 1), now, codeOf)).toBe(false);
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

describe('attendance nobody recorded', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  const { from, to } = unrecordedAttendanceWindow(now);
  it.each([
    ['ended 5 h ago: overdue', '2026-11-20T07:00:00Z', true],
    ['ended exactly 4 h ago: overdue', '2026-11-20T08:00:00Z', true],
    ['ended 3 h 59 min ago: still in its grace hours', '2026-11-20T08:01:00Z', false],
    ['ended 6 days ago', '2026-11-14T12:00:00Z', true],
    ['ended 7 days ago: left alone', '2026-11-13T11:59:00Z', false],
  ] as const)('%s', (_what, endsAt, want) => {
    const t = new Date(endsAt).getTime();
    expect(t >= from.getTime() && t <= to.getTime()).toBe(want);
  });
  it.each([
    ['nobody recorded', ['a', 'b', 'c'], [], ['a', 'b', 'c']],
    ['some recorded', ['a', 'b', 'c'], ['b'], ['a', 'c']],
    ['all recorded', ['a', 'b'], ['b', 'a'], []],
    ['a record for someone taken off the roster', ['a'], ['z'], ['a']],
  ] as const)('%s', (_what, roster, recorded, want) => expect(unrecorded(roster, recorded)).toEqual(want));
});
