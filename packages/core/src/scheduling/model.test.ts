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
    expect(m.lp).toContain(' f0: 3 x0 + 2 x1 - 9 y0 >= 0');
    // p2 has no seat to offer, so only the shortfall can meet the floor.
    expect(m.lp).toContain(' h1: 1 s1 >= 9');
  });

  it('respects the room as well as the group capacity, and seats already taken', () => {
    const m = buildAssignmentModel({ ...week, patients: [person('p1'), person('p3')], seats: [{ groupId: 'a', patientId: 'p9' }] });
    // The room holds one and p9 already has it: group a offers nothing.
    expect(m.pairs.map((p) => p.groupId)).toEqual(['b', 'b']);
  });
});
