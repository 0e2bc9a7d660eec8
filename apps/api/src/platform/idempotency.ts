import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { canonicalJson, DomainError } from '@openiop/core';
import { idempotencyKeys } from '../db/schema/index';
import { sha256 } from './crypto';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { organizationId: string; principal: string; key: string } | null;
  }
}

const PENDING = 'pending';

/**
 * Honours `Idempotency-Key` on POST: the first request with a key runs and its 2xx answer is kept; a retry with
 * the same key and body gets that answer again without running twice; the same key with another body is refused.
 */
export function registerIdempotency(app: FastifyInstance): void {
  app.decorateRequest('idempotency', null);
  app.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'POST' || !req.actor) return;
    const raw = req.headers['idempotency-key'];
    if (raw === undefined) return;
    if (typeof raw !== 'string' || !/^[\x21-\x7e]{8,200}$/.test(raw)) {
      throw new DomainError('VALIDATION_FAILED', undefined, [
        { path: 'Idempotency-Key', message: 'must be 8–200 visible ASCII characters' },
      ]);
    }
    const { db } = app.deps.database;
    const organizationId = req.actor.organizationId;
    const principal = req.actor.tokenId ?? req.actor.userId;
    const requestHash = sha256(`${req.method} ${req.url}\n${canonicalJson(req.body ?? null)}`);
    const inserted = await db
      .insert(idempotencyKeys)
      .values({ organizationId, principal, key: raw, requestHash, statusCode: PENDING, responseBody: '', createdAt: app.deps.clock.now() })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length) {
      req.idempotency = { organizationId, principal, key: raw };
      return;
    }
    const [prior] = await db
      .select()
      .from(idempotencyKeys)
      .where(
        and(eq(idempotencyKeys.organizationId, organizationId), eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, raw)),
      );
    if (!prior) throw new DomainError('CONFLICT', 'Retry the request');
    if (prior.requestHash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    if (prior.statusCode === PENDING) throw new DomainError('CONFLICT', 'A request with this Idempotency-Key is still running');
    return reply
      .status(Number(prior.statusCode))
      .header('idempotent-replayed', 'true')
      .type('application/json; charset=utf-8')
      .send(prior.responseBody);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const idem = req.idempotency;
    if (!idem) return payload;
    req.idempotency = null;
    const where = and(
      eq(idempotencyKeys.organizationId, idem.organizationId),
      eq(idempotencyKeys.principal, idem.principal),
      eq(idempotencyKeys.key, idem.key),
    );
    const { db } = app.deps.database;
    if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
      await db
        .update(idempotencyKeys)
        .set({ statusCode: String(reply.statusCode), responseBody: payload })
        .where(where);
    } else {
      // A failed request changed nothing, so the same key may be used again.
      await db.delete(idempotencyKeys).where(where);
    }
    return payload;
  });
}
