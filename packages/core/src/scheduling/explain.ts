import { hoursOf, mostHours, overlaps, requestOptions, within } from './slots';
import { weeklyHourFloor, type GroupOccurrence, type Slot, type WeekPlan } from './week';

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** A slot in words: "Tuesday 18:00–21:00". */
export const slotText = (s: Slot): string => `${DAY_NAMES[s.day]} ${clock(s.start)}–${clock(s.end)}`;

export type ShortfallLimit =
  /** The groups inside their availability, at most one at a time, come to fewer hours than the floor. */
  | { kind: 'availability'; availableHours: number }
  /** Groups they could attend are full. */
  | { kind: 'capacity'; fullGroupIds: string[] }
  /** Groups they could attend run at the same time as something they already have. */
  | { kind: 'overlap'; groupIds: string[] };

export interface ShortfallExplanation {
  patientId: string;
  hours: number;
  floor: number;
  /** What holds them below their floor, most fundamental first. */
  limits: ShortfallLimit[];
  /**
   * The smallest availability change found that would reach the floor with seats still free: few extra windows, each
   * a group's slot in their preferred tracks where possible, e.g. "adding Tuesday 18:00–21:00 gives 9 h". Found
   * greedily (longest groups first), so it is small, not proven smallest. Null when no such change exists.
   */
  fix: { addWindows: Slot[]; hoursAfter: number; text: string } | null;
}

/**
 * Why a person's solved week is below their floor, in terms staff can act on: the binding limits (availability,
 * full groups, clashes) and the smallest availability change that would bring them to their floor with the seats
 * left after the solve. Pure; it reads the solved plan, it does not re-solve.
 */
export function explainShortfall(solved: WeekPlan, patientId: string): ShortfallExplanation | null {
  const p = solved.patients.find((x) => x.id === patientId);
  if (!p) return null;
  const rooms = new Map(solved.rooms.map((r) => [r.id, r.capacity]));
  const groups = [...solved.groups]
    .filter((g) => !g.ageGroup || g.ageGroup === p.ageGroup)
    .sort((a, b) => a.slot.day - b.slot.day || a.slot.start - b.slot.start || a.id.localeCompare(b.id));
  const seatsIn = (g: GroupOccurrence) => solved.seats.filter((s) => s.groupId === g.id).length;
  const room = (g: GroupOccurrence) => Math.min(g.capacity, g.roomId === null ? Infinity : (rooms.get(g.roomId) ?? 0));
  const mine = new Set(solved.seats.filter((s) => s.patientId === p.id).map((s) => s.groupId));
  const taken: Slot[] = [
    ...solved.appointments.filter((a) => a.patientId === p.id).map((a) => a.slot),
    ...groups.filter((g) => mine.has(g.id)).map((g) => g.slot),
  ];
  const hours = taken.reduce((h, s) => h + hoursOf(s), 0);
  const floor = weeklyHourFloor(p);
  if (hours >= floor) return null;

  const limits: ShortfallLimit[] = [];
  const inside = groups.filter((g) => !mine.has(g.id) && within(g.slot, p.availability));
  const availableHours = mostHours([...taken, ...inside.map((g) => g.slot)]);
  if (availableHours < floor) limits.push({ kind: 'availability', availableHours });
  const full = inside.filter((g) => seatsIn(g) >= room(g)).map((g) => g.id);
  if (full.length) limits.push({ kind: 'capacity', fullGroupIds: full });
  const clashing = inside.filter((g) => seatsIn(g) < room(g) && taken.some((t) => overlaps(t, g.slot))).map((g) => g.id);
  if (clashing.length) limits.push({ kind: 'overlap', groupIds: clashing });

  // The fewest extra windows: groups outside their availability with a free seat, in their preferred tracks first,
  // longest first, clear of what they already have and of each other.
  const rank = (g: GroupOccurrence) => {
    const i = p.preferredTracks.indexOf(g.track);
    return i === -1 ? p.preferredTracks.length : i;
  };
  const outside = groups
    .filter((g) => !mine.has(g.id) && !within(g.slot, p.availability) && seatsIn(g) < room(g))
    .sort((a, b) => rank(a) - rank(b) || hoursOf(b.slot) - hoursOf(a.slot) || a.slot.day - b.slot.day || a.slot.start - b.slot.start);
  // Free seats inside their availability that they could still take count first.
  const usable = inside.filter((g) => seatsIn(g) < room(g));
  const plan: Slot[] = [...taken];
  let after = hours;
  for (const g of usable) {
    if (after >= floor) break;
    if (plan.some((t) => overlaps(t, g.slot))) continue;
    plan.push(g.slot);
    after += hoursOf(g.slot);
  }
  const add: Slot[] = [];
  for (const g of outside) {
    if (after >= floor) break;
    if (plan.some((t) => overlaps(t, g.slot))) continue;
    plan.push(g.slot);
    add.push(g.slot);
    after += hoursOf(g.slot);
  }
  const fix =
    after >= floor && add.length
      ? { addWindows: add, hoursAfter: after, text: `adding ${add.map(slotText).join(' and ')} availability gives ${after} h` }
      : null;
  return { patientId: p.id, hours, floor, limits, fix };
}

