import { fixedBusy, freeRooms, hoursOf, overlaps, requestOptions, seatable } from './slots';
import { weeklyHourFloor, type Appointment, type GroupOccurrence, type PatientWeek, type Slot, type WeekPlan } from './week';

const bySlot = (a: GroupOccurrence, b: GroupOccurrence) =>
  a.slot.day - b.slot.day || a.slot.start - b.slot.start || a.id.localeCompare(b.id);

/**
 * What a human scheduler does, as the optimiser's baseline (issue 5's benchmark): take people one by one (longest in
 * care first, here by id); book their requested individual and family sessions first, each at the earliest time
 * their primary clinician (then a stand-in) and a room are free; then first-fit them into groups of their preferred
 * track (then any track), earliest in the week first, wherever there is a free seat, they are available and they
 * have nothing else at that time, until their hour floor is met. Seats and appointments already in the plan stay
 * and count. It never breaks a hard limit it checks (capacity, availability, double booking, session caps), but it
 * does not look ahead: a person it cannot bring to their floor is left short, an earlier choice may block a later
 * person, and it does not know per-diem day minimums.
 */
export function greedyWeek(plan: WeekPlan): WeekPlan {
  const rooms = new Map(plan.rooms.map((r) => [r.id, r.capacity]));
  const groups = [...plan.groups].sort(bySlot);
  const byId = new Map(groups.map((g) => [g.id, g]));
  const free = new Map(groups.map((g) => [g.id, Math.min(g.capacity, g.roomId === null ? Infinity : (rooms.get(g.roomId) ?? 0))]));
  for (const s of plan.seats) free.set(s.groupId, (free.get(s.groupId) ?? 0) - 1);
  const seats = [...plan.seats];
  const appointments: Appointment[] = [...plan.appointments];
  const busy = fixedBusy(plan);
  const sessions = new Map<string, number>();
  for (const a of plan.appointments) sessions.set(a.staffId, (sessions.get(a.staffId) ?? 0) + 1);
  const caps = new Map(plan.staff.map((s) => [s.id, s.maxSessions ?? Infinity]));
  const options = requestOptions(plan).sort(
    (a, b) => a.staffRank - b.staffRank || a.slot.day - b.slot.day || a.slot.start - b.slot.start || a.staffId.localeCompare(b.staffId),
  );
  const requests = new Map((plan.requests ?? []).map((r) => [r.id, r]));
  const add = (m: Map<string, Slot[]>, k: string, s: Slot) => m.set(k, [...(m.get(k) ?? []), s]);
  for (const p of [...plan.patients].sort((a, b) => a.id.localeCompare(b.id))) {
    const taken: Slot[] = [
      ...plan.appointments.filter((a) => a.patientId === p.id).map((a) => a.slot),
      ...plan.seats.flatMap((s) => (s.patientId === p.id && byId.get(s.groupId) ? [(byId.get(s.groupId) as GroupOccurrence).slot] : [])),
    ];
    let hours = taken.reduce((h, s) => h + hoursOf(s), 0);
    for (const r of [...(plan.requests ?? [])].filter((x) => x.patientId === p.id).sort((a, b) => a.id.localeCompare(b.id))) {
      for (const o of options) {
        if (o.requestId !== r.id || (sessions.get(o.staffId) ?? 0) >= (caps.get(o.staffId) ?? Infinity)) continue;
        if (taken.some((t) => overlaps(t, o.slot)) || (busy.staff.get(o.staffId) ?? []).some((t) => overlaps(t, o.slot))) continue;
        const roomId = o.inPerson ? (freeRooms(plan, busy.room, o.slot)[0] ?? null) : null;
        if (o.inPerson && roomId === null) continue;
        appointments.push({
          id: r.id,
          requestId: r.id,
          kind: requests.get(r.id)?.kind ?? r.kind,
          patientId: p.id,
          staffId: o.staffId,
          slot: o.slot,
          roomId,
        });
        taken.push(o.slot);
        add(busy.staff, o.staffId, o.slot);
        if (roomId !== null) add(busy.room, roomId, o.slot);
        sessions.set(o.staffId, (sessions.get(o.staffId) ?? 0) + 1);
        hours += hoursOf(o.slot);
        break;
      }
    }
    const floor = weeklyHourFloor(p);
    for (const g of preferenceOrder(groups, p)) {
      if (hours >= floor) break;
      if (!seatable(g, p, free, taken)) continue;
      seats.push({ groupId: g.id, patientId: p.id });
      free.set(g.id, (free.get(g.id) ?? 0) - 1);
      taken.push(g.slot);
      hours += hoursOf(g.slot);
    }
  }
  return { ...plan, seats, appointments };
}

/** The person's preferred tracks in their order, then every other group; within each, earliest in the week first. */
function preferenceOrder(groups: readonly GroupOccurrence[], p: PatientWeek): GroupOccurrence[] {
  const rank = (g: GroupOccurrence) => {
    const i = p.preferredTracks.indexOf(g.track);
    return i === -1 ? p.preferredTracks.length : i;
  };
  return [...groups].sort((a, b) => rank(a) - rank(b) || bySlot(a, b));
}
