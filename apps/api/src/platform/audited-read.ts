import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database';
import { canonicalJsonSql, eventOf, standIn, type RawAuditInput } from './audit';
import type { Ctx } from './context';

export interface AuditedReadSpec {
  /**
   * The read, as one select; the statement names it `target`. It must return an integer column `ord` that
   * orders the rows (a single-row read can select `1 as ord`).
   */
  rows: SQL;
  event: Omit<RawAuditInput, 'breakGlass'>;
  /** Whether the read happened under break-the-glass, as a boolean SQL expression that may look at `target`. */
  breakGlass: SQL;
  /** Details only the rows can tell (a count, the ids shown), as SQL expressions over `target` giving JSON text. */
  computedDetails?: Record<string, SQL>;
  /**
   * `found`: a read that finds nothing leaves no event (opening a chart that is not there or not yours);
   * `always`: the event is written even when no row comes back (a search with no matches is still a search).
   */
  when: 'found' | 'always';
}

/** The audit fields a service knows from its request context. */
export const auditFieldsOf = (ctx: Pick<Ctx, 'actor' | 'clock' | 'ip' | 'userAgent'>) => ({
  organizationId: ctx.actor.organizationId,
  actorUserId: ctx.actor.userId,
  actorTokenId: ctx.actor.tokenId,
  occurredAt: ctx.clock.now(),
  ip: ctx.ip,
  userAgent: ctx.userAgent,
});

/**
 * A read of patient data and its audit event in **one statement**, hence one transaction: the rows are
 * selected, the organization's chain head is locked, the event is hashed in SQL over the same canonical text
 * `verifyChain` checks, the head moves and the event is inserted. Nothing comes back unless the event was
 * written. It runs on its own, never inside another transaction (`Database.statement`). One round trip instead of four (BEGIN, select, append, COMMIT), and the head's lock is held only for
 * the end of the statement: the select runs before the lock is taken (the head's condition reads `target`).
 */
export async function auditedRead<T extends object>(database: Database, spec: AuditedReadSpec): Promise<T[]> {
  const seq = standIn();
  const prev = standIn();
  const breakGlass = standIn();
  const computed = Object.entries(spec.computedDetails ?? {}).map(([key, expr]) => ({ key, expr, standIn: standIn() }));
  const details = { ...(spec.event.details ?? {}), ...Object.fromEntries(computed.map((c) => [c.key, c.standIn])) };
  const detailHoles = new Map(computed.map((c) => [c.standIn, c.expr]));
  const event = {
    ...eventOf({ ...spec.event, details }),
    seq: seq as unknown as number,
    prevHash: prev,
    breakGlass: breakGlass as unknown as boolean,
  };
  const text = canonicalJsonSql(
    event,
    new Map([
      ...detailHoles,
      [prev, sql`'"' || next.prev_hash || '"'`],
      [seq, sql`next.seq::text`],
      [breakGlass, sql`case when next.break_glass then 'true' else 'false' end`],
    ]),
  );
  const detailsText = canonicalJsonSql(details, detailHoles);
  const org = spec.event.organizationId;
  const readFirst = spec.when === 'found' ? sql`exists (select 1 from target)` : sql`(select count(*) from target) >= 0`;
  const rows = await database.statement<T & { auditSeq: unknown; ord: unknown }>(sql`
    with target as (${spec.rows}),
    head as (
      select seq, hash from audit_heads where organization_id = ${org} and ${readFirst} for update
    ), next as (
      select head.seq + 1 as seq, head.hash as prev_hash, coalesce((${spec.breakGlass}), false) as break_glass from head
    ), hashed as (
      select next.seq, next.prev_hash, next.break_glass, ${detailsText} as details_text,
        encode(sha256(convert_to(${text}, 'UTF8')), 'hex') as hash
      from next
    ), moved as (
      update audit_heads set seq = hashed.seq, hash = hashed.hash from hashed where audit_heads.organization_id = ${org}
    ), logged as (
      insert into audit_events (organization_id, seq, occurred_at, actor_user_id, actor_token_id, action, patient_id, resource_type,
        resource_id, ip, user_agent, break_glass, details, prev_hash, hash)
      select ${org}, hashed.seq, ${event.occurredAt}::timestamptz, ${event.actorUserId}, ${event.actorTokenId}, ${event.action},
        ${event.patientId}, ${event.resourceType}, ${event.resourceId}, ${event.ip}, ${event.userAgent}, hashed.break_glass,
        hashed.details_text::jsonb, hashed.prev_hash, hashed.hash
      from hashed
      returning seq
    )
    select target.*, logged.seq as "auditSeq" from logged left join target on true order by target.ord`);
  if (spec.when === 'always' && rows.length === 0) throw new Error('audit chain head missing for organization');
  return rows.filter((r) => r.ord !== null && r.ord !== undefined).map(({ auditSeq: _a, ord: _o, ...row }) => row as unknown as T);
}
