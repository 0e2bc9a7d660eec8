import { describe, expect, it } from 'vitest';
import { engagementRisk, ledgerFloor, needsHoursWarning, weekLedger, type LedgerAttendance, type LedgerSession } from './ledger';

const s = (id: string, day: string, start: string, end: string, cancelled = false): LedgerSession => ({
  id,
  day,
  startsAt: new Date(start),
  endsAt: new Date(end),
  cancelled,
});
const a = (occurrenceId: string, status: LedgerAttendance['status'], minutesAttended: number): LedgerAttendance => ({
  occurrenceId,
  status,
  minutesAttended,
});

// A Portland week (UTC−8): Monday, Wednesday and Thursday evening groups of 3 h, 18:00–21:00 local.
const week = [
  s('mon', '2026-11-16', '2026-11-17T02:00:00Z', '2026-11-17T05:00:00Z'),
  s('wed', '2026-11-18', '2026-11-19T02:00:00Z', '2026-11-19T05:00:00Z'),
  s('thu', '2026-11-19', '2026-11-20T02:00:00Z', '2026-11-20T05:00:00Z'),
];
const base = { floorMinutes: 540, perDiem: false, dayMinimumMinutes: 180 };

describe('week ledger', () => {
  it.each([
    [
      'before the week: all possible, on track only by attending everything',
      [],
      '2026-11-16T12:00:00Z',
      { scheduledMinutes: 540, attendedMinutes: 0, possibleMinutes: 540, status: 'at_risk', met: false },
    ],
    [
      'all attended in full',
      [a('mon', 'present', 180), a('wed', 'present', 180), a('thu', 'present', 180)],
      '2026-11-21T12:00:00Z',
      { attendedMinutes: 540, possibleMinutes: 540, status: 'on_track', met: true },
    ],
    [
      'partial attendance: late on Monday, so 9 h can no longer be reached',
      [a('mon', 'late', 150)],
      '2026-11-17T12:00:00Z',
      { attendedMinutes: 150, possibleMinutes: 510, status: 'below_floor', misses: 0 },
    ],
    [
      'a miss on Monday',
      [a('mon', 'absent_unexcused', 0)],
      '2026-11-17T12:00:00Z',
      { attendedMinutes: 0, possibleMinutes: 360, status: 'below_floor', misses: 1 },
    ],
    [
      'Monday over but not recorded yet: still counted as possible',
      [],
      '2026-11-17T12:00:00Z',
      { possibleMinutes: 540, unrecordedMinutes: 180, status: 'at_risk' },
    ],
  ] as const)('%s', (_what, attendance, now, want) => {
    expect(weekLedger({ ...base, sessions: week, attendance, now: new Date(now) })).toMatchObject(want);
  });

  it('has room for a miss when more is scheduled than the floor', () => {
    const more = [...week, s('sat', '2026-11-21', '2026-11-21T17:00:00Z', '2026-11-21T20:00:00Z')];
    const l = weekLedger({ ...base, sessions: more, attendance: [], now: new Date('2026-11-16T12:00:00Z') });
    expect(l).toMatchObject({ scheduledMinutes: 720, possibleMinutes: 720, status: 'on_track' });
    expect(needsHoursWarning(l)).toBe(false);
  });

  it('a cancelled session is not scheduled, unless attendance was recorded for it before it was cancelled', () => {
    const sessions = [...week.slice(0, 2), { ...week[2]!, cancelled: true }];
    const l = weekLedger({ ...base, sessions, attendance: [], now: new Date('2026-11-16T12:00:00Z') });
    expect(l).toMatchObject({ scheduledMinutes: 360, possibleMinutes: 360, status: 'below_floor' });
    expect(needsHoursWarning(l)).toBe(true);
  });

  it('a day split across two sessions counts both towards the per-diem 3-hour day minimum', () => {
    const sessions = [
      s('am', '2026-11-16', '2026-11-16T17:00:00Z', '2026-11-16T18:30:00Z'),
      s('pm', '2026-11-16', '2026-11-16T22:00:00Z', '2026-11-16T23:30:00Z'),
      s('tue-am', '2026-11-17', '2026-11-17T17:00:00Z', '2026-11-17T18:30:00Z'),
      s('tue-pm', '2026-11-17', '2026-11-17T22:00:00Z', '2026-11-17T23:30:00Z'),
      s('wed', '2026-11-18', '2026-11-18T17:00:00Z', '2026-11-18T18:30:00Z'),
    ];
    const l = weekLedger({
      ...base,
      perDiem: true,
      sessions,
      attendance: [a('am', 'present', 90), a('pm', 'present', 90), a('tue-am', 'present', 90), a('tue-pm', 'left_early', 60)],
      now: new Date('2026-11-18T12:00:00Z'),
    });
    expect(l.days).toEqual([
      { day: '2026-11-16', scheduledMinutes: 180, attendedMinutes: 180, short: false },
      { day: '2026-11-17', scheduledMinutes: 180, attendedMinutes: 150, short: true },
      // Not over yet: not short.
      { day: '2026-11-18', scheduledMinutes: 90, attendedMinutes: 0, short: false },
    ]);
    // Not per diem: no day is ever short.
    expect(
      weekLedger({ ...base, sessions, attendance: [a('tue-pm', 'left_early', 60)], now: new Date('2026-11-19T12:00:00Z') }).days.some(
        (d) => d.short,
      ),
    ).toBe(false);
  });

  it('a DST week: days are clinic-local, and a session across the change counts the minutes that passed', () => {
    // Sunday 2026-11-01, Los Angeles falls back at 02:00 PDT → 01:00 PST: 00:30–02:30 local is 3 hours long.
    const sessions = [
      s('sun', '2026-11-01', '2026-11-01T07:30:00Z', '2026-11-01T10:30:00Z'),
      // Monday after the change, 18:00–21:00 PST, which is Tuesday in UTC: still Monday's day.
      s('mon', '2026-11-02', '2026-11-03T02:00:00Z', '2026-11-03T05:00:00Z'),
    ];
    const l = weekLedger({
      ...base,
      sessions,
      attendance: [a('sun', 'present', 180), a('mon', 'present', 180)],
      now: new Date('2026-11-04T12:00:00Z'),
    });
    expect(l.scheduledMinutes).toBe(360);
    expect(l.days.map((d) => d.day)).toEqual(['2026-11-01', '2026-11-02']);
  });
});

