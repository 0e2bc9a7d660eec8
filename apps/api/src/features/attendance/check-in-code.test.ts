import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { acceptsCode, codeWindow, truncateDigest, windowMessage } from '@openiop/core';
import { codeFor } from './check-in-code';

describe('check-in code', () => {
  it('is RFC 6238 TOTP with SHA-256 (the RFC’s test vectors, 8 digits, 30 s steps)', () => {
    const secret = '12345678901234567890123456789012';
    const totp = (t: number) =>
      truncateDigest(
        createHmac('sha256', secret)
          .update(windowMessage(Math.floor(t / 30)))
          .digest(),
        8,
      );
    expect(totp(59)).toBe('46119246');
    expect(totp(1111111109)).toBe('68084774');
    expect(totp(1234567890)).toBe('91819424');
    expect(totp(20000000000)).toBe('77737706');
  });

  it('accepts the current and the previous minute’s code of the same secret only', () => {
    const now = new Date('2026-11-16T17:00:30Z');
    const w = codeWindow(now);
    const codeOf = (x: number) => codeFor('secret-a', x);
    expect(codeOf(w)).toMatch(/^\d{6}$/);
    expect(acceptsCode(codeOf(w), now, codeOf)).toBe(true);
    expect(acceptsCode(codeOf(w - 1), now, codeOf)).toBe(true);
    expect(acceptsCode(codeOf(w - 2), now, codeOf)).toBe(false);
    const other = codeFor('secret-b', w);
    expect(acceptsCode(other, now, codeOf)).toBe(other === codeOf(w) || other === codeOf(w - 1));
  });
});
