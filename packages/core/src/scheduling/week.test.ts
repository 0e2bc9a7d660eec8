import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  levelFloorHours,
  perDiemDayMinimumHours,
  validateWeek,
  weeklyHourFloor,
  type GroupOccurrence,
  type PatientWeek,
  type Slot,
  type WeekPlan,
  type WeekViolation,
} from './week';

const at = (day: Slot['day'], from: string, to: string): Slot => {
  const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return { day, start: m(from), end: m(to) };
};
const allWeek: Slot[] = [0, 1, 2, 3, 4, 5, 6].map((d) => at(d as Slot['day'], '00:00', '24:00'));

const person = (id: string, extra: Partial<PatientWeek> = {}): PatientWeek => ({
  id,
  ageGroup: 'adult',
  levelOfCare: '2.1',
  phaseMinHours: 0,
  stepDown: false,
  perDiem: false,
  availability: allWeek,
  preferredTracks: [],
  ...extra,
});
const group = (id: string, slot: Slot, extra: Partial<GroupOccurrence> = {}): GroupOccurrence => ({
  id,
  track: 'evening',
  slot,
  roomId: 'room-a',
  capacity: 12,
  facilitatorId: 'staff-1',
  credential: null,
  ...extra,
});

/** A plan where only what a test adds can break a limit: hour floors off, everyone available all week. */
function plan(extra: Partial<WeekPlan>): WeekPlan {
  return {
    rooms: [
      { id: 'room-a', capacity: 12 },
      { id: 'room-b', capacity: 4 },
    ],
    staff: [
      { id: 'staff-1', credentials: ['LADC'], hours: allWeek },
      { id: 'staff-2', credentials: [], hours: [at(0, '09:00', '17:00')] },
    ],
    patients: [person('p1', { levelOfCare: '1.0' }), person('p2', { levelOfCare: '1.0' })],
    groups: [],
    seats: [],
    appointments: [],
    ...extra,
  };
}
const kinds = (v: WeekViolation[]) => v.map((x) => x.kind);

describe('hour floors', () => {
  it.each([
    ['2.1', 'adult', 9],
    ['2.1', 'adolescent', 6],
    ['2.5', 'adult', 20],
    ['1.0', 'adult', 0],
  ] as const)('level %s, %s → %i h', (level, age, want) => expect(levelFloorHours(level, age)).toBe(want));

  it.each([
    ['phase 1 above the floor', { phaseMinHours: 12, stepDown: false }, 12],
    ['phase 3 tapers below the floor: the floor holds at IOP', { phaseMinHours: 6, stepDown: false }, 9],
    ['in the step-down period the phase counts', { phaseMinHours: 6, stepDown: true }, 6],
  ])('%s', (_what, p, want) => expect(weeklyHourFloor({ levelOfCare: '2.1', ageGroup: 'adult', ...p })).toBe(want));

  it('per-diem day minimum: 3 h adults, 2 h adolescents', () => {
    expect([perDiemDayMinimumHours('adult'), perDiemDayMinimumHours('adolescent')]).toEqual([3, 2]);
  });
});

