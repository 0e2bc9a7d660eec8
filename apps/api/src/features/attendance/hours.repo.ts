import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import {
  episodes,
  locations,
  patientAvailability,
  patients,
  patientSchedulePrefs,
  programPhases,
  sessionAttendance,
  sessionOccurrences,
} from '../../db/schema/index';
import type { AttendanceRow } from './attendance.repo';

/** The hours ledger's reads: floor facts, the people at a location, their weeks' sessions and make-up candidates. */
/** What the floor of each person depends on: level of care and location of the active episode, age, phase, billing. */
export async function floorFacts(tx: Db, organizationId: string, patientIds: string[]) {
  if (!patientIds.length) return [];
  return tx
    .select({
      patientId: patients.id,
      given: patients.legalGivenName,
      preferred: patients.preferredName,
      family: patients.legalFamilyName,
      dateOfBirth: patients.dateOfBirth,
      levelOfCare: episodes.levelOfCare,
      locationId: episodes.locationId,
      timeZone: locations.timeZone,
      phaseHours: programPhases.weeklyHours,
      stepDown: programPhases.stepDown,
      perDiem: patientSchedulePrefs.perDiem,
    })
    .from(patients)
    .leftJoin(
      episodes,
      and(eq(episodes.organizationId, patients.organizationId), eq(episodes.id, patients.currentEpisodeId), eq(episodes.status, 'active')),
    )
    .leftJoin(locations, and(eq(locations.organizationId, patients.organizationId), eq(locations.id, episodes.locationId)))
    .leftJoin(
      patientSchedulePrefs,
      and(eq(patientSchedulePrefs.organizationId, patients.organizationId), eq(patientSchedulePrefs.patientId, patients.id)),
    )
    .leftJoin(programPhases, eq(programPhases.id, patientSchedulePrefs.phaseId))
    .where(and(eq(patients.organizationId, organizationId), inArray(patients.id, patientIds)));
}

/** Active people whose current episode is at the location. */
export async function activeAt(tx: Db, organizationId: string, locationId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: patients.id })
    .from(patients)
    .innerJoin(episodes, and(eq(episodes.organizationId, patients.organizationId), eq(episodes.id, patients.currentEpisodeId)))
    .where(
      and(
        eq(patients.organizationId, organizationId),
        eq(patients.careStatus, 'active'),
        eq(episodes.status, 'active'),
        eq(episodes.locationId, locationId),
      ),
    )
    .orderBy(asc(patients.legalFamilyName), asc(patients.legalGivenName), asc(patients.id));
  return rows.map((r) => r.id);
}

/**
 * Each person's published sessions with clinic-local days in [from, to]: those they are on the roster of, and any
 * they have attendance for (a session cancelled after attendance was taken still counts what was attended).
 */
export async function weekSessions(tx: Db, organizationId: string, patientIds: string[], from: string, to: string) {
  if (!patientIds.length) return [];
  const rows = await tx.execute(sql`
    select o.id, o.title, o.kind, o.day::text as day, o.start_minute as "startMinute", o.end_minute as "endMinute",
      o.starts_at as "startsAt", o.ends_at as "endsAt", o.status, p.patient_id as "patientId",
      r.status as "attendanceStatus", r.minutes_attended as "minutesAttended"
    from session_occurrences o
    join (
      select a.occurrence_id, a.patient_id from session_attendees a
        where a.organization_id = ${organizationId} and a.status = 'scheduled' and a.patient_id in (${sql.join(
          patientIds.map((p) => sql`${p}::uuid`),
          sql`, `,
        )})
      union
      select t.occurrence_id, t.patient_id from session_attendance t
        where t.organization_id = ${organizationId} and t.patient_id in (${sql.join(
          patientIds.map((p) => sql`${p}::uuid`),
          sql`, `,
        )})
    ) p on p.occurrence_id = o.id
    left join session_attendance r on r.organization_id = o.organization_id and r.occurrence_id = o.id and r.patient_id = p.patient_id
    where o.organization_id = ${organizationId} and o.status <> 'draft' and o.day between ${from}::date and ${to}::date
    order by o.starts_at, o.id`);
  return (
    rows as {
      rows: {
        id: string;
        title: string;
        kind: 'group' | 'individual' | 'family' | 'drug_test';
        day: string;
        startMinute: number;
        endMinute: number;
        startsAt: string | Date;
        endsAt: string | Date;
        status: 'scheduled' | 'cancelled';
        patientId: string;
        attendanceStatus: AttendanceRow['status'] | null;
        minutesAttended: number | null;
      }[];
    }
  ).rows.map((r) => ({ ...r, startsAt: new Date(r.startsAt), endsAt: new Date(r.endsAt) }));
}

/** The person's latest recorded attendance, newest session first. */
export async function recentAttendance(tx: Db, organizationId: string, patientId: string, before: Date, limit: number) {
  return tx
    .select({ status: sessionAttendance.status })
    .from(sessionAttendance)
    .innerJoin(
      sessionOccurrences,
      and(
        eq(sessionOccurrences.organizationId, sessionAttendance.organizationId),
        eq(sessionOccurrences.id, sessionAttendance.occurrenceId),
      ),
    )
    .where(
      and(
        eq(sessionAttendance.organizationId, organizationId),
        eq(sessionAttendance.patientId, patientId),
        lte(sessionOccurrences.startsAt, before),
      ),
    )
    .orderBy(desc(sessionOccurrences.startsAt), desc(sessionOccurrences.id))
    .limit(limit);
}

/** Group sessions at the location in the week, published, with their seated counts: make-up candidates. */
export async function weekGroups(tx: Db, organizationId: string, locationId: string, from: string, to: string) {
  return tx
    .select({
      occ: sessionOccurrences,
      seated: sql<number>`(select count(*)::int from session_attendees a where a.organization_id = session_occurrences.organization_id
        and a.occurrence_id = session_occurrences.id and a.status = 'scheduled')`,
    })
    .from(sessionOccurrences)
    .where(
      and(
        eq(sessionOccurrences.organizationId, organizationId),
        eq(sessionOccurrences.locationId, locationId),
        eq(sessionOccurrences.kind, 'group'),
        eq(sessionOccurrences.status, 'scheduled'),
        gte(sessionOccurrences.day, from),
        lte(sessionOccurrences.day, to),
      ),
    )
    .orderBy(asc(sessionOccurrences.startsAt));
}

export async function availabilityOf(tx: Db, organizationId: string, patientId: string) {
  return tx
    .select({ weekday: patientAvailability.weekday, start: patientAvailability.startMinute, end: patientAvailability.endMinute })
    .from(patientAvailability)
    .where(and(eq(patientAvailability.organizationId, organizationId), eq(patientAvailability.patientId, patientId)));
}
