import { randomUUID } from 'node:crypto';
import {
  canonicalPlanJson,
  dimensionLabels,
  diffPlans,
  DomainError,
  ratingAnchors,
  type Dimension,
  type FieldError,
  type PlanContent,
  type PersonTreatmentPlan,
  type PlanContentInput,
  type PlanSummary,
  type PlanVersionView,
  type Rating,
} from '@openiop/core';
import type { z } from 'zod';
import type { planDiffView } from '@openiop/core';
import type { Db } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { sha256 } from '../../platform/crypto';
import { loadVisible } from '../patients/patients.service';
import * as repo from './plans.repo';
import { toSummary, toVersionView, type ReviewFacts } from './plans.views';

export const hashContent = (c: PlanContent): string => sha256(canonicalPlanJson(c));

/** The patient (scope → 404 for other organizations and out-of-scope staff alike). */
export async function loadPatient(tx: Db, ctx: Ctx, patientId: string) {
  return loadVisible(tx, ctx, patientId);
}

export async function loadPlan(tx: Db, ctx: Ctx, patientId: string, planId: string): Promise<repo.PlanRow> {
  const plan = await repo.findPlan(tx, ctx.actor.organizationId, patientId, planId);
  if (!plan) throw new DomainError('NOT_FOUND', 'No such treatment plan');
  return plan;
}

export async function loadVersion(tx: Db, ctx: Ctx, plan: repo.PlanRow, number: number): Promise<repo.VersionRow> {
  const v = await repo.findVersion(tx, ctx.actor.organizationId, plan.id, number);
  if (!v) throw new DomainError('NOT_FOUND', 'No such plan version');
  return v;
}

export async function reviewFacts(tx: Db, ctx: Ctx, plan: repo.PlanRow, timeZone: string): Promise<ReviewFacts> {
  const episode = await repo.findEpisode(tx, ctx.actor.organizationId, plan.patientId, plan.episodeId);
  if (!episode) throw new Error('a plan always has its episode');
  return {
    currentLevel: episode.levelOfCare,
    reviewDays: await repo.reviewDays(tx, ctx.actor.organizationId),
    timeZone,
    now: ctx.clock.now(),
  };
}

export async function versionView(tx: Db, ctx: Ctx, v: repo.VersionRow): Promise<PlanVersionView> {
  const sigs = await repo.listSignatures(tx, ctx.actor.organizationId, [v.id]);
  return toVersionView(v, sigs, await repo.userName(tx, ctx.actor.organizationId, v.createdBy));
}

/** The problems a new plan starts from: dimensions rated moderate or higher, then active diagnoses (primary first). */
async function seedProblems(tx: Db, ctx: Ctx, patientId: string, episodeId: string): Promise<PlanContent> {
  const org = ctx.actor.organizationId;
  const assessment = await repo.latestFinalAssessment(tx, org, patientId, episodeId);
  const problems: PlanContent['problems'] = [];
  for (const d of [1, 2, 3, 4, 5, 6] as Dimension[]) {
    const rating = assessment?.ratings[d]?.rating;
    if (rating === null || rating === undefined || rating < 2) continue;
    problems.push({
      id: randomUUID(),
      source: 'dimension',
      dimension: d,
      diagnosisId: null,
      statement: `${dimensionLabels[d]}: rated ${rating} (${ratingAnchors[rating as Rating].split(' — ')[0]?.toLowerCase()})`,
      goals: [],
    });
  }
  for (const dx of await repo.activeDiagnoses(tx, org, patientId))
    problems.push({
      id: randomUUID(),
      source: 'diagnosis',
      dimension: null,
      diagnosisId: dx.id,
      statement: `${dx.code} ${dx.description}`,
      goals: [],
    });
  return { problems };
}

/**
 * Turns submitted content into stored content: new items get ids, intervention names are copied from the catalogue
 * and named deliverers resolved. A retired intervention may stay where the previous content had it but cannot be
 * newly chosen; unknown interventions or staff are field errors.
 */
