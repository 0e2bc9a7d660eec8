import { aliasedTable, and, desc, eq, sql } from 'drizzle-orm';
import type { RelapsePlanContent } from '@openiop/core';
import type { Db } from '../../db/database';
import { relapsePlans, users } from '../../db/schema/index';

const author = aliasedTable(users, 'author');
const finaliser = aliasedTable(users, 'finaliser');

export type RelapsePlanRow = typeof relapsePlans.$inferSelect & { createdByName: string; finalisedByName: string | null };

function select(db: Db) {
  return db
    .select({ p: relapsePlans, createdByName: author.name, finalisedByName: finaliser.name })
    .from(relapsePlans)
    .innerJoin(author, eq(author.id, relapsePlans.createdBy))
    .leftJoin(finaliser, eq(finaliser.id, relapsePlans.finalisedBy));
}

const flat = (r: { p: typeof relapsePlans.$inferSelect; createdByName: string; finalisedByName: string | null }): RelapsePlanRow => ({
  ...r.p,
  createdByName: r.createdByName,
  finalisedByName: r.finalisedByName,
});

/** Every version of a person's plan, newest first. */
export async function listPlans(db: Db, organizationId: string, patientId: string): Promise<RelapsePlanRow[]> {
  const rows = await select(db)
    .where(and(eq(relapsePlans.organizationId, organizationId), eq(relapsePlans.patientId, patientId)))
    .orderBy(desc(relapsePlans.number));
  return rows.map(flat);
}

export async function findPlan(db: Db, organizationId: string, patientId: string, id: string): Promise<RelapsePlanRow | undefined> {
  const [row] = await select(db).where(
    and(eq(relapsePlans.organizationId, organizationId), eq(relapsePlans.patientId, patientId), eq(relapsePlans.id, id)),
  );
  return row ? flat(row) : undefined;
}

/** The current plan: the latest finalised version. */
export async function findCurrent(db: Db, organizationId: string, patientId: string): Promise<RelapsePlanRow | undefined> {
  const [row] = await select(db)
    .where(and(eq(relapsePlans.organizationId, organizationId), eq(relapsePlans.patientId, patientId), eq(relapsePlans.status, 'final')))
    .orderBy(desc(relapsePlans.number))
    .limit(1);
  return row ? flat(row) : undefined;
}

export async function insertPlan(
  db: Db,
  values: { organizationId: string; patientId: string; content: RelapsePlanContent; createdBy: string; at: Date },
): Promise<string> {
  const [row] = await db
    .insert(relapsePlans)
    .values({
      organizationId: values.organizationId,
      patientId: values.patientId,
      number: sql`(select coalesce(max(number), 0) + 1 from relapse_plans where organization_id = ${values.organizationId}::uuid and patient_id = ${values.patientId}::uuid)`,
      content: values.content,
      createdBy: values.createdBy,
      createdAt: values.at,
      updatedAt: values.at,
    })
    .returning({ id: relapsePlans.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

/** Compare-and-set on a draft only: a finalised version never changes, whatever the version says. */
export async function updateDraft(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  patch: Partial<Pick<typeof relapsePlans.$inferInsert, 'content' | 'status' | 'finalisedAt' | 'finalisedBy' | 'updatedAt'>>,
): Promise<boolean> {
  const rows = await db
    .update(relapsePlans)
    .set({ ...patch, version: version + 1 })
    .where(
      and(
        eq(relapsePlans.organizationId, organizationId),
        eq(relapsePlans.id, id),
        eq(relapsePlans.version, version),
        eq(relapsePlans.status, 'draft'),
      ),
    )
    .returning({ id: relapsePlans.id });
  return rows.length === 1;
}
