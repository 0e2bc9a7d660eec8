import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  greedyWeek,
  validateWeek,
  weeklyHourFloor,
  type GroupOccurrence,
  type PatientWeek,
  type SessionRequest,
  type Slot,
  type WeekPlan,
} from '@openiop/core';
import { solveWeek } from './solve-week';

const days = [0, 1, 2, 3, 4] as Slot['day'][];
const block = (day: Slot['day'], from: number, to: number): Slot => ({ day, start: from * 60, end: to * 60 });
const atFloor = (w: WeekPlan) => {
  const short = new Set(validateWeek(w).flatMap((v) => (v.kind === 'below_hour_floor' ? [v.patientId] : [])));
  return new Set(w.patients.filter((p) => !short.has(p.id)).map((p) => p.id));
};
const seatsOf = (w: WeekPlan, id: string) =>
  w.seats
    .filter((s) => s.patientId === id)
    .map((s) => s.groupId)
    .sort();

/** A small random program: morning and evening groups, two clinicians, one office, people with sessions. */
const programArb = (opts: { perDiem: boolean; capacity?: number }) =>
  fc
    .record({
      capacity: opts.capacity ? fc.constant(opts.capacity) : fc.integer({ min: 1, max: 3 }),
      people: fc.array(
        fc.record({
          windows: fc.subarray(days, { minLength: 1 }),
          evenings: fc.boolean(),
          phase: fc.constantFrom(6, 9, 12),
          perDiem: opts.perDiem ? fc.boolean() : fc.constant(false),
          session: fc.boolean(),
          inPerson: fc.boolean(),
          primary: fc.constantFrom('c1', 'c2'),
        }),
        { minLength: 1, maxLength: 7 },
      ),
      cap: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    })
    .map(({ capacity, people, cap }): WeekPlan => {
      const groups: GroupOccurrence[] = days.flatMap((d) => [
        {
          id: `am-${d}`,
          track: 'morning',
          slot: block(d, 9, 12),
          roomId: 'hall',
          capacity,
          facilitatorId: 'c1',
          credential: null,
          templateId: `am-${d}`,
        },
        {
          id: `pm-${d}`,
          track: 'evening',
          slot: block(d, 18, 21),
          roomId: null,
          capacity,
          facilitatorId: 'c2',
          credential: null,
          templateId: `pm-${d}`,
        },
      ]);
      const patients: PatientWeek[] = people.map((r, i) => ({
        id: `p${i}`,
        ageGroup: 'adult',
        levelOfCare: '2.1',
        phaseMinHours: r.phase,
        stepDown: r.phase === 6,
        perDiem: r.perDiem,
        availability: r.windows.map((d) => (r.evenings ? block(d, 17, 22) : block(d, 8, 22))),
        preferredTracks: [],
      }));
      const requests: SessionRequest[] = people.flatMap((r, i) =>
        r.session
          ? [
              {
                id: `r${i}`,
                patientId: `p${i}`,
                kind: 'individual' as const,
                minutes: 60,
                staffIds: [r.primary, r.primary === 'c1' ? 'c2' : 'c1'],
                inPerson: r.inPerson,
              },
            ]
          : [],
      );
      return {
        rooms: [
          { id: 'hall', capacity: 12 },
          { id: 'office', capacity: 2 },
        ],
        staff: [
          { id: 'c1', credentials: [], hours: days.map((d) => block(d, 8, 17)), ...(cap === undefined ? {} : { maxSessions: cap }) },
          { id: 'c2', credentials: [], hours: days.map((d) => block(d, 12, 22)) },
        ],
        patients,
        groups,
        seats: [],
        appointments: [],
        requests,
      };
    });

