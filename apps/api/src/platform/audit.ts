import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { chainText, GENESIS_HASH, verifyChain, type ChainedEvent, type VerifyResult } from '@openiop/core';
import type { Db } from '../db/database';
import { auditEvents, auditHeads } from '../db/schema/index';
import type { Ctx } from './context';
import { sha256 } from './crypto';

export interface AuditInput {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  patientId?: string | null;
  breakGlass?: boolean;
  /** Identifiers and counts only — never names, notes or other PHI. */
  details?: Record<string, unknown>;
}

/**
 * Appends one event to the organization's hash chain. Call it inside the transaction that reads or writes the
 * patient data it describes, so the data and its trail commit or roll back together.
 */
export async function recordAudit(tx: Db, ctx: Pick<Ctx, 'actor' | 'clock' | 'ip' | 'userAgent'>, input: AuditInput): Promise<void> {
  await appendAudit(tx, {
    organizationId: ctx.actor.organizationId,
    actorUserId: ctx.actor.userId,
    actorTokenId: ctx.actor.tokenId,
    occurredAt: ctx.clock.now(),
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    ...input,
  });
}

export interface RawAuditInput extends AuditInput {
  organizationId: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  occurredAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export async function appendAudit(tx: Db, input: RawAuditInput): Promise<void> {
  // Taking the head row's lock serialises appends per organization, so the chain never forks.
  const [head] = await tx
    .update(auditHeads)
    .set({ seq: sql`${auditHeads.seq} + 1` })
    .where(eq(auditHeads.organizationId, input.organizationId))
    .returning({ seq: auditHeads.seq, prevHash: auditHeads.hash });
  if (!head) throw new Error('audit chain head missing for organization');
  const event: ChainedEvent = {
    organizationId: input.organizationId,
    seq: head.seq,
    occurredAt: input.occurredAt.toISOString(),
    actorUserId: input.actorUserId,
    actorTokenId: input.actorTokenId,
    action: input.action,
    patientId: input.patientId ?? null,
    resourceType: input.resourceType,
    resourceId: input.resourceId ?? null,
    ip: input.ip,
    userAgent: input.userAgent,
    breakGlass: input.breakGlass ?? false,
    details: input.details ?? {},
    prevHash: head.prevHash,
  };
  const hash = sha256(chainText(event));
  // Moving the head and inserting the event in one statement keeps the head's lock (and the round trips) short.
  const moveHead = tx.$with('move_head').as(
    tx.update(auditHeads).set({ hash }).where(eq(auditHeads.organizationId, input.organizationId)).returning({ seq: auditHeads.seq }),
  );
  await tx.with(moveHead).insert(auditEvents).values({ ...event, occurredAt: input.occurredAt, hash });
}

export async function startAuditChain(tx: Db, organizationId: string): Promise<void> {
  await tx.insert(auditHeads).values({ organizationId, seq: 0, hash: GENESIS_HASH });
}

type Row = typeof auditEvents.$inferSelect;
const toChained = (r: Row): ChainedEvent & { hash: string } => ({
  organizationId: r.organizationId,
  seq: r.seq,
  occurredAt: r.occurredAt.toISOString(),
  actorUserId: r.actorUserId,
  actorTokenId: r.actorTokenId,
  action: r.action,
  patientId: r.patientId,
  resourceType: r.resourceType,
  resourceId: r.resourceId,
  ip: r.ip,
  userAgent: r.userAgent,
  breakGlass: r.breakGlass,
  details: r.details,
  prevHash: r.prevHash,
  hash: r.hash,
});

/** Walks one organization's chain in pages and names the first broken link; also checks the head. */
export async function verifyAuditChain(db: Db, organizationId: string): Promise<VerifyResult> {
  let last = { seq: 0, prevHash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, organizationId), gt(auditEvents.seq, last.seq)))
      .orderBy(asc(auditEvents.seq))
      .limit(5000);
    const result = verifyChain(rows.map(toChained), sha256, last);
    checked += result.checked;
    if (!result.ok) return { ...result, checked };
    const tail = rows.at(-1);
    if (!tail) break;
    last = { seq: tail.seq, prevHash: tail.hash };
  }
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.organizationId, organizationId));
  if (head && (head.seq !== last.seq || head.hash !== last.prevHash)) {
    return { ok: false, checked, brokenAt: last.seq + 1, reason: `events after ${last.seq} are missing (head is at ${head.seq})` };
  }
  return { ok: true, checked };
}
