import { DomainError } from '@openiop/core';
import type { Db } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { isUniqueViolation } from '../../platform/errors';
import * as repo from './notes.repo';

async function view(tx: Db, ctx: Ctx, r: repo.SupervisionRow) {
  const names = await repo.userNames(tx, ctx.actor.organizationId, [r.userId, r.supervisorId]);
  return {
    id: r.id,
    user: { id: r.userId, name: names.get(r.userId) ?? '' },
    supervisor: { id: r.supervisorId, name: names.get(r.supervisorId) ?? '' },
    requiresCosign: r.requiresCosign,
    since: r.createdAt.toISOString(),
    version: r.version,
  };
}

async function assertStaff(tx: Db, ctx: Ctx, path: string, id: string) {
  if (!(await repo.activeUser(tx, ctx.actor.organizationId, id)))
    throw new DomainError('VALIDATION_FAILED', undefined, [{ path, message: 'is not an active staff member' }]);
}

export async function listSupervision(ctx: Ctx) {
  assertCan(ctx.actor, 'supervision.manage');
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.listSupervision(tx, ctx.actor.organizationId);
    return { items: await Promise.all(rows.map((r) => view(tx, ctx, r))) };
  });
}

/** Names a staff member's supervisor and whether their notes need the supervisor's co-signature. One per person. */
export async function createSupervision(ctx: Ctx, input: { userId: string; supervisorId: string; requiresCosign: boolean }) {
  assertCan(ctx.actor, 'supervision.manage');
  try {
    return await ctx.db.transaction(async (tx) => {
      await assertStaff(tx, ctx, 'userId', input.userId);
      await assertStaff(tx, ctx, 'supervisorId', input.supervisorId);
      if (input.userId === input.supervisorId)
        throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'supervisorId', message: 'cannot be the same person' }]);
      const now = ctx.clock.now();
      const row = await repo.insertSupervision(tx, { organizationId: ctx.actor.organizationId, ...input, createdAt: now, updatedAt: now });
      await recordAudit(tx, ctx, { action: 'supervision.create', resourceType: 'staff_supervision', resourceId: row.id, details: input });
      return view(tx, ctx, row);
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new DomainError('CONFLICT', 'This staff member already has a supervisor; change that one', [
        { path: 'userId', message: 'already supervised' },
      ]);
    throw e;
  }
}

export async function updateSupervision(
  ctx: Ctx,
  id: string,
  version: number,
  input: { supervisorId?: string | undefined; requiresCosign?: boolean | undefined },
) {
  assertCan(ctx.actor, 'supervision.manage');
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findSupervision(tx, ctx.actor.organizationId, id);
    if (!row) throw new DomainError('NOT_FOUND', 'No such supervision');
    if (row.version !== version) throw new DomainError('PRECONDITION_FAILED', 'Changed elsewhere; reload and try again');
    if (input.supervisorId !== undefined) {
      await assertStaff(tx, ctx, 'supervisorId', input.supervisorId);
      if (input.supervisorId === row.userId)
        throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'supervisorId', message: 'cannot be the same person' }]);
    }
    const next = await repo.updateSupervision(tx, ctx.actor.organizationId, id, version, {
      ...(input.supervisorId !== undefined ? { supervisorId: input.supervisorId } : {}),
      ...(input.requiresCosign !== undefined ? { requiresCosign: input.requiresCosign } : {}),
      updatedAt: ctx.clock.now(),
    });
    if (!next) throw new DomainError('PRECONDITION_FAILED', 'Changed elsewhere; reload and try again');
    await recordAudit(tx, ctx, { action: 'supervision.update', resourceType: 'staff_supervision', resourceId: id, details: input });
    return view(tx, ctx, next);
  });
}

/**
 * Ends a supervision: the staff member's notes sign on their own from now on. Notes already waiting for the
 * supervisor's co-signature keep waiting for them (the note names its co-signer). The audit keeps who supervised whom.
 */
export async function endSupervision(ctx: Ctx, id: string, version: number): Promise<void> {
  assertCan(ctx.actor, 'supervision.manage');
  await ctx.db.transaction(async (tx) => {
    const row = await repo.findSupervision(tx, ctx.actor.organizationId, id);
    if (!row) throw new DomainError('NOT_FOUND', 'No such supervision');
    if (!(await repo.deleteSupervision(tx, ctx.actor.organizationId, id, version)))
      throw new DomainError('PRECONDITION_FAILED', 'Changed elsewhere; reload and try again');
    await recordAudit(tx, ctx, {
      action: 'supervision.end',
      resourceType: 'staff_supervision',
      resourceId: id,
      details: { userId: row.userId, supervisorId: row.supervisorId, requiresCosign: row.requiresCosign },
    });
  });
}
