import { hoursOf, overlaps, within } from './slots';
import { weeklyHourFloor, type GroupOccurrence, type PatientWeek, type Slot, type WeekPlan } from './week';
const bySlot = (a: GroupOccurrence, b: GroupOccurrence) =>
  a.slot.day - b.slot.day || a.slot.start - b.slot.start || a.id.localeCompare(b.id);

/**
 * What a human scheduler does, as the optimiser's baseline (issue 5's benchmark): take people one by one (longest in
 * care first, here by id), and first-fit them into groups of their preferred track (then any track), earliest in the
 * week first, wherever there is a free seat, they are available and they have nothing else at that time, until their
 * hour floor is met. Appointments already in the plan stay and count. It never breaks a hard limit it checks
 * (capacity, availability, double booking), but it does not look ahead: a person it cannot bring to their floor is
 * left short, and an earlier choice may block a later person.
 */
export function greedyWeek(plan: WeekPlan): WeekPlan {
  const rooms = new Map(plan.rooms.map((r) => [r.id, r.capacity]));
  const groups = [...plan.groups].sort(bySlot);
  const free = new Map(groups.map((g) => [g.id, Math.min(g.capacity, g.roomId === null ? Infinity : (rooms.get(g.roomId) ?? 0))]));
  for (const s of plan.seats) free.set(s.groupId, (free.get(s.groupId) ?? 0) - 1);
  const seats = [...plan.seats];
  for (const p of [...plan.patients].sort((a, b) => a.id.localeCompare(b.id))) {
    const taken: Slot[] = [
      ...plan.appointments.filter((a) => a.patientId === p.id).map((a) => a.slot),
      ...plan.seats.filter((s) => s.patientId === p.id).flatMap((s) => groups.filter((g) => g.id === s.groupId).map((g) => g.slot)),
    ];
    let hours = taken.reduce((h, s) => h + hoursOf(s), 0);
    const floor = weeklyHourFloor(p);
    for (const g of preferenceOrder(groups, p)) {
      if (hours >= floor) break;
      if ((free.get(g.id) ?? 0) <= 0 || !within(g.slot, p.availability) || taken.some((t) => overlaps(t, g.slot))) continue;
      seats.push({ groupId: g.id, patientId: p.id });
      free.set(g.id, (free.get(g.id) ?? 0) - 1);
      taken.push(g.slot);
      hours += hoursOf(g.slot);
    }
  }
  return { ...plan, seats };
}

/** The person's preferred tracks in their order, then every other group; within each, earliest in the week first. */
function preferenceOrder(groups: readonly GroupOccurrence[], p: PatientWeek): GroupOccurrence[] {
  const rank = (g: GroupOccurrence) => {
    const i = p.preferredTracks.indexOf(g.track);
    return i === -1 ? p.preferredTracks.length : i;
  };
  return [...groups].sort((a, b) => rank(a) - rank(b) || bySlot(a, b));
}
