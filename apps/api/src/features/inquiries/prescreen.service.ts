import { DomainError, evaluatePrescreen, prescreenRouteLabels, type PrescreenCreate, type PrescreenView } from '@openiop/core';
import type { Db } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import * as repo from './inquiries.repo';
import { loadInquiry } from './inquiries.service';

type PrescreenRow = Awaited<ReturnType<typeof repo.listPrescreens>>[number];

function toView(r: PrescreenRow): PrescreenView {
  return {
    id: r.p.id,
    inquiryId: r.p.inquiryId,
    answers: r.p.answers,
    verdict: r.p.verdict,
    flags: r.p.flags.map((f) => ({ ...f, routeLabel: prescreenRouteLabels[f.route] })),
    ruleVersion: r.p.ruleVersion,
    notes: r.p.notes,
    recordedAt: r.p.recordedAt.toISOString(),
    recordedBy: r.p.recordedBy && r.recorderName ? { id: r.p.recordedBy, name: r.recorderName } : null,
  };
}

/**
 * Records a pre-screen with the verdict and flags the rules gave at that moment (and their version), so a later
 * change of rules never rewrites what staff saw. A first pre-screen moves a new inquiry to pre-screened.
 */
export async function recordPrescreen(ctx: Ctx, inquiryId: string, input: PrescreenCreate): Promise<PrescreenView> {
  assertCan(ctx.actor, 'inquiry.write');
  return ctx.db.transaction(async (tx) => {
    const row = await loadInquiry(tx, ctx, inquiryId, true);
    if (row.i.stage === 'admitted') throw new DomainError('STAGE_NOT_ALLOWED', 'The person is admitted; assess them in the chart');
    const result = evaluatePrescreen(input.answers);
    const now = ctx.clock.now();
    const [last] = await repo.listPrescreens(tx, ctx.actor.organizationId, inquiryId);
    const id = await repo.insertPrescreen(tx, {
      organizationId: ctx.actor.organizationId,
      inquiryId,
      number: (last?.p.number ?? 0) + 1,
      answers: input.answers,
      verdict: result.verdict,
      flags: result.flags,
      ruleVersion: result.ruleVersion,
      notes: input.notes ?? null,
      recordedAt: now,
      recordedBy: ctx.actor.userId,
    });
    await repo.updateInquiry(tx, ctx.actor.organizationId, inquiryId, row.i.version, {
      prescreenVerdict: result.verdict,
      ...(row.i.stage === 'new' ? { stage: 'pre_screened' as const, stageChangedAt: now } : {}),
      updatedAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'inquiry.prescreen.create',
      resourceType: 'inquiry_prescreen',
      resourceId: id,
      details: { inquiryId, verdict: result.verdict, flags: result.flags.map((f) => f.code), ruleVersion: result.ruleVersion },
    });
    const created = (await repo.listPrescreens(tx, ctx.actor.organizationId, inquiryId)).find((p) => p.p.id === id);
    if (!created) throw new Error('pre-screen vanished inside its own transaction');
    return toView(created);
  });
}

export async function listPrescreens(ctx: Ctx, inquiryId: string): Promise<PrescreenView[]> {
  assertCan(ctx.actor, 'inquiry.read');
  return ctx.db.transaction(async (tx) => {
    await loadInquiry(tx, ctx, inquiryId);
    const rows = await repo.listPrescreens(tx, ctx.actor.organizationId, inquiryId);
    await recordAudit(tx, ctx, {
      action: 'inquiry.prescreen.list',
      resourceType: 'inquiry_prescreen',
      details: { inquiryId, count: rows.length },
    });
    return rows.map(toView);
  });
}

/** The newest pre-screen of an inquiry, for admission's safety check. */
export async function latestPrescreen(tx: Db, ctx: Ctx, inquiryId: string): Promise<PrescreenView | undefined> {
  const [row] = await repo.listPrescreens(tx, ctx.actor.organizationId, inquiryId);
  return row ? toView(row) : undefined;
}