async function normalise(tx: Db, ctx: Ctx, input: PlanContentInput, previous: PlanContent | null): Promise<PlanContent> {
  const org = ctx.actor.organizationId;
  const all = input.problems.flatMap((p) => p.goals.flatMap((g) => g.interventions));
  const catalogue = new Map((await repo.findInterventions(tx, org, [...new Set(all.map((i) => i.interventionId))])).map((r) => [r.id, r]));
  const staff = await repo.staffNames(tx, org, [...new Set(all.flatMap((i) => (i.delivererUserId ? [i.delivererUserId] : [])))]);
  const before = new Set(previous?.problems.flatMap((p) => p.goals.flatMap((g) => g.interventions.map((i) => i.interventionId))) ?? []);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const idOf = (given: string | undefined, path: string): string => {
    const id = given ?? randomUUID();
    if (seen.has(id)) errors.push({ path: `${path}.id`, message: 'is used twice in this plan' });
    seen.add(id);
    return id;
  };
  const content: PlanContent = {
    problems: input.problems.map((p, i) => {
      const pp = `content.problems.${i}`;
      return {
        id: idOf(p.id, pp),
        source: p.source,
        dimension: p.dimension,
        diagnosisId: p.diagnosisId,
        statement: p.statement,
        goals: p.goals.map((g, j) => {
          const gp = `${pp}.goals.${j}`;
          return {
            id: idOf(g.id, gp),
            text: g.text,
            objectives: g.objectives.map((o, k) => ({ id: idOf(o.id, `${gp}.objectives.${k}`), text: o.text, targetDate: o.targetDate })),
            interventions: g.interventions.map((iv, k) => {
              const ip = `${gp}.interventions.${k}`;
              const row = catalogue.get(iv.interventionId);
              if (!row) errors.push({ path: `${ip}.interventionId`, message: 'is not in the catalogue' });
              else if (!row.active && !before.has(row.id)) errors.push({ path: `${ip}.interventionId`, message: 'is retired' });
              const delivererName = iv.delivererUserId ? (staff.get(iv.delivererUserId) ?? null) : null;
              if (iv.delivererUserId && !delivererName)
                errors.push({ path: `${ip}.delivererUserId`, message: 'is not a staff member here' });
              return {
                id: idOf(iv.id, ip),
                interventionId: iv.interventionId,
                name: row?.name ?? '',
                delivererRole: iv.delivererRole,
                delivererUserId: iv.delivererUserId,
                delivererName,
                frequency: iv.frequency,
              };
            }),
          };
        }),
      };
    }),
  };
  if (errors.length) {
    const retired = errors.some((e) => e.message === 'is retired') && errors.every((e) => e.message === 'is retired');
    throw new DomainError(retired ? 'INTERVENTION_RETIRED' : 'VALIDATION_FAILED', undefined, errors);
  }
  return content;
}

export async function listPlans(ctx: Ctx, patientId: string): Promise<PlanSummary[]> {
  assertCan(ctx.actor, 'plan.read');
  return ctx.db.transaction(async (tx) => {
    const { row, breakGlass } = await loadPatient(tx, ctx, patientId);
    const out: PlanSummary[] = [];
    for (const plan of await repo.listPlans(tx, ctx.actor.organizationId, patientId))
      out.push(
        toSummary(
          plan,
          await repo.listVersions(tx, ctx.actor.organizationId, plan.id),
          await reviewFacts(tx, ctx, plan, row.locationTimeZone),
        ),
      );
    await recordAudit(tx, ctx, {
      action: 'plan.list',
      resourceType: 'treatment_plan',
      patientId,
      breakGlass,
      details: { count: out.length },
    });
    return out;
  });
}

