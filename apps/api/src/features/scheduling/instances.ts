import type { GroupOccurrence, PatientWeek, Room, SessionRequest, Slot, StaffWeek, WeekPlan, Weekday } from '@openiop/core';
import { Rng } from '../../demo/random';

/**
 * Realistic synthetic location weeks for the optimiser's benchmark and tests (issue 5). One location: `patients`
 * people, a staff of about one per 12.5 people, and about 40 three-hour group occurrences per 150 people on the
 * morning (9–12), afternoon (13–16), evening (18–21) and weekend (Saturday and Sunday 9–12) tracks, plus
 * after-school adolescent groups (15:30–18:30); rooms of 15 for groups (about a fifth of the evening groups are
 * virtual) and two-seat offices for sessions. People's availability follows a life: day workers come evenings and
 * weekends, night and shift workers mornings, parents while their children are at school, adolescents after
 * school, some are free all day; most lose a day or two. Phases ask 12, 9 or 6 hours over 4, 3 or 2 days (phase 3 is
 * the step-down), some are billed per diem, everyone has a weekly individual session with their primary clinician
 * (a stand-in may see them) and every other week a family session. About 70% were here last week, in groups whose
 * templates they keep. Deterministic: the same seed gives the same week.
 */
/** Seats per group: IOP groups run 8–15 people; 40 groups of 15 carry 150 people at about three groups each. */
const GROUP_CAPACITY = 15;