describe('validateWeek', () => {
  it('a clean week has no violations', () => {
    const p = plan({ groups: [group('g1', at(0, '18:00', '21:00'))], seats: [{ groupId: 'g1', patientId: 'p1' }] });
    expect(validateWeek(p)).toEqual([]);
  });

  it.each<[string, Partial<WeekPlan>, WeekViolation[]]>([
    [
      'a person in two overlapping sessions',
      {
        groups: [group('g1', at(1, '18:00', '21:00')), group('g2', at(1, '20:00', '21:30'), { roomId: 'room-b' })],
        seats: [
          { groupId: 'g1', patientId: 'p1' },
          { groupId: 'g2', patientId: 'p1' },
        ],
      },
      [
        { kind: 'patient_double_booked', patientId: 'p1', items: ['g1', 'g2'] },
        { kind: 'staff_double_booked', staffId: 'staff-1', items: ['g1', 'g2'] },
      ],
    ],
    [
      'back to back is not a clash',
      {
        groups: [group('g1', at(1, '18:00', '19:30')), group('g2', at(1, '19:30', '21:00'))],
        seats: [
          { groupId: 'g1', patientId: 'p1' },
          { groupId: 'g2', patientId: 'p1' },
        ],
      },
      [],
    ],
    [
      'one room on two days',
      {
        groups: [group('g1', at(2, '10:00', '12:00'))],
        appointments: [
          { id: 'a1', kind: 'individual', patientId: 'p2', staffId: 'staff-2', slot: at(0, '10:00', '10:50'), roomId: 'room-a' },
        ],
      },
      [],
    ],
    [
      'a room taken twice',
      {
        groups: [group('g1', at(0, '10:00', '12:00'))],
        appointments: [
          { id: 'a1', kind: 'individual', patientId: 'p2', staffId: 'staff-2', slot: at(0, '11:00', '11:50'), roomId: 'room-a' },
        ],
      },
      [{ kind: 'room_double_booked', roomId: 'room-a', items: ['g1', 'a1'] }],
    ],
    [
      'over the group capacity and the room',
      {
        patients: ['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => person(id, { levelOfCare: '1.0' })),
        groups: [group('g1', at(3, '18:00', '21:00'), { capacity: 4, roomId: 'room-b' })],
        seats: ['p1', 'p2', 'p3', 'p4', 'p5'].map((patientId) => ({ groupId: 'g1', patientId })),
      },
      [
        { kind: 'group_over_capacity', groupId: 'g1', seats: 5, capacity: 4 },
        { kind: 'room_too_small', groupId: 'g1', roomId: 'room-b', seats: 5, capacity: 4 },
      ],
    ],
    [
      'a facilitator without the credential, outside their hours',
      { groups: [group('g1', at(0, '18:00', '21:00'), { facilitatorId: 'staff-2', credential: 'LADC' })] },
      [
        { kind: 'missing_credential', itemId: 'g1', staffId: 'staff-2', credential: 'LADC' },
        { kind: 'outside_staff_hours', staffId: 'staff-2', itemId: 'g1' },
      ],
    ],
    [
      'a seat outside the person’s availability',
      {
        patients: [person('p1', { levelOfCare: '1.0', availability: [at(0, '17:30', '21:00')] })],
        groups: [group('g1', at(0, '17:00', '20:00'))],
        seats: [{ groupId: 'g1', patientId: 'p1' }],
      },
      [{ kind: 'outside_availability', patientId: 'p1', itemId: 'g1' }],
    ],
    [
      'IOP hours below the floor',
      {
        patients: [person('p1', { phaseMinHours: 6 })],
        groups: [group('g1', at(0, '18:00', '21:00')), group('g2', at(2, '18:00', '21:00'))],
        seats: [
          { groupId: 'g1', patientId: 'p1' },
          { groupId: 'g2', patientId: 'p1' },
        ],
      },
      [{ kind: 'below_hour_floor', patientId: 'p1', hours: 6, floor: 9 }],
    ],
    [
      'a per-diem day short of three hours',
      {
        patients: [person('p1', { levelOfCare: '1.0', perDiem: true })],
        groups: [group('g1', at(4, '18:00', '20:00'))],
        seats: [{ groupId: 'g1', patientId: 'p1' }],
      },
      [{ kind: 'short_service_day', patientId: 'p1', day: 4, hours: 2, minimum: 3 }],
    ],
    [
      'references to nothing',
      {
        groups: [group('g1', at(0, '18:00', '21:00'), { roomId: 'gone' })],
        seats: [{ groupId: 'g1', patientId: 'nobody' }],
      },
      [
        { kind: 'unknown_reference', itemId: 'g1', ref: 'gone' },
        { kind: 'unknown_reference', itemId: 'g1:nobody', ref: 'nobody' },
      ],
    ],
  ])('%s', (_what, extra, want) => {
    expect(validateWeek(plan(extra))).toEqual(want);
  });

  it('a virtual group needs no room and takes none', () => {
    const p = plan({
      groups: [group('g1', at(0, '18:00', '21:00'), { roomId: null }), group('g2', at(0, '18:00', '21:00'), { facilitatorId: 'staff-1' })],
    });
    expect(kinds(validateWeek(p))).toEqual(['staff_double_booked']);
  });
});

/** Random weeks on a small grid, so clashes are common. */
const slotArb = fc
  .record({ day: fc.integer({ min: 0, max: 2 }), start: fc.integer({ min: 16, max: 40 }), length: fc.integer({ min: 1, max: 8 }) })
  .map(({ day, start, length }): Slot => ({ day: day as Slot['day'], start: start * 30, end: (start + length) * 30 }));

const weekArb = fc
  .record({
    groups: fc.array(
      fc.record({ slot: slotArb, room: fc.constantFrom('room-a', 'room-b', null), facilitator: fc.constantFrom('staff-1', 'staff-2') }),
      { maxLength: 6 },
    ),
    appointments: fc.array(
      fc.record({
        slot: slotArb,
        room: fc.constantFrom('room-a', 'room-b', null),
        staff: fc.constantFrom('staff-1', 'staff-2'),
        patient: fc.constantFrom('p1', 'p2', 'p3'),
      }),
      { maxLength: 5 },
    ),
    seats: fc.array(fc.record({ g: fc.nat(5), patient: fc.constantFrom('p1', 'p2', 'p3') }), { maxLength: 12 }),
  })
  .map(({ groups, appointments, seats }): WeekPlan => {
    const gs = groups.map((g, i) => group(`g${i}`, g.slot, { roomId: g.room, facilitatorId: g.facilitator }));
    return {
      ...plan({}),
      staff: [
        { id: 'staff-1', credentials: ['LADC'], hours: allWeek },
        { id: 'staff-2', credentials: [], hours: allWeek },
      ],
      patients: ['p1', 'p2', 'p3'].map((id) => person(id, { levelOfCare: '1.0' })),
      groups: gs,
      seats: gs.length ? seats.map((s) => ({ groupId: `g${s.g % gs.length}`, patientId: s.patient })) : [],
      appointments: appointments.map((a, i) => ({
        id: `a${i}`,
        kind: 'individual' as const,
        patientId: a.patient,
        staffId: a.staff,
        slot: a.slot,
        roomId: a.room,
      })),
    };
  });

/** The obvious, slow answer: every pair of one owner's items, compared directly. */
function oraclePairs(p: WeekPlan, owner: 'patient' | 'staff' | 'room'): Set<string> {
  const items: { owner: string; id: string; slot: Slot }[] = [];
  const seated = new Set(p.seats.map((s) => `${s.groupId}|${s.patientId}`));
  for (const g of p.groups) {
    if (owner === 'staff') items.push({ owner: g.facilitatorId, id: g.id, slot: g.slot });
    if (owner === 'room' && g.roomId) items.push({ owner: g.roomId, id: g.id, slot: g.slot });
    if (owner === 'patient')
      for (const key of seated) if (key.startsWith(`${g.id}|`)) items.push({ owner: key.split('|')[1] as string, id: g.id, slot: g.slot });
  }
  for (const a of p.appointments) {
    const o = owner === 'patient' ? a.patientId : owner === 'staff' ? a.staffId : a.roomId;
    if (o) items.push({ owner: o, id: a.id, slot: a.slot });
  }
  const out = new Set<string>();
  for (const x of items)
    for (const y of items)
      if (x !== y && x.owner === y.owner && x.slot.day === y.slot.day && x.slot.start < y.slot.end && y.slot.start < x.slot.end)
        out.add(`${x.owner}:${[x.id, y.id].sort().join('+')}`);
  return out;
}

function reported(v: WeekViolation[], owner: 'patient' | 'staff' | 'room'): Set<string> {
  const out = new Set<string>();
  for (const x of v) {
    if (owner === 'patient' && x.kind === 'patient_double_booked') out.add(`${x.patientId}:${[...x.items].sort().join('+')}`);
    if (owner === 'staff' && x.kind === 'staff_double_booked') out.add(`${x.staffId}:${[...x.items].sort().join('+')}`);
    if (owner === 'room' && x.kind === 'room_double_booked') out.add(`${x.roomId}:${[...x.items].sort().join('+')}`);
  }
  return out;
}

describe('validateWeek on random weeks', () => {
  it('reports exactly the double bookings a pairwise comparison finds, for people, staff and rooms', () => {
    fc.assert(
      fc.property(weekArb, (week) => {
        const v = validateWeek(week);
        for (const owner of ['patient', 'staff', 'room'] as const) expect(reported(v, owner)).toEqual(oraclePairs(week, owner));
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of its input', () => {
    fc.assert(
      fc.property(weekArb, fc.nat(), (week, seed) => {
        const shuffle = <T>(xs: readonly T[]) =>
          [...xs].sort((a, b) => ((JSON.stringify(a).length * 31 + seed) % 7) - ((JSON.stringify(b).length * 17 + seed) % 5));
        const reversed: WeekPlan = {
          ...week,
          groups: shuffle(week.groups).reverse(),
          seats: shuffle(week.seats).reverse(),
          appointments: shuffle(week.appointments).reverse(),
        };
        expect(validateWeek(reversed)).toEqual(validateWeek(week));
      }),
      { numRuns: 200 },
    );
  });

  it('a group never holds more seats than its capacity without saying so', () => {
    fc.assert(
      fc.property(weekArb, fc.integer({ min: 0, max: 4 }), (week, capacity) => {
        const tight = { ...week, groups: week.groups.map((g) => ({ ...g, capacity })) };
        const over = validateWeek(tight).filter((x) => x.kind === 'group_over_capacity');
        for (const g of tight.groups) {
          const seats = new Set(tight.seats.filter((s) => s.groupId === g.id).map((s) => s.patientId)).size;
          expect(over.some((x) => x.kind === 'group_over_capacity' && x.groupId === g.id)).toBe(seats > capacity);
        }
      }),
      { numRuns: 200 },
    );
  });
});
