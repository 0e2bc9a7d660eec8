import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { AdministrationListItem, Answers } from '@openiop/core';
import type { Db } from '../../db/database';
import {
  instrumentAdministrations as adm,
  instrumentAnswers,
  instrumentLinks,
  organizations,
  patients,
  users,
} from '../../db/schema/index';
import { iso } from '../../platform/http';

export type AdministrationRow = typeof adm.$inferSelect;

/** Counted per row through the answers' (organization, administration, item) index, not over the whole table. */
const answeredCount = sql<number>`(select count(*)::int from instrument_answers x where x.organization_id = ${adm.organizationId} and x.administration_id = ${adm.id})`;

async function listRows(db: Db, organizationId: string, where: ReturnType<typeof and>) {
  return db
    .select({ a: adm, byName: users.name, answered: answeredCount })
    .from(adm)
    .leftJoin(users, eq(users.id, adm.administeredBy))
    .where(and(eq(adm.organizationId, organizationId), where))
    .orderBy(desc(adm.createdAt), desc(adm.id));
}

export function toListItem(
  r: { a: AdministrationRow; byName: string | null; answered: number | null },
  instrumentName: string,
): AdministrationListItem {
  const a = r.a;
  return {
    id: a.id,
    patientId: a.patientId,
    episodeId: a.episodeId,
    instrumentId: a.instrumentId,
    instrumentName,
    definitionVersion: a.definitionVersion,
    status: a.status,
    source: a.source,
    total: a.total,
    band: a.bandCode && a.bandLabel && a.bandSetUsed ? { code: a.bandCode, label: a.bandLabel, bandSet: a.bandSetUsed } : null,
    subscales: a.subscales,
    positive: a.positive,
    screen: a.screen,
    safetyFlags: a.safetyFlags.map((f) => ({ kind: f.kind, summary: f.summary })),
    administeredBy: a.administeredBy && r.byName ? { id: a.administeredBy, name: r.byName } : null,
    answeredCount: Number(r.answered ?? 0),
    missingItems: a.missingItems,
    notes: a.notes,
    createdAt: a.createdAt.toISOString(),
    submittedAt: iso(a.submittedAt),
    version: a.version,
  };
}

export async function listForPatient(db: Db, organizationId: string, patientId: string) {
  return listRows(db, organizationId, eq(adm.patientId, patientId));
}

export async function getAdministration(db: Db, organizationId: string, patientId: string, id: string) {
  const [row] = await listRows(db, organizationId, and(eq(adm.patientId, patientId), eq(adm.id, id)));
  return row;
}

export async function listAnswers(db: Db, organizationId: string, administrationId: string) {
  return db
    .select({ itemId: instrumentAnswers.itemId, value: instrumentAnswers.value, points: instrumentAnswers.points })
    .from(instrumentAnswers)
    .where(and(eq(instrumentAnswers.organizationId, organizationId), eq(instrumentAnswers.administrationId, administrationId)))
    .orderBy(asc(instrumentAnswers.answeredAt), asc(instrumentAnswers.itemId));
}

export async function insertAdministration(db: Db, values: typeof adm.$inferInsert): Promise<string> {
  const [row] = await db.insert(adm).values(values).returning({ id: adm.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

/** Compare-and-set on version and on still being a draft; false when either changed. */
export async function updateDraft(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  patch: Partial<typeof adm.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(adm)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(adm.organizationId, organizationId), eq(adm.id, id), eq(adm.version, version), eq(adm.status, 'in_progress')))
    .returning({ id: adm.id });
  return rows.length === 1;
}

/** Replaces a draft's answers: one row per answered item, keeping the first time an unchanged answer was given. */
export async function replaceAnswers(
  db: Db,
  organizationId: string,
  administrationId: string,
  answers: Answers,
  pointsOf: (itemId: string, value: number) => number,
  at: Date,
): Promise<void> {
  const existing = await listAnswersWithTime(db, organizationId, administrationId);
  const kept = new Map(existing.filter((e) => answers[e.itemId] === e.value).map((e) => [e.itemId, e.answeredAt]));
  await db
    .delete(instrumentAnswers)
    .where(and(eq(instrumentAnswers.organizationId, organizationId), eq(instrumentAnswers.administrationId, administrationId)));
  const rows = Object.entries(answers).map(([itemId, value]) => ({
    organizationId,
    administrationId,
    itemId,
    value,
    points: pointsOf(itemId, value),
    answeredAt: kept.get(itemId) ?? at,
  }));
  if (rows.length) await db.insert(instrumentAnswers).values(rows);
}

async function listAnswersWithTime(db: Db, organizationId: string, administrationId: string) {
  return db
    .select({ itemId: instrumentAnswers.itemId, value: instrumentAnswers.value, answeredAt: instrumentAnswers.answeredAt })
    .from(instrumentAnswers)
    .where(and(eq(instrumentAnswers.organizationId, organizationId), eq(instrumentAnswers.administrationId, administrationId)));
}

export async function insertLink(db: Db, values: typeof instrumentLinks.$inferInsert): Promise<string> {
  const [row] = await db.insert(instrumentLinks).values(values).returning({ id: instrumentLinks.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

/** A link by its token's hash, with the first name and organization the fill page shows; locked when `lock`. */
export async function findLinkByHash(db: Db, tokenHash: string, lock: boolean) {
  const q = db
    .select({
      link: instrumentLinks,
      givenName: patients.legalGivenName,
      preferredName: patients.preferredName,
      sexAssignedAtBirth: patients.sexAssignedAtBirth,
      currentEpisodeId: patients.currentEpisodeId,
      organizationName: organizations.name,
    })
    .from(instrumentLinks)
    .innerJoin(patients, and(eq(patients.id, instrumentLinks.patientId), eq(patients.organizationId, instrumentLinks.organizationId)))
    .innerJoin(organizations, eq(organizations.id, instrumentLinks.organizationId))
    .where(eq(instrumentLinks.tokenHash, tokenHash));
  const [row] = lock ? await q.for('update', { of: instrumentLinks }) : await q;
  return row;
}

export async function markLinkUsed(db: Db, organizationId: string, id: string, administrationId: string, at: Date): Promise<void> {
  await db
    .update(instrumentLinks)
    .set({ usedAt: at, administrationId })
    .where(and(eq(instrumentLinks.organizationId, organizationId), eq(instrumentLinks.id, id)));
}