export function generateLocationWeek(opts: { patients: number; seed: number; prefix?: string }): WeekPlan {
  const rng = new Rng(opts.seed);
  const pre = opts.prefix ?? '';
  const n = opts.patients;
  const weekdays: Weekday[] = [0, 1, 2, 3, 4];
  const at = (day: Weekday, from: number, to: number): Slot => ({ day, start: Math.round(from * 60), end: Math.round(to * 60) });

  // Group streams: each stream is one recurring group per day of its track; parallel streams run in parallel rooms.
  const tracks: { track: string; days: Weekday[]; from: number; ageGroup?: 'adolescent'; virtualShare: number }[] = [
    { track: 'evening', days: [0, 1, 2, 3], from: 18, virtualShare: 0.25 },
    { track: 'morning', days: weekdays, from: 9, virtualShare: 0 },
    { track: 'afternoon', days: weekdays, from: 13, virtualShare: 0 },
    { track: 'weekend', days: [5, 6], from: 9, virtualShare: 0 },
    { track: 'adolescent', days: [0, 1, 2, 3], from: 15.5, ageGroup: 'adolescent', virtualShare: 0 },
  ];
  const target = Math.max(5, Math.round((40 * n) / 150));
  const groups: Omit<GroupOccurrence, 'facilitatorId' | 'roomId'>[] = [];
  const virtual = new Set<string>();
  // Share of groups per track: evening 35%, morning 20%, afternoon 20%, weekend 10%, adolescent 15%.
  const share = [0.35, 0.2, 0.2, 0.1, 0.15];
  for (const [ti, t] of tracks.entries()) {
    const count = Math.max(t.days.length, Math.round(target * (share[ti] ?? 0)));
    for (let k = 0; k < count; k += 1) {
      const day = t.days[k % t.days.length] as Weekday;
      const stream = Math.floor(k / t.days.length);
      const id = `${pre}g-${t.track}-${stream}-${day}`;
      groups.push({
        id,
        track: t.track,
        slot: at(day, t.from, t.from + 3),
        capacity: GROUP_CAPACITY,
        credential: null,
        templateId: `${pre}t-${t.track}-${stream}-${day}`,
        ...(t.ageGroup ? { ageGroup: t.ageGroup } : {}),
      });
      if (rng.chance(t.virtualShare)) virtual.add(id);
    }
  }

  // Staff: a day shift, a late shift and a weekend shift, in turn; sessions capped at 20 a week.
  const staffCount = Math.max(3, Math.round((12 * n) / 150));
  const shifts: Slot[][] = [
    weekdays.map((d) => at(d, 8, 17)),
    weekdays.map((d) => at(d, 12, 21.5)),
    [at(5, 8, 14), at(6, 8, 14), at(1, 12, 21.5), at(2, 12, 21.5), at(3, 12, 21.5)],
  ];
  const staff: StaffWeek[] = Array.from({ length: staffCount }, (_, i) => ({
    id: `${pre}s${i}`,
    credentials: [],
    hours: shifts[i % shifts.length] as Slot[],
    maxSessions: 20,
  }));
  const busy = new Map<string, Slot[]>();
  const within = (s: Slot, ws: readonly Slot[]) => ws.some((w) => w.day === s.day && w.start <= s.start && s.end <= w.end);
  const clash = (a: Slot, b: Slot) => a.day === b.day && a.start < b.end && b.start < a.end;
  const groupRooms = Math.max(2, Math.ceil(groups.length / 8));
  const rooms: Room[] = [
    ...Array.from({ length: groupRooms }, (_, i) => ({ id: `${pre}room-${i}`, capacity: GROUP_CAPACITY })),
    ...Array.from({ length: Math.max(2, Math.round(staffCount / 2)) }, (_, i) => ({ id: `${pre}office-${i}`, capacity: 2 })),
  ];
  const roomBusy = new Map<string, Slot[]>();
  const placed: GroupOccurrence[] = [];
  let turn = 0;
  for (const g of groups) {
    // The next staff member in turn whose shift covers it and who is free then.
    let facilitatorId = '';
    for (let k = 0; k < staff.length; k += 1) {
      const s = staff[(turn + k) % staff.length] as StaffWeek;
      if (within(g.slot, s.hours) && !(busy.get(s.id) ?? []).some((b) => clash(b, g.slot))) {
        facilitatorId = s.id;
        turn = (turn + k + 1) % staff.length;
        break;
      }
    }
    if (!facilitatorId) continue;
    let roomId: string | null = null;
    if (!virtual.has(g.id)) {
      roomId = rooms.slice(0, groupRooms).find((r) => !(roomBusy.get(r.id) ?? []).some((b) => clash(b, g.slot)))?.id ?? null;
      if (roomId === null) continue;
      roomBusy.set(roomId, [...(roomBusy.get(roomId) ?? []), g.slot]);
    }
    busy.set(facilitatorId, [...(busy.get(facilitatorId) ?? []), g.slot]);
    placed.push({ ...g, facilitatorId, roomId });
  }

  const patterns = [
    {
      name: 'day worker',
      weight: 0.35,
      tracks: ['evening', 'weekend'],
      windows: () => [...weekdays.map((d) => at(d, 17.5, 22)), at(5, 8, 14), at(6, 8, 14)],
    },
    { name: 'shift worker', weight: 0.15, tracks: ['morning'], windows: () => weekdays.map((d) => at(d, 8, 13.5)) },
    { name: 'parent', weight: 0.15, tracks: ['morning', 'afternoon'], windows: () => weekdays.map((d) => at(d, 8.5, 15)) },
    { name: 'flexible', weight: 0.2, tracks: [], windows: () => weekdays.map((d) => at(d, 8, 22)) },
    {
      name: 'weekend',
      weight: 0.15,
      tracks: ['weekend', 'evening'],
      windows: () => [at(5, 8, 14), at(6, 8, 14), at(1, 17.5, 22), at(3, 17.5, 22)],
    },
  ];
  const patients: PatientWeek[] = [];
  const requests: SessionRequest[] = [];
  const lastWeek: { patientId: string; templateId: string }[] = [];
  const clinicians = staff.filter((s) => s.hours.length);
  for (let i = 0; i < n; i += 1) {
    const id = `${pre}p${i}`;
    const adolescent = rng.chance(0.12);
    let windows: Slot[];
    let preferredTracks: string[];
    if (adolescent) {
      windows = [...weekdays.map((d) => at(d, 15, 20)), at(5, 9, 13)];
      preferredTracks = ['adolescent'];
    } else {
      let r = rng.next();
      const pattern = patterns.find((p) => (r -= p.weight) < 0) ?? patterns[0];
      windows = pattern?.windows() ?? [];
      preferredTracks = pattern?.tracks ?? [];
    }
    // Most lose a day or two to something else.
    const drop = rng.int(0, 2);
    for (let k = 0; k < drop && windows.length > 2; k += 1) windows.splice(rng.int(0, windows.length - 1), 1);
    const phase = rng.pick([12, 12, 12, 9, 9, 9, 9, 6, 6, 6]);
    const p: PatientWeek = {
      id,
      ageGroup: adolescent ? 'adolescent' : 'adult',
      levelOfCare: '2.1',
      phaseMinHours: phase,
      stepDown: phase === 6 && !adolescent,
      perDiem: rng.chance(0.2),
      availability: windows,
      preferredTracks,
      phaseDays: phase === 12 ? 4 : phase === 9 ? 3 : 2,
      ...(rng.chance(0.15) ? { preferredModality: 'virtual' as const } : {}),
    };
    patients.push(p);
    const primary = clinicians[i % clinicians.length] as StaffWeek;
    const standIn = clinicians[(i + 1) % clinicians.length] as StaffWeek;
    requests.push({
      id: `${pre}ind-${i}`,
      patientId: id,
      kind: 'individual',
      minutes: 60,
      staffIds: [primary.id, standIn.id],
      inPerson: rng.chance(0.7),
    });
    if (i % 2 === opts.seed % 2)
      requests.push({
        id: `${pre}fam-${i}`,
        patientId: id,
        kind: 'family',
        minutes: 60,
        staffIds: [primary.id],
        inPerson: rng.chance(0.5),
      });
    if (rng.chance(0.7)) {
      // Last week's cohort: the templates of groups they could attend, up to their phase's hours.
      const fits = placed.filter((g) => (!g.ageGroup || g.ageGroup === p.ageGroup) && within(g.slot, windows));
      for (const g of fits.filter(() => rng.chance(0.6)).slice(0, phase / 3))
        lastWeek.push({ patientId: id, templateId: g.templateId as string });
    }
  }
  return { rooms, staff, patients, groups: placed, seats: [], appointments: [], requests, lastWeek };
}
