import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { chainText, GENESIS_HASH, verifyChain, type ChainedEvent, type VerifyResult } from '@openiop/core';
import type { Db } from '../db/database';
import { auditEvents, auditHeads } from '../db/schema/index';
import type { Ctx } from './context';
import { randomInt } from 'node:crypto';
import { randomToken, sha256 } from './crypto';

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

/**
 * One statement locks the organization's chain head, computes the next hash in SQL over the same canonical text
 * `verifyChain` checks, moves the head and inserts the event, so the head's lock is held for one round trip and
 * the chain can never fork. The canonical text is built here with stand-ins for the two values only the locked
 * head knows (its seq and hash), then split around them.
 */
export async function appendAudit(tx: Db, input: RawAuditInput): Promise<void> {
  const prevStandIn = `prev-${randomToken(12)}`;
  const seqStandIn = 2 ** 52 + randomInt(2 ** 40);
  const event: ChainedEvent = {
    organizationId: input.organizationId,
    seq: seqStandIn,
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
    prevHash: prevStandIn,
  };
  const text = chainText(event);
  const prevToken = `"prevHash":${JSON.stringify(prevStandIn)}`;
  const seqToken = `"seq":${seqStandIn}`;
  const [a, rest] = splitOnce(text, prevToken);
  const [b, c] = splitOnce(rest, seqToken);
  const rows = await tx.execute(sql`
    with head as (
      select seq, hash from audit_heads where organization_id = ${input.organizationId} for update
    ), next as (
      select head.seq + 1 as seq, head.hash as prev_hash,
        encode(sha256(convert_to(${a} || '"prevHash":"' || head.hash || '"' || ${b} || '"seq":' || (head.seq + 1)::text || ${c}, 'UTF8')), 'hex') as hash
      from head
    ), moved as (
      update audit_heads set seq = next.seq, hash = next.hash from next where audit_heads.organization_id = ${input.organizationId}
    )
    insert into audit_events (organization_id, seq, occurred_at, actor_user_id, actor_token_id, action, patient_id, resource_type,
      resource_id, ip, user_agent, break_glass, details, prev_hash, hash)
    select ${input.organizationId}, next.seq, ${input.occurredAt.toISOString()}::timestamptz, ${event.actorUserId}, ${event.actorTokenId},
      ${event.action}, ${event.patientId}, ${event.resourceType}, ${event.resourceId}, ${event.ip}, ${event.userAgent}, ${event.breakGlass},
      ${JSON.stringify(event.details)}::jsonb, next.prev_hash, next.hash
    from next
    returning seq`);
  if (rowsOf(rows).length !== 1) throw new Error('audit chain head missing for organization');
}

function splitOnce(text: string, token: string): [string, string] {
  const i = text.indexOf(token);
  if (i < 0 || text.indexOf(token, i + 1) >= 0) throw new Error('audit event text has no single place for the chained value');
  return [text.slice(0, i), text.slice(i + token.length)];
}

const rowsOf = (result: unknown): unknown[] => (result as { rows: unknown[] }).rows;

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
