import { describe, expect, it } from 'vitest';
import {
  validateWeek,
  type GroupOccurrence,
  type PatientWeek,
  type SessionRequest,
  type Slot,
  type StaffWeek,
  type WeekPlan,
} from '@openiop/core';
import { solveWeek } from './solve-week';

const days = [0, 1, 2, 3, 4] as Slot['day'][];
const block = (day: Slot['day'], from: number, to: number): Slot => ({ day, start: from * 60, end: to * 60 });
const person = (id: string, extra: Partial<PatientWeek> = {}): PatientWeek => ({
  id,
  ageGroup: 'adult',
  levelOfCare: '2.1',
  phaseMinHours: 9,
  stepDown: false,
  perDiem: false,
  availability: days.map((d) => block(d, 8, 22)),
  preferredTracks: [],
  ...extra,
});
const staffer = (id: string, extra: Partial<StaffWeek> = {}): StaffWeek => ({
  id,
  credentials: [],
  hours: days.map((d) => block(d, 8, 22)),
  ...extra,
});
const group = (id: string, slot: Slot, extra: Partial<GroupOccurrence> = {}): GroupOccurrence => ({
  id,
  track: slot.start < 12 * 60 ? 'morning' : 'evening',
  slot,
  roomId: null,
  capacity: 12,
  facilitatorId: 'g1',
  credential: null,
  ...extra,
});
const request = (id: string, patientId: string, extra: Partial<SessionRequest> = {}): SessionRequest => ({
  id,
  patientId,
  kind: 'individual',
  minutes: 60,
  staffIds: ['c1'],
  inPerson: false,
  ...extra,
});
const week = (extra: Partial<WeekPlan>): WeekPlan => ({
  rooms: [],
  staff: [staffer('g1'), staffer('c1'), staffer('c2')],
  patients: [],
  groups: [],
  seats: [],
  appointments: [],
  ...extra,
});
const seatsOf = (plan: WeekPlan, patientId: string) =>
  plan.seats
    .filter((s) => s.patientId === patientId)
    .map((s) => s.groupId)
    .sort();
const hard = (plan: WeekPlan) => validateWeek(plan).filter((v) => v.kind !== 'below_hour_floor');

describe('solveWeek: individual and family sessions', () => {
  it('places a session where staff and person are both free, clear of groups, and counts its hours to the floor', async () => {
    // Groups Mon–Wed 9–12 (9 h); the facilitator g1 is also the clinician: busy during the groups.
    const groups = [0, 1, 2].map((d) => group(`am-${d}`, block(d as Slot['day'], 9, 12)));
    const p = person('p1', { phaseMinHours: 10, availability: [0, 1, 2].map((d) => block(d as Slot['day'], 9, 13)) });
    const plan = week({ patients: [p], groups, requests: [request('r1', 'p1', { staffIds: ['g1'] })] });
    const solved = await solveWeek(plan);
    expect(solved.status).toBe('Optimal');
    expect(hard(solved.plan)).toEqual([]);
    expect(validateWeek(solved.plan)).toEqual([]);
    const [a] = solved.plan.appointments;
    expect(a).toMatchObject({ requestId: 'r1', staffId: 'g1', patientId: 'p1' });
    expect(a?.slot.start).toBe(12 * 60);
    expect(solved.unplaced).toEqual([]);
  });

  it('prefers the primary clinician, and uses the stand-in when the primary is full', async () => {
    const c1 = staffer('c1', { hours: [block(0, 9, 10)] });
    const plan = week({
      staff: [staffer('g1'), c1, staffer('c2')],
      patients: [person('p1', { phaseMinHours: 0, levelOfCare: '1.0' }), person('p2', { phaseMinHours: 0, levelOfCare: '1.0' })],
      requests: [request('r1', 'p1', { staffIds: ['c1', 'c2'] }), request('r2', 'p2', { staffIds: ['c1', 'c2'] })],
    });
    const solved = await solveWeek(plan);
    expect(hard(solved.plan)).toEqual([]);
    expect(solved.plan.appointments.map((a) => a.staffId).sort()).toEqual(['c1', 'c2']);
  });

  it('gives an in-person session a free room, never one a group holds, and keeps staff under their session cap', async () => {
    const plan = week({
      rooms: [
        { id: 'big', capacity: 12 },
        { id: 'office', capacity: 2 },
      ],
      staff: [staffer('g1'), staffer('c1', { maxSessions: 1 }), staffer('c2')],
      groups: [group('am', block(0, 9, 12), { roomId: 'big' })],
      patients: ['p1', 'p2', 'p3'].map((id) => person(id, { phaseMinHours: 0, levelOfCare: '1.0', availability: [block(0, 9, 11)] })),
      requests: [
        request('r1', 'p1', { staffIds: ['c1'], inPerson: true }),
        request('r2', 'p2', { staffIds: ['c1', 'c2'], inPerson: true }),
        request('r3', 'p3', { staffIds: ['c2'], inPerson: true }),
      ],
    });
    const solved = await solveWeek(plan);
    expect(hard(solved.plan)).toEqual([]);
    // One room free 9–11 (the big room holds the group), two hours, three one-hour sessions: two fit.
    expect(solved.plan.appointments).toHaveLength(2);
    expect(solved.plan.appointments.every((a) => a.roomId === 'office')).toBe(true);
    expect(solved.plan.appointments.filter((a) => a.staffId === 'c1').length).toBeLessThanOrEqual(1);
    expect(solved.unplaced).toHaveLength(1);
  });

  it('explains a session no common time can hold, and names the window that would place it', async () => {
    const plan = week({
      staff: [staffer('g1'), staffer('c1', { hours: [block(1, 14, 15)] })],
      patients: [person('p1', { phaseMinHours: 0, levelOfCare: '1.0', availability: [block(0, 17, 20)] })],
      requests: [request('r1', 'p1')],
    });
    const solved = await solveWeek(plan);
    expect(solved.plan.appointments).toEqual([]);
    expect(solved.unplaced).toEqual([
      expect.objectContaining({
        requestId: 'r1',
        reason: 'no_common_time',
        text: 'no individual slot where c1 and the person are both free; adding Tuesday 14:00–15:00 availability would place it with c1',
      }),
    ]);
  });
});

