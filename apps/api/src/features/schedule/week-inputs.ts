import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import {
  addDays,
  ageOn,
  daysBetween,
  dateInWeek,
  staffWeekHours,
  weeklyWindowHours,
  weekdayOf,
  type Appointment,
  type GroupOccurrence,
  type LevelOfCare,
  type PatientWeek,
  type SessionRequest,
  type Slot,
  type StaffWeek,
  type Weekday,
  type WeekPlan,
} from '@openiop/core';
import type { Db } from '../../db/database';
import {
  closures,
  episodes,
  groupTemplates,
  locations,
  patientAvailability,
  patientSchedulePrefs,
  patients,
  programPhases,
  rooms,
  scheduleWeeks,
  schedulingSettings,
  sessionAttendees,
  sessionOccurrences,
  staffHours,
  staffLeave,
  tracks,
  userLocations,
  users,
} from '../../db/schema/index';

export type WeekRow = typeof scheduleWeeks.$inferSelect;
export type OccurrenceRow = typeof sessionOccurrences.$inferSelect;
export type AttendeeRow = typeof sessionAttendees.$inferSelect;

/** A session of the week as the calendar shows it: the row's facts, or the template's before the week is planned. */
export interface WeekSession {
  id: string | null;
  key: string;
  kind: OccurrenceRow['kind'];
  title: string;
  templateId: string | null;
  trackId: string | null;
  day: string;
  startMinute: number;
  endMinute: number;
  roomId: string | null;
  modality: 'in_person' | 'virtual';
  capacity: number;
  credential: string | null;
  staffId: string;
  status: OccurrenceRow['status'];
  attendees: { patientId: string; source: AttendeeRow['source'] }[];
}

export interface WeekPerson {
  id: string;
  name: string;
  primaryClinicianId: string | null;
  levelOfCare: LevelOfCare;
  phase: string | null;
  availableHours: number;
  /** Family sessions are wanted (their scheduling preferences). */
  familySessions: boolean;
}

/** Everything one location's week is planned from, with the names the calendar puts to ids. */
export interface WeekInputs {
  location: { id: string; name: string; timeZone: string };
  weekStart: string;
  week: WeekRow | null;
  sessions: WeekSession[];
  closures: { day: string; name: string }[];
  rooms: { id: string; name: string; capacity: number }[];
  tracks: Map<string, string>;
  staff: { id: string; name: string; clinician: boolean; credentials: string[]; hours: Slot[] }[];
  people: WeekPerson[];
  patientWeeks: PatientWeek[];
  /** The location's individual-session defaults (a location without settings has 50 minutes every week). */
  individual: { minutes: number; everyWeeks: number };
  /** The location's family-session defaults (50 minutes every other week without settings). */
  family: { minutes: number; everyWeeks: number };
}

const slotHours = (s: Slot) => (s.end - s.start) / 60;

export async function findLocation(db: Db, organizationId: string, locationId: string) {
  const [row] = await db
    .select({ id: locations.id, name: locations.name, timeZone: locations.timeZone })
    .from(locations)
    .where(and(eq(locations.organizationId, organizationId), eq(locations.id, locationId)));
  return row;
}

