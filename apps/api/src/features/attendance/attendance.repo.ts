import { and, asc, eq, gte, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import {
  checkInWindows,
  locations,
  patients,
  rooms,
  sessionAttendance,
  sessionAttendees,
  sessionCheckIns,
  sessionOccurrences,
  tasks,
  users,
} from '../../db/schema/index';

export type AttendanceRow = typeof sessionAttendance.$inferSelect;

/** One session with what its run sheet shows about it: location and zone, room, facilitator. */
export async function findOccurrence(tx: Db, organizationId: string, occurrenceId: string, lock = false) {
  const q = tx
    .select({
      occ: sessionOccurrences,
      locationName: locations.name,
      timeZone: locations.timeZone,
      roomName: rooms.name,
      staffName: users.name,
    })
    .from(sessionOccurrences)
    .innerJoin(
      locations,
      and(eq(locations.organizationId, sessionOccurrences.organizationId), eq(locations.id, sessionOccurrences.locationId)),
    )
    .innerJoin(users, and(eq(users.organizationId, sessionOccurrences.organizationId), eq(users.id, sessionOccurrences.staffId)))
    .leftJoin(rooms, and(eq(rooms.organizationId, sessionOccurrences.organizationId), eq(rooms.id, sessionOccurrences.roomId)))
    .where(and(eq(sessionOccurrences.organizationId, organizationId), eq(sessionOccurrences.id, occurrenceId)));
  const [row] = lock ? await q.for('update', { of: sessionOccurrences }) : await q;
  return row;
}

/** The roster (scheduled attendees) with their names, in name order. */
export async function roster(tx: Db, organizationId: string, occurrenceId: string) {
  return tx
    .select({
      patientId: sessionAttendees.patientId,
      given: patients.legalGivenName,
      preferred: patients.preferredName,
      family: patients.legalFamilyName,
    })
    .from(sessionAttendees)
    .innerJoin(patients, and(eq(patients.organizationId, sessionAttendees.organizationId), eq(patients.id, sessionAttendees.patientId)))
    .where(
      and(
        eq(sessionAttendees.organizationId, organizationId),
        eq(sessionAttendees.occurrenceId, occurrenceId),
        eq(sessionAttendees.status, 'scheduled'),
      ),
    )
    .orderBy(asc(patients.legalFamilyName), asc(patients.legalGivenName), asc(patients.id));
}

export async function onRoster(tx: Db, organizationId: string, occurrenceId: string, patientId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: sessionAttendees.id })
    .from(sessionAttendees)
    .where(
      and(
        eq(sessionAttendees.organizationId, organizationId),
        eq(sessionAttendees.occurrenceId, occurrenceId),
        eq(sessionAttendees.patientId, patientId),
        eq(sessionAttendees.status, 'scheduled'),
      ),
    );
  return Boolean(row);
}

export async function attendanceFor(tx: Db, organizationId: string, occurrenceId: string): Promise<AttendanceRow[]> {
  return tx
    .select()
    .from(sessionAttendance)
    .where(and(eq(sessionAttendance.organizationId, organizationId), eq(sessionAttendance.occurrenceId, occurrenceId)));
}

export async function findAttendance(tx: Db, organizationId: string, occurrenceId: string, patientId: string) {
  const [row] = await tx
    .select()
    .from(sessionAttendance)
    .where(
      and(
        eq(sessionAttendance.organizationId, organizationId),
        eq(sessionAttendance.occurrenceId, occurrenceId),
        eq(sessionAttendance.patientId, patientId),
      ),
    )
    .for('update');
  return row;
}

