import { and, asc, eq, gte, inArray, isNull, lte, ne, notInArray, or } from 'drizzle-orm';
import type { BillingFacts, BookedService } from '@openiop/core';
import type { Db } from '../../db/database';
import {
  episodes,
  patients,
  patientSchedulePrefs,
  serviceAuthorizations,
  sessionAttendance,
  sessionAttendees,
  sessionOccurrences,
} from '../../db/schema/index';

export type AuthorizationRow = typeof serviceAuthorizations.$inferSelect;

/** A person's authorizations, latest end first. */
export async function listAuthorizations(db: Db, organizationId: string, patientIds: readonly string[]): Promise<AuthorizationRow[]> {
  if (!patientIds.length) return [];
  return db
    .select()
    .from(serviceAuthorizations)
    .where(and(eq(serviceAuthorizations.organizationId, organizationId), inArray(serviceAuthorizations.patientId, [...patientIds])))
    .orderBy(asc(serviceAuthorizations.patientId), asc(serviceAuthorizations.endsOn), asc(serviceAuthorizations.id));
}

export async function findAuthorization(
  db: Db,
  organizationId: string,
  patientId: string,
  id: string,
): Promise<AuthorizationRow | undefined> {
  const [row] = await db
    .select()
    .from(serviceAuthorizations)
    .where(
      and(
        eq(serviceAuthorizations.organizationId, organizationId),
        eq(serviceAuthorizations.patientId, patientId),
        eq(serviceAuthorizations.id, id),
      ),
    );
  return row;
}

export async function insertAuthorization(db: Db, values: typeof serviceAuthorizations.$inferInsert): Promise<AuthorizationRow> {
  const [row] = await db.insert(serviceAuthorizations).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** Compare-and-set on the version: false when someone changed it since it was read. */
export async function updateAuthorization(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  patch: Partial<typeof serviceAuthorizations.$inferInsert>,
): Promise<AuthorizationRow | undefined> {
  const [row] = await db
    .update(serviceAuthorizations)
    .set({ ...patch, version: version + 1 })
    .where(
      and(
        eq(serviceAuthorizations.organizationId, organizationId),
        eq(serviceAuthorizations.id, id),
        eq(serviceAuthorizations.version, version),
      ),
    )
    .returning();
  return row;
}

export interface PersonService extends BookedService {
  patientId: string;
}

/** The sessions people are booked into between two clinic-local days (cancelled sessions and seats left out). */
export async function bookedServices(
  db: Db,
  organizationId: string,
  patientIds: readonly string[],
  from: string,
  to: string,
): Promise<PersonService[]> {
  if (!patientIds.length) return [];
  const rows = await db
    .select({
      id: sessionOccurrences.id,
      patientId: sessionAttendees.patientId,
      day: sessionOccurrences.day,
      kind: sessionOccurrences.kind,
      startMinute: sessionOccurrences.startMinute,
      endMinute: sessionOccurrences.endMinute,
      attendedMinutes: sessionAttendance.minutesAttended,
    })
    .from(sessionAttendees)
    .innerJoin(
      sessionOccurrences,
      and(eq(sessionOccurrences.id, sessionAttendees.occurrenceId), eq(sessionOccurrences.organizationId, sessionAttendees.organizationId)),
    )
    .leftJoin(
      sessionAttendance,
      and(
        eq(sessionAttendance.organizationId, sessionAttendees.organizationId),
        eq(sessionAttendance.occurrenceId, sessionAttendees.occurrenceId),
        eq(sessionAttendance.patientId, sessionAttendees.patientId),
      ),
    )
    .where(
      and(
        eq(sessionAttendees.organizationId, organizationId),
        inArray(sessionAttendees.patientId, [...patientIds]),
        eq(sessionAttendees.status, 'scheduled'),
        ne(sessionOccurrences.status, 'cancelled'),
        // A session the person was recorded absent from bills nothing, so it uses no unit.
        or(isNull(sessionAttendance.status), notInArray(sessionAttendance.status, ['absent_excused', 'absent_unexcused'])),
        gte(sessionOccurrences.day, from),
        lte(sessionOccurrences.day, to),
      ),
    )
    .orderBy(asc(sessionOccurrences.day), asc(sessionOccurrences.id));
  // Attended minutes, once recorded, decide the code (e.g. an individual session cut short bills as a shorter one).
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patientId,
    day: r.day,
    kind: r.kind,
    minutes: r.attendedMinutes ?? r.endMinute - r.startMinute,
  }));
}

/** The person's level of care (current episode) and per-diem billing (their scheduling preferences). */
export async function billingFacts(db: Db, organizationId: string, patientId: string): Promise<BillingFacts | undefined> {
  const [row] = await db
    .select({ levelOfCare: episodes.levelOfCare, perDiem: patientSchedulePrefs.perDiem })
    .from(patients)
    .innerJoin(episodes, and(eq(episodes.id, patients.currentEpisodeId), eq(episodes.organizationId, patients.organizationId)))
    .leftJoin(
      patientSchedulePrefs,
      and(eq(patientSchedulePrefs.organizationId, patients.organizationId), eq(patientSchedulePrefs.patientId, patients.id)),
    )
    .where(and(eq(patients.organizationId, organizationId), eq(patients.id, patientId)));
  return row ? { levelOfCare: row.levelOfCare, perDiem: row.perDiem ?? false } : undefined;
}
