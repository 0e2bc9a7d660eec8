import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { defaultInterventions } from '@openiop/core';
import type { Db } from '../../db/database';
import {
  diagnoses,
  dimensionalAssessments,
  episodes,
  interventions,
  organizations,
  planProgress,
  planSignLinks,
  treatmentPlanSignatures,
  treatmentPlanVersions,
  treatmentPlans,
  users,
} from '../../db/schema/index';

export type InterventionRow = typeof interventions.$inferSelect;
export type PlanRow = typeof treatmentPlans.$inferSelect;
export type VersionRow = typeof treatmentPlanVersions.$inferSelect;
export type SignatureRow = typeof treatmentPlanSignatures.$inferSelect;

const one = <T>(rows: T[]): T => {
  const [r] = rows;
  if (!r) throw new Error('write returned nothing');
  return r;
};

// ----------------------------------------------------------------------------------------------- catalogue

/** Gives an organization its copy of the default catalogue the first time it is read (idempotent). */
export async function ensureCatalogue(db: Db, organizationId: string): Promise<void> {
  const [any] = await db
    .select({ id: interventions.id })
    .from(interventions)
    .where(eq(interventions.organizationId, organizationId))
    .limit(1);
  if (any) return;
  await db
    .insert(interventions)
    .values(defaultInterventions.map((d) => ({ organizationId, ...d })))
    .onConflictDoNothing();
}

/** The catalogue with how many plan versions name each intervention. */
export async function listInterventions(db: Db, organizationId: string): Promise<(InterventionRow & { inUse: number })[]> {
  return db
    .select({
      ...interventionColumns,
      // Qualified by hand: inside the subquery an unqualified "id" would be the version's.
      inUse: sql<number>`(select count(*)::int from treatment_plan_versions v where v.organization_id = "interventions"."organization_id"
        and v.content @> jsonb_build_object('problems', jsonb_build_array(jsonb_build_object('goals', jsonb_build_array(
          jsonb_build_object('interventions', jsonb_build_array(jsonb_build_object('interventionId', "interventions"."id"::text))))))))`,
    })
    .from(interventions)
    .where(eq(interventions.organizationId, organizationId))
    .orderBy(asc(interventions.name));
}
const interventionColumns = {
  id: interventions.id,
  organizationId: interventions.organizationId,
  key: interventions.key,
  name: interventions.name,
  category: interventions.category,
  defaultDelivererRole: interventions.defaultDelivererRole,
  defaultFrequency: interventions.defaultFrequency,
  active: interventions.active,
  version: interventions.version,
  createdAt: interventions.createdAt,
  updatedAt: interventions.updatedAt,
};

export async function findInterventions(db: Db, organizationId: string, ids: string[]): Promise<InterventionRow[]> {
  if (!ids.length) return [];
  return db
    .select()
    .from(interventions)
    .where(and(eq(interventions.organizationId, organizationId), inArray(interventions.id, ids)));
}

export async function insertIntervention(db: Db, values: typeof interventions.$inferInsert): Promise<InterventionRow> {
  return one(await db.insert(interventions).values(values).returning());
}

export async function updateIntervention(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  patch: Partial<typeof interventions.$inferInsert>,
): Promise<InterventionRow | undefined> {
  const [r] = await db
    .update(interventions)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(interventions.organizationId, organizationId), eq(interventions.id, id), eq(interventions.version, version)))
    .returning();
  return r;
}

export async function deleteIntervention(db: Db, organizationId: string, id: string): Promise<void> {
  await db.delete(interventions).where(and(eq(interventions.organizationId, organizationId), eq(interventions.id, id)));
}

// ----------------------------------------------------------------------------------------------- plans

export async function listPlans(db: Db, organizationId: string, patientId: string): Promise<PlanRow[]> {
  return db
    .select()
    .from(treatmentPlans)
    .where(and(eq(treatmentPlans.organizationId, organizationId), eq(treatmentPlans.patientId, patientId)))
    .orderBy(desc(treatmentPlans.createdAt));
}

export async function findPlan(db: Db, organizationId: string, patientId: string, planId: string): Promise<PlanRow | undefined> {
  const [r] = await db
    .select()
    .from(treatmentPlans)
    .where(and(eq(treatmentPlans.organizationId, organizationId), eq(treatmentPlans.patientId, patientId), eq(treatmentPlans.id, planId)));
  return r;
}

