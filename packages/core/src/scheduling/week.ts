import type { LevelOfCare } from '../contracts/patients';

/**
 * One location's week as the scheduler and the calendar see it (issue 5). Times are clinic-local wall-clock slots:
 * a weekday (0 = Monday … 6 = Sunday) and minutes after midnight, so a DST change inside the week never moves a
 * session; turning a slot into an instant happens once, when a published week becomes session occurrences.
 */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface Slot {
  day: Weekday;
  /** Minutes after local midnight, 0–1440; `end` is after `start`. */
  start: number;
  end: number;
}

export interface Room {
  id: string;
  capacity: number;
}

export interface StaffWeek {
  id: string;
  credentials: readonly string[];
  /** When they work this week, leave already taken out. */
  hours: readonly Slot[];
  /** The most individual and family sessions they take this week, if capped. */
  maxSessions?: number;
}

export type AgeGroup = 'adult' | 'adolescent';

export interface PatientWeek {
  id: string;
  ageGroup: AgeGroup;
  levelOfCare: LevelOfCare;
  /** The weekly hours their phase asks for (phase 1 12 h, phase 2 9 h, phase 3 6 h by default). */
  phaseMinHours: number;
  /** In the program's step-down period, when the level's floor does not apply (clinical reference §1.1). */
  stepDown: boolean;
  /** Billed per diem (e.g. H0015): every day with any service must carry the day minimum. */
  perDiem: boolean;
  /** When they can attend, around work, school, childcare and transport. */
  availability: readonly Slot[];
  /** Tracks they prefer, best first (e.g. `evening`); empty when any will do. */
  preferredTracks: readonly string[];
  /** Days they would rather come (soft); absent or empty when any will do. */
  preferredDays?: readonly Weekday[];
  /** In person or virtual groups, if they have a preference (soft). */
  preferredModality?: 'in_person' | 'virtual';
  /** The days per week their phase asks for (e.g. 4 in phase 1, 3 later); days beyond it are a soft cost. */
  phaseDays?: number;
}

export interface GroupOccurrence {
  id: string;
  /** The track it belongs to (morning, afternoon, evening, weekend, …). */
  track: string;
  slot: Slot;
  /** Null for a virtual group. */
  roomId: string | null;
  capacity: number;
  facilitatorId: string;
  /** The credential its facilitator must hold, if any. */
  credential: string | null;
  /** The recurring group (template) this is this week's occurrence of: the cohort a person keeps week to week. */
  templateId?: string;
  /** Only people of this age group may sit in it (adolescent groups are separate); absent: anyone. */
  ageGroup?: AgeGroup;
}

export interface Appointment {
  id: string;
  kind: 'individual' | 'family';
  patientId: string;
  staffId: string;
  slot: Slot;
  roomId: string | null;
  /** The request the solver placed it for, if it did. */
  requestId?: string;
}

/**
 * An individual or family session the solver places (issue 5): who, how long, the staff who may see them (primary
 * clinician first — a soft preference), and whether it needs a room.
 */
export interface SessionRequest {
  id: string;
  patientId: string;
  kind: 'individual' | 'family';
  minutes: number;
  /** Best first: the primary clinician, then who may stand in. */
  staffIds: readonly string[];
  /** In person needs a free room for the whole session; virtual does not. */
  inPerson: boolean;
}

/** A week already published or solved, that a re-solve should disturb as little as it can. */
export interface IncumbentWeek {
  seats: readonly { groupId: string; patientId: string }[];
  /** Placed sessions, matched to requests by `requestId`, staff and start. */
  appointments: readonly Appointment[];
}

export interface WeekPlan {
  rooms: readonly Room[];
  staff: readonly StaffWeek[];
  patients: readonly PatientWeek[];
  groups: readonly GroupOccurrence[];
  seats: readonly { groupId: string; patientId: string }[];
  appointments: readonly Appointment[];
  /** Sessions for the solver to place; `appointments` are already fixed. */
  requests?: readonly SessionRequest[];
  /** The week as last published or solved: a re-solve keeps as much of it as it can (soft). */
  incumbent?: IncumbentWeek;
  /** Last week's groups by template, per person: they keep their cohort where they can (soft). */
  lastWeek?: readonly { patientId: string; templateId: string }[];
}

