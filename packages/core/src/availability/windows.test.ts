import { weekdayOf } from '../schedule/week-dates';
import { describe, expect, it } from 'vitest';
import {
  availabilityReach,
  freeWindows,
  leaveOverlaps,
  mergeWindows,
  onStep,
  parseMinute,
  staffWeekHours,
  weeklyWindowHours,
  withinSessionHours,
  type WeeklyWindow,
} from './windows';

const w = (weekday: number, start: string, end: string): WeeklyWindow => {
  const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  return { weekday: weekday as WeeklyWindow['weekday'], start: m(start), end: m(end) };
};

describe('mergeWindows', () => {
  it.each<[string, WeeklyWindow[], WeeklyWindow[]]>([
    ['nothing', [], []],
    ['one window', [w(0, '09:00', '12:00')], [w(0, '09:00', '12:00')]],
    [
      'sorted by day then start',
      [w(3, '09:00', '10:00'), w(0, '13:00', '14:00'), w(0, '08:00', '09:00')],
      [w(0, '08:00', '09:00'), w(0, '13:00', '14:00'), w(3, '09:00', '10:00')],
    ],
    ['overlapping joined', [w(1, '09:00', '12:00'), w(1, '11:00', '14:00')], [w(1, '09:00', '14:00')]],
    ['touching joined', [w(1, '09:00', '12:00'), w(1, '12:00', '14:00')], [w(1, '09:00', '14:00')]],
    ['contained swallowed', [w(2, '09:00', '17:00'), w(2, '10:00', '11:00')], [w(2, '09:00', '17:00')]],
    [
      'same hours on two days stay apart',
      [w(4, '18:00', '21:00'), w(5, '18:00', '21:00')],
      [w(4, '18:00', '21:00'), w(5, '18:00', '21:00')],
    ],
    ['empty window dropped', [w(0, '10:00', '10:00')], []],
    ['to midnight', [w(6, '20:00', '24:00'), w(6, '22:00', '23:00')], [w(6, '20:00', '24:00')]],
  ])('%s', (_name, input, expected) => {
    expect(mergeWindows(input)).toEqual(expected);
    expect(mergeWindows([...input].reverse())).toEqual(expected);
  });

  it('does not change its input', () => {
    const input = [w(1, '09:00', '12:00'), w(1, '11:00', '14:00')];
    mergeWindows(input);
    expect(input).toEqual([w(1, '09:00', '12:00'), w(1, '11:00', '14:00')]);
  });
});

describe('15-minute steps', () => {
  it.each<[number, boolean]>([
    [0, true],
    [15, true],
    [1440, true],
    [10, false],
    [1455, false],
    [-15, false],
    [30.5, false],
  ])('%d on the grid: %s', (m, ok) => expect(onStep(m)).toBe(ok));

  it.each<[string, number | null]>([
    ['07:00', 420],
    ['7:45', 465],
    ['24:00', 1440],
    ['09:10', null],
    ['12:60', null],
    ['25:00', null],
    ['noon', null],
  ])('%s → %s', (text, minute) => expect(parseMinute(text)).toBe(minute));
});

describe('freeWindows: the complement of busy blocks within the session hours (07:00–22:00)', () => {
  it('no busy block: every day free 07:00–22:00', () => {
    const free = freeWindows([]);
    expect(free).toHaveLength(7);
    expect(free.every((f) => f.start === 420 && f.end === 1320)).toBe(true);
  });

  it.each<[string, WeeklyWindow[], WeeklyWindow[]]>([
    ['work 09:00–17:00 leaves morning and evening', [w(0, '09:00', '17:00')], [w(0, '07:00', '09:00'), w(0, '17:00', '22:00')]],
    ['work then transport joined', [w(0, '09:00', '17:00'), w(0, '17:00', '18:00')], [w(0, '07:00', '09:00'), w(0, '18:00', '22:00')]],
    ['childcare from before opening', [w(0, '06:00', '08:30')], [w(0, '08:30', '22:00')]],
    ['school past closing', [w(0, '19:00', '23:00')], [w(0, '07:00', '19:00')]],
    ['busy all day', [w(0, '00:00', '24:00')], []],
    [
      'two blocks with a gap',
      [w(0, '08:00', '12:00'), w(0, '13:00', '21:00')],
      [w(0, '07:00', '08:00'), w(0, '12:00', '13:00'), w(0, '21:00', '22:00')],
    ],
    ['busy outside session hours only', [w(0, '05:00', '06:00'), w(0, '22:30', '23:30')], [w(0, '07:00', '22:00')]],
  ])('%s', (_name, busy, monday) => {
    const free = freeWindows(busy);
    expect(free.filter((f) => f.weekday === 0)).toEqual(monday);
    expect(free.filter((f) => f.weekday !== 0)).toHaveLength(6);
  });

  it('busy and free never overlap, and together they fill the session hours', () => {
    const busy = [w(0, '09:00', '17:00'), w(2, '06:00', '10:00'), w(2, '15:00', '15:30'), w(6, '12:00', '23:00')];
    const free = freeWindows(busy);
    const inside = withinSessionHours(busy);
    expect(weeklyWindowHours(free) + weeklyWindowHours(inside)).toBe(7 * 15);
    for (const f of free) for (const b of busy) expect(f.weekday === b.weekday && f.start < b.end && b.start < f.end).toBe(false);
  });
});

