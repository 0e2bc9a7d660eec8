import { describe, expect, it } from 'vitest';
import { explainShortfall, explainUnplacedRequest, slotText } from './explain';
import type { GroupOccurrence, PatientWeek, Slot, WeekPlan } from './week';

const block = (day: Slot['day'], from: number, to: number): Slot => ({ day, start: from * 60, end: to * 60 });
const group = (id: string, slot: Slot, capacity = 12): GroupOccurrence => ({
  id,
  track: 'evening',
  slot,
  roomId: null,
  capacity,
  facilitatorId: 's',
  credential: null,
});
const person = (availability: Slot[]): PatientWeek => ({
  id: 'p1',
  ageGroup: 'adult',
  levelOfCare: '2.1',
  phaseMinHours: 9,
  stepDown: false,
  perDiem: false,
  availability,
  preferredTracks: [],
});
const week = (p: PatientWeek, groups: GroupOccurrence[], seats: WeekPlan['seats']): WeekPlan => ({
  rooms: [],
  staff: [],
  patients: [p],
  groups,
  seats,
  appointments: [],
});

const evenings = [0, 1, 2, 3].map((d) => group(`pm-${d}`, block(d as Slot['day'], 18, 21)));

describe('explainShortfall', () => {
  it('nothing to explain at the floor', () => {
    const p = person([0, 1, 2].map((d) => block(d as Slot['day'], 17, 22)));
    const seats = ['pm-0', 'pm-1', 'pm-2'].map((groupId) => ({ groupId, patientId: 'p1' }));
    expect(explainShortfall(week(p, evenings, seats), 'p1')).toBeNull();
  });

  it('availability binds: names the hours there are and the window that would fix it', () => {
    const p = person([block(0, 17, 22), block(2, 17, 22)]);
    const seats = ['pm-0', 'pm-2'].map((groupId) => ({ groupId, patientId: 'p1' }));
    expect(explainShortfall(week(p, evenings, seats), 'p1')).toEqual({
      patientId: 'p1',
      hours: 6,
      floor: 9,
      limits: [{ kind: 'availability', availableHours: 6 }],
      fix: { addWindows: [block(1, 18, 21)], hoursAfter: 9, text: 'adding Tuesday 18:00–21:00 availability gives 9 h' },
    });
  });

  it('a full group binds: named, and the fix looks past it', () => {
    const p = person([0, 1, 2].map((d) => block(d as Slot['day'], 17, 22)));
    const groups = evenings.map((g) => (g.id === 'pm-1' ? { ...g, capacity: 1 } : g));
    const seats = [
      { groupId: 'pm-0', patientId: 'p1' },
      { groupId: 'pm-2', patientId: 'p1' },
      { groupId: 'pm-1', patientId: 'someone' },
    ];
    const why = explainShortfall({ ...week(p, groups, seats), patients: [p, { ...p, id: 'someone' }] }, 'p1');
    expect(why?.limits).toEqual([{ kind: 'capacity', fullGroupIds: ['pm-1'] }]);
    expect(why?.fix?.text).toBe('adding Thursday 18:00–21:00 availability gives 9 h');
  });

  it('no fix when every group left is full', () => {
    const p = person([block(0, 17, 22)]);
    const groups = evenings.map((g) => ({ ...g, capacity: g.id === 'pm-0' ? 12 : 0 }));
    const why = explainShortfall(week(p, groups, [{ groupId: 'pm-0', patientId: 'p1' }]), 'p1');
    expect(why).toMatchObject({ hours: 3, floor: 9, fix: null });
  });

  it('overlapping groups count once toward the hours there are, and the clash is named', () => {
    const p = person([block(0, 17, 23)]);
    const groups = [group('pm-0', block(0, 18, 21)), group('late-0', block(0, 19, 22)), group('pm-1', block(1, 18, 21))];
    const why = explainShortfall(week(p, groups, [{ groupId: 'pm-0', patientId: 'p1' }]), 'p1');
    expect(why?.limits).toEqual([
      { kind: 'availability', availableHours: 3 },
      { kind: 'overlap', groupIds: ['late-0'] },
    ]);
    // One more window is not enough (6 h): no fix from these groups.
    expect(why?.fix).toBeNull();
  });

  it('slots read as days and times', () => {
    expect(slotText(block(6, 9, 12))).toBe('Sunday 09:00–12:00');
  });
});

describe('explainUnplacedRequest', () => {
  const base = (extra: Partial<WeekPlan>): WeekPlan => ({
    ...week({ ...person([block(0, 17, 20)]), phaseMinHours: 0, levelOfCare: '1.0' }, [], []),
    staff: [{ id: 'c1', credentials: [], hours: [block(1, 14, 16)] }],
    requests: [{ id: 'r1', patientId: 'p1', kind: 'individual', minutes: 60, staffIds: ['c1'], inPerson: false }],
    ...extra,
  });

  it.each([
    [
      'no common time, with the window that would place it',
      base({}),
      'no_common_time',
      'no individual slot where c1 and the person are both free; adding Tuesday 14:00–15:00 availability would place it with c1',
    ],
    [
      'no room free when both are',
      base({
        staff: [{ id: 'c1', credentials: [], hours: [block(0, 17, 18)] }],
        requests: [{ id: 'r1', patientId: 'p1', kind: 'family', minutes: 60, staffIds: ['c1'], inPerson: true }],
      }),
      'no_room',
      'no room is free when c1 and the person are both free for the family session',
    ],
    [
      'the staff member at their cap',
      base({
        staff: [{ id: 'c1', credentials: [], hours: [block(0, 17, 18), block(2, 9, 10)], maxSessions: 1 }],
        appointments: [{ id: 'other', kind: 'individual', patientId: 'p1', staffId: 'c1', slot: block(2, 9, 10), roomId: null }],
      }),
      'staff_cap',
      "the individual session's staff are at their weekly session cap",
    ],
    [
      'a session that fits but lost to higher goals',
      base({ staff: [{ id: 'c1', credentials: [], hours: [block(0, 17, 18)] }] }),
      'traded_off',
      "the individual session fits but the week's higher goals took its time",
    ],
  ])('%s', (_, plan, reason, text) => {
    expect(explainUnplacedRequest(plan, 'r1')).toMatchObject({ requestId: 'r1', reason, text });
  });

  it('nothing to explain once it is placed', () => {
    const placed = base({
      staff: [{ id: 'c1', credentials: [], hours: [block(0, 17, 18)] }],
      appointments: [
        { id: 'r1', requestId: 'r1', kind: 'individual', patientId: 'p1', staffId: 'c1', slot: block(0, 17, 18), roomId: null },
      ],
    });
    expect(explainUnplacedRequest(placed, 'r1')).toBeNull();
  });
});
