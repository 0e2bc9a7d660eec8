import {
  completeRatings,
  defaultRuleSet,
  DomainError,
  finaliseAssessment,
  previewAssessment,
  recommendLevelOfCare,
  type AssessmentCreate,
  type AssessmentFinalise,
  type AssessmentSave,
  type AssessmentView,
  type PlacementRecommendation,
  type RecommendationRequest,
} from '@openiop/core';
import type { Db } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { loadVisible } from '../patients/patients.service';
import { assertEpisodeOf } from './intake.service';
import * as repo from './intake.repo';

/** The rule set new recommendations use. A program with its own licensed set would select it here. */
const activeRuleSet = defaultRuleSet;

async function toView(db: Db, orgId: string, row: repo.AssessmentRow): Promise<AssessmentView> {
  const names = await repo.staffNames(db, orgId, [row.ratedBy, row.finalisedBy]);
  const person = (id: string) => ({ id, name: names.get(id) ?? 'Unknown' });
  return {
    id: row.id,
    patientId: row.patientId,
    episodeId: row.episodeId,
    status: row.status,
    ratings: row.ratings,
    flags: row.flags,
    ratedBy: person(row.ratedBy),
    ratedAt: row.ratedAt.toISOString(),
    recommendation: row.status === 'final' ? row.recommendation : previewAssessment(activeRuleSet, row.ratings, row.flags),
    chosenLevel: row.chosenLevel,
    differenceReason: row.differenceReason,
    finalisedBy: row.finalisedBy ? person(row.finalisedBy) : null,
    finalisedAt: row.finalisedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

/** Which dimensions carry a rating and how many links and flags: what an audit row may say (never values or text). */
const auditShape = (s: AssessmentSave) => ({
  rated: Object.entries(s.ratings)
    .filter(([, e]) => e?.rating !== null && e?.rating !== undefined)
    .map(([d]) => Number(d)),
  links: Object.values(s.ratings).reduce((n, e) => n + (e?.instrumentAdministrationIds.length ?? 0), 0),
  flags: s.flags.length,
});

async function loadAssessment(db: Db, ctx: Ctx, patientId: string, id: string) {
  const { breakGlass } = await loadVisible(db, ctx, patientId);
  const row = await repo.findAssessment(db, ctx.actor.organizationId, patientId, id);
  if (!row) throw new DomainError('NOT_FOUND', 'No such assessment');
  return { row, breakGlass };
}

const locked = () => new DomainError('RECORD_LOCKED', 'The assessment is finalised; start a new assessment instead');
const stale = () => new DomainError('PRECONDITION_FAILED', 'The assessment was changed elsewhere; reload and try again');

/** A pure preview: ratings in, recommendation with every fired rule out. Reads and writes nothing. */
export function previewRecommendation(ctx: Ctx, input: RecommendationRequest): PlacementRecommendation {
  assertCan(ctx.actor, 'assessment.write');
  const done = completeRatings(input.ratings);
  if ('errors' in done) throw new DomainError('VALIDATION_FAILED', 'All six dimensions need a rating', done.errors);
  return recommendLevelOfCare(activeRuleSet, { ratings: done.ratings, flags: input.flags });
}

export function activeRuleSetView() {
  const { id, version, editionLabel, description, rules } = activeRuleSet;
  return { id, version, editionLabel, description, rules: rules.map((r) => ({ id: r.id, text: r.text })) };
}

/** Every assessment of the patient, newest first: the placement history. */
export async function listAssessments(ctx: Ctx, patientId: string): Promise<AssessmentView[]> {
  assertCan(ctx.actor, 'assessment.read');
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadVisible(tx, ctx, patientId);
    const rows = await repo.listAssessments(tx, ctx.actor.organizationId, patientId);
    await recordAudit(tx, ctx, {
      action: 'assessment.list',
      resourceType: 'assessment',
      patientId,
      breakGlass,
      details: { count: rows.length },
    });
    return Promise.all(rows.map((r) => toView(tx, ctx.actor.organizationId, r)));
  });
}

