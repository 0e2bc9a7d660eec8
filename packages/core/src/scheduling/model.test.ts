import { describe, expect, it } from 'vitest';
import { buildAssignmentModel } from './model';
import type { PatientWeek, WeekPlan } from './week';

const person = (id: string, extra: Partial<PatientWeek> = {}): PatientWeek => ({
  id,
  ageGroup: 'adult',
  levelOfCare: '2.1',
  phaseMinHours: 9,
  stepDown: false,
  perDiem: false,
  availability: [{ day: 0, start: 17 * 60, end: 23 * 60 }],
  preferredTracks: ['evening'],
  ...extra,
});

const week: WeekPlan = {
  rooms: [{ id: 'r', capacity: 1 }],
  staff: [],
  patients: [person('p1'), person('p2', { availability: [{ day: 1, start: 0, end: 1440 }] })],
  groups: [
    {
      id: 'a',
      track: 'evening',
      slot: { day: 0, start: 18 * 60, end: 21 * 60 },
      roomId: 'r',
      capacity: 12,
      facilitatorId: 's',
      credential: null,
    },
    {
      id: 'b',
      track: 'late',
      slot: { day: 0, start: 20 * 60, end: 22 * 60 },
      roomId: null,
      capacity: 12,
      facilitatorId: 's',
      credential: null,
    },
  ],
  seats: [],
  appointments: [],
};

describe('buildAssignmentModel', () => {
  it('offers seats only where the person is free, one seat among overlapping groups, and prices preference', () => {
    const m = buildAssignmentModel(week);
    // p2 is free on Tuesday only: no seat offered.
    expect(m.pairs).toEqual([
      { patientId: 'p1', groupId: 'a' },
      { patientId: 'p1', groupId: 'b' },
    ]);
    expect(m.shortfalls).toEqual(['p1', 'p2']);
    expect(m.lp).toContain(' o0_0: 1 x0 + 1 x1 <= 1');
    // 3 h in the preferred track; 2 h one place down the list costs 10% more per hour.
    expect(m.lp).toContain('obj: 3 x0 + 2.2 x1');
    expect(m.lp).toContain(' h0: 3 x0 + 2 x1 + 1 s0 >= 9');
    // Monday 17–23 holds at most 3 h one group at a time: p1 cannot reach 9 h, so "reaches the floor" is fixed at no.
    expect(m.lp).toContain(' f0: y0 = 0');
    // p2 has no seat to offer, so only the shortfall can meet the floor.
    expect(m.lp).toContain(' h1: 1 s1 >= 9');
  });

  it('respects the room as well as the group capacity, and seats already taken', () => {
    const m = buildAssignmentModel({ ...week, patients: [person('p1'), person('p3')], seats: [{ groupId: 'a', patientId: 'p9' }] });
    // The room holds one and p9 already has it: group a offers nothing.
    expect(m.pairs.map((p) => p.groupId)).toEqual(['b', 'b']);
  });
});

