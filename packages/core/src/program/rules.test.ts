import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PHASES,
  holdsCredential,
  phaseIssues,
  programPopulation,
  templateIssues,
  type PhaseFacts,
  type TemplateFacts,
} from './rules';
import { weeklyHourFloor, type AgeGroup } from '../scheduling/week';

const tracks = [
  { id: 'am', modality: 'in_person' as const, active: true },
  { id: 'virt', modality: 'virtual' as const, active: true },
  { id: 'hyb', modality: 'hybrid' as const, active: true },
  { id: 'old', modality: 'in_person' as const, active: false },
];
const rooms = [
  { id: 'big', capacity: 14, active: true },
  { id: 'small', capacity: 8, active: true },
  { id: 'shut', capacity: 20, active: false },
];
const lee = {
  id: 'lee',
  active: true,
  credentials: [
    { kind: 'LADC', expiresOn: '2027-01-31' },
    { kind: 'CADC', expiresOn: '2026-06-30' },
  ],
};
const base: TemplateFacts = {
  trackId: 'am',
  weekday: 0,
  startMinute: 9 * 60,
  durationMinutes: 180,
  capacity: 12,
  minToRun: 3,
  credential: null,
  roomId: 'big',
  facilitatorId: null,
};
const ctx = { tracks, rooms, facilitator: lee, today: '2026-12-02' };

describe('templateIssues', () => {
  const cases: [string, Partial<TemplateFacts>, { path: string; message: RegExp }[]][] = [
    ['a valid in-person group', {}, []],
    ['a virtual group without a room', { trackId: 'virt', roomId: null }, []],
    ['ending exactly at midnight', { startMinute: 21 * 60, durationMinutes: 180 }, []],
    ['past midnight', { startMinute: 22 * 60, durationMinutes: 180 }, [{ path: 'durationMinutes', message: /midnight/ }]],
    ['off the quarter hour', { startMinute: 9 * 60 + 10 }, [{ path: 'startMinute', message: /quarter hour/ }]],
    ['a length off the 15-minute steps', { durationMinutes: 100 }, [{ path: 'durationMinutes', message: /15-minute/ }]],
    ['no length', { durationMinutes: 0 }, [{ path: 'durationMinutes', message: /longer than 0/ }]],
    ['a start after the day', { startMinute: 1440 }, [{ path: 'startMinute', message: /between 00:00/ }]],
    ['weekday 7', { weekday: 7 }, [{ path: 'weekday', message: /0 \(Monday\)/ }]],
    [
      'capacity 0',
      { capacity: 0, minToRun: 0 },
      [
        { path: 'capacity', message: /1 and 50/ },
        { path: 'minToRun', message: /at least 1/ },
      ],
    ],
    [
      'capacity 51',
      { capacity: 51 },
      [
        { path: 'capacity', message: /1 and 50/ },
        { path: 'roomId', message: /holds 14/ },
      ],
    ],
    ['capacity 50 in a big enough room', { capacity: 50, roomId: null, trackId: 'virt' }, []],
    ['min to run above capacity', { capacity: 6, minToRun: 7 }, [{ path: 'minToRun', message: /capacity/ }]],
    ['min to run equal to capacity', { capacity: 6, minToRun: 6 }, []],
    ['a room too small', { roomId: 'small' }, [{ path: 'roomId', message: /holds 8, fewer than .* 12/ }]],
    ['a retired room', { roomId: 'shut' }, [{ path: 'roomId', message: /retired/ }]],
    ['an unknown room', { roomId: 'nope' }, [{ path: 'roomId', message: /not a room/ }]],
    ['in person without a room', { roomId: null }, [{ path: 'roomId', message: /in person/ }]],
    ['hybrid without a room', { trackId: 'hyb', roomId: null }, [{ path: 'roomId', message: /in person/ }]],
    ['a virtual group given a room', { trackId: 'virt' }, [{ path: 'roomId', message: /virtual/ }]],
    ['an unknown track', { trackId: 'x' }, [{ path: 'trackId', message: /not a track/ }]],
    ['a retired track', { trackId: 'old' }, [{ path: 'trackId', message: /retired/ }]],
    ['a facilitator with the credential', { facilitatorId: 'lee', credential: 'ladc' }, []],
    ['a facilitator whose credential lapsed', { facilitatorId: 'lee', credential: 'CADC' }, [{ path: 'facilitatorId', message: /CADC/ }]],
    ['a facilitator without it', { facilitatorId: 'lee', credential: 'LCSW' }, [{ path: 'facilitatorId', message: /LCSW/ }]],
    ['a facilitator and no credential asked', { facilitatorId: 'lee' }, []],
  ];
  it.each(cases)('%s', (_name, patch, expected) => {
    const issues = templateIssues({ ...base, ...patch }, ctx);
    expect(issues.map((i) => i.path)).toEqual(expected.map((e) => e.path));
    expected.forEach((e, k) => expect(issues[k]?.message).toMatch(e.message));
  });

  it('refuses a facilitator it was not told about, or one who left', () => {
    expect(templateIssues({ ...base, facilitatorId: 'sam' }, ctx)).toEqual([
      { path: 'facilitatorId', message: 'is not an active staff member of this organization' },
    ]);
    expect(templateIssues({ ...base, facilitatorId: 'lee' }, { ...ctx, facilitator: { ...lee, active: false } })).toHaveLength(1);
  });
});

describe('holdsCredential', () => {
  it.each([
    ['LADC', '2027-01-31', true],
    ['LADC', '2027-02-01', false],
    [' ladc ', '2026-12-02', true],
    ['LCSW', '2026-12-02', false],
  ] as const)('%s on %s → %s', (kind, today, held) => expect(holdsCredential(lee, kind, today)).toBe(held));
  it('a credential without an expiry date never lapses', () =>
    expect(holdsCredential({ ...lee, credentials: [{ kind: 'CPRS', expiresOn: null }] }, 'CPRS', '2099-01-01')).toBe(true));
});

