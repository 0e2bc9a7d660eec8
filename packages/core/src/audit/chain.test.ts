import { describe, expect, it } from 'vitest';
import { canonicalJson, chainText, GENESIS_HASH, verifyChain, type ChainedEvent } from './chain';

// Verification takes the hash function as a parameter (the api passes SHA-256); a small FNV-1a keeps core Node-free.
const sha = (s: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
};

function chain(n: number): (ChainedEvent & { hash: string })[] {
  const out: (ChainedEvent & { hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq += 1) {
    const e: ChainedEvent = {
      organizationId: 'org',
      seq,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
      actorUserId: 'u1',
      actorTokenId: null,
      action: 'chart.open',
      patientId: `p${seq}`,
      resourceType: 'patient',
      resourceId: `p${seq}`,
      ip: '127.0.0.1',
      userAgent: 'test',
      breakGlass: false,
      details: { b: 1, a: [2, { d: 3, c: 4 }] },
      prevHash: prev,
    };
    const hash = sha(chainText(e));
    out.push({ ...e, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('an intact chain verifies', () => {
    expect(verifyChain(chain(5), sha)).toEqual({ ok: true, checked: 5 });
  });

  it('an empty chain verifies', () => {
    expect(verifyChain([], sha)).toEqual({ ok: true, checked: 0 });
  });

  const tamper: [string, (c: ReturnType<typeof chain>) => void, number, RegExp][] = [
    ['an altered field', (c) => void (c[2]!.action = 'patient.read'), 3, /altered/],
    ['an altered detail', (c) => void (c[3]!.details = { b: 2 }), 4, /altered/],
    ['a removed event', (c) => void c.splice(1, 1), 2, /missing/],
    [
      'a rewritten event with its own hash fixed up',
      (c) => {
        const e = c[1]!;
        e.breakGlass = true;
        const { hash: _h, ...fields } = e;
        e.hash = sha(chainText(fields));
      },
      3,
      /does not point/,
    ],
  ];
  it.each(tamper)('%s names the first broken link', (_name, mutate, brokenAt, reason) => {
    const c = chain(5);
    mutate(c);
    const r = verifyChain(c, sha);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.brokenAt).toBe(brokenAt);
      expect(r.reason).toMatch(reason);
    }
  });
});
