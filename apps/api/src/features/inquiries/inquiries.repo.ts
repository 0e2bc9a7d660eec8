import { aliasedTable, and, asc, count, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { InquiryBoardQuery, InquiryStage } from '@openiop/core';
import type { Db } from '../../db/database';
import {
  inquiries,
  inquiryCoverages,
  inquiryFollowUps,
  inquiryPrescreens,
  locations,
  publicIntakePages,
  users,
} from '../../db/schema/index';

export type InquiryRow = NonNullable<Awaited<ReturnType<typeof findInquiry>>>;
export type InquiryInsert = typeof inquiries.$inferInsert;

const assignee = aliasedTable(users, 'assignee');

export async function findInquiry(db: Db, organizationId: string, id: string, forUpdate = false) {
  const q = db
    .select({ i: inquiries, locationName: locations.name, assigneeName: assignee.name })
    .from(inquiries)
    .leftJoin(locations, eq(locations.id, inquiries.locationId))
    .leftJoin(assignee, eq(assignee.id, inquiries.assigneeId))
    .where(and(eq(inquiries.organizationId, organizationId), eq(inquiries.id, id)));
  const [row] = forUpdate ? await q.for('update', { of: inquiries }) : await q;
  return row;
}

export async function insertInquiry(db: Db, values: InquiryInsert): Promise<string> {
  const [row] = await db.insert(inquiries).values(values).returning({ id: inquiries.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

/** Compare-and-set on the version the caller read; false when someone else changed it first. */
export async function updateInquiry(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  patch: Partial<InquiryInsert>,
): Promise<boolean> {
  const rows = await db
    .update(inquiries)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(inquiries.organizationId, organizationId), eq(inquiries.id, id), eq(inquiries.version, version)))
    .returning({ id: inquiries.id });
  return rows.length === 1;
}

function boardFilters(organizationId: string, f: InquiryBoardQuery): SQL[] {
  const where: SQL[] = [eq(inquiries.organizationId, organizationId)];
  if (f.locationId) where.push(eq(inquiries.locationId, f.locationId));
  if (f.assigneeId) where.push(eq(inquiries.assigneeId, f.assigneeId));
  if (f.referralSource) where.push(eq(inquiries.referralSource, f.referralSource));
  return where;
}

/** One page of a board column (or all stages), newest first, plus how many inquiries each stage holds. */
export async function listBoard(db: Db, organizationId: string, f: InquiryBoardQuery, after: [string, string] | undefined) {
  const where = boardFilters(organizationId, f);
  const counts = await db
    .select({ stage: inquiries.stage, n: count() })
    .from(inquiries)
    .where(and(...where))
    .groupBy(inquiries.stage);
  if (f.stage) where.push(eq(inquiries.stage, f.stage));
  if (after) {
    const at = new Date(after[0]);
    where.push(or(lt(inquiries.createdAt, at), and(eq(inquiries.createdAt, at), lt(inquiries.id, after[1]))) as SQL);
  }
  const rows = await db
    .select({ i: inquiries, locationName: locations.name, assigneeName: assignee.name })
    .from(inquiries)
    .leftJoin(locations, eq(locations.id, inquiries.locationId))
    .leftJoin(assignee, eq(assignee.id, inquiries.assigneeId))
    .where(and(...where))
    .orderBy(desc(inquiries.createdAt), desc(inquiries.id))
    .limit(f.limit + 1);
  return { rows, counts: counts as { stage: InquiryStage; n: number }[] };
}

export async function listFollowUps(db: Db, organizationId: string, inquiryIds: string[], openOnly = false) {
  if (!inquiryIds.length) return [];
  return db
    .select({ f: inquiryFollowUps, assigneeName: assignee.name })
    .from(inquiryFollowUps)
    .leftJoin(assignee, eq(assignee.id, inquiryFollowUps.assigneeId))
    .where(
      and(
        eq(inquiryFollowUps.organizationId, organizationId),
        inArray(inquiryFollowUps.inquiryId, inquiryIds),
        ...(openOnly ? [isNull(inquiryFollowUps.doneAt)] : []),
      ),
    )
    .orderBy(asc(inquiryFollowUps.dueAt), asc(inquiryFollowUps.id));
}

export async function insertFollowUp(db: Db, values: typeof inquiryFollowUps.$inferInsert): Promise<string> {
  const [row] = await db.insert(inquiryFollowUps).values(values).returning({ id: inquiryFollowUps.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function updateFollowUp(
  db: Db,
  organizationId: string,
  inquiryId: string,
  id: string,
  patch: Partial<typeof inquiryFollowUps.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(inquiryFollowUps)
    .set({ ...patch, version: sql`${inquiryFollowUps.version} + 1` })
    .where(and(eq(inquiryFollowUps.organizationId, organizationId), eq(inquiryFollowUps.inquiryId, inquiryId), eq(inquiryFollowUps.id, id)))
    .returning({ id: inquiryFollowUps.id });
  return rows.length === 1;
}

export async function insertPrescreen(db: Db, values: typeof inquiryPrescreens.$inferInsert): Promise<string> {
  const [row] = await db.insert(inquiryPrescreens).values(values).returning({ id: inquiryPrescreens.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

const recorder = aliasedTable(users, 'recorder');

export async function listPrescreens(db: Db, organizationId: string, inquiryId: string) {
  return db
    .select({ p: inquiryPrescreens, recorderName: recorder.name })
    .from(inquiryPrescreens)
    .leftJoin(recorder, eq(recorder.id, inquiryPrescreens.recordedBy))
    .where(and(eq(inquiryPrescreens.organizationId, organizationId), eq(inquiryPrescreens.inquiryId, inquiryId)))
    .orderBy(desc(inquiryPrescreens.number));
}

export async function getCoverage(db: Db, organizationId: string, inquiryId: string) {
  const [row] = await db
    .select()
    .from(inquiryCoverages)
    .where(and(eq(inquiryCoverages.organizationId, organizationId), eq(inquiryCoverages.inquiryId, inquiryId)));
  return row;
}

export async function insertCoverage(db: Db, values: typeof inquiryCoverages.$inferInsert): Promise<void> {
  await db.insert(inquiryCoverages).values(values);
}

export async function updateCoverage(
  db: Db,
  organizationId: string,
  inquiryId: string,
  version: number,
  patch: Partial<typeof inquiryCoverages.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(inquiryCoverages)
    .set({ ...patch, version: version + 1 })
    .where(
      and(
        eq(inquiryCoverages.organizationId, organizationId),
        eq(inquiryCoverages.inquiryId, inquiryId),
        eq(inquiryCoverages.version, version),
      ),
    )
    .returning({ id: inquiryCoverages.id });
  return rows.length === 1;
}

/** The public page is found by its slug alone: the one query in this feature without an organization id. */
export async function findPublicPageBySlug(db: Db, slug: string) {
  const [row] = await db.select().from(publicIntakePages).where(eq(publicIntakePages.slug, slug));
  return row;
}

export async function findPublicPage(db: Db, organizationId: string) {
  const [row] = await db.select().from(publicIntakePages).where(eq(publicIntakePages.organizationId, organizationId));
  return row;
}

export async function upsertPublicPage(db: Db, values: typeof publicIntakePages.$inferInsert): Promise<void> {
  await db
    .insert(publicIntakePages)
    .values(values)
    .onConflictDoUpdate({
      target: publicIntakePages.organizationId,
      set: {
        slug: values.slug,
        enabled: values.enabled,
        locationId: values.locationId ?? null,
        updatedAt: values.updatedAt,
        version: sql`${publicIntakePages.version} + 1`,
      },
    });
}
