import {
  DomainError,
  emptyRelapsePlan,
  relapsePlanGaps,
  type PersonRelapsePlan,
  type RelapsePlanContent,
  type RelapsePlanView,
} from '@openiop/core';
import type { Db } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { iso } from '../../platform/http';
import { isUniqueViolation } from '../../platform/errors';
import { withPatient, type PatientTx } from '../clinical/with-patient';
import * as repo from './relapse-plans.repo';

export function toView(r: repo.RelapsePlanRow): RelapsePlanView {
  return {
    id: r.id,
    patientId: r.patientId,
    number: r.number,
    status: r.status,
    content: r.content,
    createdBy: { id: r.createdBy, name: r.createdByName },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    finalisedBy: r.finalisedBy && r.finalisedByName ? { id: r.finalisedBy, name: r.finalisedByName } : null,
    finalisedAt: iso(r.finalisedAt),
    version: r.version,
  };
}

async function one(p: PatientTx, ctx: Ctx, patientId: string, id: string): Promise<repo.RelapsePlanRow> {
  const row = await repo.findPlan(p.tx, ctx.actor.organizationId, patientId, id);
  if (!row) throw new DomainError('NOT_FOUND', 'No such relapse-prevention plan');
  return row;
}

const stale = () => new DomainError('PRECONDITION_FAILED', 'The plan was changed by someone else; reload and try again');
const locked = () => new DomainError('RECORD_LOCKED', 'A finalised plan cannot change; start a new version');

/** Every version (newest first, without content) and which one is current (the latest finalised). */
export async function listPlans(ctx: Ctx, patientId: string) {
  return withPatient(ctx, patientId, 'relapse_plan.read', async (p) => {
    const rows = await repo.listPlans(p.tx, ctx.actor.organizationId, patientId);
    await recordAudit(p.tx, ctx, {
      action: 'relapse_plan.list',
      resourceType: 'relapse_plan',
      patientId,
      breakGlass: p.breakGlass,
      details: { count: rows.length },
    });
    const current = rows.find((r) => r.status === 'final');
    return { items: rows.map((r) => ({ ...toView(r), content: undefined })), currentId: current?.id ?? null };
  });
}

export async function getPlan(ctx: Ctx, patientId: string, id: string): Promise<RelapsePlanView> {
  return withPatient(ctx, patientId, 'relapse_plan.read', async (p) => {
    const row = await one(p, ctx, patientId, id);
    await recordAudit(p.tx, ctx, {
      action: 'relapse_plan.read',
      resourceType: 'relapse_plan',
      resourceId: id,
      patientId,
      breakGlass: p.breakGlass,
    });
    return toView(row);
  });
}

/**
 * Starts a new version as a draft: from the content given, else a copy of the current plan, else empty. One draft at
 * a time (409 when one is open; the table's partial unique index holds the line under a race).
 */
export async function startPlan(ctx: Ctx, patientId: string, content: RelapsePlanContent | undefined): Promise<RelapsePlanView> {
  try {
    return await withPatient(ctx, patientId, 'relapse_plan.write', async (p) => {
      const org = ctx.actor.organizationId;
      const all = await repo.listPlans(p.tx, org, patientId);
      if (all.some((r) => r.status === 'draft'))
        throw new DomainError('CONFLICT', 'A draft is already open; finish it first', [{ path: 'status', message: 'a draft exists' }]);
      const current = all.find((r) => r.status === 'final');
      const id = await repo.insertPlan(p.tx, {
        organizationId: org,
        patientId,
        content: content ?? current?.content ?? emptyRelapsePlan(),
        createdBy: ctx.actor.userId,
        at: ctx.clock.now(),
      });
      await recordAudit(p.tx, ctx, {
        action: 'relapse_plan.create',
        resourceType: 'relapse_plan',
        resourceId: id,
        patientId,
        breakGlass: p.breakGlass,
        details: { from: content ? 'input' : current ? current.id : 'empty' },
      });
      return toView(await one(p, ctx, patientId, id));
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new DomainError('CONFLICT', 'A draft is already open; finish it first', [{ path: 'status', message: 'a draft exists' }]);
    throw e;
  }
}

/** Saves a draft's content (If-Match). A finalised version answers 409 RECORD_LOCKED. */
export async function saveDraft(
  ctx: Ctx,
  patientId: string,
  id: string,
  version: number,
  content: RelapsePlanContent,
): Promise<RelapsePlanView> {
  return withPatient(ctx, patientId, 'relapse_plan.write', async (p) => {
    const row = await one(p, ctx, patientId, id);
    if (row.status !== 'draft') throw locked();
    if (row.version !== version) throw stale();
    if (!(await repo.updateDraft(p.tx, ctx.actor.organizationId, id, version, { content, updatedAt: ctx.clock.now() }))) throw stale();
    await recordAudit(p.tx, ctx, {
      action: 'relapse_plan.update',
      resourceType: 'relapse_plan',
      resourceId: id,
      patientId,
      breakGlass: p.breakGlass,
      details: { fields: ['content'] },
    });
    return toView(await one(p, ctx, patientId, id));
  });
}

/** Finalises a draft (If-Match): every gap is reported at once (400); once final it is the person's current plan. */
export async function finalisePlan(ctx: Ctx, patientId: string, id: string, version: number): Promise<RelapsePlanView> {
  return withPatient(ctx, patientId, 'relapse_plan.write', async (p) => {
    const row = await one(p, ctx, patientId, id);
    if (row.status !== 'draft') throw locked();
    if (row.version !== version) throw stale();
    const gaps = relapsePlanGaps(row.content).map((g) => ({ ...g, path: `content.${g.path}` }));
    if (gaps.length) throw new DomainError('VALIDATION_FAILED', 'The plan is missing parts it needs', gaps);
    const now = ctx.clock.now();
    if (
      !(await repo.updateDraft(p.tx, ctx.actor.organizationId, id, version, {
        status: 'final',
        finalisedAt: now,
        finalisedBy: ctx.actor.userId,
        updatedAt: now,
      }))
    )
      throw stale();
    await recordAudit(p.tx, ctx, {
      action: 'relapse_plan.finalise',
      resourceType: 'relapse_plan',
      resourceId: id,
      patientId,
      breakGlass: p.breakGlass,
      details: { number: row.number },
    });
    return toView(await one(p, ctx, patientId, id));
  });
}

/** Loads a version for its PDF, auditing the print. */
export async function planForPrint(ctx: Ctx, patientId: string, id: string): Promise<{ row: repo.RelapsePlanRow; timeZone: string }> {
  return withPatient(ctx, patientId, 'relapse_plan.read', async (p) => {
    const row = await one(p, ctx, patientId, id);
    await recordAudit(p.tx, ctx, {
      action: 'relapse_plan.print',
      resourceType: 'relapse_plan',
      resourceId: id,
      patientId,
      breakGlass: p.breakGlass,
    });
    return { row, timeZone: p.timeZone };
  });
}

/**
 * The person's current plan (latest finalised version) for their own standing-link page, or null when none is
 * finalised yet. Carries no staff names. The caller has already resolved the link to this patient and records its
 * own audit event in the same transaction `tx`.
 */
export async function currentPlanForPerson(tx: Db, organizationId: string, patientId: string): Promise<PersonRelapsePlan | null> {
  const row = await repo.findCurrent(tx, organizationId, patientId);
  if (!row || !row.finalisedAt) return null;
  return { number: row.number, finalisedAt: row.finalisedAt.toISOString(), content: row.content };
}
