import { addDays, daysBetween, localDate, mondayOf, type LevelOfCare } from '@openiop/core';
import type { Db } from '../db/database';
import {
  closures,
  groupTemplates,
  patientAvailability,
  patientSchedulePrefs,
  programPhases,
  rooms,
  schedulingSettings,
  serviceAuthorizations,
  staffHours,
  staffScheduling,
  tracks,
  type TrackKind,
} from '../db/schema';
import { Rng } from './random';

export interface SchedulingDemoStaff {
  id: string;
  local: string;
  locations: number[];
}

export interface SchedulingDemoPatient {
  id: string;
  locationIndex: number;
  levelOfCare: LevelOfCare;
  admittedOn: string;
}

/** A weekly window: weekday (0 = Monday), start and end as "HH:MM". */
type Window = [number, string, string];
const minutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};
const weekdays = (from: string, to: string, days = [0, 1, 2, 3, 4]): Window[] => days.map((d) => [d, from, to]);

const TRACKS: { key: string; name: string; kind: TrackKind; modality: 'in_person' | 'virtual' | 'hybrid' }[] = [
  { key: 'morning', name: 'Morning', kind: 'morning', modality: 'in_person' },
  { key: 'afternoon', name: 'Afternoon', kind: 'afternoon', modality: 'in_person' },
  { key: 'evening', name: 'Evening', kind: 'evening', modality: 'hybrid' },
  { key: 'virtual', name: 'Virtual evening', kind: 'evening', modality: 'virtual' },
  { key: 'weekend', name: 'Weekend', kind: 'weekend', modality: 'in_person' },
];

/** Weekly groups, three hours each: track, topic, weekday, start, the staff member (by role slot) who runs it. */
const TEMPLATES: { track: string; topic: string; day: number; start: string; lead: 'a' | 'b' | 'c' | 'peer'; room: number | null }[] = [
  { track: 'morning', topic: 'Relapse prevention', day: 0, start: '09:00', lead: 'a', room: 0 },
  { track: 'morning', topic: 'Coping skills (CBT)', day: 1, start: '09:00', lead: 'a', room: 0 },
  { track: 'morning', topic: 'Process group', day: 3, start: '09:00', lead: 'a', room: 0 },
  { track: 'morning', topic: 'Recovery education', day: 4, start: '09:00', lead: 'a', room: 0 },
  { track: 'afternoon', topic: 'Mindfulness and distress tolerance', day: 0, start: '13:00', lead: 'b', room: 1 },
  { track: 'afternoon', topic: 'Process group', day: 2, start: '13:00', lead: 'b', room: 1 },
  { track: 'afternoon', topic: 'Relapse prevention', day: 3, start: '13:00', lead: 'b', room: 1 },
  { track: 'evening', topic: 'Relapse prevention', day: 0, start: '18:00', lead: 'c', room: 0 },
  { track: 'evening', topic: 'Coping skills (CBT)', day: 1, start: '18:00', lead: 'c', room: 0 },
  { track: 'evening', topic: 'Process group', day: 2, start: '18:00', lead: 'c', room: 0 },
  { track: 'evening', topic: 'Family and relationships', day: 3, start: '18:00', lead: 'c', room: 0 },
  { track: 'virtual', topic: 'Recovery education', day: 1, start: '18:30', lead: 'peer', room: null },
  { track: 'virtual', topic: 'Process group', day: 3, start: '18:30', lead: 'peer', room: null },
  { track: 'weekend', topic: 'Process group', day: 5, start: '09:00', lead: 'b', room: 0 },
];

/** Who leads which groups at each location, by the demo staff's e-mail local parts. */
const LEADS: Record<'a' | 'b' | 'c' | 'peer', string>[] = [
  { a: 'clinician', b: 'priya.raman', c: 'director', peer: 'peer' },
  { a: 'luis.ortega', b: 'grace.liu', c: 'grace.liu', peer: 'rosa.jimenez' },
];

/** Working hours of each demo staff member by e-mail local part, at their first location. */
const HOURS: Record<string, Window[]> = {
  clinician: weekdays('08:30', '17:00'),
  'priya.raman': [...weekdays('12:00', '20:00', [0, 1, 2, 3, 4]), [5, '08:30', '12:30']],
  director: weekdays('09:00', '21:30', [0, 1, 2, 3]),
  peer: weekdays('12:00', '22:00', [1, 3]),
  'luis.ortega': weekdays('08:30', '17:00'),
  'grace.liu': [...weekdays('12:00', '21:30', [0, 1, 2, 3, 4]), [5, '08:30', '12:30']],
  medical: weekdays('08:00', '16:00', [0, 2, 4]),
  'tom.becker': weekdays('08:00', '16:30'),
  'rosa.jimenez': weekdays('12:00', '22:00', [1, 3]),
};

