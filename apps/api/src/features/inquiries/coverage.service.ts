import { DomainError, estimateCost, paymentPlan, type CostEstimateView, type CoverageInput, type CoverageView } from '@openiop/core';
import { eq } from 'drizzle-orm';
import { organizations } from '../../db/schema/index';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import * as repo from './inquiries.repo';
import { loadInquiry } from './inquiries.service';
import { displayNameOf } from './inquiries.views';

export async function getCoverage(ctx: Ctx, inquiryId: string): Promise<CoverageView> {
  assertCan(ctx.actor, 'inquiry.read');
  return ctx.db.transaction(async (tx) => {
    await loadInquiry(tx, ctx, inquiryId);
    const row = await repo.getCoverage(tx, ctx.actor.organizationId, inquiryId);
    await recordAudit(tx, ctx, { action: 'inquiry.coverage.read', resourceType: 'inquiry_coverage', details: { inquiryId } });
    return { coverage: row?.terms ?? null, version: row?.version ?? 0 };
  });
}

/**
 * Saves the insurance or self-pay terms. Version 0 means "there is none yet" (the first save); after that the
 * caller sends the version it read, like every other update.
 */
export async function saveCoverage(ctx: Ctx, inquiryId: string, version: number, input: CoverageInput): Promise<CoverageView> {
  assertCan(ctx.actor, 'inquiry.write');
  return ctx.db.transaction(async (tx) => {
    await loadInquiry(tx, ctx, inquiryId);
    const current = await repo.getCoverage(tx, ctx.actor.organizationId, inquiryId);
    const stale = () => new DomainError('PRECONDITION_FAILED', 'The coverage was changed by someone else; reload and try again');
    const now = ctx.clock.now();
    const payerName = input.kind === 'insurance' ? input.payerName : null;
    if (!current) {
      if (version !== 0) throw stale();
      await repo.insertCoverage(tx, {
        organizationId: ctx.actor.organizationId,
        inquiryId,
        kind: input.kind,
        payerName,
        terms: input,
        createdAt: now,
        updatedAt: now,
      });
    } else {
      if (current.version !== version) throw stale();
      if (
        !(await repo.updateCoverage(tx, ctx.actor.organizationId, inquiryId, version, {
          kind: input.kind,
          payerName,
          terms: input,
          updatedAt: now,
        }))
      )
        throw stale();
    }
    await recordAudit(tx, ctx, {
      action: 'inquiry.coverage.save',
      resourceType: 'inquiry_coverage',
      details: { inquiryId, kind: input.kind },
    });
    return { coverage: input, version: (current?.version ?? 0) + 1 };
  });
}

/** The person's estimated cost and, for self-pay with a plan, the instalments; computed fresh each time. */
export async function costEstimate(ctx: Ctx, inquiryId: string): Promise<CostEstimateView> {
  assertCan(ctx.actor, 'inquiry.read');
  return ctx.db.transaction(async (tx) => {
    const inquiry = await loadInquiry(tx, ctx, inquiryId);
    const row = await repo.getCoverage(tx, ctx.actor.organizationId, inquiryId);
    if (!row) throw new DomainError('CONFLICT', 'Record insurance or self-pay terms first');
    const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, ctx.actor.organizationId));
    const c = row.terms;
    const program = {
      weeks: c.programWeeks,
      daysPerWeek: c.daysPerWeek,
      dayRateCents: c.dayRateCents,
      selfPayDayRateCents: c.kind === 'self_pay' ? (c.selfPayDayRateCents ?? null) : null,
    };
    const estimate =
      c.kind === 'self_pay'
        ? estimateCost({ kind: 'self_pay' }, program)
        : estimateCost(
            {
              kind: 'insurance',
              // Unknown coverage is estimated as covered, and the page says it is not yet confirmed.
              iopCovered: c.iopCovered ?? true,
              copayPerDayCents: c.copayPerDayCents,
              coinsurancePercent: c.coinsurancePercent,
              deductibleCents: c.deductibleCents,
              deductibleMetCents: c.deductibleMetCents,
              outOfPocketMaxCents: c.outOfPocketMaxCents,
              outOfPocketMetCents: c.outOfPocketMetCents,
            },
            program,
          );
    const notes = [...estimate.notes];
    if (c.kind === 'insurance' && c.iopCovered === null) notes.push('IOP coverage is not confirmed with the plan yet.');
    if (c.kind === 'insurance' && c.authorizationRequired) notes.push('The plan needs a prior authorization before the first day.');
    const plan =
      c.kind === 'self_pay' && c.paymentPlan
        ? paymentPlan(estimate.personPaysCents, c.paymentPlan.instalments, c.paymentPlan.firstDueOn)
        : null;
    await recordAudit(tx, ctx, { action: 'inquiry.cost_estimate', resourceType: 'inquiry_coverage', details: { inquiryId, kind: c.kind } });
    return {
      personName: [inquiry.i.givenName, inquiry.i.familyName].filter(Boolean).join(' ') || displayNameOf(inquiry.i),
      organizationName: org?.name ?? '',
      kind: c.kind,
      payerName: c.kind === 'insurance' ? c.payerName : null,
      authorizationRequired: c.kind === 'insurance' ? c.authorizationRequired : null,
      iopCoveredKnown: c.kind === 'self_pay' || c.iopCovered !== null,
      days: estimate.days,
      chargesCents: estimate.chargesCents,
      personPaysCents: estimate.personPaysCents,
      planPaysCents: estimate.planPaysCents,
      lines: estimate.lines,
      notes,
      paymentPlan: plan,
      computedAt: ctx.clock.now().toISOString(),
    };
  });
}
