import { and, eq, ne, or, sql } from 'drizzle-orm';
import { startOfLocalDay, type WorklistItem } from '@openiop/core';
import type { Db } from '../../db/database';
import { episodes, locations, patients, treatmentPlans } from '../../db/schema/index';
import { actorCan, type Actor } from '../../platform/context';
import { scopePredicates } from '../patients/patients.scope';
import * as repo from './plans.repo';
import { reviewOf } from './plans.views';

const nameOf = (p: { legalGivenName: string; legalFamilyName: string; preferredName: string | null }) =>
  `${p.preferredName ?? p.legalGivenName} ${p.legalFamilyName}`;

/**
 * The plan work due for an actor, as computed worklist items: reviews due within 7 days (`plan_review_due`), reviews
 * past due (`plan_review_overdue`) and versions waiting for a signature (`plan_unsigned`). Clinicians get the people
 * they are primary clinician or on the caseload for; directors everyone in their scope. Titles carry no clinical
 * content. The caller (the worklist page) audits the read in its own transaction.
 */
export async function planWorklistSource(tx: Db, actor: Actor, now: Date): Promise<WorklistItem[]> {
  if (!actorCan(actor, 'plan.read')) return [];
  const org = actor.organizationId;
  const { inScope } = scopePredicates(actor, now);
  const mine = actor.roles.includes('director')
    ? sql`true`
    : or(
        eq(episodes.primaryClinicianId, actor.userId),
        sql`exists (select 1 from caseload_assignments c where c.organization_id = ${patients.organizationId} and c.patient_id = ${patients.id} and c.user_id = ${actor.userId} and c.ended_at is null)`,
      );
  const rows = await tx
    .select({
      plan: treatmentPlans,
      patient: {
        id: patients.id,
        mrn: patients.mrn,
        legalGivenName: patients.legalGivenName,
        legalFamilyName: patients.legalFamilyName,
        preferredName: patients.preferredName,
      },
      level: episodes.levelOfCare,
      timeZone: locations.timeZone,
      reviewDays: sql<number>`(select o.plan_review_days from organizations o where o.id = ${treatmentPlans.organizationId})`,
    })
    .from(treatmentPlans)
    .innerJoin(patients, and(eq(patients.organizationId, treatmentPlans.organizationId), eq(patients.id, treatmentPlans.patientId)))
    .innerJoin(episodes, and(eq(episodes.organizationId, treatmentPlans.organizationId), eq(episodes.id, treatmentPlans.episodeId)))
    .innerJoin(locations, eq(locations.id, patients.locationId))
    .where(and(eq(treatmentPlans.organizationId, org), ne(episodes.status, 'discharged'), inScope, mine));
  if (!rows.length) return [];
  const versions = await repo.listVersionsOf(
    tx,
    org,
    rows.map((r) => r.plan.id),
  );
  const signatures = await repo.listSignatures(
    tx,
    org,
    versions.filter((v) => v.status === 'signing' || v.status === 'draft').map((v) => v.id),
  );
  const items: WorklistItem[] = [];
  for (const r of rows) {
    const mineVersions = versions.filter((v) => v.planId === r.plan.id);
    const patient = { id: r.patient.id, name: nameOf(r.patient), mrn: r.patient.mrn };
    const review = reviewOf(mineVersions, { currentLevel: r.level, reviewDays: r.reviewDays, timeZone: r.timeZone, now });
    const base = `/patients/${r.patient.id}/plans/${r.plan.id}`;
    if (review.dueOn && review.status !== 'not_due' && review.status !== 'not_signed') {
      const overdue = review.status === 'overdue';
      items.push({
        kind: overdue ? 'plan_review_overdue' : 'plan_review_due',
        priority: overdue ? 'urgent' : 'normal',
        patient,
        title:
          review.reason === 'level_change'
            ? 'Treatment plan review due: level of care changed'
            : overdue
              ? 'Treatment plan review overdue'
              : 'Treatment plan review due',
        dueAt: startOfLocalDay(review.dueOn, r.timeZone).toISOString(),
        overdue,
        href: base,
        taskId: null,
      });
    }
    const open = mineVersions.at(-1);
    if (open && (open.status === 'draft' || open.status === 'signing')) {
      const signed = new Set(signatures.filter((s) => s.versionId === open.id).map((s) => s.signer));
      const waitingFor = signed.has('person') ? 'clinician' : signed.has('clinician') ? 'person' : 'both';
      items.push({
        kind: 'plan_unsigned',
        priority: 'normal',
        patient,
        title:
          waitingFor === 'both'
            ? `Treatment plan version ${open.number} not yet signed`
            : waitingFor === 'person'
              ? `Treatment plan version ${open.number} awaiting the person's signature`
              : `Treatment plan version ${open.number} awaiting the clinician's signature`,
        dueAt: open.createdAt.toISOString(),
        overdue: false,
        href: `${base}?version=${open.number}`,
        taskId: null,
      });
    }
  }
  return items.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
