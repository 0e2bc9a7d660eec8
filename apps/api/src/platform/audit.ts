import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { canonicalJson, GENESIS_HASH, verifyChain, type ChainedEvent, type VerifyResult } from '@openiop/core';
import type { Db } from '../db/database';
import { auditEvents, auditHeads } from '../db/schema/index';
import type { Ctx } from './context';
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
 * Canonical JSON as SQL, with some values filled in by the database. Each hole is a value only the statement
 * knows (the locked chain head's seq and hash, or a count from the rows being read): the value is written out with
 * a unique stand-in string for each hole, the text is cut around the stand-ins and joined back with the SQL
 * expressions that give those values as JSON text. `verifyChain` later rebuilds the same text in JavaScript.
 */
export function canonicalJsonSql(value: unknown, holes: ReadonlyMap<string, SQL>): SQL {
  let pieces: (string | SQL)[] = [canonicalJson(value)];
  for (const [standIn, expr] of holes) {
    const token = JSON.stringify(standIn);
    const next: (string | SQL)[] = [];
    let found = 0;
    for (const piece of pieces) {
      if (typeof piece !== 'string') {
        next.push(piece);
        continue;
      }
      const parts = piece.split(token);
      found += parts.length - 1;
      parts.forEach((part, i) => {
        if (i > 0) next.push(expr);
        next.push(part);
      });
    }
    if (found !== 1) throw new Error('audit event text has no single place for a value the statement fills in');
    pieces = next;
  }
  return sql.join(
    pieces.map((p) => (typeof p === 'string' ? sql`${p}::text` : sql`(${p})`)),
    sql` || `,
  );
}

/** A stand-in for a value the statement fills in; random, so it cannot collide with anything in the event. */
export const standIn = (): string => `hole-${randomToken(12)}`;

export const eventOf = (input: RawAuditInput): ChainedEvent => ({
  organizationId: input.organizationId,
  seq: 0,
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
  prevHash: GENESIS_HASH,
});

/**
 * One statement locks the organization's chain head, computes the next hash in SQL over the same canonical text
 * `verifyChain` checks, moves the head and inserts the event, so the head's lock is held for one round trip and
 * the chain can never fork.
 */
export async function appendAudit(tx: Db, input: RawAuditInput): Promise<void> {
  const seq = standIn();
  const prev = standIn();
  const event = { ...eventOf(input), seq: seq as unknown as number, prevHash: prev };
  const text = canonicalJsonSql(
    event,
    new Map([
      [prev, sql`'"' || head.hash || '"'`],
      [seq, sql`(head.seq + 1)::text`],
    ]),
  );
  const rows = await tx.execute(sql`
    with head as (
      select seq, hash from audit_heads where organization_id = ${input.organizationId} for update
    ), next as (
      select head.seq + 1 as seq, head.hash as prev_hash, encode(sha256(convert_to(${text}, 'UTF8')), 'hex') as hash
      from head
    ), moved as (
      update audit_heads set seq = next.seq, hash = next.hash from next where audit_heads.organization_id = ${input.organizationId}
    )
    insert into audit_events (organization_id, seq, occurred_at, actor_user_id, actor_token_id, action, patient_id, resource_type,
      resource_id, ip, user_agent, break_glass, details, prev_hash, hash)
    select ${input.organizationId}, next.seq, ${event.occurredAt}::timestamptz, ${event.actorUserId}, ${event.actorTokenId},
      ${event.action}, ${event.patientId}, ${event.resourceType}, ${event.resourceId}, ${event.ip}, ${event.userAgent}, ${event.breakGlass},
      ${JSON.stringify(event.details)}::jsonb, next.prev_hash, next.hash
    from next
    returning seq`);
  if (rowsOf(rows).length !== 1) throw new Error('audit chain head missing for organization');
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