/** Locks the plan row, so two "new version" requests or two final signatures serialise. */
export async function lockPlan(db: Db, organizationId: string, planId: string): Promise<void> {
  await db
    .select({ id: treatmentPlans.id })
    .from(treatmentPlans)
    .where(and(eq(treatmentPlans.organizationId, organizationId), eq(treatmentPlans.id, planId)))
    .for('update');
}

export async function insertPlan(db: Db, values: typeof treatmentPlans.$inferInsert): Promise<PlanRow> {
  return one(await db.insert(treatmentPlans).values(values).returning());
}

export async function touchPlan(db: Db, organizationId: string, planId: string, at: Date): Promise<void> {
  await db
    .update(treatmentPlans)
    .set({ updatedAt: at, version: sql`${treatmentPlans.version} + 1` })
    .where(and(eq(treatmentPlans.organizationId, organizationId), eq(treatmentPlans.id, planId)));
}

export async function listVersions(db: Db, organizationId: string, planId: string): Promise<VersionRow[]> {
  return db
    .select()
    .from(treatmentPlanVersions)
    .where(and(eq(treatmentPlanVersions.organizationId, organizationId), eq(treatmentPlanVersions.planId, planId)))
    .orderBy(asc(treatmentPlanVersions.number));
}

export async function listVersionsOf(db: Db, organizationId: string, planIds: string[]): Promise<VersionRow[]> {
  if (!planIds.length) return [];
  return db
    .select()
    .from(treatmentPlanVersions)
    .where(and(eq(treatmentPlanVersions.organizationId, organizationId), inArray(treatmentPlanVersions.planId, planIds)))
    .orderBy(asc(treatmentPlanVersions.planId), asc(treatmentPlanVersions.number));
}

export async function findVersion(db: Db, organizationId: string, planId: string, number: number): Promise<VersionRow | undefined> {
  const [r] = await db
    .select()
    .from(treatmentPlanVersions)
    .where(
      and(
        eq(treatmentPlanVersions.organizationId, organizationId),
        eq(treatmentPlanVersions.planId, planId),
        eq(treatmentPlanVersions.number, number),
      ),
    );
  return r;
}

export async function findVersionById(db: Db, organizationId: string, id: string): Promise<VersionRow | undefined> {
  const [r] = await db
    .select()
    .from(treatmentPlanVersions)
    .where(and(eq(treatmentPlanVersions.organizationId, organizationId), eq(treatmentPlanVersions.id, id)));
  return r;
}

export async function insertVersion(db: Db, values: typeof treatmentPlanVersions.$inferInsert): Promise<VersionRow> {
  return one(await db.insert(treatmentPlanVersions).values(values).returning());
}

/** Compare-and-set on `version`; `draftOnly` adds `status = 'draft'`, so an edit can never land on a signed version. */
export async function updateVersion(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  patch: Partial<typeof treatmentPlanVersions.$inferInsert>,
  opts: { draftOnly?: boolean; unsignedOnly?: boolean } = {},
): Promise<VersionRow | undefined> {
  const [r] = await db
    .update(treatmentPlanVersions)
    .set({ ...patch, version: version + 1 })
    .where(
      and(
        eq(treatmentPlanVersions.organizationId, organizationId),
        eq(treatmentPlanVersions.id, id),
        eq(treatmentPlanVersions.version, version),
        opts.draftOnly ? eq(treatmentPlanVersions.status, 'draft') : undefined,
        opts.unsignedOnly ? ne(treatmentPlanVersions.status, 'signed') : undefined,
      ),
    )
    .returning();
  return r;
}

export async function listSignatures(db: Db, organizationId: string, versionIds: string[]): Promise<SignatureRow[]> {
  if (!versionIds.length) return [];
  return db
    .select()
    .from(treatmentPlanSignatures)
    .where(and(eq(treatmentPlanSignatures.organizationId, organizationId), inArray(treatmentPlanSignatures.versionId, versionIds)))
    .orderBy(asc(treatmentPlanSignatures.signedAt), desc(treatmentPlanSignatures.signer));
}

