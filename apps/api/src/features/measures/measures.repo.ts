import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import {
  dailyCheckins,
  episodes,
  instrumentAdministrations as adm,
  locations,
  measureAssignments,
  measureLinks,
  measureSettings,
  organizations,
  patients,
} from '../../db/schema/index';

export type AssignmentRow = typeof measureAssignments.$inferSelect;
export type CheckinRow = typeof dailyCheckins.$inferSelect;
export type LinkRow = typeof measureLinks.$inferSelect;

/** The IANA zone of the person's location: due dates are clinic-local dates. */
export async function patientZone(db: Db, organizationId: string, patientId: string): Promise<string> {
  const [row] = await db
    .select({ timeZone: locations.timeZone })
    .from(patients)
    .innerJoin(locations, eq(locations.id, patients.locationId))
    .where(and(eq(patients.organizationId, organizationId), eq(patients.id, patientId)));
  if (!row) throw new Error('patient without a location');
  return row.timeZone;
}

export async function listAssignments(db: Db, organizationId: string, patientId: string): Promise<AssignmentRow[]> {
  return db
    .select()
    .from(measureAssignments)
    .where(and(eq(measureAssignments.organizationId, organizationId), eq(measureAssignments.patientId, patientId)))
    .orderBy(asc(measureAssignments.createdAt), asc(measureAssignments.id));
}

export async function findAssignment(db: Db, organizationId: string, patientId: string, id: string): Promise<AssignmentRow | undefined> {
  const [row] = await db
    .select()
    .from(measureAssignments)
    .where(
      and(
        eq(measureAssignments.organizationId, organizationId),
        eq(measureAssignments.patientId, patientId),
        eq(measureAssignments.id, id),
      ),
    );
  return row;
}

