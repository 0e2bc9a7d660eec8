import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { allergies, chartAlerts, diagnoses, episodes, medicationAdherenceNotes, medications, users } from '../../db/schema/index';

/** Organization-scoped queries for the problem list, medications, allergies and chart alerts. */

export type DiagnosisRow = typeof diagnoses.$inferSelect & { recordedByName: string };
export type MedicationRow = typeof medications.$inferSelect & { recordedByName: string };
export type AdherenceRow = typeof medicationAdherenceNotes.$inferSelect & { authorName: string };
export type AllergyRow = typeof allergies.$inferSelect & { recordedByName: string };
export type AlertRow = typeof chartAlerts.$inferSelect & { recordedByName: string };

export async function listDiagnoses(db: Db, organizationId: string, patientId: string, id?: string): Promise<DiagnosisRow[]> {
  const rows = await db
    .select({ d: diagnoses, recordedByName: users.name })
    .from(diagnoses)
    .innerJoin(users, eq(users.id, diagnoses.recordedBy))
    .where(and(eq(diagnoses.organizationId, organizationId), eq(diagnoses.patientId, patientId), id ? eq(diagnoses.id, id) : undefined))
    .orderBy(
      asc(sql`case ${diagnoses.status} when 'active' then 0 when 'resolved' then 1 else 2 end`),
      desc(diagnoses.isPrimary),
      desc(diagnoses.recordedAt),
      asc(diagnoses.id),
    );
  return rows.map((r) => ({ ...r.d, recordedByName: r.recordedByName }));
}