/** Inserts a signature; false when this signer already signed this version (unique index). */
export async function insertSignature(db: Db, values: typeof treatmentPlanSignatures.$inferInsert): Promise<boolean> {
  const rows = await db.insert(treatmentPlanSignatures).values(values).onConflictDoNothing().returning({ id: treatmentPlanSignatures.id });
  return rows.length === 1;
}

// ----------------------------------------------------------------------------------------------- sources

/** The newest finalised dimensional assessment for the patient (this episode's first, then any). */
export async function latestFinalAssessment(db: Db, organizationId: string, patientId: string, episodeId: string) {
  const [r] = await db
    .select({ id: dimensionalAssessments.id, ratings: dimensionalAssessments.ratings })
    .from(dimensionalAssessments)
    .where(
      and(
        eq(dimensionalAssessments.organizationId, organizationId),
        eq(dimensionalAssessments.patientId, patientId),
        eq(dimensionalAssessments.status, 'final'),
      ),
    )
    .orderBy(sql`(${dimensionalAssessments.episodeId} = ${episodeId}::uuid) desc nulls last`, desc(dimensionalAssessments.finalisedAt))
    .limit(1);
  return r;
}

export async function activeDiagnoses(db: Db, organizationId: string, patientId: string) {
  return db
    .select({ id: diagnoses.id, code: diagnoses.code, description: diagnoses.description, isPrimary: diagnoses.isPrimary })
    .from(diagnoses)
    .where(and(eq(diagnoses.organizationId, organizationId), eq(diagnoses.patientId, patientId), eq(diagnoses.status, 'active')))
    .orderBy(desc(diagnoses.isPrimary), asc(diagnoses.code));
}

export async function findEpisode(db: Db, organizationId: string, patientId: string, episodeId: string) {
  const [r] = await db
    .select({
      id: episodes.id,
      levelOfCare: episodes.levelOfCare,
      status: episodes.status,
      primaryClinicianId: episodes.primaryClinicianId,
    })
    .from(episodes)
    .where(and(eq(episodes.organizationId, organizationId), eq(episodes.patientId, patientId), eq(episodes.id, episodeId)));
  return r;
}

export async function reviewDays(db: Db, organizationId: string): Promise<number> {
  const [r] = await db.select({ d: organizations.planReviewDays }).from(organizations).where(eq(organizations.id, organizationId));
  return r?.d ?? 30;
}

/** Active staff of the organization by id, to name a deliverer (and to refuse a stranger). */
export async function staffNames(db: Db, organizationId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), inArray(users.id, ids), eq(users.active, true)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function userName(db: Db, organizationId: string, id: string): Promise<string> {
  const [r] = await db
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.id, id)));
  return r?.name ?? '';
}

// ----------------------------------------------------------------------------------------------- links

export async function insertLink(db: Db, values: typeof planSignLinks.$inferInsert): Promise<string> {
  return one(await db.insert(planSignLinks).values(values).returning({ id: planSignLinks.id })).id;
}

export async function findLinkByHash(db: Db, tokenHash: string, lock: boolean) {
  const q = db
    .select({
      link: planSignLinks,
      organizationName: organizations.name,
    })
    .from(planSignLinks)
    .innerJoin(organizations, eq(organizations.id, planSignLinks.organizationId))
    .where(eq(planSignLinks.tokenHash, tokenHash));
  const [r] = lock ? await q.for('update', { of: planSignLinks }) : await q;
  return r;
}

export async function markLinkUsed(db: Db, organizationId: string, id: string, at: Date): Promise<void> {
  await db
    .update(planSignLinks)
    .set({ usedAt: at })
    .where(and(eq(planSignLinks.organizationId, organizationId), eq(planSignLinks.id, id), isNull(planSignLinks.usedAt)));
}

// ----------------------------------------------------------------------------------------------- progress

export async function listProgress(db: Db, organizationId: string, planId: string) {
  return db
    .select({ row: planProgress, recordedByName: users.name })
    .from(planProgress)
    .innerJoin(users, eq(users.id, planProgress.recordedBy))
    .where(and(eq(planProgress.organizationId, organizationId), eq(planProgress.planId, planId)))
    .orderBy(asc(planProgress.recordedAt), asc(planProgress.id));
}

export async function insertProgress(db: Db, values: typeof planProgress.$inferInsert): Promise<string> {
  return one(await db.insert(planProgress).values(values).returning({ id: planProgress.id })).id;
}