describe('buildAssignmentModel: the rest of the week', () => {
  const wide = person('p1', { availability: [0, 1, 2].map((d) => ({ day: d as 0 | 1 | 2, start: 8 * 60, end: 22 * 60 })) });
  const groups = [0, 1, 2].map((d) => ({
    ...(week.groups[0] as WeekPlan['groups'][number]),
    id: `g${d}`,
    roomId: null,
    slot: { day: d as 0 | 1 | 2, start: 18 * 60, end: 21 * 60 },
  }));

  it('counts each requested session once toward the most hours a person could hold', () => {
    // Two groups (6 h) and one 60-minute session with many possible starts: at most 7 h, short of 9, so "reaches the
    // floor" is fixed at no — not linked to hours the LP could fill with fractions of every start.
    const two = groups.slice(0, 2);
    const m = buildAssignmentModel({
      ...week,
      patients: [wide],
      groups: two,
      staff: [{ id: 'c1', credentials: [], hours: [0, 1, 2].map((d) => ({ day: d as 0 | 1 | 2, start: 8 * 60, end: 17 * 60 })) }],
      requests: [{ id: 'r1', patientId: 'p1', kind: 'individual', minutes: 60, staffIds: ['c1'], inPerson: false }],
    });
    expect(m.classes.flat().length).toBeGreaterThan(3);
    expect(m.lp).toContain(' f0: y0 = 0');
  });

  it('on a per-diem day, a session needs a seat that day at another time', () => {
    const m = buildAssignmentModel({
      ...week,
      patients: [{ ...wide, perDiem: true }],
      groups: [groups[0] as WeekPlan['groups'][number]],
      staff: [{ id: 'c1', credentials: [], hours: [{ day: 0, start: 17 * 60, end: 19 * 60 }] }],
      requests: [{ id: 'r1', patientId: 'p1', kind: 'individual', minutes: 60, staffIds: ['c1'], inPerson: false }],
    });
    // Starts at 17:00 (before the group) and 18:00 (during it): only the first can share the day with the group.
    expect(m.classes.flat().map((o) => o.slot.start)).toEqual([17 * 60, 18 * 60]);
    expect(m.lp).toContain(' ps0_a0: 1 a0 - 1 x0 <= 0');
    expect(m.lp).toContain(' ps0_a1: 1 a1 <= 0');
  });

  it('links "reaches the floor" to the hours when the floor is reachable', () => {
    const m = buildAssignmentModel({ ...week, patients: [wide], groups });
    expect(m.lp).toContain(' f0: 3 x0 + 3 x1 + 3 x2 - 9 y0 >= 0');
  });

  it('needs the fewest whole seats that reach the floor, and each seat without which it is out of reach', () => {
    const m = buildAssignmentModel({ ...week, patients: [wide], groups });
    // 9 h in 3 h seats: three of them, whatever fractions of others the LP could add.
    expect(m.lp).toContain(' k0: 1 x0 + 1 x1 + 1 x2 - 3 y0 >= 0');
    // Without any one of the three the most is 6 h: each is needed.
    for (const [day, x] of [0, 1, 2].entries()) expect(m.lp).toContain(` n0_d${day}: 1 y0 - 1 x${x} <= 0`);
  });

  it('needs a seat at a time, or on a day, when the floor is out of reach without every seat then', () => {
    const parallel = { ...(groups[0] as WeekPlan['groups'][number]), id: 'g0b' };
    const m = buildAssignmentModel({ ...week, patients: [{ ...wide, phaseMinHours: 6, stepDown: true }], groups: [...groups, parallel] });
    expect(m.pairs.map((p) => p.groupId)).toEqual(['g0', 'g0b', 'g1', 'g2']);
    // 6 h in step-down: two seats. Without Monday's two parallel groups the most is 6 h still: none is needed…
    expect(m.lp).toContain(' k0: 1 x0 + 1 x1 + 1 x2 + 1 x3 - 2 y0 >= 0');
    expect(m.lp).not.toMatch(/ n0_/);
    // …but at 9 h, one of Monday's two is.
    const nine = buildAssignmentModel({ ...week, patients: [wide], groups: [...groups, parallel] });
    expect(nine.lp).toContain(' n0_d0: 1 y0 - 1 x0 - 1 x1 <= 0');
    expect(nine.lp).not.toContain(' n0_t0_1080');
  });

  it('as a bound: only the people at their floor count, each floor lowered by the credit; the bound then caps them', () => {
    const two = { ...week, patients: [wide, { ...wide, id: 'p2' }], groups };
    const m = buildAssignmentModel(two, { floorsOnly: { credit: new Map([['p2', 1.5]]) } });
    expect(m.lp).toContain('obj: -1 y0 - 1 y1\n');
    expect(m.constant).toBe(0);
    expect(m.lp).toContain(' h0: 3 x0 + 3 x1 + 3 x2 + 1 s0 >= 9');
    // p2's 1.5 h of sessions could stand in for part of a seat: 7.5 h in 3 h seats is still three.
    expect(m.lp).toContain(' h1: 3 x3 + 3 x4 + 3 x5 + 1 s1 >= 7.5');
    expect(m.lp).toContain(' k1: 1 x3 + 1 x4 + 1 x5 - 3 y1 >= 0');
    expect(m.lp).not.toContain(' fl:');
    const capped = buildAssignmentModel(two, { floorsAtMost: { count: 1, among: new Set(m.shortfalls) } });
    expect(capped.lp).toContain(' fl: 1 y0 + 1 y1 <= 1');
    expect(capped.lp).toContain(`obj: ${buildAssignmentModel(two).lp.split('obj: ')[1]?.split('\n')[0]}`);
  });

  it('caps only the people the bound counted: someone whose sessions alone could reach their floor is not among them', () => {
    // p2's requested sessions (9 h of credit here) could reach their floor without a seat.
    const two = { ...week, patients: [wide, { ...wide, id: 'p2' }], groups };
    const bound = buildAssignmentModel(two, { floorsOnly: { credit: new Map([['p2', 9]]) } });
    expect(bound.shortfalls).toEqual(['p1']);
    const capped = buildAssignmentModel(two, { floorsAtMost: { count: 0, among: new Set(bound.shortfalls) } });
    expect(capped.shortfalls).toEqual(['p1', 'p2']);
    expect(capped.lp).toContain(' fl: 1 y0 <= 0');
    expect(buildAssignmentModel(two, { floorsAtMost: { count: 0, among: new Set() } }).lp).not.toContain(' fl:');
  });

  it('requires the floor of those it must keep there, where it is reachable', () => {
    const m = buildAssignmentModel({ ...week, patients: [wide, person('p2')], groups }, { keepAtFloor: new Set(['p1', 'p2']) });
    expect(m.shortfalls).toEqual(['p1', 'p2']);
    expect(m.lp).toContain(' g0: y0 = 1');
    // p2 cannot reach 9 h on Monday evening alone: no row that could make the week infeasible.
    expect(m.lp).toContain(' f1: y1 = 0');
    expect(m.lp).not.toContain(' g1:');
  });

  it("offers a request at every grid start inside staff hours and availability, clear of the facilitator's groups", () => {
    const m = buildAssignmentModel({
      ...week,
      staff: [{ id: 's', credentials: [], hours: [{ day: 0, start: 17 * 60, end: 21 * 60 }] }],
      patients: [wide],
      groups,
      requests: [{ id: 'r', patientId: 'p1', kind: 'individual', minutes: 60, staffIds: ['s'], inPerson: false }],
    });
    // Staff works Monday 17–21 but facilitates g0 18–21: only 17:00 is left.
    expect(m.classes.flat().map((o) => [o.staffId, o.slot.day, o.slot.start])).toEqual([['s', 0, 17 * 60]]);
    expect(m.lp).toContain(' q0: 1 a0 + 1 m0 = 1');
  });

  it('makes a per-diem day all or nothing: a day switched on carries the minimum', () => {
    const m = buildAssignmentModel({ ...week, patients: [{ ...wide, perDiem: true }], groups });
    expect(m.days.map((d) => d.day)).toEqual([0, 1, 2]);
    expect(m.lp).toContain(' w0_x0: x0 - d0 <= 0');
    expect(m.lp).toContain(' pd0: 3 x0 - 3 d0 >= 0');
  });

  it("prices changes against the incumbent and seats outside last week's cohort", () => {
    const withTemplates = groups.map((g, i) => ({ ...g, templateId: `t${i}` }));
    const m = buildAssignmentModel({
      ...week,
      patients: [wide],
      groups: withTemplates,
      incumbent: { seats: [{ groupId: 'g0', patientId: 'p1' }], appointments: [] },
      lastWeek: [{ patientId: 'p1', templateId: 't1' }],
    });
    // g0: in the incumbent (−50) but not the cohort (+10); g1: new (+50), in the cohort; g2: new and outside it.
    expect(m.lp).toContain('obj: -37 x0 + 53 x1 + 63 x2');
    expect(m.constant).toBe(1_000_000 + 50);
  });
});