export async function insertDiagnosis(db: Db, values: typeof diagnoses.$inferInsert): Promise<string> {
  const [row] = await db.insert(diagnoses).values(values).returning({ id: diagnoses.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

/** Compare-and-set on the version; false when someone else changed the row first. */
export async function updateDiagnosis(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  patch: Partial<typeof diagnoses.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(diagnoses)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(diagnoses.organizationId, organizationId), eq(diagnoses.id, id), eq(diagnoses.version, version)))
    .returning({ id: diagnoses.id });
  return rows.length === 1;
}

/** Takes the primary flag off these rows (each gets a new version). */
export async function demotePrimaries(db: Db, organizationId: string, ids: string[], at: Date): Promise<void> {
  if (!ids.length) return;
  await db
    .update(diagnoses)
    .set({ isPrimary: false, version: sql`${diagnoses.version} + 1`, updatedAt: at })
    .where(and(eq(diagnoses.organizationId, organizationId), inArray(diagnoses.id, ids)));
}

export async function listMedications(db: Db, organizationId: string, patientId: string, id?: string): Promise<MedicationRow[]> {
  const rows = await db
    .select({ m: medications, recordedByName: users.name })
    .from(medications)
    .innerJoin(users, eq(users.id, medications.recordedBy))
    .where(
      and(eq(medications.organizationId, organizationId), eq(medications.patientId, patientId), id ? eq(medications.id, id) : undefined),
    )
    .orderBy(asc(sql`${medications.stopDate} is not null`), desc(medications.recordedAt), asc(medications.id));
  return rows.map((r) => ({ ...r.m, recordedByName: r.recordedByName }));
}

export async function listAdherenceNotes(db: Db, organizationId: string, medicationIds: string[]): Promise<AdherenceRow[]> {
  if (!medicationIds.length) return [];
  const rows = await db
    .select({ n: medicationAdherenceNotes, authorName: users.name })
    .from(medicationAdherenceNotes)
    .innerJoin(users, eq(users.id, medicationAdherenceNotes.authorId))
    .where(and(eq(medicationAdherenceNotes.organizationId, organizationId), inArray(medicationAdherenceNotes.medicationId, medicationIds)))
    .orderBy(desc(medicationAdherenceNotes.notedOn), desc(medicationAdherenceNotes.createdAt), asc(medicationAdherenceNotes.id));
  return rows.map((r) => ({ ...r.n, authorName: r.authorName }));
}

export async function insertMedication(db: Db, values: typeof medications.$inferInsert): Promise<string> {
  const [row] = await db.insert(medications).values(values).returning({ id: medications.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

/** Stops an active medication, once: a stopped row (or a stale version) updates nothing. */
export async function stopMedication(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  patch: { stopDate: string; stopReason: string; updatedAt: Date },
): Promise<boolean> {
  const rows = await db
    .update(medications)
    .set({ ...patch, version: version + 1 })
    .where(
      and(
        eq(medications.organizationId, organizationId),
        eq(medications.id, id),
        eq(medications.version, version),
        sql`${medications.stopDate} is null`,
      ),
    )
    .returning({ id: medications.id });
  return rows.length === 1;
}

export async function insertAdherenceNote(db: Db, values: typeof medicationAdherenceNotes.$inferInsert): Promise<string> {
  const [row] = await db.insert(medicationAdherenceNotes).values(values).returning({ id: medicationAdherenceNotes.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function listAllergies(
  db: Db,
  organizationId: string,
  patientId: string,
  opts: { id?: string; activeOnly?: boolean } = {},
): Promise<AllergyRow[]> {
  const rows = await db
    .select({ a: allergies, recordedByName: users.name })
    .from(allergies)
    .innerJoin(users, eq(users.id, allergies.recordedBy))
    .where(
      and(
        eq(allergies.organizationId, organizationId),
        eq(allergies.patientId, patientId),
        opts.id ? eq(allergies.id, opts.id) : undefined,
        opts.activeOnly ? eq(allergies.status, 'active') : undefined,
      ),
    )
    .orderBy(asc(sql`${allergies.status} <> 'active'`), desc(allergies.recordedAt), asc(allergies.id));
  return rows.map((r) => ({ ...r.a, recordedByName: r.recordedByName }));
}

export async function insertAllergy(db: Db, values: typeof allergies.$inferInsert): Promise<string> {
  const [row] = await db.insert(allergies).values(values).returning({ id: allergies.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function setAllergyStatus(
  db: Db,
  organizationId: string,
  id: string,
  version: number | null,
  status: 'inactive' | 'entered_in_error',
  at: Date,
): Promise<boolean> {
  const rows = await db
    .update(allergies)
    .set({ status, version: sql`${allergies.version} + 1`, updatedAt: at })
    .where(
      and(
        eq(allergies.organizationId, organizationId),
        eq(allergies.id, id),
        eq(allergies.status, 'active'),
        version === null ? undefined : eq(allergies.version, version),
      ),
    )
    .returning({ id: allergies.id });
  return rows.length === 1;
}

export async function listAlerts(
  db: Db,
  organizationId: string,
  patientId: string,
  opts: { id?: string; activeOnly?: boolean } = {},
): Promise<AlertRow[]> {
  const rows = await db
    .select({ a: chartAlerts, recordedByName: users.name })
    .from(chartAlerts)
    .innerJoin(users, eq(users.id, chartAlerts.recordedBy))
    .where(
      and(
        eq(chartAlerts.organizationId, organizationId),
        eq(chartAlerts.patientId, patientId),
        opts.id ? eq(chartAlerts.id, opts.id) : undefined,
        opts.activeOnly ? eq(chartAlerts.status, 'active') : undefined,
      ),
    )
    .orderBy(
      asc(sql`${chartAlerts.status} <> 'active'`),
      asc(sql`case ${chartAlerts.severity} when 'high' then 0 when 'warning' then 1 else 2 end`),
      desc(chartAlerts.recordedAt),
      asc(chartAlerts.id),
    );
  return rows.map((r) => ({ ...r.a, recordedByName: r.recordedByName }));
}

export async function insertAlert(db: Db, values: typeof chartAlerts.$inferInsert): Promise<string> {
  const [row] = await db.insert(chartAlerts).values(values).returning({ id: chartAlerts.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function setAlertStatus(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  status: 'inactive' | 'entered_in_error',
  at: Date,
): Promise<boolean> {
  const rows = await db
    .update(chartAlerts)
    .set({ status, version: version + 1, updatedAt: at })
    .where(
      and(
        eq(chartAlerts.organizationId, organizationId),
        eq(chartAlerts.id, id),
        eq(chartAlerts.status, 'active'),
        eq(chartAlerts.version, version),
      ),
    )
    .returning({ id: chartAlerts.id });
  return rows.length === 1;
}

export async function isEpisodeOf(db: Db, organizationId: string, patientId: string, episodeId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: episodes.id })
    .from(episodes)
    .where(and(eq(episodes.organizationId, organizationId), eq(episodes.patientId, patientId), eq(episodes.id, episodeId)));
  return Boolean(row);
}