describe('solveWeek on random weeks (fast-check, real HiGHS)', () => {
  it('never breaks a hard limit — double bookings, capacity, rooms, availability, session caps, per-diem days', async () => {
    await fc.assert(
      fc.asyncProperty(programArb({ perDiem: true }), async (plan) => {
        const solved = await solveWeek(plan, { timeLimitSeconds: 5 });
        expect(validateWeek(solved.plan).filter((v) => v.kind !== 'below_hour_floor')).toEqual([]);
        // Whatever it reports short is what the week is short of, and everyone else is at their floor.
        const missing = validateWeek(solved.plan).flatMap((v) => (v.kind === 'below_hour_floor' ? [v.patientId] : []));
        expect(solved.shortfalls.map((s) => s.patientId)).toEqual(missing);
        expect(solved.explanations.map((e) => e.patientId)).toEqual(missing);
        // Every request is either in the week or explained.
        const placed = new Set(solved.plan.appointments.map((a) => a.requestId));
        for (const r of plan.requests ?? []) expect(placed.has(r.id) || solved.unplaced.some((u) => u.requestId === r.id)).toBe(true);
      }),
      { numRuns: 10 },
    );
  }, 60_000);

  it('brings everyone the greedy baseline brings to their floor there too, sessions included', async () => {
    await fc.assert(
      fc.asyncProperty(programArb({ perDiem: false }), async (plan) => {
        const solved = await solveWeek(plan, { timeLimitSeconds: 5 });
        expect(solved.status).toBe('Optimal');
        const mine = atFloor(solved.plan);
        for (const id of atFloor(greedyWeek(plan))) expect(mine.has(id), id).toBe(true);
      }),
      { numRuns: 15 },
    );
  }, 60_000);

  it('solves a week with an obvious optimum to it: each person fits exactly their floor in groups', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(6, 9, 12), { minLength: 1, maxLength: 8 }), async (phases) => {
        const plan: WeekPlan = {
          rooms: [],
          staff: [{ id: 'c1', credentials: [], hours: days.map((d) => block(d, 8, 22)) }],
          groups: days.map((d) => ({
            id: `g${d}`,
            track: 'morning',
            slot: block(d, 9, 12),
            roomId: null,
            capacity: 20,
            facilitatorId: 'c1',
            credential: null,
          })),
          // Free on exactly as many mornings as their phase needs.
          patients: phases.map((h, i) => ({
            id: `p${i}`,
            ageGroup: 'adult' as const,
            levelOfCare: '2.1' as const,
            phaseMinHours: h,
            stepDown: h === 6,
            perDiem: false,
            availability: days.slice(0, h / 3).map((d) => block(d, 8, 13)),
            preferredTracks: [],
          })),
          seats: [],
          appointments: [],
        };
        const solved = await solveWeek(plan);
        expect(solved.status).toBe('Optimal');
        expect(solved.shortfalls).toEqual([]);
        // Every hour seated costs 1 and nothing else is priced: the optimum is the floors' sum.
        expect(solved.objective).toBeCloseTo(
          plan.patients.reduce((h, p) => h + weeklyHourFloor(p), 0),
          6,
        );
      }),
      { numRuns: 10 },
    );
  }, 60_000);

  it("re-solving with the incumbent moves no one when nothing changed, and only the cancelled group's people when one is cancelled", async () => {
    await fc.assert(
      fc.asyncProperty(programArb({ perDiem: false, capacity: 12 }), fc.nat(), async (plan, pick) => {
        const first = await solveWeek(plan, { timeLimitSeconds: 5 });
        const incumbent = { seats: first.plan.seats, appointments: first.plan.appointments };
        const same = await solveWeek({ ...plan, incumbent }, { timeLimitSeconds: 5 });
        for (const p of plan.patients) expect(seatsOf(same.plan, p.id)).toEqual(seatsOf(first.plan, p.id));
        const used = [...new Set(first.plan.seats.map((s) => s.groupId))].sort();
        if (!used.length) return;
        const cancelled = used[pick % used.length] as string;
        const forced = new Set(first.plan.seats.filter((s) => s.groupId === cancelled).map((s) => s.patientId));
        const again = await solveWeek(
          { ...plan, groups: plan.groups.filter((g) => g.id !== cancelled), incumbent },
          { timeLimitSeconds: 5 },
        );
        // Groups have room for everyone: no one else has to make way.
        for (const p of plan.patients) if (!forced.has(p.id)) expect(seatsOf(again.plan, p.id)).toEqual(seatsOf(first.plan, p.id));
      }),
      { numRuns: 10 },
    );
  }, 90_000);
});