/** Every way a week can break a hard limit. Ids only: the calendar puts names to them. */
export type WeekViolation =
  | { kind: 'unknown_reference'; itemId: string; ref: string }
  | { kind: 'patient_double_booked'; patientId: string; items: [string, string] }
  | { kind: 'staff_double_booked'; staffId: string; items: [string, string] }
  | { kind: 'room_double_booked'; roomId: string; items: [string, string] }
  | { kind: 'group_over_capacity'; groupId: string; seats: number; capacity: number }
  | { kind: 'room_too_small'; groupId: string; roomId: string; seats: number; capacity: number }
  | { kind: 'missing_credential'; itemId: string; staffId: string; credential: string }
  | { kind: 'outside_availability'; patientId: string; itemId: string }
  | { kind: 'wrong_age_group'; patientId: string; groupId: string }
  | { kind: 'outside_staff_hours'; staffId: string; itemId: string }
  | { kind: 'below_hour_floor'; patientId: string; hours: number; floor: number }
  | { kind: 'staff_over_session_cap'; staffId: string; sessions: number; cap: number }
  | { kind: 'short_service_day'; patientId: string; day: Weekday; hours: number; minimum: number };

/** The level of care's weekly minimum (clinical reference §1.1): IOP 9 h adults, 6 h adolescents; PHP 20 h. */
export function levelFloorHours(level: LevelOfCare, ageGroup: AgeGroup): number {
  if (level === '2.1') return ageGroup === 'adult' ? 9 : 6;
  if (level === '2.5') return 20;
  return 0;
}

/**
 * The hours a person's week must reach: their phase's target, and never less than their level's floor — except in
 * the step-down period, when the phase (already tapered below the floor) is what counts.
 */
export function weeklyHourFloor(p: Pick<PatientWeek, 'levelOfCare' | 'ageGroup' | 'phaseMinHours' | 'stepDown'>): number {
  return p.stepDown ? p.phaseMinHours : Math.max(p.phaseMinHours, levelFloorHours(p.levelOfCare, p.ageGroup));
}

/** Service hours a per-diem day must carry: 3 for adults (H0015), 2 for adolescents (clinical reference §1.1). */
export const perDiemDayMinimumHours = (ageGroup: AgeGroup): number => (ageGroup === 'adult' ? 3 : 2);

const overlaps = (a: Slot, b: Slot): boolean => a.day === b.day && a.start < b.end && b.start < a.end;
const within = (s: Slot, windows: readonly Slot[]): boolean => windows.some((w) => w.day === s.day && w.start <= s.start && s.end <= w.end);
const hoursOf = (s: Slot): number => (s.end - s.start) / 60;

interface Booked {
  itemId: string;
  slot: Slot;
}

/** Pairs of one owner's items that overlap, each pair once, in a stable order. */
function clashes(items: readonly Booked[]): [string, string][] {
  const sorted = [...items].sort((a, b) => a.slot.day - b.slot.day || a.slot.start - b.slot.start || a.itemId.localeCompare(b.itemId));
  const out: [string, string][] = [];
  for (let i = 0; i < sorted.length; i += 1) {
    const a = sorted[i] as Booked;
    for (let j = i + 1; j < sorted.length; j += 1) {
      const b = sorted[j] as Booked;
      if (b.slot.day !== a.slot.day || b.slot.start >= a.slot.end) break;
      if (overlaps(a.slot, b.slot)) out.push([a.itemId, b.itemId]);
    }
  }
  return out;
}