export async function findWeek(db: Db, organizationId: string, locationId: string, weekStart: string, lock = false) {
  const q = db
    .select()
    .from(scheduleWeeks)
    .where(
      and(
        eq(scheduleWeeks.organizationId, organizationId),
        eq(scheduleWeeks.locationId, locationId),
        eq(scheduleWeeks.weekStart, weekStart),
      ),
    );
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** The week's sessions at a location, with their rosters; cancelled ones left out. */
export async function loadSessions(db: Db, organizationId: string, locationId: string, weekStart: string): Promise<WeekSession[]> {
  const rows = await db
    .select()
    .from(sessionOccurrences)
    .where(
      and(
        eq(sessionOccurrences.organizationId, organizationId),
        eq(sessionOccurrences.locationId, locationId),
        gte(sessionOccurrences.day, weekStart),
        lte(sessionOccurrences.day, addDays(weekStart, 6)),
        sql`${sessionOccurrences.status} <> 'cancelled'`,
      ),
    )
    .orderBy(asc(sessionOccurrences.day), asc(sessionOccurrences.startMinute), asc(sessionOccurrences.id));
  const ids = rows.map((r) => r.id);
  const seats = ids.length
    ? await db
        .select({ occurrenceId: sessionAttendees.occurrenceId, patientId: sessionAttendees.patientId, source: sessionAttendees.source })
        .from(sessionAttendees)
        .where(
          and(
            eq(sessionAttendees.organizationId, organizationId),
            inArray(sessionAttendees.occurrenceId, ids),
            eq(sessionAttendees.status, 'scheduled'),
          ),
        )
        .orderBy(asc(sessionAttendees.patientId))
    : [];
  return rows.map((r) => ({
    id: r.id,
    key: r.id,
    kind: r.kind,
    title: r.title,
    templateId: r.templateId,
    trackId: r.trackId,
    day: r.day,
    startMinute: r.startMinute,
    endMinute: r.endMinute,
    roomId: r.roomId,
    modality: r.modality,
    capacity: r.capacity,
    credential: r.credential,
    staffId: r.staffId,
    status: r.status,
    attendees: seats.filter((s) => s.occurrenceId === r.id).map((s) => ({ patientId: s.patientId, source: s.source })),
  }));
}

/**
 * The groups the program's templates give this week: one per active template whose day is not a closure, at the
 * template's time, with its room, capacity, credential and facilitator. Templates without a facilitator are left out
 * (nobody to run them; the program page says so).
 */
export async function templateSessions(
  db: Db,
  organizationId: string,
  locationId: string,
  weekStart: string,
  closed: ReadonlySet<string>,
): Promise<WeekSession[]> {
  const rows = await db
    .select({ t: groupTemplates, modality: tracks.modality })
    .from(groupTemplates)
    .innerJoin(tracks, eq(tracks.id, groupTemplates.trackId))
    .where(
      and(
        eq(groupTemplates.organizationId, organizationId),
        eq(groupTemplates.locationId, locationId),
        eq(groupTemplates.active, true),
        eq(tracks.active, true),
      ),
    )
    .orderBy(asc(groupTemplates.weekday), asc(groupTemplates.startMinute), asc(groupTemplates.id));
  return rows.flatMap(({ t }) => {
    const day = dateInWeek(weekStart, t.weekday as Weekday);
    if (closed.has(day) || !t.facilitatorId) return [];
    return [
      {
        id: null,
        key: `template:${t.id}`,
        kind: 'group' as const,
        title: t.topic,
        templateId: t.id,
        trackId: t.trackId,
        day,
        startMinute: t.startMinute,
        endMinute: t.startMinute + t.durationMinutes,
        roomId: t.roomId,
        modality: t.roomId === null ? ('virtual' as const) : ('in_person' as const),
        capacity: t.capacity,
        credential: t.credential,
        staffId: t.facilitatorId,
        status: 'draft' as const,
        attendees: [],
      },
    ];
  });
}

/** A collection window's title on the calendar (a drug-test collection the clinic staffs; nobody is seated in it). */
export const COLLECTION_TITLE = 'Drug-test collection';

/**
 * The drug-test collection windows a newly planned week gets: one `drug_test` session per slot of the location's
 * settings (`collectionSlots`) whose day is not a closure, with no roster and no seats (capacity 0, so the optimiser
 * places nobody in it), staffed by someone whose working hours that day cover the whole window, who is not on leave
 * and not running a group then: medical staff first, then others, by name. A slot nobody can staff is left out.
 */
export async function collectionSessions(
  db: Db,
  organizationId: string,
  locationId: string,
  weekStart: string,
  closed: ReadonlySet<string>,
  groups: readonly WeekSession[],
): Promise<WeekSession[]> {
  const [settings] = await db
    .select({ slots: schedulingSettings.collectionSlots })
    .from(schedulingSettings)
    .where(and(eq(schedulingSettings.organizationId, organizationId), eq(schedulingSettings.locationId, locationId)));
  const slots = [...(settings?.slots ?? [])].sort((a, b) => a.weekday - b.weekday || a.start - b.start);
  if (!slots.length) return [];
  const hours = await db
    .select({
      userId: staffHours.userId,
      weekday: staffHours.weekday,
      start: staffHours.startMinute,
      end: staffHours.endMinute,
      name: users.name,
      roles: users.roles,
    })
    .from(staffHours)
    .innerJoin(users, and(eq(users.id, staffHours.userId), eq(users.organizationId, staffHours.organizationId)))
    .where(and(eq(staffHours.organizationId, organizationId), eq(staffHours.locationId, locationId), eq(users.active, true)));
  const leave = await db
    .select({ userId: staffLeave.userId, startsOn: staffLeave.startsOn, endsOn: staffLeave.endsOn })
    .from(staffLeave)
    .where(
      and(
        eq(staffLeave.organizationId, organizationId),
        lte(staffLeave.startsOn, addDays(weekStart, 6)),
        gte(staffLeave.endsOn, weekStart),
      ),
    );
  const out: WeekSession[] = [];
  for (const slot of slots) {
    const day = dateInWeek(weekStart, slot.weekday as Weekday);
    if (closed.has(day) || slot.end <= slot.start) continue;
    const busy = (userId: string) =>
      leave.some((l) => l.userId === userId && l.startsOn <= day && day <= l.endsOn) ||
      [...groups, ...out].some((g) => g.staffId === userId && g.day === day && g.startMinute < slot.end && slot.start < g.endMinute);
    const staff = hours
      .filter((h) => h.weekday === slot.weekday && h.start <= slot.start && slot.end <= h.end && !busy(h.userId))
      .sort(
        (a, b) =>
          Number(b.roles.includes('medical')) - Number(a.roles.includes('medical')) ||
          a.name.localeCompare(b.name) ||
          a.userId.localeCompare(b.userId),
      )[0];
    if (!staff) continue;
    out.push({
      id: null,
      key: `collection:${day}:${slot.start}`,
      kind: 'drug_test',
      title: COLLECTION_TITLE,
      templateId: null,
      trackId: null,
      day,
      startMinute: slot.start,
      endMinute: slot.end,
      roomId: null,
      modality: 'in_person',
      capacity: 0,
      credential: null,
      staffId: staff.userId,
      status: 'draft',
      attendees: [],
    });
  }
  return out;
}

/** The holidays and closures in a week at a location (its own and the organization's). */
export async function loadClosures(db: Db, organizationId: string, locationId: string, weekStart: string) {
  return db
    .select({ day: closures.day, name: closures.name })
    .from(closures)
    .where(
      and(
        eq(closures.organizationId, organizationId),
        or(isNull(closures.locationId), eq(closures.locationId, locationId)),
        gte(closures.day, weekStart),
        lte(closures.day, addDays(weekStart, 6)),
      ),
    )
    .orderBy(asc(closures.day));
}

/** Loads one location's week: its sessions (planned, or the templates'), staff, rooms and the people to place. */
export async function loadWeekInputs(
  db: Db,
  organizationId: string,
  locationId: string,
  weekStart: string,
): Promise<WeekInputs | undefined> {
  const location = await findLocation(db, organizationId, locationId);
  if (!location) return undefined;
  const week = (await findWeek(db, organizationId, locationId, weekStart)) ?? null;
  const closureRows = await loadClosures(db, organizationId, locationId, weekStart);
  const closed = new Set(closureRows.map((c) => c.day));
  const planned = await loadSessions(db, organizationId, locationId, weekStart);
  const sessions = week ? planned : [...(await templateSessions(db, organizationId, locationId, weekStart, closed)), ...planned];

  const roomRows = await db
    .select({ id: rooms.id, name: rooms.name, capacity: rooms.capacity })
    .from(rooms)
    .where(and(eq(rooms.organizationId, organizationId), eq(rooms.locationId, locationId)))
    .orderBy(asc(rooms.name));
  const trackRows = await db
    .select({ id: tracks.id, name: tracks.name })
    .from(tracks)
    .where(and(eq(tracks.organizationId, organizationId), eq(tracks.locationId, locationId)));

  const staff = await loadStaff(db, organizationId, locationId, weekStart, closed, sessions);
  const [settings] = await db
    .select({
      minutes: schedulingSettings.individualMinutes,
      everyWeeks: schedulingSettings.individualEveryWeeks,
      familyMinutes: schedulingSettings.familyMinutes,
      familyEveryWeeks: schedulingSettings.familyEveryWeeks,
    })
    .from(schedulingSettings)
    .where(and(eq(schedulingSettings.organizationId, organizationId), eq(schedulingSettings.locationId, locationId)));
  const { people, patientWeeks } = await loadPeople(db, organizationId, locationId, weekStart);
  return {
    location,
    weekStart,
    week,
    sessions,
    closures: closureRows,
    rooms: roomRows,
    tracks: new Map(trackRows.map((t) => [t.id, t.name])),
    staff,
    people,
    patientWeeks,
    individual: settings ? { minutes: settings.minutes, everyWeeks: settings.everyWeeks } : { minutes: 50, everyWeeks: 1 },
    family: settings ? { minutes: settings.familyMinutes, everyWeeks: settings.familyEveryWeeks } : { minutes: 50, everyWeeks: 2 },
  };
}

/** Whether a week is on a cadence of `everyWeeks` (counted in weeks since Monday 2024-01-01). */
const onCadence = (weekStart: string, everyWeeks: number) =>
  Math.floor(daysBetween('2024-01-01', weekStart) / 7) % Math.max(1, everyWeeks) === 0;

/** The request id of a person's individual session in a week: stable, so a re-solve recognises its own. */
export const individualRequestId = (patientId: string) => `individual:${patientId}`;

/**
 * The individual sessions the optimiser should place this week: one for each person at intensive outpatient or
 * partial hospitalization who has none yet (on the location's cadence, counted in weeks since 2024-01-01), with their
 * primary clinician first and the location's other clinicians as stand-ins, in person. Sessions the optimiser placed
 * itself (`solverPlaced`) do not count as "has one": a re-solve places them again, keeping them where it can.
 */
export function individualRequests(inputs: WeekInputs, solverPlaced: ReadonlySet<string> = new Set()): SessionRequest[] {
  if (!onCadence(inputs.weekStart, inputs.individual.everyWeeks)) return [];
  const has = new Set(
    inputs.sessions
      .filter((s) => (s.kind === 'individual' || s.kind === 'family') && !(s.id && solverPlaced.has(s.id)))
      .flatMap((s) => s.attendees.map((a) => a.patientId)),
  );
  const clinicians = inputs.staff.filter((s) => s.clinician && s.hours.length).map((s) => s.id);
  const levels = new Map(inputs.patientWeeks.map((p) => [p.id, p.levelOfCare]));
  return inputs.people
    .filter((p) => !has.has(p.id) && (levels.get(p.id) === '2.1' || levels.get(p.id) === '2.5'))
    .map((p) => ({
      id: individualRequestId(p.id),
      patientId: p.id,
      kind: 'individual' as const,
      minutes: inputs.individual.minutes,
      staffIds: [
        ...new Set([...(p.primaryClinicianId && clinicians.includes(p.primaryClinicianId) ? [p.primaryClinicianId] : []), ...clinicians]),
      ],
      inPerson: true,
    }))
    .filter((r) => r.staffIds.length > 0);
}

/** The request id of a person's family session in a week. */
export const familyRequestId = (patientId: string) => `family:${patientId}`;

/**
 * The family sessions the optimiser should place this week: one for each person who wants them (their scheduling
 * preferences), on the location's family cadence (`familyEveryWeeks`), who has no family session this week yet, with
 * their primary clinician first and the other clinicians as stand-ins, in person (the family comes in). Family
 * sessions the optimiser placed itself do not count as "has one", as for individual sessions.
 */
export function familyRequests(inputs: WeekInputs, solverPlaced: ReadonlySet<string> = new Set()): SessionRequest[] {
  if (!onCadence(inputs.weekStart, inputs.family.everyWeeks)) return [];
  const has = new Set(
    inputs.sessions
      .filter((s) => s.kind === 'family' && !(s.id && solverPlaced.has(s.id)))
      .flatMap((s) => s.attendees.map((a) => a.patientId)),
  );
  const clinicians = inputs.staff.filter((s) => s.clinician && s.hours.length).map((s) => s.id);
  return inputs.people
    .filter((p) => p.familySessions && !has.has(p.id))
    .map((p) => ({
      id: familyRequestId(p.id),
      patientId: p.id,
      kind: 'family' as const,
      minutes: inputs.family.minutes,
      staffIds: [
        ...new Set([...(p.primaryClinicianId && clinicians.includes(p.primaryClinicianId) ? [p.primaryClinicianId] : []), ...clinicians]),
      ],
      inPerson: true,
    }))
    .filter((r) => r.staffIds.length > 0);
}

/**
 * Staff who work at the location (or run one of its sessions): their credentials and this week's working hours
 * there, days of leave and closures taken out.
 */
async function loadStaff(
  db: Db,
  organizationId: string,
  locationId: string,
  weekStart: string,
  closed: ReadonlySet<string>,
  sessions: WeekSession[],
) {
  const weekEnd = addDays(weekStart, 6);
  const linked = await db
    .select({ userId: userLocations.userId })
    .from(userLocations)
    .where(and(eq(userLocations.organizationId, organizationId), eq(userLocations.locationId, locationId)));
  const ids = [...new Set([...linked.map((l) => l.userId), ...sessions.map((s) => s.staffId)])].sort();
  if (!ids.length) return [];
  const rows = await db
    .select({ id: users.id, name: users.name, credentials: users.credentials, roles: users.roles })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), inArray(users.id, ids)))
    .orderBy(asc(users.name), asc(users.id));
  const hours = await db
    .select()
    .from(staffHours)
    .where(and(eq(staffHours.organizationId, organizationId), eq(staffHours.locationId, locationId), inArray(staffHours.userId, ids)));
  const leave = await db
    .select()
    .from(staffLeave)
    .where(
      and(
        eq(staffLeave.organizationId, organizationId),
        inArray(staffLeave.userId, ids),
        lte(staffLeave.startsOn, weekEnd),
        gte(staffLeave.endsOn, weekStart),
      ),
    );
  const closures = [...closed].map((day) => ({ startsOn: day, endsOn: day }));
  return rows.map((u) => ({
    id: u.id,
    name: u.name,
    clinician: u.roles.includes('clinician'),
    credentials: u.credentials.map((c) => c.kind),
    hours: staffWeekHours(
      hours.filter((h) => h.userId === u.id).map((h) => ({ weekday: h.weekday as Weekday, start: h.startMinute, end: h.endMinute })),
      [...closures, ...leave.filter((l) => l.userId === u.id)],
      weekStart,
    ).map(({ day, start, end }) => ({ day, start, end })),
  }));
}