export async function insertAssignment(db: Db, values: typeof measureAssignments.$inferInsert): Promise<AssignmentRow> {
  const [row] = await db.insert(measureAssignments).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** Compare-and-set on version; undefined when someone else changed it first. */
export async function stopAssignment(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  patch: { endDate: string; stoppedBy: string; updatedAt: Date },
): Promise<AssignmentRow | undefined> {
  const [row] = await db
    .update(measureAssignments)
    .set({ ...patch, version: version + 1 })
    .where(
      and(eq(measureAssignments.organizationId, organizationId), eq(measureAssignments.id, id), eq(measureAssignments.version, version)),
    )
    .returning();
  return row;
}

/** Completed, scored administrations of a set of people, oldest first: the trend series and the answered dates. */
export async function completedScores(db: Db, organizationId: string, patientIds: readonly string[]) {
  if (!patientIds.length) return [];
  return db
    .select({
      id: adm.id,
      patientId: adm.patientId,
      instrumentId: adm.instrumentId,
      total: adm.total,
      bandCode: adm.bandCode,
      submittedAt: adm.submittedAt,
    })
    .from(adm)
    .where(
      and(
        eq(adm.organizationId, organizationId),
        inArray(adm.patientId, [...patientIds]),
        eq(adm.status, 'completed'),
        isNotNull(adm.submittedAt),
      ),
    )
    .orderBy(asc(adm.submittedAt), asc(adm.id));
}

/** The local dates of a set of people's check-ins (for due and missed). */
export async function checkinDates(db: Db, organizationId: string, patientIds: readonly string[]) {
  if (!patientIds.length) return [];
  return db
    .selectDistinct({ patientId: dailyCheckins.patientId, localDate: dailyCheckins.localDate })
    .from(dailyCheckins)
    .where(and(eq(dailyCheckins.organizationId, organizationId), inArray(dailyCheckins.patientId, [...patientIds])));
}

export async function recentCheckins(db: Db, organizationId: string, patientId: string, limit: number): Promise<CheckinRow[]> {
  return db
    .select()
    .from(dailyCheckins)
    .where(and(eq(dailyCheckins.organizationId, organizationId), eq(dailyCheckins.patientId, patientId)))
    .orderBy(desc(dailyCheckins.submittedAt), desc(dailyCheckins.id))
    .limit(limit);
}

/** Stores a check-in unless one with the same client id exists; undefined when it was a retry. */
export async function insertCheckin(db: Db, values: typeof dailyCheckins.$inferInsert): Promise<CheckinRow | undefined> {
  const [row] = await db.insert(dailyCheckins).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findCheckinByClientId(db: Db, organizationId: string, patientId: string, clientId: string) {
  const [row] = await db
    .select()
    .from(dailyCheckins)
    .where(
      and(eq(dailyCheckins.organizationId, organizationId), eq(dailyCheckins.patientId, patientId), eq(dailyCheckins.clientId, clientId)),
    );
  return row;
}

export async function setCheckinTask(db: Db, organizationId: string, id: string, taskId: string): Promise<void> {
  await db
    .update(dailyCheckins)
    .set({ alertTaskId: taskId })
    .where(and(eq(dailyCheckins.organizationId, organizationId), eq(dailyCheckins.id, id)));
}

export async function findSettings(db: Db, organizationId: string, patientId: string) {
  const [row] = await db
    .select()
    .from(measureSettings)
    .where(and(eq(measureSettings.organizationId, organizationId), eq(measureSettings.patientId, patientId)));
  return row;
}

/**
 * Sets the threshold when the stored version matches (0 = no row yet). Returns the new version, or undefined
 * when the version was stale.
 */
export async function saveSettings(
  db: Db,
  organizationId: string,
  patientId: string,
  version: number,
  values: { cravingThreshold: number; updatedBy: string; at: Date },
): Promise<number | undefined> {
  if (version === 0) {
    const [row] = await db
      .insert(measureSettings)
      .values({
        organizationId,
        patientId,
        cravingThreshold: values.cravingThreshold,
        updatedBy: values.updatedBy,
        createdAt: values.at,
        updatedAt: values.at,
      })
      .onConflictDoNothing()
      .returning({ version: measureSettings.version });
    return row?.version;
  }
  const [row] = await db
    .update(measureSettings)
    .set({ cravingThreshold: values.cravingThreshold, updatedBy: values.updatedBy, updatedAt: values.at, version: version + 1 })
    .where(
      and(
        eq(measureSettings.organizationId, organizationId),
        eq(measureSettings.patientId, patientId),
        eq(measureSettings.version, version),
      ),
    )
    .returning({ version: measureSettings.version });
  return row?.version;
}

export async function insertLink(db: Db, values: typeof measureLinks.$inferInsert): Promise<string> {
  const [row] = await db.insert(measureLinks).values(values).returning({ id: measureLinks.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

/** Revokes the person's live links (there is at most one standing link); returns the ids revoked. */
export async function revokeLinks(db: Db, organizationId: string, patientId: string, by: string, at: Date): Promise<string[]> {
  const rows = await db
    .update(measureLinks)
    .set({ revokedAt: at, revokedBy: by })
    .where(and(eq(measureLinks.organizationId, organizationId), eq(measureLinks.patientId, patientId), isNull(measureLinks.revokedAt)))
    .returning({ id: measureLinks.id });
  return rows.map((r) => r.id);
}

export async function findLiveLink(db: Db, organizationId: string, patientId: string, now: Date): Promise<LinkRow | undefined> {
  const [row] = await db
    .select()
    .from(measureLinks)
    .where(
      and(
        eq(measureLinks.organizationId, organizationId),
        eq(measureLinks.patientId, patientId),
        isNull(measureLinks.revokedAt),
        gt(measureLinks.expiresAt, now),
      ),
    )
    .orderBy(desc(measureLinks.createdAt))
    .limit(1);
  return row;
}

/** A link by its token's hash with what the person's page shows about them; the link row locked when `lock`. */
export async function findLinkByHash(db: Db, tokenHash: string, lock: boolean) {
  const q = db
    .select({
      link: measureLinks,
      givenName: patients.legalGivenName,
      preferredName: patients.preferredName,
      sexAssignedAtBirth: patients.sexAssignedAtBirth,
      currentEpisodeId: patients.currentEpisodeId,
      organizationName: organizations.name,
      timeZone: locations.timeZone,
    })
    .from(measureLinks)
    .innerJoin(patients, and(eq(patients.id, measureLinks.patientId), eq(patients.organizationId, measureLinks.organizationId)))
    .innerJoin(organizations, eq(organizations.id, measureLinks.organizationId))
    .innerJoin(locations, eq(locations.id, patients.locationId))
    .where(eq(measureLinks.tokenHash, tokenHash));
  const [row] = lock ? await q.for('update', { of: measureLinks }) : await q;
  return row;
}

export async function touchLink(db: Db, organizationId: string, id: string, at: Date): Promise<void> {
  await db
    .update(measureLinks)
    .set({ lastUsedAt: at })
    .where(and(eq(measureLinks.organizationId, organizationId), eq(measureLinks.id, id)));
}

/**
 * Live assignments of the patients a worklist covers, with each patient's name, MRN and zone. `covers` is the
 * caller's predicate over `patients` (and the current episode, joined as `episodes`).
 */
export async function worklistAssignments(db: Db, organizationId: string, covers: SQL) {
  return db
    .select({
      a: measureAssignments,
      patient: {
        id: patients.id,
        givenName: patients.legalGivenName,
        familyName: patients.legalFamilyName,
        preferredName: patients.preferredName,
        mrn: patients.mrn,
      },
      timeZone: locations.timeZone,
    })
    .from(measureAssignments)
    .innerJoin(patients, and(eq(patients.id, measureAssignments.patientId), eq(patients.organizationId, measureAssignments.organizationId)))
    .innerJoin(locations, eq(locations.id, patients.locationId))
    .leftJoin(episodes, and(eq(episodes.id, patients.currentEpisodeId), eq(episodes.organizationId, patients.organizationId)))
    .where(and(eq(measureAssignments.organizationId, organizationId), sql`${covers}`))
    .orderBy(asc(patients.id), asc(measureAssignments.createdAt));
}