export async function insertAttendance(tx: Db, values: typeof sessionAttendance.$inferInsert): Promise<AttendanceRow | undefined> {
  const [row] = await tx.insert(sessionAttendance).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateAttendance(
  tx: Db,
  organizationId: string,
  id: string,
  patch: Pick<AttendanceRow, 'status' | 'minutesAttended' | 'source' | 'recordedBy' | 'updatedAt'>,
): Promise<AttendanceRow> {
  const [row] = await tx
    .update(sessionAttendance)
    .set({ ...patch, version: sql`${sessionAttendance.version} + 1` })
    .where(and(eq(sessionAttendance.organizationId, organizationId), eq(sessionAttendance.id, id)))
    .returning();
  return row as AttendanceRow;
}

export async function checkInsFor(tx: Db, organizationId: string, occurrenceId: string) {
  return tx
    .select()
    .from(sessionCheckIns)
    .where(and(eq(sessionCheckIns.organizationId, organizationId), eq(sessionCheckIns.occurrenceId, occurrenceId)));
}

/** Counts once: a second check-in of the same person to the same session inserts nothing. */
export async function insertCheckIn(tx: Db, values: typeof sessionCheckIns.$inferInsert): Promise<boolean> {
  const rows = await tx.insert(sessionCheckIns).values(values).onConflictDoNothing().returning({ id: sessionCheckIns.id });
  return rows.length > 0;
}

export async function findWindow(tx: Db, organizationId: string, occurrenceId: string) {
  const [row] = await tx
    .select()
    .from(checkInWindows)
    .where(and(eq(checkInWindows.organizationId, organizationId), eq(checkInWindows.occurrenceId, occurrenceId)));
  return row;
}

/** Opens (or re-opens) check-in with a fresh secret: codes shown before are no longer accepted. */
export async function openWindow(
  tx: Db,
  values: { organizationId: string; occurrenceId: string; secret: string; openedBy: string; openedAt: Date },
) {
  await tx
    .insert(checkInWindows)
    .values(values)
    .onConflictDoUpdate({
      target: [checkInWindows.organizationId, checkInWindows.occurrenceId],
      set: { secret: values.secret, openedBy: values.openedBy, openedAt: values.openedAt, closedAt: null },
    });
}

export async function closeWindow(tx: Db, organizationId: string, occurrenceId: string, at: Date) {
  await tx
    .update(checkInWindows)
    .set({ closedAt: at })
    .where(
      and(
        eq(checkInWindows.organizationId, organizationId),
        eq(checkInWindows.occurrenceId, occurrenceId),
        isNull(checkInWindows.closedAt),
      ),
    );
}

/** The person's sessions open for check-in now (their roster, window open, not cancelled, around now). */
export async function openSessionsFor(tx: Db, organizationId: string, patientId: string, now: Date) {
  const from = new Date(now.getTime() - 24 * 3_600_000);
  const to = new Date(now.getTime() + 3_600_000);
  return tx
    .select({ occ: sessionOccurrences, secret: checkInWindows.secret })
    .from(sessionAttendees)
    .innerJoin(
      sessionOccurrences,
      and(eq(sessionOccurrences.organizationId, sessionAttendees.organizationId), eq(sessionOccurrences.id, sessionAttendees.occurrenceId)),
    )
    .innerJoin(
      checkInWindows,
      and(eq(checkInWindows.organizationId, sessionOccurrences.organizationId), eq(checkInWindows.occurrenceId, sessionOccurrences.id)),
    )
    .where(
      and(
        eq(sessionAttendees.organizationId, organizationId),
        eq(sessionAttendees.patientId, patientId),
        eq(sessionAttendees.status, 'scheduled'),
        eq(sessionOccurrences.status, 'scheduled'),
        isNull(checkInWindows.closedAt),
        gte(sessionOccurrences.startsAt, from),
        lte(sessionOccurrences.startsAt, to),
      ),
    )
    .orderBy(asc(sessionOccurrences.startsAt));
}

/** A staff member's sessions (or, with `locationIds`, everyone's at those locations) starting in a time range. */
export async function sessionsBetween(
  tx: Db,
  organizationId: string,
  who: { staffId: string } | { locationIds: string[] },
  from: Date,
  to: Date,
) {
  if ('locationIds' in who && !who.locationIds.length) return [];
  return tx
    .select({
      occ: sessionOccurrences,
      locationName: locations.name,
      timeZone: locations.timeZone,
      roomName: rooms.name,
      rosterCount: sql<number>`(select count(*)::int from session_attendees a where a.organization_id = session_occurrences.organization_id
        and a.occurrence_id = session_occurrences.id and a.status = 'scheduled')`,
      recordedCount: sql<number>`(select count(*)::int from session_attendance r where r.organization_id = session_occurrences.organization_id
        and r.occurrence_id = session_occurrences.id)`,
    })
    .from(sessionOccurrences)
    .innerJoin(
      locations,
      and(eq(locations.organizationId, sessionOccurrences.organizationId), eq(locations.id, sessionOccurrences.locationId)),
    )
    .leftJoin(rooms, and(eq(rooms.organizationId, sessionOccurrences.organizationId), eq(rooms.id, sessionOccurrences.roomId)))
    .where(
      and(
        eq(sessionOccurrences.organizationId, organizationId),
        eq(sessionOccurrences.status, 'scheduled'),
        'staffId' in who ? eq(sessionOccurrences.staffId, who.staffId) : inArray(sessionOccurrences.locationId, who.locationIds),
        gte(sessionOccurrences.startsAt, from),
        lte(sessionOccurrences.startsAt, to),
      ),
    )
    .orderBy(asc(sessionOccurrences.startsAt), asc(sessionOccurrences.id));
}

/** An open task of this kind for the person. */
export async function openTaskFor(tx: Db, organizationId: string, kind: string, patientId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: tasks.id })
    .from(tasks)
    .where(
      and(
        eq(tasks.organizationId, organizationId),
        eq(tasks.kind, kind as typeof tasks.$inferSelect.kind),
        eq(tasks.patientId, patientId),
        ne(tasks.status, 'resolved'),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * Roster members of held sessions that ended between `from` and `to` and have no attendance record, in every
 * organization (the unrecorded-attendance sweep), grouped by session and in roster order.
 */
export async function unrecordedAttendees(tx: Db, from: Date, to: Date) {
  return tx
    .select({
      organizationId: sessionOccurrences.organizationId,
      occurrenceId: sessionOccurrences.id,
      staffId: sessionOccurrences.staffId,
      endsAt: sessionOccurrences.endsAt,
      patientId: sessionAttendees.patientId,
    })
    .from(sessionOccurrences)
    .innerJoin(
      sessionAttendees,
      and(
        eq(sessionAttendees.organizationId, sessionOccurrences.organizationId),
        eq(sessionAttendees.occurrenceId, sessionOccurrences.id),
        eq(sessionAttendees.status, 'scheduled'),
      ),
    )
    .innerJoin(patients, and(eq(patients.organizationId, sessionAttendees.organizationId), eq(patients.id, sessionAttendees.patientId)))
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
        eq(sessionOccurrences.status, 'scheduled'),
        gte(sessionOccurrences.endsAt, from),
        lte(sessionOccurrences.endsAt, to),
        isNull(sessionAttendance.id),
      ),
    )
    .orderBy(
      asc(sessionOccurrences.organizationId),
      asc(sessionOccurrences.id),
      asc(patients.legalFamilyName),
      asc(patients.legalGivenName),
      asc(patients.id),
    );
}

/** Open unrecorded-attendance tasks in every organization, with the session each asks about. */
export async function openUnrecordedTasks(tx: Db) {
  return tx
    .select({ organizationId: tasks.organizationId, occurrenceId: tasks.sourceId })
    .from(tasks)
    .where(and(eq(tasks.kind, 'attendance_unrecorded'), eq(tasks.status, 'open'), eq(tasks.sourceType, 'session_occurrence')));
}
