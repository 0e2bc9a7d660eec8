import { describe, expect, it } from 'vitest';
import type { WeekViolation } from '../scheduling/week';
import { describeProblem, type ProblemNames } from './problems';

const names: ProblemNames = {
  person: (id) => `Person ${id}`,
  staff: (id) => `Staff ${id}`,
  room: (id) => `Room ${id}`,
  item: (id) => `Session ${id}`,
};

describe('describeProblem', () => {
  const cases: [WeekViolation, string, 'hard' | 'floor'][] = [
    [{ kind: 'patient_double_booked', patientId: 'p', items: ['a', 'b'] }, 'Person p is booked twice: Session a and Session b', 'hard'],
    [{ kind: 'staff_double_booked', staffId: 's', items: ['a', 'b'] }, 'Staff s is booked twice: Session a and Session b', 'hard'],
    [{ kind: 'room_double_booked', roomId: 'r', items: ['a', 'b'] }, 'Room r is booked twice: Session a and Session b', 'hard'],
    [{ kind: 'group_over_capacity', groupId: 'g', seats: 13, capacity: 12 }, 'Session g has 13 people for 12 places', 'hard'],
    [{ kind: 'room_too_small', groupId: 'g', roomId: 'r', seats: 9, capacity: 6 }, 'Room r holds 6, but Session g has 9 people', 'hard'],
    [
      { kind: 'missing_credential', itemId: 'g', staffId: 's', credential: 'LCSW' },
      'Staff s does not hold the LCSW credential Session g needs',
      'hard',
    ],
    [{ kind: 'outside_availability', patientId: 'p', itemId: 'g' }, 'Session g is outside the times Person p can attend', 'hard'],
    [{ kind: 'outside_staff_hours', staffId: 's', itemId: 'g' }, 'Staff s is not working at Session g (hours or leave)', 'hard'],
    [
      { kind: 'below_hour_floor', patientId: 'p', hours: 6, floor: 9 },
      'Person p has 6 h this week; their level of care and phase need 9 h',
      'floor',
    ],
    [
      { kind: 'short_service_day', patientId: 'p', day: 1, hours: 2, minimum: 3 },
      'Person p has 2 h on Tuesday; a billed per-diem day needs 3 h',
      'floor',
    ],
    [{ kind: 'unknown_reference', itemId: 'g', ref: 'x' }, 'Session g refers to something that no longer exists', 'hard'],
    [{ kind: 'wrong_age_group', patientId: 'p', groupId: 'g' }, "Session g is not a group for Person p's age group", 'hard'],
    [
      { kind: 'staff_over_session_cap', staffId: 's', sessions: 21, cap: 20 },
      'Staff s would have 21 individual and family sessions, over their cap of 20',
      'hard',
    ],
  ];
  it.each(cases)('%o', (v, message, severity) => {
    const p = describeProblem(v, names);
    expect(p.message).toBe(message);
    expect(p.severity).toBe(severity);
  });
});