function push(map: Map<string, Booked[]>, key: string, item: Booked) {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/**
 * Every hard limit a week breaks: double bookings of a person, a staff member or a room; groups over their own or
 * their room's capacity; facilitators without the credential; sessions outside someone's availability or working
 * hours; weekly hours below the floor; per-diem days short of the day minimum. The same checks guard the optimiser's
 * output, every manual move and every publish, so a published week can hold none of them. An empty list means the
 * week may be published. Pure; the order of the input never changes the answer.
 */
export function validateWeek(plan: WeekPlan): WeekViolation[] {
  const out: WeekViolation[] = [];
  const rooms = new Map(plan.rooms.map((r) => [r.id, r]));
  const staff = new Map(plan.staff.map((s) => [s.id, s]));
  const patients = new Map(plan.patients.map((p) => [p.id, p]));
  const groups = new Map(plan.groups.map((g) => [g.id, g]));
  const byPatient = new Map<string, Booked[]>();
  const byStaff = new Map<string, Booked[]>();
  const byRoom = new Map<string, Booked[]>();

  for (const g of [...plan.groups].sort((a, b) => a.id.localeCompare(b.id))) {
    const item = { itemId: g.id, slot: g.slot };
    const facilitator = staff.get(g.facilitatorId);
    if (!facilitator) out.push({ kind: 'unknown_reference', itemId: g.id, ref: g.facilitatorId });
    else {
      push(byStaff, g.facilitatorId, item);
      if (g.credential && !facilitator.credentials.includes(g.credential))
        out.push({ kind: 'missing_credential', itemId: g.id, staffId: g.facilitatorId, credential: g.credential });
      if (!within(g.slot, facilitator.hours)) out.push({ kind: 'outside_staff_hours', staffId: g.facilitatorId, itemId: g.id });
    }
    if (g.roomId !== null) {
      if (!rooms.has(g.roomId)) out.push({ kind: 'unknown_reference', itemId: g.id, ref: g.roomId });
      else push(byRoom, g.roomId, item);
    }
  }

  const seated = new Map<string, number>();
  const seen = new Set<string>();
  for (const s of [...plan.seats].sort((a, b) => a.groupId.localeCompare(b.groupId) || a.patientId.localeCompare(b.patientId))) {
    const g = groups.get(s.groupId);
    const p = patients.get(s.patientId);
    if (!g || !p) {
      out.push({ kind: 'unknown_reference', itemId: `${s.groupId}:${s.patientId}`, ref: g ? s.patientId : s.groupId });
      continue;
    }
    // The same person seated twice in one group is one seat.
    if (seen.has(`${s.groupId}:${s.patientId}`)) continue;
    seen.add(`${s.groupId}:${s.patientId}`);
    seated.set(g.id, (seated.get(g.id) ?? 0) + 1);
    push(byPatient, p.id, { itemId: g.id, slot: g.slot });
    if (!within(g.slot, p.availability)) out.push({ kind: 'outside_availability', patientId: p.id, itemId: g.id });
    if (g.ageGroup && g.ageGroup !== p.ageGroup) out.push({ kind: 'wrong_age_group', patientId: p.id, groupId: g.id });
  }
  for (const g of [...plan.groups].sort((a, b) => a.id.localeCompare(b.id))) {
    const n = seated.get(g.id) ?? 0;
    if (n > g.capacity) out.push({ kind: 'group_over_capacity', groupId: g.id, seats: n, capacity: g.capacity });
    const room = g.roomId === null ? undefined : rooms.get(g.roomId);
    if (room && n > room.capacity) out.push({ kind: 'room_too_small', groupId: g.id, roomId: room.id, seats: n, capacity: room.capacity });
  }

  for (const a of [...plan.appointments].sort((x, y) => x.id.localeCompare(y.id))) {
    const p = patients.get(a.patientId);
    const s = staff.get(a.staffId);
    if (!p) out.push({ kind: 'unknown_reference', itemId: a.id, ref: a.patientId });
    if (!s) out.push({ kind: 'unknown_reference', itemId: a.id, ref: a.staffId });
    if (a.roomId !== null && !rooms.has(a.roomId)) out.push({ kind: 'unknown_reference', itemId: a.id, ref: a.roomId });
    const item = { itemId: a.id, slot: a.slot };
    if (p) {
      push(byPatient, p.id, item);
      if (!within(a.slot, p.availability)) out.push({ kind: 'outside_availability', patientId: p.id, itemId: a.id });
    }
    if (s) {
      push(byStaff, s.id, item);
      if (!within(a.slot, s.hours)) out.push({ kind: 'outside_staff_hours', staffId: s.id, itemId: a.id });
    }
    if (a.roomId !== null && rooms.has(a.roomId)) push(byRoom, a.roomId, item);
  }

  for (const s of [...plan.staff].sort((a, b) => a.id.localeCompare(b.id))) {
    if (s.maxSessions === undefined) continue;
    const sessions = plan.appointments.filter((a) => a.staffId === s.id).length;
    if (sessions > s.maxSessions) out.push({ kind: 'staff_over_session_cap', staffId: s.id, sessions, cap: s.maxSessions });
  }

  const keys = (m: Map<string, Booked[]>) => [...m.keys()].sort();
  for (const id of keys(byPatient))
    for (const items of clashes(byPatient.get(id) ?? [])) out.push({ kind: 'patient_double_booked', patientId: id, items });
  for (const id of keys(byStaff))
    for (const items of clashes(byStaff.get(id) ?? [])) out.push({ kind: 'staff_double_booked', staffId: id, items });
  for (const id of keys(byRoom))
    for (const items of clashes(byRoom.get(id) ?? [])) out.push({ kind: 'room_double_booked', roomId: id, items });

  for (const p of [...plan.patients].sort((a, b) => a.id.localeCompare(b.id))) {
    const booked = byPatient.get(p.id) ?? [];
    const hours = booked.reduce((h, b) => h + hoursOf(b.slot), 0);
    const floor = weeklyHourFloor(p);
    if (hours < floor) out.push({ kind: 'below_hour_floor', patientId: p.id, hours, floor });
    if (!p.perDiem) continue;
    const minimum = perDiemDayMinimumHours(p.ageGroup);
    for (const day of [0, 1, 2, 3, 4, 5, 6] as Weekday[]) {
      const dayHours = booked.filter((b) => b.slot.day === day).reduce((h, b) => h + hoursOf(b.slot), 0);
      if (dayHours > 0 && dayHours < minimum) out.push({ kind: 'short_service_day', patientId: p.id, day, hours: dayHours, minimum });
    }
  }
  return out;
}