describe('ledger floor (the scheduler’s rule)', () => {
  it.each([
    ['IOP adult, phase 1 (12 h)', { levelOfCare: '2.1', ageGroup: 'adult', phaseMinHours: 12, stepDown: false }, 720, 180],
    [
      'IOP adult, phase 3 tapers to 6 h: the 9 h floor holds',
      { levelOfCare: '2.1', ageGroup: 'adult', phaseMinHours: 6, stepDown: false },
      540,
      180,
    ],
    ['step-down period: the phase’s 6 h', { levelOfCare: '2.1', ageGroup: 'adult', phaseMinHours: 6, stepDown: true }, 360, 180],
    ['adolescent IOP', { levelOfCare: '2.1', ageGroup: 'adolescent', phaseMinHours: 0, stepDown: false }, 360, 120],
    ['PHP', { levelOfCare: '2.5', ageGroup: 'adult', phaseMinHours: 0, stepDown: false }, 1200, 180],
  ] as const)('%s', (_what, facts, floor, day) => expect(ledgerFloor(facts)).toEqual({ floorMinutes: floor, dayMinimumMinutes: day }));

  it('a step-down week of 6 h attended meets its floor', () => {
    const { floorMinutes } = ledgerFloor({ levelOfCare: '2.1', ageGroup: 'adult', phaseMinHours: 6, stepDown: true });
    const l = weekLedger({
      ...base,
      floorMinutes,
      sessions: week.slice(0, 2),
      attendance: [a('mon', 'present', 180), a('wed', 'present', 180)],
      now: new Date('2026-11-21T12:00:00Z'),
    });
    expect(l).toMatchObject({ met: true, status: 'on_track' });
  });
});

describe('engagement risk', () => {
  const w = (attendedMinutes: number) => ({ attendedMinutes, floorMinutes: 540 });
  it.each([
    ['no history', [], [], []],
    ['two misses in a row', ['absent_unexcused', 'absent_excused'], [], ['two_misses_in_a_row']],
    ['a miss then present', ['absent_unexcused', 'present'], [], []],
    ['present then a miss', ['present', 'absent_unexcused'], [], []],
    ['one miss only', ['absent_unexcused'], [], []],
    ['under the floor two weeks running', [], [w(300), w(480)], ['under_floor_two_weeks']],
    ['under once', [], [w(300), w(540)], []],
    ['both', ['absent_unexcused', 'absent_unexcused'], [w(0), w(0)], ['two_misses_in_a_row', 'under_floor_two_weeks']],
  ] as const)('%s', (_what, recent, finishedWeeks, want) =>
    expect(engagementRisk({ recent: recent.map((status) => ({ status })), finishedWeeks })).toEqual(want),
  );
});
