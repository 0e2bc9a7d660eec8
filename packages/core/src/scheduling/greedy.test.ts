import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedyWeek } from './greedy';
import { validateWeek, weeklyHourFloor, type GroupOccurrence, type PatientWeek, type Slot, type WeekPlan } from './week';

const evening = (day: Slot['day']): Slot => ({ day, start: 18 * 60, end: 21 * 60 });
const morning = (day: Slot['day']): Slot => ({ day, start: 9 * 60, end: 12 * 60 });
const days = [0, 1, 2, 3, 4] as Slot['day'][];

function program(patients: PatientWeek[], capacity = 12): WeekPlan {
  const groups: GroupOccurrence[] = days.flatMap((d) => [
    { id: `am-${d}`, track: 'morning', slot: morning(d), roomId: null, capacity, facilitatorId: 's1', credential: null },
    { id: `pm-${d}`, track: 'evening', slot: evening(d), roomId: null, capacity, facilitatorId: 's2', credential: null },
  ]);
  return {
    rooms: [],
    staff: [
      { id: 's1', credentials: [], hours: days.map((d) => ({ day: d, start: 8 * 60, end: 13 * 60 })) },
      { id: 's2', credentials: [], hours: days.map((d) => ({ day: d, start: 17 * 60, end: 22 * 60 })) },
    ],
    patients,
    groups,
    seats: [],
    appointments: [],
  };
}

const worker = (id: string, extra: Partial<PatientWeek> = {}): PatientWeek => ({
  id,
  ageGroup: 'adult',
  levelOfCare: '2.1',
  phaseMinHours: 9,
  stepDown: false,
  perDiem: false,
  // Works days: free evenings only.
  availability: days.map((d) => ({ day: d, start: 17 * 60, end: 22 * 60 })),
  preferredTracks: ['evening'],
  ...extra,
});

const seatsOf = (plan: WeekPlan, patientId: string) =>
  plan.seats
    .filter((s) => s.patientId === patientId)
    .map((s) => s.groupId)
    .sort();

describe('greedyWeek', () => {
  it('fills the preferred track, earliest first, until the hour floor is met', () => {
    const out = greedyWeek(program([worker('p1')]));
    expect(seatsOf(out, 'p1')).toEqual(['pm-0', 'pm-1', 'pm-2']);
    expect(validateWeek(out)).toEqual([]);
  });

  it('falls back to other tracks the person is free for', () => {
    const flexible = worker('p1', {
      availability: days.map((d) => ({ day: d, start: 8 * 60, end: 22 * 60 })),
      preferredTracks: ['evening'],
      phaseMinHours: 21,
    });
    const out = greedyWeek(program([flexible]));
    expect(seatsOf(out, 'p1')).toEqual(['am-0', 'am-1', 'pm-0', 'pm-1', 'pm-2', 'pm-3', 'pm-4']);
  });

  it('leaves a person short when the seats run out, and says so through validateWeek', () => {
    const out = greedyWeek(program([worker('p1'), worker('p2')], 1));
    expect(seatsOf(out, 'p1')).toEqual(['pm-0', 'pm-1', 'pm-2']);
    expect(seatsOf(out, 'p2')).toEqual(['pm-3', 'pm-4']);
    expect(validateWeek(out)).toEqual([{ kind: 'below_hour_floor', patientId: 'p2', hours: 6, floor: 9 }]);
  });
});

const personArb = (id: string) =>
  fc
    .record({
      windows: fc.subarray(days, { minLength: 1 }),
      evenings: fc.boolean(),
      phase: fc.constantFrom(6, 9, 12),
      prefers: fc.constantFrom([], ['evening'], ['morning'], ['morning', 'evening']),
    })
    .map((r): PatientWeek =>
      worker(id, {
        phaseMinHours: r.phase,
        preferredTracks: r.prefers,
        availability: r.windows.map((d) =>
          r.evenings ? { day: d, start: 17 * 60, end: 22 * 60 } : { day: d, start: 8 * 60, end: 22 * 60 },
        ),
      }),
    );

describe('greedyWeek on random programs', () => {
  it('never breaks a hard limit: only hour floors may be missed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => personArb(`p${i}`)))),
        fc.integer({ min: 1, max: 4 }),
        (patients, capacity) => {
          const out = greedyWeek(program(patients, capacity));
          const hard = validateWeek(out).filter((v) => v.kind !== 'below_hour_floor');
          expect(hard).toEqual([]);
          // And nobody is given more than they need once their floor is met.
          for (const p of patients) {
            const hours = seatsOf(out, p.id).length * 3;
            expect(hours).toBeLessThan(weeklyHourFloor(p) + 3);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
