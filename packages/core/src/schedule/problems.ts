import type { WeekViolation } from '../scheduling/week';

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Names the calendar puts to the ids a violation carries. Items are sessions: "Monday 09:00–12:00 Process group". */
export interface ProblemNames {
  person: (id: string) => string;
  staff: (id: string) => string;
  room: (id: string) => string;
  item: (id: string) => string;
}

export interface WeekProblem {
  kind: WeekViolation['kind'] | 'closure';
  /** A hard limit (never published) or the hour floor / per-diem day (shown, with what would fix it). */
  severity: 'hard' | 'floor';
  message: string;
  /** Sessions it concerns, so the calendar can mark them. */
  itemIds: string[];
  patientId: string | null;
}

const hours = (h: number) => `${Number(h.toFixed(2))} h`;

/**
 * One violation of the week's hard limits in the words a scheduler uses, e.g. "Sam Okafor is booked twice: Monday
 * 09:00–12:00 Process group and Monday 10:00–10:50 Individual session". Names only of what the reader may see.
 */
export function describeProblem(v: WeekViolation, n: ProblemNames): WeekProblem {
  const hard = (message: string, itemIds: string[], patientId: string | null = null): WeekProblem => ({
    kind: v.kind,
    severity: 'hard',
    message,
    itemIds,
    patientId,
  });
  switch (v.kind) {
    case 'unknown_reference':
      return hard(`${n.item(v.itemId)} refers to something that no longer exists`, [v.itemId]);
    case 'patient_double_booked':
      return hard(`${n.person(v.patientId)} is booked twice: ${n.item(v.items[0])} and ${n.item(v.items[1])}`, [...v.items], v.patientId);
    case 'staff_double_booked':
      return hard(`${n.staff(v.staffId)} is booked twice: ${n.item(v.items[0])} and ${n.item(v.items[1])}`, [...v.items]);
    case 'room_double_booked':
      return hard(`${n.room(v.roomId)} is booked twice: ${n.item(v.items[0])} and ${n.item(v.items[1])}`, [...v.items]);
    case 'group_over_capacity':
      return hard(`${n.item(v.groupId)} has ${v.seats} people for ${v.capacity} places`, [v.groupId]);
    case 'room_too_small':
      return hard(`${n.room(v.roomId)} holds ${v.capacity}, but ${n.item(v.groupId)} has ${v.seats} people`, [v.groupId]);
    case 'missing_credential':
      return hard(`${n.staff(v.staffId)} does not hold the ${v.credential} credential ${n.item(v.itemId)} needs`, [v.itemId]);
    case 'outside_availability':
      return hard(`${n.item(v.itemId)} is outside the times ${n.person(v.patientId)} can attend`, [v.itemId], v.patientId);
    case 'outside_staff_hours':
      return hard(`${n.staff(v.staffId)} is not working at ${n.item(v.itemId)} (hours or leave)`, [v.itemId]);
    case 'wrong_age_group':
      return hard(`${n.item(v.groupId)} is not a group for ${n.person(v.patientId)}'s age group`, [v.groupId], v.patientId);
    case 'staff_over_session_cap':
      return hard(`${n.staff(v.staffId)} would have ${v.sessions} individual and family sessions, over their cap of ${v.cap}`, []);
    case 'below_hour_floor':
      return {
        kind: v.kind,
        severity: 'floor',
        message: `${n.person(v.patientId)} has ${hours(v.hours)} this week; their level of care and phase need ${hours(v.floor)}`,
        itemIds: [],
        patientId: v.patientId,
      };
    case 'short_service_day':
      return {
        kind: v.kind,
        severity: 'floor',
        message: `${n.person(v.patientId)} has ${hours(v.hours)} on ${DAY_NAMES[v.day]}; a billed per-diem day needs ${hours(v.minimum)}`,
        itemIds: [],
        patientId: v.patientId,
      };
  }
}