describe('solveWeek: per-diem days, continuity, incumbent', () => {
  it('never leaves a per-diem day short: a lone one-hour session is moved next to a group or dropped', async () => {
    // Adult per diem: each day with any service carries 3 h. Groups Mon/Tue/Wed 9–12; session free Thursday only or Monday 12–13.
    const groups = [0, 1, 2].map((d) => group(`am-${d}`, block(d as Slot['day'], 9, 12)));
    const p = person('p1', { perDiem: true, phaseMinHours: 9 });
    const plan = week({ patients: [p], groups, requests: [request('r1', 'p1')] });
    const solved = await solveWeek(plan);
    expect(validateWeek(solved.plan)).toEqual([]);
    const a = solved.plan.appointments[0];
    expect(a && [0, 1, 2].includes(a.slot.day)).toBe(true);
  });

  it("keeps the person in last week's cohort when two groups would do", async () => {
    const groups = [
      group('mon-a', block(0, 9, 12), { templateId: 't-a' }),
      group('mon-b', block(0, 13, 16), { templateId: 't-b' }),
      group('tue-a', block(1, 9, 12), { templateId: 't-a' }),
      group('tue-b', block(1, 13, 16), { templateId: 't-b' }),
    ];
    const p = person('p1', { phaseMinHours: 6, stepDown: true });
    const plan = week({ patients: [p], groups, lastWeek: [{ patientId: 'p1', templateId: 't-b' }] });
    const solved = await solveWeek(plan);
    expect(seatsOf(solved.plan, 'p1')).toEqual(['mon-b', 'tue-b']);
  });

  it('prefers days, modality, and no more days than the phase asks', async () => {
    const groups = [0, 1, 2, 3].flatMap((d) => [
      group(`am-${d}`, block(d as Slot['day'], 9, 12), { roomId: 'r' }),
      group(`pm-${d}`, block(d as Slot['day'], 13, 16)),
    ]);
    const p = person('p1', { phaseMinHours: 12, phaseDays: 2, preferredDays: [2, 3], preferredModality: 'in_person' });
    const solved = await solveWeek(week({ rooms: [{ id: 'r', capacity: 12 }], patients: [p], groups }));
    // Two days (the phase's), Wednesday and Thursday, both groups each day.
    expect(seatsOf(solved.plan, 'p1')).toEqual(['am-2', 'am-3', 'pm-2', 'pm-3']);
  });

  it('re-solves with an incumbent: a new admission moves no one it does not have to', async () => {
    const groups = days.flatMap((d) => [
      group(`am-${d}`, block(d, 9, 12), { capacity: 2 }),
      group(`pm-${d}`, block(d, 13, 16), { capacity: 2 }),
    ]);
    const patients = ['p1', 'p2', 'p3'].map((id) => person(id));
    const first = await solveWeek(week({ patients, groups }));
    expect(validateWeek(first.plan)).toEqual([]);
    const incumbent = { seats: first.plan.seats, appointments: first.plan.appointments };
    const again = await solveWeek(week({ patients: [...patients, person('p4')], groups, incumbent }));
    expect(validateWeek(again.plan)).toEqual([]);
    for (const id of ['p1', 'p2', 'p3']) expect(seatsOf(again.plan, id)).toEqual(seatsOf(first.plan, id));
  });

  it('re-solves with an incumbent after a group is cancelled: only its people move', async () => {
    const groups = days.flatMap((d) => [
      group(`am-${d}`, block(d, 9, 12), { capacity: 3 }),
      group(`pm-${d}`, block(d, 13, 16), { capacity: 3 }),
    ]);
    const patients = ['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => person(id));
    const first = await solveWeek(week({ patients, groups }));
    const cancelled = first.plan.seats[0]?.groupId as string;
    const moved = new Set(first.plan.seats.filter((s) => s.groupId === cancelled).map((s) => s.patientId));
    const incumbent = { seats: first.plan.seats, appointments: [] };
    const again = await solveWeek(week({ patients, groups: groups.filter((g) => g.id !== cancelled), incumbent }));
    expect(validateWeek(again.plan)).toEqual([]);
    for (const p of patients) if (!moved.has(p.id)) expect(seatsOf(again.plan, p.id)).toEqual(seatsOf(first.plan, p.id));
  });

  it('reports the proven gap and streams progress', async () => {
    const stages: string[] = [];
    const groups = days.map((d) => group(`am-${d}`, block(d, 9, 12)));
    const solved = await solveWeek(week({ patients: [person('p1')], groups }), { onProgress: (p) => stages.push(p.stage) });
    expect(solved.status).toBe('Optimal');
    expect(solved.gap).toBeLessThanOrEqual(1e-6);
    expect(solved.bound).toBeLessThanOrEqual(solved.objective + 1e-6);
    expect(stages[0]).toBe('model built');
    expect(stages.at(-1)).toBe('checked');
  });
});
