import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@openiop/core';

/** ETag of a versioned record. */
export const etagOf = (version: number): string => `"${version}"`;

export function sendWithEtag<T extends { version: number }>(reply: FastifyReply, view: T): T {
  void reply.header('etag', etagOf(view.version));
  return view;
}

/**
 * Every update names the version it was based on; a write against a stale read is refused (412) rather than
 * silently overwriting someone else's change.
 */
export function expectedVersion(req: FastifyRequest): number {
  const header = req.headers['if-match'];
  if (!header) throw new DomainError('PRECONDITION_REQUIRED', 'Send the ETag you read in an If-Match header');
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (!match) throw new DomainError('PRECONDITION_FAILED', 'The If-Match header does not match this record');
  return Number(match[1]);
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | undefined {
  if (!cursor) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values;
    }
  } catch {
    /* fall through */
  }
  throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'cursor', message: 'is not a cursor this list returned' }]);
}

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