export async function startAssessment(ctx: Ctx, patientId: string, input: AssessmentCreate): Promise<AssessmentView> {
  assertCan(ctx.actor, 'assessment.write');
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadVisible(tx, ctx, patientId);
    await assertEpisodeOf(tx, ctx, patientId, input.episodeId);
    const now = ctx.clock.now();
    const row = await repo.insertAssessment(tx, {
      organizationId: ctx.actor.organizationId,
      patientId,
      episodeId: input.episodeId ?? null,
      ratings: input.ratings,
      flags: input.flags,
      ratedBy: ctx.actor.userId,
      ratedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'assessment.create',
      resourceType: 'assessment',
      resourceId: row.id,
      patientId,
      breakGlass,
      details: auditShape(input),
    });
    return toView(tx, ctx.actor.organizationId, row);
  });
}

export async function getAssessment(ctx: Ctx, patientId: string, id: string): Promise<AssessmentView> {
  assertCan(ctx.actor, 'assessment.read');
  return ctx.db.transaction(async (tx) => {
    const { row, breakGlass } = await loadAssessment(tx, ctx, patientId, id);
    await recordAudit(tx, ctx, { action: 'assessment.read', resourceType: 'assessment', resourceId: id, patientId, breakGlass });
    return toView(tx, ctx.actor.organizationId, row);
  });
}

/** Saves ratings, evidence and flags of a draft; the saver becomes the rater of record. */
export async function saveAssessment(
  ctx: Ctx,
  patientId: string,
  id: string,
  version: number,
  input: AssessmentSave,
): Promise<AssessmentView> {
  assertCan(ctx.actor, 'assessment.write');
  return ctx.db.transaction(async (tx) => {
    const { row, breakGlass } = await loadAssessment(tx, ctx, patientId, id);
    if (row.status !== 'draft') throw locked();
    if (row.version !== version) throw stale();
    const now = ctx.clock.now();
    const saved = await repo.updateAssessment(tx, ctx.actor.organizationId, id, version, {
      ratings: input.ratings,
      flags: input.flags,
      ratedBy: ctx.actor.userId,
      ratedAt: now,
      updatedAt: now,
    });
    if (!saved) throw stale();
    await recordAudit(tx, ctx, {
      action: 'assessment.save',
      resourceType: 'assessment',
      resourceId: id,
      patientId,
      breakGlass,
      details: auditShape(input),
    });
    return toView(tx, ctx.actor.organizationId, saved);
  });
}

/**
 * Finalises: recomputes the recommendation on the server from the saved ratings, stores it with the rule set it
 * came from, the chosen level and the reason for any difference; the assessment is read-only afterwards.
 */
export async function finalise(
  ctx: Ctx,
  patientId: string,
  id: string,
  version: number,
  input: AssessmentFinalise,
): Promise<AssessmentView> {
  assertCan(ctx.actor, 'assessment.write');
  return ctx.db.transaction(async (tx) => {
    const { row, breakGlass } = await loadAssessment(tx, ctx, patientId, id);
    if (row.status !== 'draft') throw locked();
    if (row.version !== version) throw stale();
    const decided = finaliseAssessment(activeRuleSet, row.ratings, row.flags, input);
    if ('errors' in decided) throw new DomainError('VALIDATION_FAILED', undefined, decided.errors);
    const { recommendation } = decided;
    const now = ctx.clock.now();
    const saved = await repo.updateAssessment(tx, ctx.actor.organizationId, id, version, {
      status: 'final',
      recommendedLevel: recommendation.level,
      chosenLevel: decided.chosenLevel,
      withdrawalManagement: recommendation.withdrawalManagement,
      differenceReason: decided.differenceReason,
      ruleSetId: recommendation.ruleSetId,
      ruleSetVersion: recommendation.ruleSetVersion,
      editionLabel: recommendation.editionLabel,
      recommendation,
      finalisedBy: ctx.actor.userId,
      finalisedAt: now,
      updatedAt: now,
    });
    if (!saved) throw stale();
    await recordAudit(tx, ctx, {
      action: 'assessment.finalise',
      resourceType: 'assessment',
      resourceId: id,
      patientId,
      breakGlass,
      details: {
        differs: decided.chosenLevel !== recommendation.level,
        ruleSetId: recommendation.ruleSetId,
        ruleSetVersion: recommendation.ruleSetVersion,
        firedRules: recommendation.firedRules.length,
      },
    });
    return toView(tx, ctx.actor.organizationId, saved);
  });
}