describe('phaseIssues', () => {
  const p = (number: number, weeklyHours: number, daysPerWeek: number, stepDown = false): PhaseFacts => ({
    number,
    weeklyHours,
    daysPerWeek,
    stepDown,
  });
  const cases: [string, PhaseFacts[], { path: string; message: RegExp }[]][] = [
    ['the default program', DEFAULT_PHASES.map((d) => ({ ...d })), []],
    ['no phases', [], []],
    ['equal hours are still a taper', [p(1, 9, 3), p(2, 9, 3)], []],
    ['hours rising', [p(1, 9, 3), p(2, 12, 4)], [{ path: 'phases.1.weeklyHours', message: /phase 1's 9 h: hours taper/ }]],
    ['rising, listed out of order', [p(2, 12, 4), p(1, 9, 3)], [{ path: 'phases.0.weeklyHours', message: /taper/ }]],
    ['below the floor, not step-down', [p(1, 12, 4), p(2, 6, 2)], [{ path: 'phases.1.stepDown', message: /below the 9 h floor/ }]],
    ['exactly the floor', [p(1, 9, 3)], []],
    ['0 days', [p(1, 9, 0)], [{ path: 'phases.0.daysPerWeek', message: /1 and 7/ }]],
    ['8 days', [p(1, 9, 8)], [{ path: 'phases.0.daysPerWeek', message: /1 and 7/ }]],
    ['too many hours for the days', [p(1, 20, 2)], [{ path: 'phases.0.weeklyHours', message: /cannot be reached in 2 days/ }]],
    ['16 h in 2 days is reachable', [p(1, 16, 2)], []],
    ['no hours', [p(1, 0, 1, true)], [{ path: 'phases.0.weeklyHours', message: /more than 0/ }]],
    ['a duplicate number', [p(1, 12, 4), p(1, 9, 3)], [{ path: 'phases.1.number', message: /another phase/ }]],
    ['number 0', [p(0, 9, 3)], [{ path: 'phases.0.number', message: /1 or more/ }]],
  ];
  it.each(cases)('%s', (_name, phases, expected) => {
    const issues = phaseIssues(phases);
    expect(issues.map((i) => i.path)).toEqual(expected.map((e) => e.path));
    expected.forEach((e, k) => expect(issues[k]?.message).toMatch(e.message));
  });
});

describe('the adolescent floor', () => {
  const p = (number: number, weeklyHours: number, daysPerWeek: number, stepDown = false): PhaseFacts => ({
    number,
    weeklyHours,
    daysPerWeek,
    stepDown,
  });
  const cases: [string, PhaseFacts[], AgeGroup, { path: string; message: RegExp }[]][] = [
    ['6 h is the adolescent floor: no step-down needed', [p(1, 9, 3), p(2, 6, 2)], 'adolescent', []],
    [
      '6 h for adults needs step-down',
      [p(1, 9, 3), p(2, 6, 2)],
      'adult',
      [{ path: 'phases.1.stepDown', message: /below the 9 h floor of level 2.1$/ }],
    ],
    [
      '5 h for adolescents needs step-down',
      [p(1, 9, 3), p(2, 5, 2)],
      'adolescent',
      [{ path: 'phases.1.stepDown', message: /below the 6 h floor of level 2.1 for adolescents/ }],
    ],
    ['5 h as step-down for adolescents', [p(1, 9, 3), p(2, 5, 2, true)], 'adolescent', []],
    ['the default program for adolescents', DEFAULT_PHASES.map((d) => ({ ...d })), 'adolescent', []],
  ];
  it.each(cases)('%s', (_name, phases, population, expected) => {
    const issues = phaseIssues(phases, population);
    expect(issues.map((i) => i.path)).toEqual(expected.map((e) => e.path));
    expected.forEach((e, k) => expect(issues[k]?.message).toMatch(e.message));
  });

  const populations: [string, number[], AgeGroup][] = [
    ['nobody yet', [], 'adult'],
    ['all adults', [30, 45], 'adult'],
    ['all under 18', [15, 17], 'adolescent'],
    ['one 18-year-old among teenagers', [15, 18], 'adult'],
    ['mixed', [16, 40], 'adult'],
  ];
  it.each(populations)('program population: %s', (_name, ages, expected) => expect(programPopulation(ages)).toBe(expected));

  const floors: [string, Parameters<typeof weeklyHourFloor>[0], number][] = [
    ['adult at 2.1 in a 6 h phase', { levelOfCare: '2.1', ageGroup: 'adult', phaseMinHours: 6, stepDown: false }, 9],
    ['adolescent at 2.1 in a 6 h phase', { levelOfCare: '2.1', ageGroup: 'adolescent', phaseMinHours: 6, stepDown: false }, 6],
    ['adolescent at 2.1 in a 4 h phase', { levelOfCare: '2.1', ageGroup: 'adolescent', phaseMinHours: 4, stepDown: false }, 6],
    ['adolescent at 2.1 in a 12 h phase', { levelOfCare: '2.1', ageGroup: 'adolescent', phaseMinHours: 12, stepDown: false }, 12],
    ['adolescent stepping down to 3 h', { levelOfCare: '2.1', ageGroup: 'adolescent', phaseMinHours: 3, stepDown: true }, 3],
  ];
  it.each(floors)("a person's weekly floor: %s", (_name, facts, hours) => expect(weeklyHourFloor(facts)).toBe(hours));
});