/** Active people whose current episode is at the location: level, age group, phase, billing, windows, preferences. */
async function loadPeople(db: Db, organizationId: string, locationId: string, weekStart: string) {
  const rows = await db
    .select({
      id: patients.id,
      given: patients.legalGivenName,
      preferred: patients.preferredName,
      family: patients.legalFamilyName,
      dateOfBirth: patients.dateOfBirth,
      levelOfCare: episodes.levelOfCare,
      primaryClinicianId: episodes.primaryClinicianId,
      phase: programPhases.name,
      phaseHours: programPhases.weeklyHours,
      stepDown: programPhases.stepDown,
      perDiem: patientSchedulePrefs.perDiem,
      familySessions: patientSchedulePrefs.familySessions,
      preferredTrackIds: patientSchedulePrefs.preferredTrackIds,
    })
    .from(patients)
    .innerJoin(episodes, and(eq(episodes.id, patients.currentEpisodeId), eq(episodes.organizationId, patients.organizationId)))
    .leftJoin(
      patientSchedulePrefs,
      and(eq(patientSchedulePrefs.organizationId, patients.organizationId), eq(patientSchedulePrefs.patientId, patients.id)),
    )
    .leftJoin(programPhases, eq(programPhases.id, patientSchedulePrefs.phaseId))
    .where(
      and(
        eq(patients.organizationId, organizationId),
        eq(patients.careStatus, 'active'),
        eq(episodes.status, 'active'),
        eq(episodes.locationId, locationId),
      ),
    )
    .orderBy(asc(patients.legalFamilyName), asc(patients.legalGivenName), asc(patients.id));
  const ids = rows.map((r) => r.id);
  const windows = ids.length
    ? await db
        .select()
        .from(patientAvailability)
        .where(and(eq(patientAvailability.organizationId, organizationId), inArray(patientAvailability.patientId, ids)))
    : [];
  const byPatient = new Map<string, Slot[]>();
  for (const w of windows) {
    const list = byPatient.get(w.patientId) ?? [];
    list.push({ day: w.weekday as Weekday, start: w.startMinute, end: w.endMinute });
    byPatient.set(w.patientId, list);
  }
  const people: WeekPerson[] = [];
  const patientWeeks: PatientWeek[] = [];
  for (const r of rows) {
    const availability = byPatient.get(r.id) ?? [];
    people.push({
      id: r.id,
      name: `${r.preferred ?? r.given} ${r.family}`,
      primaryClinicianId: r.primaryClinicianId,
      levelOfCare: r.levelOfCare,
      phase: r.phase,
      availableHours: weeklyWindowHours(availability.map((w) => ({ weekday: w.day, start: w.start, end: w.end }))),
      familySessions: r.familySessions ?? false,
    });
    patientWeeks.push({
      id: r.id,
      ageGroup: ageOn(r.dateOfBirth, weekStart) < 18 ? 'adolescent' : 'adult',
      levelOfCare: r.levelOfCare,
      phaseMinHours: r.phaseHours ?? 0,
      stepDown: r.stepDown ?? false,
      perDiem: r.perDiem ?? false,
      availability,
      preferredTracks: r.preferredTrackIds ?? [],
    });
  }
  return { people, patientWeeks };
}

