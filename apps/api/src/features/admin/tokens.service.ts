import { and, desc, eq, isNull } from 'drizzle-orm';
import { DomainError, type apiTokenCreate } from '@openiop/core';
import type { z } from 'zod';
import { apiTokens } from '../../db/schema/index';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { randomToken, sha256 } from '../../platform/crypto';

type Row = typeof apiTokens.$inferSelect;
const toView = (r: Row) => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes as ('patients:read' | 'patients:write' | 'audit:read')[],
  prefix: r.prefix,
  createdAt: r.createdAt.toISOString(),
  expiresAt: r.expiresAt.toISOString(),
  revokedAt: r.revokedAt?.toISOString() ?? null,
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
});

export async function listTokens(ctx: Ctx) {
  assertCan(ctx.actor, 'token.manage');
  const rows = await ctx.db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.organizationId, ctx.actor.organizationId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map(toView);
}

/**
 * Issues a token that acts for the admin who created it, narrowed to its scopes. The secret is shown once;
 * only its SHA-256 is stored.
 */
export async function createToken(ctx: Ctx, input: z.infer<typeof apiTokenCreate>) {
  assertCan(ctx.actor, 'token.manage');
  if (ctx.actor.kind === 'token') throw new DomainError('FORBIDDEN', 'An API token cannot create tokens');
  const secret = `oiop_${randomToken(32)}`;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        organizationId: ctx.actor.organizationId,
        userId: ctx.actor.userId,
        name: input.name,
        scopes: input.scopes,
        prefix: secret.slice(0, 10),
        tokenHash: sha256(secret),
        createdAt: now,
        expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, ctx, {
      action: 'token.create',
      resourceType: 'api_token',
      resourceId: row.id,
      details: { scopes: input.scopes },
    });
    return { ...toView(row), token: secret };
  });
}

export async function revokeToken(ctx: Ctx, id: string): Promise<void> {
  assertCan(ctx.actor, 'token.manage');
  await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(apiTokens)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(apiTokens.organizationId, ctx.actor.organizationId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (!rows.length) throw new DomainError('NOT_FOUND', 'No such active token');
    await recordAudit(tx, ctx, { action: 'token.revoke', resourceType: 'api_token', resourceId: id });
  });
}
