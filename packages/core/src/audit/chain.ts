/**
 * The audit trail is hash-chained per organization: each event's hash covers its own fields and the previous
 * event's hash, so altering or removing any stored event breaks every link after it. This module decides the
 * canonical text that is hashed; the api supplies the hash function (core does no I/O and needs no crypto).
 */
export interface ChainedEvent {
  organizationId: string;
  seq: number;
  occurredAt: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  action: string;
  patientId: string | null;
  resourceType: string;
  resourceId: string | null;
  ip: string | null;
  userAgent: string | null;
  breakGlass: boolean;
  details: Record<string, unknown>;
  prevHash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Stable JSON: object keys sorted at every depth so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainText(e: ChainedEvent): string {
  return canonicalJson(e);
}

export type VerifyResult = { ok: true; checked: number } | { ok: false; checked: number; brokenAt: number; reason: string };

/** Walks events in seq order and names the first broken link. */
export function verifyChain(
  events: Iterable<ChainedEvent & { hash: string }>,
  hash: (text: string) => string,
  start: { seq: number; prevHash: string } = { seq: 0, prevHash: GENESIS_HASH },
): VerifyResult {
  let expectedPrev = start.prevHash;
  let expectedSeq = start.seq + 1;
  let checked = 0;
  for (const e of events) {
    if (e.seq !== expectedSeq) {
      return { ok: false, checked, brokenAt: expectedSeq, reason: `event ${expectedSeq} is missing` };
    }
    if (e.prevHash !== expectedPrev) {
      return { ok: false, checked, brokenAt: e.seq, reason: `event ${e.seq} does not point at the hash of event ${e.seq - 1}` };
    }
    const { hash: stored, ...fields } = e;
    if (hash(chainText(fields)) !== stored) {
      return { ok: false, checked, brokenAt: e.seq, reason: `event ${e.seq} was altered after it was written` };
    }
    expectedPrev = stored;
    expectedSeq += 1;
    checked += 1;
  }
  return { ok: true, checked };
}