export async function getPlan(ctx: Ctx, patientId: string, planId: string): Promise<PlanSummary> {
  assertCan(ctx.actor, 'plan.read');
  return ctx.db.transaction(async (tx) => {
    const { row, breakGlass } = await loadPatient(tx, ctx, patientId);
    const plan = await loadPlan(tx, ctx, patientId, planId);
    const view = toSummary(
      plan,
      await repo.listVersions(tx, ctx.actor.organizationId, plan.id),
      await reviewFacts(tx, ctx, plan, row.locationTimeZone),
    );
    await recordAudit(tx, ctx, { action: 'plan.read', resourceType: 'treatment_plan', resourceId: planId, patientId, breakGlass });
    return view;
  });
}

/** Starts the plan of an episode (the current one by default) with version 1 seeded from the intake's problems. */
export async function createPlan(ctx: Ctx, patientId: string, input: { episodeId?: string | undefined }): Promise<PlanVersionView> {
  assertCan(ctx.actor, 'plan.write');
  return ctx.db.transaction(async (tx) => {
    const { row, breakGlass } = await loadPatient(tx, ctx, patientId);
    const org = ctx.actor.organizationId;
    const episodeId = input.episodeId ?? row.currentEpisodeId;
    const episode = episodeId ? await repo.findEpisode(tx, org, patientId, episodeId) : undefined;
    if (!episode)
      throw new DomainError('VALIDATION_FAILED', 'A treatment plan belongs to an episode of care', [
        { path: 'episodeId', message: 'the person has no such episode' },
      ]);
    if (episode.status === 'discharged')
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'episodeId', message: 'the episode is discharged' }]);
    if ((await repo.listPlans(tx, org, patientId)).some((p) => p.episodeId === episode.id)) throw new DomainError('PLAN_EXISTS');
    const now = ctx.clock.now();
    const plan = await repo.insertPlan(tx, {
      organizationId: org,
      patientId,
      episodeId: episode.id,
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    const content = await seedProblems(tx, ctx, patientId, episode.id);
    const v = await repo.insertVersion(tx, {
      organizationId: org,
      planId: plan.id,
      patientId,
      number: 1,
      content,
      contentHash: hashContent(content),
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'plan.create',
      resourceType: 'treatment_plan',
      resourceId: plan.id,
      patientId,
      breakGlass,
      details: { episodeId: episode.id, seededProblems: content.problems.length },
    });
    return versionView(tx, ctx, v);
  });
}

export async function getVersion(ctx: Ctx, patientId: string, planId: string, number: number): Promise<PlanVersionView> {
  assertCan(ctx.actor, 'plan.read');
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadPatient(tx, ctx, patientId);
    const plan = await loadPlan(tx, ctx, patientId, planId);
    const v = await loadVersion(tx, ctx, plan, number);
    await recordAudit(tx, ctx, {
      action: 'plan.read',
      resourceType: 'treatment_plan',
      resourceId: planId,
      patientId,
      breakGlass,
      details: { version: number },
    });
    return versionView(tx, ctx, v);
  });
}

/** Why a version cannot be edited, as the code a client can act on. */
export function assertEditable(v: repo.VersionRow): void {
  if (v.status === 'signed') throw new DomainError('PLAN_VERSION_SIGNED');
  if (v.status === 'signing') throw new DomainError('PLAN_SIGNING_STARTED');
  if (v.status === 'superseded') throw new DomainError('CONFLICT', 'A newer version replaced this one; edit that instead');
}