export interface RequestExplanation {
  requestId: string;
  patientId: string;
  /**
   * What keeps it out: no start where one of its staff and the person are both free (`no_common_time`), every
   * such start taken by a room shortage (`no_room`), the staff's weekly session cap (`staff_cap`), or — when it
   * could fit — the week's higher goals took the time (`traded_off`).
   */
  reason: 'no_common_time' | 'no_room' | 'staff_cap' | 'traded_off';
  /** A window that would place it, e.g. Tuesday 14:00–15:00 with the staff member named; null when none exists. */
  fix: { staffId: string; addWindow: Slot } | null;
  text: string;
}

/**
 * Why a requested individual or family session is not in the solved week, in words staff can act on, and the
 * earliest extra availability window that would place it with one of its staff, e.g. "no individual slot where
 * staff-2 and the person are both free; adding Tuesday 14:00–15:00 availability would place it". Pure; it reads
 * the solved plan (placed sessions carry `requestId`), it does not re-solve.
 */
export function explainUnplacedRequest(solved: WeekPlan, requestId: string, gridMinutes = 60): RequestExplanation | null {
  const r = solved.requests?.find((x) => x.id === requestId);
  const p = r && solved.patients.find((x) => x.id === r.patientId);
  if (!r || !p || solved.appointments.some((a) => a.requestId === r.id)) return null;
  const only = { ...solved, requests: [r] };
  const capped = r.staffIds.filter((sid) => {
    const s = solved.staff.find((x) => x.id === sid);
    return s?.maxSessions !== undefined && solved.appointments.filter((a) => a.staffId === sid).length >= s.maxSessions;
  });
  const open = requestOptions(only, gridMinutes).filter((o) => !capped.includes(o.staffId));
  const roomless = r.inPerson ? requestOptions({ ...only, requests: [{ ...r, inPerson: false }] }, gridMinutes) : [];
  const reason: RequestExplanation['reason'] = open.length
    ? 'traded_off'
    : capped.length && requestOptions(only, gridMinutes).length
      ? 'staff_cap'
      : roomless.length
        ? 'no_room'
        : 'no_common_time';
  // The earliest start in one of its staff's free hours that the person is not otherwise busy for.
  let fix: RequestExplanation['fix'] = null;
  for (const sid of r.staffIds.filter((s) => !capped.includes(s))) {
    const s = solved.staff.find((x) => x.id === sid);
    if (!s) continue;
    const wider = { ...only, patients: solved.patients.map((x) => (x.id === p.id ? { ...x, availability: s.hours } : x)) };
    const first = requestOptions(wider, gridMinutes).find((o) => o.staffId === sid && !within(o.slot, p.availability));
    if (first) {
      fix = { staffId: sid, addWindow: first.slot };
      break;
    }
  }
  const lead =
    reason === 'traded_off'
      ? `the ${r.kind} session fits but the week's higher goals took its time`
      : reason === 'staff_cap'
        ? `the ${r.kind} session's staff are at their weekly session cap`
        : reason === 'no_room'
          ? `no room is free when ${r.staffIds.join(' or ')} and the person are both free for the ${r.kind} session`
          : `no ${r.kind} slot where ${r.staffIds.join(' or ')} and the person are both free`;
  const text =
    fix && reason !== 'traded_off' ? `${lead}; adding ${slotText(fix.addWindow)} availability would place it with ${fix.staffId}` : lead;
  return { requestId: r.id, patientId: p.id, reason, fix, text };
}
