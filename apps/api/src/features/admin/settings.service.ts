import { eq, and } from 'drizzle-orm';
import { DomainError, type SettingsView, type settingsUpdate } from '@openiop/core';
import type { z } from 'zod';
import { organizations } from '../../db/schema/index';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';

type Row = typeof organizations.$inferSelect;
const toView = (r: Row): SettingsView => ({
  name: r.name,
  idleTimeoutMinutes: r.idleTimeoutMinutes,
  caseloadOnly: r.caseloadOnly,
  mfaRequiredRoles: r.mfaRequiredRoles,
  breakGlassMinutes: r.breakGlassMinutes,
  planReviewDays: r.planReviewDays,
  version: r.version,
});

export async function getSettings(ctx: Ctx): Promise<SettingsView> {
  assertCan(ctx.actor, 'settings.manage');
  const [row] = await ctx.db.select().from(organizations).where(eq(organizations.id, ctx.actor.organizationId));
  if (!row) throw new DomainError('NOT_FOUND');
  return toView(row);
}

export async function updateSettings(ctx: Ctx, version: number, patch: z.infer<typeof settingsUpdate>): Promise<SettingsView> {
  assertCan(ctx.actor, 'settings.manage');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(organizations)
      .set({ ...patch, version: version + 1, updatedAt: ctx.clock.now() })
      .where(and(eq(organizations.id, ctx.actor.organizationId), eq(organizations.version, version)))
      .returning();
    if (!row) throw new DomainError('PRECONDITION_FAILED', 'The settings were changed by someone else; reload and try again');
    await recordAudit(tx, ctx, {
      action: 'settings.update',
      resourceType: 'organization',
      resourceId: row.id,
      details: { fields: Object.keys(patch).sort() },
    });
    return toView(row);
  });
}