/** Replaces a draft's content (If-Match on the version's ETag). */
export async function updateVersion(
  ctx: Ctx,
  patientId: string,
  planId: string,
  number: number,
  expected: number,
  input: PlanContentInput,
): Promise<PlanVersionView> {
  assertCan(ctx.actor, 'plan.write');
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadPatient(tx, ctx, patientId);
    const plan = await loadPlan(tx, ctx, patientId, planId);
    const v = await loadVersion(tx, ctx, plan, number);
    assertEditable(v);
    if (v.version !== expected) throw new DomainError('PRECONDITION_FAILED', 'The plan was changed by someone else; reload and try again');
    const previousNumber = number > 1 ? await repo.findVersion(tx, ctx.actor.organizationId, plan.id, number - 1) : undefined;
    const content = await normalise(tx, ctx, input, previousNumber?.content ?? v.content);
    const next = await repo.updateVersion(
      tx,
      ctx.actor.organizationId,
      v.id,
      expected,
      { content, contentHash: hashContent(content), updatedAt: ctx.clock.now() },
      { draftOnly: true },
    );
    if (!next) throw new DomainError('PRECONDITION_FAILED', 'The plan was changed by someone else; reload and try again');
    await recordAudit(tx, ctx, {
      action: 'plan.update',
      resourceType: 'treatment_plan',
      resourceId: planId,
      patientId,
      breakGlass,
      details: {
        version: number,
        problems: content.problems.length,
        goals: content.problems.reduce((n, p) => n + p.goals.length, 0),
      },
    });
    return versionView(tx, ctx, next);
  });
}

/**
 * Starts a new draft copied from the newest version (ids kept, so the diff and goal progress follow items across
 * versions). The newest must have at least one signature; an unfinished one is marked superseded.
 */
export async function newVersion(ctx: Ctx, patientId: string, planId: string): Promise<PlanVersionView> {
  assertCan(ctx.actor, 'plan.write');
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadPatient(tx, ctx, patientId);
    const plan = await loadPlan(tx, ctx, patientId, planId);
    const org = ctx.actor.organizationId;
    await repo.lockPlan(tx, org, plan.id);
    const latest = (await repo.listVersions(tx, org, plan.id)).at(-1);
    if (!latest) throw new Error('a plan always has a version');
    if (latest.status === 'draft') throw new DomainError('PLAN_VERSION_OPEN');
    const now = ctx.clock.now();
    if (latest.status === 'signing') await repo.updateVersion(tx, org, latest.id, latest.version, { status: 'superseded', updatedAt: now });
    const v = await repo.insertVersion(tx, {
      organizationId: org,
      planId: plan.id,
      patientId,
      number: latest.number + 1,
      content: latest.content,
      contentHash: latest.contentHash,
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await repo.touchPlan(tx, org, plan.id, now);
    await recordAudit(tx, ctx, {
      action: 'plan.version',
      resourceType: 'treatment_plan',
      resourceId: planId,
      patientId,
      breakGlass,
      details: { version: v.number, from: latest.number, superseded: latest.status === 'signing' },
    });
    return versionView(tx, ctx, v);
  });
}

export async function diffVersions(
  ctx: Ctx,
  patientId: string,
  planId: string,
  from: number,
  to: number,
): Promise<z.infer<typeof planDiffView>> {
  assertCan(ctx.actor, 'plan.read');
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadPatient(tx, ctx, patientId);
    const plan = await loadPlan(tx, ctx, patientId, planId);
    const a = await loadVersion(tx, ctx, plan, from);
    const b = await loadVersion(tx, ctx, plan, to);
    const entries = diffPlans(a.content, b.content);
    await recordAudit(tx, ctx, {
      action: 'plan.diff',
      resourceType: 'treatment_plan',
      resourceId: planId,
      patientId,
      breakGlass,
      details: { from, to, changes: entries.length },
    });
    return { from, to, entries };
  });
}

/**
 * The person's current treatment plan for their own page: the newest plan's signed version (a version in signing or
 * a new draft does not replace it until it is signed), or null. The caller has resolved its link to this patient and
 * records its own audit event in the same transaction `tx`.
 */
export async function currentSignedPlanForPerson(tx: Db, organizationId: string, patientId: string): Promise<PersonTreatmentPlan | null> {
  const [plan] = await repo.listPlans(tx, organizationId, patientId);
  if (!plan) return null;
  const signed = (await repo.listVersions(tx, organizationId, plan.id)).filter((v) => v.status === 'signed').at(-1);
  if (!signed?.lockedAt) return null;
  return { number: signed.number, signedAt: signed.lockedAt.toISOString(), content: signed.content };
}