/** Life patterns the people's availability is drawn from: their words, their windows, the tracks they want. */
const PATTERNS: { weight: number; note: string; windows: Window[]; tracks: string[] }[] = [
  {
    weight: 40,
    note: 'Works 8 to 5 on weekdays; free evenings and Saturday mornings.',
    windows: [...weekdays('17:30', '22:00'), [5, '08:00', '14:00']],
    tracks: ['evening', 'virtual', 'weekend'],
  },
  { weight: 15, note: 'Works nights; sleeps after 2 pm.', windows: weekdays('08:00', '13:30'), tracks: ['morning'] },
  {
    weight: 20,
    note: 'Children at school 8:30 to 3; no childcare after that.',
    windows: weekdays('08:30', '14:30'),
    tracks: ['morning', 'afternoon'],
  },
  {
    weight: 10,
    note: 'Classes on Tuesday and Thursday daytime; takes the bus.',
    windows: [
      [0, '12:30', '22:00'],
      [1, '17:30', '22:00'],
      [2, '12:30', '22:00'],
      [3, '17:30', '22:00'],
    ],
    tracks: ['afternoon', 'evening'],
  },
  { weight: 15, note: 'Between jobs; free most of the day.', windows: weekdays('08:00', '21:30'), tracks: [] },
];

function pattern(rng: Rng): (typeof PATTERNS)[number] {
  let r = rng.int(1, 100);
  for (const p of PATTERNS) {
    r -= p.weight;
    if (r <= 0) return p;
  }
  return PATTERNS[0] as (typeof PATTERNS)[number];
}

/**
 * The program's structure at each demo location (tracks, phases 12/9/6 h, fourteen weekly three-hour groups, rooms,
 * settings, the winter holidays), the demo staff's working hours, and each active person's availability and
 * preferences drawn from believable life patterns — one person per location whose windows cannot reach their floor,
 * so the optimiser's explanation shows. Its own generator, so the rest of the demo is unchanged.
 */