/**
 * The week as the pure model sees it: groups (keyed by session key) with their seats, other sessions as fixed
 * appointments, staff hours, rooms, and the people. Slots are wall-clock weekday and minutes.
 */
export function toWeekPlan(inputs: Pick<WeekInputs, 'sessions' | 'rooms' | 'staff' | 'patientWeeks'>): WeekPlan {
  const slotOf = (s: WeekSession): Slot => ({ day: weekdayOf(s.day), start: s.startMinute, end: s.endMinute });
  const groups: GroupOccurrence[] = [];
  const seats: { groupId: string; patientId: string }[] = [];
  const appointments: Appointment[] = [];
  const placeable = new Set(inputs.patientWeeks.map((p) => p.id));
  for (const s of inputs.sessions) {
    // A session with one person is their appointment; any other (a group, a family session with two, a collection
    // window) books its staff member and room like a group, with its people as seats.
    if (s.kind === 'group' || s.attendees.length !== 1) {
      groups.push({
        id: s.key,
        track: s.trackId ?? '',
        slot: slotOf(s),
        roomId: s.roomId,
        capacity: s.capacity,
        facilitatorId: s.staffId,
        credential: s.credential,
        ...(s.templateId ? { templateId: s.templateId } : {}),
      });
      for (const a of s.attendees) if (placeable.has(a.patientId)) seats.push({ groupId: s.key, patientId: a.patientId });
    } else {
      const a = s.attendees[0] as WeekSession['attendees'][number];
      if (placeable.has(a.patientId))
        appointments.push({
          id: s.key,
          kind: s.kind === 'family' ? 'family' : 'individual',
          patientId: a.patientId,
          staffId: s.staffId,
          slot: slotOf(s),
          roomId: s.roomId,
        });
    }
  }
  const staff: StaffWeek[] = inputs.staff.map((s) => ({ id: s.id, credentials: s.credentials, hours: s.hours }));
  return { rooms: inputs.rooms, staff, patients: inputs.patientWeeks, groups, seats, appointments };
}

export const sessionHours = (s: Pick<WeekSession, 'startMinute' | 'endMinute'>): number =>
  slotHours({ day: 0, start: s.startMinute, end: s.endMinute });
