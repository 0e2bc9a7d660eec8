import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { DomainError } from '@openiop/core';
import type { Db } from '../../db/database';
import { breakGlassGrants, users } from '../../db/schema/index';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { locateByMrn } from '../patients/patients.service';

/**
 * Emergency access: a clinician opens a chart outside their scope by giving the MRN and a reason. Access lasts
 * the organization's configured minutes and every grant waits in the director's review queue.
 */
export async function breakGlass(ctx: Ctx, mrn: string, reason: string) {
  assertCan(ctx.actor, 'breakglass.request');
  return ctx.db.transaction(async (tx) => {
    const db = tx as Db;
    const found = await locateByMrn(db, ctx, mrn);
    if (!found) throw new DomainError('NOT_FOUND', 'No patient with that MRN');
    if (found.inScope) return { patientId: found.id, expiresAt: null, needed: false };
    const now = ctx.clock.now();
    const expiresAt = new Date(now.getTime() + ctx.actor.settings.breakGlassMinutes * 60_000);
    const [grant] = await db
      .insert(breakGlassGrants)
      .values({
        organizationId: ctx.actor.organizationId,
        patientId: found.id,
        userId: ctx.actor.userId,
        reason,
        grantedAt: now,
        expiresAt,
      })
      .returning({ id: breakGlassGrants.id });
    await recordAudit(db, ctx, {
      action: 'patient.break_glass',
      resourceType: 'break_glass',
      resourceId: grant?.id ?? null,
      patientId: found.id,
      breakGlass: true,
    });
    return { patientId: found.id, expiresAt: expiresAt.toISOString(), needed: true };
  });
}

export async function listGrants(ctx: Ctx, status: 'unreviewed' | 'all') {
  assertCan(ctx.actor, 'breakglass.review');
  const rows = await ctx.db
    .select({
      id: breakGlassGrants.id,
      patientId: breakGlassGrants.patientId,
      userId: breakGlassGrants.userId,
      userName: users.name,
      reason: breakGlassGrants.reason,
      grantedAt: breakGlassGrants.grantedAt,
      expiresAt: breakGlassGrants.expiresAt,
      reviewedAt: breakGlassGrants.reviewedAt,
      reviewedBy: sql<string | null>`(select r.name from users r where r.id = ${breakGlassGrants.reviewedBy})`,
      reviewNote: breakGlassGrants.reviewNote,
    })
    .from(breakGlassGrants)
    .innerJoin(users, eq(users.id, breakGlassGrants.userId))
    .where(
      and(
        eq(breakGlassGrants.organizationId, ctx.actor.organizationId),
        status === 'unreviewed' ? isNull(breakGlassGrants.reviewedAt) : undefined,
      ),
    )
    .orderBy(desc(breakGlassGrants.grantedAt), desc(breakGlassGrants.id))
    .limit(500);
  return rows.map((r) => ({
    ...r,
    grantedAt: r.grantedAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
  }));
}

export async function reviewGrant(ctx: Ctx, id: string, note: string): Promise<void> {
  assertCan(ctx.actor, 'breakglass.review');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(breakGlassGrants)
      .set({ reviewedAt: ctx.clock.now(), reviewedBy: ctx.actor.userId, reviewNote: note })
      .where(
        and(
          eq(breakGlassGrants.organizationId, ctx.actor.organizationId),
          eq(breakGlassGrants.id, id),
          isNull(breakGlassGrants.reviewedAt),
        ),
      )
      .returning({ patientId: breakGlassGrants.patientId });
    if (!row) throw new DomainError('NOT_FOUND', 'No unreviewed grant with that id');
    await recordAudit(tx, ctx, { action: 'break_glass.review', resourceType: 'break_glass', resourceId: id, patientId: row.patientId });
  });
}