export async function seedSchedulingDemo(
  tx: Db,
  input: {
    organizationId: string;
    seed: number;
    now: Date;
    locations: { id: string; timeZone: string }[];
    staff: SchedulingDemoStaff[];
    patients: SchedulingDemoPatient[];
  },
): Promise<void> {
  const rng = new Rng((input.seed ^ 0x5c4ed01e) >>> 0);
  const { organizationId, now } = input;
  const byLocal = new Map(input.staff.map((s) => [s.local, s]));
  const phaseIds: string[][] = [];
  const trackIds: Map<string, string>[] = [];

  for (const [li, location] of input.locations.entries()) {
    const roomIds = [rng.uuid(), rng.uuid(), rng.uuid(), rng.uuid()];
    await tx.insert(rooms).values(
      [
        ['Group room A', 14],
        ['Group room B', 12],
        ['Counseling room 1', 2],
        ['Family room', 6],
      ].map(([name, capacity], i) => ({
        id: roomIds[i] as string,
        organizationId,
        locationId: location.id,
        name: name as string,
        capacity: capacity as number,
        createdAt: now,
        updatedAt: now,
      })),
    );
    const tIds = new Map(TRACKS.map((t) => [t.key, rng.uuid()]));
    trackIds.push(tIds);
    await tx.insert(tracks).values(
      TRACKS.map((t) => ({
        id: tIds.get(t.key) as string,
        organizationId,
        locationId: location.id,
        name: t.name,
        kind: t.kind,
        modality: t.modality,
        createdAt: now,
        updatedAt: now,
      })),
    );
    const pIds = [rng.uuid(), rng.uuid(), rng.uuid()];
    phaseIds.push(pIds);
    await tx.insert(programPhases).values(
      [
        [1, 'Phase 1: stabilise', 12, 4, 4, false],
        [2, 'Phase 2: build skills', 9, 3, 4, false],
        [3, 'Phase 3: step down', 6, 2, 2, true],
      ].map(([number, name, weeklyHours, daysPerWeek, typicalWeeks, stepDown], i) => ({
        id: pIds[i] as string,
        organizationId,
        locationId: location.id,
        number: number as number,
        name: name as string,
        weeklyHours: weeklyHours as number,
        daysPerWeek: daysPerWeek as number,
        typicalWeeks: typicalWeeks as number,
        stepDown: stepDown as boolean,
        createdAt: now,
        updatedAt: now,
      })),
    );
    const leads = (LEADS[li] ?? LEADS[0]) as (typeof LEADS)[number];
    await tx.insert(groupTemplates).values(
      TEMPLATES.map((t) => ({
        id: rng.uuid(),
        organizationId,
        locationId: location.id,
        trackId: tIds.get(t.track) as string,
        topic: t.topic,
        curriculum: curriculumOf(t.topic),
        weekday: t.day,
        startMinute: minutes(t.start),
        durationMinutes: 180,
        capacity: 12,
        minToRun: 3,
        credential: null,
        roomId: t.room === null ? null : (roomIds[t.room] as string),
        facilitatorId: byLocal.get(leads[t.lead])?.id ?? null,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await tx.insert(schedulingSettings).values({
      organizationId,
      locationId: location.id,
      collectionSlots: [0, 2, 4].map((weekday) => ({ weekday, start: minutes('08:00'), end: minutes('09:00') })),
      createdAt: now,
      updatedAt: now,
    });
  }

  const today = localDate(now, input.locations[0]?.timeZone ?? 'UTC');
  const year = Number(today.slice(0, 4));
  await tx.insert(closures).values(
    [
      [`${year}-12-25`, 'Christmas Day'],
      [`${year + 1}-01-01`, "New Year's Day"],
      [`${year + 1}-01-18`, 'Martin Luther King Jr. Day'],
    ].map(([day, name]) => ({
      organizationId,
      locationId: null,
      day: day as string,
      name: name as string,
      createdAt: now,
      updatedAt: now,
    })),
  );

  const hourRows = input.staff.flatMap((s) =>
    (HOURS[s.local] ?? []).flatMap(([weekday, from, to]) =>
      s.locations.slice(0, 1).map((li) => ({
        organizationId,
        userId: s.id,
        locationId: input.locations[li]?.id as string,
        weekday,
        startMinute: minutes(from),
        endMinute: minutes(to),
        createdAt: now,
      })),
    ),
  );
  // The director works at both locations: Portland Monday to Thursday as above, Denver on Fridays.
  const director = byLocal.get('director');
  const denver = input.locations[1];
  if (director && denver)
    hourRows.push({
      organizationId,
      userId: director.id,
      locationId: denver.id,
      weekday: 4,
      startMinute: minutes('09:00'),
      endMinute: minutes('17:00'),
      createdAt: now,
    });
  if (hourRows.length) await tx.insert(staffHours).values(hourRows);
  await tx
    .insert(staffScheduling)
    .values(
      input.staff
        .filter((s) => HOURS[s.local])
        .map((s) => ({ organizationId, userId: s.id, caseloadCap: 25, weeklySessionCap: 20, createdAt: now, updatedAt: now })),
    );

  const windows: (typeof patientAvailability.$inferInsert)[] = [];
  const prefs: (typeof patientSchedulePrefs.$inferInsert)[] = [];
  const shortShown = new Set<number>();
  for (const [pi, p] of input.patients.entries()) {
    const li = p.locationIndex;
    // One person per location can only come on Tuesday evenings: fewer hours than any floor, which the week explains.
    const short = p.levelOfCare === '2.1' && !shortShown.has(li) && rng.chance(0.3);
    if (short) shortShown.add(li);
    const life = short
      ? {
          note: 'Only free on Tuesday evenings until the new job settles.',
          windows: [[1, '17:30', '22:00']] as Window[],
          tracks: ['evening'],
        }
      : pattern(rng);
    for (const [weekday, from, to] of life.windows)
      windows.push({ organizationId, patientId: p.id, weekday, startMinute: minutes(from), endMinute: minutes(to), createdAt: now });
    const weeksIn = Math.floor(daysBetween(p.admittedOn, today) / 7);
    // Partial hospitalization (2.5) starts in phase 1 whatever the weeks; outpatient (1.0) is stepping down.
    const phase = p.levelOfCare === '2.5' ? 0 : p.levelOfCare === '1.0' ? 2 : weeksIn < 4 ? 0 : weeksIn < 8 ? 1 : 2;
    const tIds = trackIds[li] ?? new Map<string, string>();
    prefs.push({
      organizationId,
      patientId: p.id,
      phaseId: phaseIds[li]?.[phase] ?? null,
      phaseStartedOn: addDays(p.admittedOn, phase * 28),
      perDiem: p.levelOfCare === '2.1' && rng.chance(0.1),
      // About one in six wants family sessions (no draw from the generator, so the rest of the demo stays as it was).
      familySessions: p.levelOfCare !== '1.0' && pi % 6 === 2,
      preferredTrackIds: life.tracks.flatMap((t) => (tIds.get(t) ? [tIds.get(t) as string] : [])),
      modality: life.tracks[0] === 'virtual' ? 'virtual' : 'any',
      preferredDays: [],
      constraintsNote: life.note,
      updatedByPerson: false,
      createdAt: now,
      updatedAt: now,
    });
  }
  for (let i = 0; i < windows.length; i += 1000) await tx.insert(patientAvailability).values(windows.slice(i, i + 1000));
  for (let i = 0; i < prefs.length; i += 1000) await tx.insert(patientSchedulePrefs).values(prefs.slice(i, i + 1000));
  const auths = authorizationsFor(
    rng,
    organizationId,
    now,
    today,
    input.patients,
    new Set(prefs.filter((p) => p.perDiem).map((p) => p.patientId)),
  );
  for (let i = 0; i < auths.length; i += 1000) await tx.insert(serviceAuthorizations).values(auths.slice(i, i + 1000));
}

const PAYERS = ['Cascade Health Plan', 'Summit Medicaid', 'Northwest Mutual Health', 'Front Range Care'] as const;

/**
 * Payers' authorizations for about half the people at intensive outpatient or partial hospitalization: from their
 * admission for 90 days, per diem (H0015) or per session (group and individual codes). At each location the first one
 * is nearly used up and the second ends this week, so the schedule has something to warn about.
 */
function authorizationsFor(
  rng: Rng,
  organizationId: string,
  now: Date,
  today: string,
  patients: readonly SchedulingDemoPatient[],
  perDiem: ReadonlySet<string>,
): (typeof serviceAuthorizations.$inferInsert)[] {
  const seen = new Map<number, number>();
  const friday = addDays(mondayOf(today), 4);
  const out: (typeof serviceAuthorizations.$inferInsert)[] = [];
  for (const p of patients) {
    if (p.levelOfCare !== '2.1' && p.levelOfCare !== '2.5') continue;
    const n = seen.get(p.locationIndex) ?? 0;
    if (n >= 2 && !rng.chance(0.5)) continue;
    seen.set(p.locationIndex, n + 1);
    const daily = perDiem.has(p.id);
    const weeksIn = Math.max(0, Math.floor(daysBetween(p.admittedOn, today) / 7));
    const authorized = daily ? rng.int(30, 45) : rng.int(36, 60);
    const perWeek = daily ? 3 : 4;
    const endsOn = n === 1 && friday >= p.admittedOn ? friday : addDays(p.admittedOn, 90);
    out.push({
      id: rng.uuid(),
      organizationId,
      patientId: p.id,
      payer: rng.pick(PAYERS),
      reference: `PA-${today.slice(0, 4)}-${String(rng.int(10000, 99999))}`,
      serviceCodes: daily ? ['H0015'] : ['90853', '90834', '90837'],
      unitsAuthorized: authorized,
      // Nearly used up at the first; the others by the weeks since admission, never past what was authorized.
      unitsUsed: n === 0 ? authorized - 2 : Math.min(authorized - 1, weeksIn * perWeek),
      startsOn: p.admittedOn,
      endsOn: endsOn < p.admittedOn ? p.admittedOn : endsOn,
      createdAt: now,
      updatedAt: now,
    });
  }
  return out;
}

function curriculumOf(topic: string): string {
  const map: Record<string, string> = {
    'Relapse prevention': 'Marlatt & Gordon relapse-prevention model: high-risk situations, coping plans, lapse vs relapse.',
    'Coping skills (CBT)': 'CBT for substance use: triggers, thought records, refusal skills.',
    'Process group': 'Open process group: check-in, member-led discussion, goals for the week.',
    'Recovery education': 'Matrix Model early-recovery education sessions.',
    'Mindfulness and distress tolerance': 'DBT distress-tolerance and mindfulness skills.',
    'Family and relationships': 'Family roles, boundaries and communication in recovery.',
  };
  return map[topic] ?? '';
}
