import { DomainError, type InterventionCreate, type InterventionUpdate, type InterventionView } from '@openiop/core';
import type { Db } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import { isUniqueViolation } from '../../platform/errors';
import { actorCan, assertCan, type Ctx } from '../../platform/context';
import * as repo from './plans.repo';
import { toInterventionView } from './plans.views';

/** A rename onto another intervention's name hits the unique index; say so instead of failing. */
async function uniqueName<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err))
      throw new DomainError('CONFLICT', 'Another intervention has this name', [{ path: 'name', message: 'is already in the catalogue' }]);
    throw err;
  }
}

/** The organization's catalogue (its copy of the defaults is made on first read). */
export async function listInterventions(ctx: Ctx): Promise<InterventionView[]> {
  if (!actorCan(ctx.actor, 'catalogue.manage')) assertCan(ctx.actor, 'plan.read');
  return ctx.db.transaction(async (tx) => {
    await repo.ensureCatalogue(tx, ctx.actor.organizationId);
    return (await repo.listInterventions(tx, ctx.actor.organizationId)).map(toInterventionView);
  });
}

async function loadOne(tx: Db, ctx: Ctx, id: string) {
  await repo.ensureCatalogue(tx, ctx.actor.organizationId);
  const found = (await repo.listInterventions(tx, ctx.actor.organizationId)).find((r) => r.id === id);
  if (!found) throw new DomainError('NOT_FOUND', 'No such intervention');
  return found;
}

export async function createIntervention(ctx: Ctx, input: InterventionCreate): Promise<InterventionView> {
  assertCan(ctx.actor, 'catalogue.manage');
  return uniqueName(() =>
    ctx.db.transaction(async (tx) => {
      await repo.ensureCatalogue(tx, ctx.actor.organizationId);
      const now = ctx.clock.now();
      const row = await repo.insertIntervention(tx, {
        organizationId: ctx.actor.organizationId,
        key: null,
        ...input,
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(tx, ctx, { action: 'intervention.create', resourceType: 'intervention', resourceId: row.id });
      return toInterventionView(row);
    }),
  );
}

/** Renames, re-defaults or retires (active: false) / restores an intervention (If-Match). */
export async function updateIntervention(ctx: Ctx, id: string, version: number, patch: InterventionUpdate): Promise<InterventionView> {
  assertCan(ctx.actor, 'catalogue.manage');
  return uniqueName(() =>
    ctx.db.transaction(async (tx) => {
      const current = await loadOne(tx, ctx, id);
      const row = await repo.updateIntervention(tx, ctx.actor.organizationId, id, version, { ...patch, updatedAt: ctx.clock.now() });
      if (!row) throw new DomainError('PRECONDITION_FAILED', 'The intervention was changed by someone else; reload and try again');
      await recordAudit(tx, ctx, {
        action: patch.active === false ? 'intervention.retire' : 'intervention.update',
        resourceType: 'intervention',
        resourceId: id,
        details: { fields: Object.keys(patch).sort() },
      });
      return toInterventionView({ ...row, inUse: current.inUse });
    }),
  );
}

/** Deletes an intervention no plan has ever named; one in use can only be retired. */
export async function deleteIntervention(ctx: Ctx, id: string): Promise<void> {
  assertCan(ctx.actor, 'catalogue.manage');
  await ctx.db.transaction(async (tx) => {
    const current = await loadOne(tx, ctx, id);
    if (current.inUse > 0) throw new DomainError('INTERVENTION_IN_USE');
    await repo.deleteIntervention(tx, ctx.actor.organizationId, id);
    await recordAudit(tx, ctx, { action: 'intervention.delete', resourceType: 'intervention', resourceId: id });
  });
}
