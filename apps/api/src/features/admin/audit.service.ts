import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { AuditEventView, auditQuery } from '@openiop/core';
import type { z } from 'zod';
import { auditEvents, users } from '../../db/schema/index';
import { assertCan, type Ctx } from '../../platform/context';
import { recordAudit } from '../../platform/audit';

type Query = z.infer<typeof auditQuery>;

/** Newest first; the cursor is the last seq seen. Reading the trail is itself audited. */
export async function searchAudit(ctx: Ctx, q: Query): Promise<{ items: AuditEventView[]; nextCursor: string | null }> {
  assertCan(ctx.actor, 'audit.read');
  const where: SQL[] = [eq(auditEvents.organizationId, ctx.actor.organizationId)];
  if (q.userId) where.push(eq(auditEvents.actorUserId, q.userId));
  if (q.patientId) where.push(eq(auditEvents.patientId, q.patientId));
  if (q.action) where.push(sql`${auditEvents.action} like ${`${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (q.from) where.push(gte(auditEvents.occurredAt, new Date(q.from)));
  if (q.to) where.push(lte(auditEvents.occurredAt, new Date(q.to)));
  if (q.cursor && /^\d{1,15}$/.test(q.cursor)) where.push(lt(auditEvents.seq, Number(q.cursor)));
  const limit = q.format === 'csv' ? 10_000 : q.limit;
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select({
        seq: auditEvents.seq,
        occurredAt: auditEvents.occurredAt,
        actorUserId: auditEvents.actorUserId,
        actorName: users.name,
        action: auditEvents.action,
        patientId: auditEvents.patientId,
        resourceType: auditEvents.resourceType,
        resourceId: auditEvents.resourceId,
        ip: auditEvents.ip,
        userAgent: auditEvents.userAgent,
        breakGlass: auditEvents.breakGlass,
      })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(and(...where))
      .orderBy(desc(auditEvents.seq))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    await recordAudit(tx, ctx, {
      action: q.format === 'csv' ? 'audit.export' : 'audit.search',
      resourceType: 'audit',
      patientId: q.patientId ?? null,
      details: { count: page.length, filters: { userId: q.userId ?? null, patientId: q.patientId ?? null, action: q.action ?? null } },
    });
    const last = page.at(-1);
    return {
      items: page.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() })),
      nextCursor: rows.length > limit && last ? String(last.seq) : null,
    };
  });
}

const csvCell = (v: string | number | boolean | null): string => {
  const s = v === null ? '' : String(v);
  // Quote everything; neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
};

export function auditCsv(items: AuditEventView[]): string {
  const cols: (keyof AuditEventView)[] = [
    'seq',
    'occurredAt',
    'actorUserId',
    'actorName',
    'action',
    'patientId',
    'resourceType',
    'resourceId',
    'ip',
    'userAgent',
    'breakGlass',
  ];
  return [cols.join(','), ...items.map((e) => cols.map((c) => csvCell(e[c])).join(','))].join('\r\n') + '\r\n';
}
