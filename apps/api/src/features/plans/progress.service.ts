import { DomainError, progressTargets, type ProgressCreate, type ProgressView } from '@openiop/core';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import * as repo from './plans.repo';
import { loadPatient, loadPlan } from './plans.service';

type ProgressRecord = Awaited<ReturnType<typeof repo.listProgress>>[number];
const toView = (r: ProgressRecord): ProgressView => ({
  id: r.row.id,
  targetKind: r.row.targetKind,
  targetId: r.row.targetId,
  rating: r.row.rating,
  note: r.row.note,
  recordedBy: { id: r.row.recordedBy, name: r.recordedByName },
  recordedAt: r.row.recordedAt.toISOString(),
});

/** Every progress rating on the plan, oldest first: the timeline the chart and the plan page draw. */
export async function listProgress(ctx: Ctx, patientId: string, planId: string): Promise<ProgressView[]> {
  assertCan(ctx.actor, 'plan.read');
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadPatient(tx, ctx, patientId);
    const plan = await loadPlan(tx, ctx, patientId, planId);
    const items = (await repo.listProgress(tx, ctx.actor.organizationId, plan.id)).map(toView);
    await recordAudit(tx, ctx, {
      action: 'plan_progress.list',
      resourceType: 'treatment_plan',
      resourceId: planId,
      patientId,
      breakGlass,
      details: { count: items.length },
    });
    return items;
  });
}

/** Rates a goal or objective of any version of the plan (ids are stable across versions). */
export async function recordProgress(ctx: Ctx, patientId: string, planId: string, input: ProgressCreate): Promise<ProgressView> {
  assertCan(ctx.actor, 'plan.write');
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadPatient(tx, ctx, patientId);
    const plan = await loadPlan(tx, ctx, patientId, planId);
    const org = ctx.actor.organizationId;
    const known = (await repo.listVersions(tx, org, plan.id)).some((v) => {
      const t = progressTargets(v.content);
      return (input.targetKind === 'goal' ? t.goals : t.objectives).has(input.targetId);
    });
    if (!known)
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'targetId', message: `is not a ${input.targetKind} of this plan` }]);
    const id = await repo.insertProgress(tx, {
      organizationId: org,
      planId: plan.id,
      patientId,
      targetKind: input.targetKind,
      targetId: input.targetId,
      rating: input.rating,
      note: input.note ?? null,
      recordedBy: ctx.actor.userId,
      recordedAt: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'plan_progress.record',
      resourceType: 'treatment_plan',
      resourceId: planId,
      patientId,
      breakGlass,
      details: { progressId: id, targetKind: input.targetKind, rating: input.rating },
    });
    const row = (await repo.listProgress(tx, org, plan.id)).find((r) => r.row.id === id);
    if (!row) throw new Error('inserted progress not found');
    return toView(row);
  });
}