describe('availabilityReach: can these windows reach the floor at all?', () => {
  it.each<
    [
      string,
      WeeklyWindow[],
      { floorHours: number; daysPerWeek: number },
      { hours: number; days: number; reachable: boolean; shortHours: number },
    ]
  >([
    ['no windows', [], { floorHours: 9, daysPerWeek: 3 }, { hours: 0, days: 0, reachable: false, shortHours: 9 }],
    [
      'three evenings of 3 h reach 9 h over 3 days',
      [w(0, '18:00', '21:00'), w(2, '18:00', '21:00'), w(4, '18:00', '21:00')],
      { floorHours: 9, daysPerWeek: 3 },
      { hours: 9, days: 3, reachable: true, shortHours: 0 },
    ],
    [
      'enough hours on too few days',
      [w(0, '08:00', '20:00')],
      { floorHours: 9, daysPerWeek: 3 },
      { hours: 12, days: 1, reachable: false, shortHours: 0 },
    ],
    [
      'short by 1.5 h',
      [w(0, '18:00', '21:00'), w(2, '18:00', '21:00'), w(4, '18:00', '19:30')],
      { floorHours: 9, daysPerWeek: 3 },
      { hours: 7.5, days: 3, reachable: false, shortHours: 1.5 },
    ],
    [
      'hours outside the session hours do not count',
      [w(0, '22:00', '24:00'), w(1, '05:00', '08:00')],
      { floorHours: 2, daysPerWeek: 1 },
      { hours: 1, days: 1, reachable: false, shortHours: 1 },
    ],
    [
      'overlaps count once',
      [w(0, '09:00', '12:00'), w(0, '10:00', '12:00')],
      { floorHours: 3, daysPerWeek: 1 },
      { hours: 3, days: 1, reachable: true, shortHours: 0 },
    ],
  ])('%s', (_name, windows, need, expected) => expect(availabilityReach(windows, need)).toMatchObject(expected));
});

describe('weekdayOf', () => {
  it.each<[string, number]>([
    ['2026-11-16', 0],
    ['2026-11-22', 6],
    ['2026-03-08', 6],
    ['2024-02-29', 3],
    ['2023-12-31', 6],
  ])('%s → %d', (date, day) => expect(weekdayOf(date)).toBe(day));
});

describe('staffWeekHours: the week’s working slots with leave days removed', () => {
  const hours = [
    { ...w(0, '08:00', '16:00'), locationId: 'main' },
    { ...w(2, '12:00', '20:00'), locationId: 'main' },
    { ...w(4, '08:00', '12:00'), locationId: 'other' },
    { ...w(6, '09:00', '13:00'), locationId: 'main' },
  ];

  it('no leave: every weekly window on its date, wall-clock, extra fields kept', () => {
    expect(staffWeekHours(hours, [], '2026-11-16')).toEqual([
      { day: 0, start: 480, end: 960, locationId: 'main', date: '2026-11-16' },
      { day: 2, start: 720, end: 1200, locationId: 'main', date: '2026-11-18' },
      { day: 4, start: 480, end: 720, locationId: 'other', date: '2026-11-20' },
      { day: 6, start: 540, end: 780, locationId: 'main', date: '2026-11-22' },
    ]);
  });

  it.each<[string, { startsOn: string; endsOn: string }[], number[]]>([
    ['one day off', [{ startsOn: '2026-11-18', endsOn: '2026-11-18' }], [0, 4, 6]],
    ['leave from the week before into Monday', [{ startsOn: '2026-11-10', endsOn: '2026-11-16' }], [2, 4, 6]],
    ['leave from Friday into the next week', [{ startsOn: '2026-11-20', endsOn: '2026-11-30' }], [0, 2]],
    ['the whole week', [{ startsOn: '2026-11-01', endsOn: '2026-12-31' }], []],
    ['leave in another week', [{ startsOn: '2026-11-23', endsOn: '2026-11-27' }], [0, 2, 4, 6]],
    [
      'two ranges',
      [
        { startsOn: '2026-11-16', endsOn: '2026-11-16' },
        { startsOn: '2026-11-22', endsOn: '2026-11-22' },
      ],
      [2, 4],
    ],
  ])('%s', (_name, leave, days) => expect(staffWeekHours(hours, leave, '2026-11-16').map((s) => s.day)).toEqual(days));

  it.each([
    ['autumn: US clocks go back on Sunday 1 November 2026', '2026-10-26', '2026-11-01'],
    ['spring: US clocks go forward on Sunday 8 March 2026', '2026-03-02', '2026-03-08'],
  ])('a week with a DST change (%s): the Sunday slot keeps its wall-clock times; leave on it still removes it', (_name, monday, sunday) => {
    const week = staffWeekHours(hours, [], monday);
    expect(week.find((s) => s.day === 6)).toEqual({ day: 6, start: 540, end: 780, locationId: 'main', date: sunday });
    expect(week.find((s) => s.day === 0)).toMatchObject({ start: 480, end: 960 });
    expect(staffWeekHours(hours, [{ startsOn: sunday, endsOn: sunday }], monday).map((s) => s.day)).toEqual([0, 2, 4]);
  });

  it('refuses a week that does not start on a Monday', () => {
    expect(() => staffWeekHours(hours, [], '2026-11-17')).toThrow(RangeError);
  });
});

describe('leaveOverlaps', () => {
  it.each<[string, string, string, string, boolean]>([
    ['2026-11-01', '2026-11-05', '2026-11-05', '2026-11-09', true],
    ['2026-11-01', '2026-11-05', '2026-11-06', '2026-11-09', false],
    ['2026-11-03', '2026-11-03', '2026-11-01', '2026-11-09', true],
    ['2026-11-10', '2026-11-12', '2026-11-01', '2026-11-09', false],
  ])('%s–%s with %s–%s: %s', (a1, a2, b1, b2, expected) =>
    expect(leaveOverlaps({ startsOn: a1, endsOn: a2 }, { startsOn: b1, endsOn: b2 })).toBe(expected),
  );
});
