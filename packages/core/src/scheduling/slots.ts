import type { Appointment, GroupOccurrence, PatientWeek, SessionRequest, Slot, WeekPlan } from './week';

/** Slot arithmetic the scheduler's pieces share. */
export const hoursOf = (s: Slot): number => (s.end - s.start) / 60;
export const within = (s: Slot, windows: readonly Slot[]): boolean =>
  windows.some((w) => w.day === s.day && w.start <= s.start && s.end <= w.end);
export const overlaps = (a: Slot, b: Slot): boolean => a.day === b.day && a.start < b.end && b.start < a.end;

/** Where a request could go: one staff member, one start on the grid. */
export interface RequestOption {
  requestId: string;
  patientId: string;
  staffId: string;
  /** 0 for the primary clinician, then down the request's list. */
  staffRank: number;
  slot: Slot;
  inPerson: boolean;
}

/** What is already fixed in a week: per person, per staff member and per room, the slots taken. */
export function fixedBusy(plan: WeekPlan) {
  const groups = new Map(plan.groups.map((g) => [g.id, g]));
  const patient = new Map<string, Slot[]>();
  const staff = new Map<string, Slot[]>();
  const room = new Map<string, Slot[]>();
  const add = (m: Map<string, Slot[]>, k: string, s: Slot) => {
    const l = m.get(k);
    if (l) l.push(s);
    else m.set(k, [s]);
  };
  for (const g of plan.groups) {
    add(staff, g.facilitatorId, g.slot);
    if (g.roomId !== null) add(room, g.roomId, g.slot);
  }
  for (const a of plan.appointments) {
    add(patient, a.patientId, a.slot);
    add(staff, a.staffId, a.slot);
    if (a.roomId !== null) add(room, a.roomId, a.slot);
  }
  for (const s of plan.seats) {
    const g = groups.get(s.groupId);
    if (g) add(patient, s.patientId, g.slot);
  }
  return { patient, staff, room };
}

/**
 * Every start on a `gridMinutes` grid where a request fits: inside the staff member's hours and the person's
 * availability, clear of what either already has fixed (a facilitator is busy during their groups), and, in person,
 * with a room free for the whole session.
 */
export function requestOptions(plan: WeekPlan, gridMinutes = 60): RequestOption[] {
  const busy = fixedBusy(plan);
  const staff = new Map(plan.staff.map((s) => [s.id, s]));
  const patients = new Map(plan.patients.map((p) => [p.id, p]));
  const out: RequestOption[] = [];
  for (const r of [...(plan.requests ?? [])].sort((a, b) => a.id.localeCompare(b.id))) {
    const p = patients.get(r.patientId);
    if (!p || r.minutes <= 0) continue;
    const mine = busy.patient.get(p.id) ?? [];
    for (const [staffRank, sid] of r.staffIds.entries()) {
      const s = staff.get(sid);
      if (!s) continue;
      const theirs = busy.staff.get(sid) ?? [];
      const starts = new Set<string>();
      for (const w of s.hours)
        for (const v of p.availability) {
          if (w.day !== v.day) continue;
          const from = Math.max(w.start, v.start);
          const to = Math.min(w.end, v.end);
          for (let t = Math.ceil(from / gridMinutes) * gridMinutes; t + r.minutes <= to; t += gridMinutes) {
            const slot: Slot = { day: w.day, start: t, end: t + r.minutes };
            const key = `${slot.day}:${t}`;
            if (starts.has(key) || mine.some((m) => overlaps(m, slot)) || theirs.some((m) => overlaps(m, slot))) continue;
            if (r.inPerson && freeRooms(plan, busy.room, slot).length === 0) continue;
            starts.add(key);
            out.push({ requestId: r.id, patientId: p.id, staffId: sid, staffRank, slot, inPerson: r.inPerson });
          }
        }
    }
  }
  return out;
}

/** Rooms with nothing fixed in them during the slot, smallest first (sessions need one seat, groups need many). */
export function freeRooms(plan: WeekPlan, roomBusy: Map<string, Slot[]>, slot: Slot): string[] {
  return [...plan.rooms]
    .sort((a, b) => a.capacity - b.capacity || a.id.localeCompare(b.id))
    .filter((r) => !(roomBusy.get(r.id) ?? []).some((b) => overlaps(b, slot)))
    .map((r) => r.id);
}

/**
 * Rooms for placed sessions, first fit in start order, into rooms nothing fixed uses at the time. Returns the
 * appointments that got a room (virtual ones need none) and the requests left without one.
 */
export function assignRooms(plan: WeekPlan, placed: readonly RequestOption[], requests: readonly SessionRequest[]) {
  const busy = fixedBusy(plan);
  const kinds = new Map(requests.map((r) => [r.id, r.kind]));
  const appointments: Appointment[] = [];
  const roomless: string[] = [];
  const order = [...placed].sort(
    (a, b) => a.slot.day - b.slot.day || a.slot.start - b.slot.start || a.requestId.localeCompare(b.requestId),
  );
  for (const o of order) {
    let roomId: string | null = null;
    if (o.inPerson) {
      roomId = freeRooms(plan, busy.room, o.slot)[0] ?? null;
      if (roomId === null) {
        roomless.push(o.requestId);
        continue;
      }
      const l = busy.room.get(roomId);
      if (l) l.push(o.slot);
      else busy.room.set(roomId, [o.slot]);
    }
    appointments.push({
      id: o.requestId,
      requestId: o.requestId,
      kind: kinds.get(o.requestId) ?? 'individual',
      patientId: o.patientId,
      staffId: o.staffId,
      slot: o.slot,
      roomId,
    });
  }
  return { appointments, roomless };
}

/** Whether a person could take a seat in a group: seats left, their age group, inside their availability, clear of what they have. */
export const seatable = (g: GroupOccurrence, p: PatientWeek, free: ReadonlyMap<string, number>, taken: readonly Slot[]): boolean =>
  (free.get(g.id) ?? 0) > 0 &&
  (!g.ageGroup || g.ageGroup === p.ageGroup) &&
  within(g.slot, p.availability) &&
  !taken.some((t) => overlaps(t, g.slot));

/** The most hours a person could hold among these slots without two at once (weighted interval scheduling). */
export function mostHours(slots: readonly Slot[]): number {
  const abs = slots.map((s) => ({ start: s.day * 1440 + s.start, end: s.day * 1440 + s.end })).sort((a, b) => a.end - b.end);
  const best: number[] = [];
  for (let i = 0; i < abs.length; i += 1) {
    const cur = abs[i] as { start: number; end: number };
    let j = i - 1;
    while (j >= 0 && (abs[j] as { end: number }).end > cur.start) j -= 1;
    const take = (cur.end - cur.start) / 60 + (j >= 0 ? (best[j] as number) : 0);
    best.push(Math.max(take, i > 0 ? (best[i - 1] as number) : 0));
  }
  return best.at(-1) ?? 0;
}
