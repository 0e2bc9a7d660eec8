import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { dimensionalAssessments, episodes, intakeAddenda, intakes, users } from '../../db/schema/index';

export type IntakeRow = typeof intakes.$inferSelect;
export type AddendumRow = typeof intakeAddenda.$inferSelect;
export type AssessmentRow = typeof dimensionalAssessments.$inferSelect;

export async function listIntakes(db: Db, organizationId: string, patientId: string): Promise<IntakeRow[]> {
  return db
    .select()
    .from(intakes)
    .where(and(eq(intakes.organizationId, organizationId), eq(intakes.patientId, patientId)))
    .orderBy(desc(intakes.createdAt), desc(intakes.id));
}

export async function findIntake(db: Db, organizationId: string, patientId: string, id: string): Promise<IntakeRow | undefined> {
  const [row] = await db
    .select()
    .from(intakes)
    .where(and(eq(intakes.organizationId, organizationId), eq(intakes.patientId, patientId), eq(intakes.id, id)));
  return row;
}

export async function insertIntake(db: Db, values: typeof intakes.$inferInsert): Promise<IntakeRow> {
  const [row] = await db.insert(intakes).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** Versioned update: only a draft at the expected version changes. */
export async function updateIntake(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  patch: Partial<typeof intakes.$inferInsert>,
): Promise<IntakeRow | undefined> {
  const [row] = await db
    .update(intakes)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(intakes.organizationId, organizationId), eq(intakes.id, id), eq(intakes.version, version), eq(intakes.status, 'draft')))
    .returning();
  return row;
}

export async function listAddenda(db: Db, organizationId: string, intakeId: string): Promise<AddendumRow[]> {
  return db
    .select()
    .from(intakeAddenda)
    .where(and(eq(intakeAddenda.organizationId, organizationId), eq(intakeAddenda.intakeId, intakeId)))
    .orderBy(asc(intakeAddenda.signedAt), asc(intakeAddenda.id));
}

export async function insertAddendum(db: Db, values: typeof intakeAddenda.$inferInsert): Promise<string> {
  const [row] = await db.insert(intakeAddenda).values(values).returning({ id: intakeAddenda.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function listAssessments(db: Db, organizationId: string, patientId: string): Promise<AssessmentRow[]> {
  return db
    .select()
    .from(dimensionalAssessments)
    .where(and(eq(dimensionalAssessments.organizationId, organizationId), eq(dimensionalAssessments.patientId, patientId)))
    .orderBy(desc(dimensionalAssessments.createdAt), desc(dimensionalAssessments.id));
}

export async function findAssessment(db: Db, organizationId: string, patientId: string, id: string): Promise<AssessmentRow | undefined> {
  const [row] = await db
    .select()
    .from(dimensionalAssessments)
    .where(
      and(
        eq(dimensionalAssessments.organizationId, organizationId),
        eq(dimensionalAssessments.patientId, patientId),
        eq(dimensionalAssessments.id, id),
      ),
    );
  return row;
}

export async function insertAssessment(db: Db, values: typeof dimensionalAssessments.$inferInsert): Promise<AssessmentRow> {
  const [row] = await db.insert(dimensionalAssessments).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** Versioned update: only a draft at the expected version changes. */
export async function updateAssessment(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  patch: Partial<typeof dimensionalAssessments.$inferInsert>,
): Promise<AssessmentRow | undefined> {
  const [row] = await db
    .update(dimensionalAssessments)
    .set({ ...patch, version: version + 1 })
    .where(
      and(
        eq(dimensionalAssessments.organizationId, organizationId),
        eq(dimensionalAssessments.id, id),
        eq(dimensionalAssessments.version, version),
        eq(dimensionalAssessments.status, 'draft'),
      ),
    )
    .returning();
  return row;
}

/** Names of staff members by id, for the signer and rater fields of views. */
export async function staffNames(db: Db, organizationId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!wanted.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), inArray(users.id, wanted)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Whether an episode of care belongs to this patient (an intake or assessment may be tied to one). */
export async function episodeBelongs(db: Db, organizationId: string, patientId: string, episodeId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: episodes.id })
    .from(episodes)
    .where(and(eq(episodes.organizationId, organizationId), eq(episodes.patientId, patientId), eq(episodes.id, episodeId)));
  return Boolean(row);
}
