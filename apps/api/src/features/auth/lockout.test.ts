import { describe, expect, it } from 'vitest';
import { lockoutFor } from './auth.service';
import { hashRecoveryCode, newRecoveryCodes, newMfaSecret, totpCode, totpStep } from './mfa';

describe('lockoutFor (back-off, then lockout)', () => {
  it.each([
    [1, 0],
    [4, 0],
    [5, 30],
    [6, 60],
    [7, 120],
    [9, 480],
    [10, 900],
    [50, 900],
  ])('%i failures → locked %i s', (failures, seconds) => expect(lockoutFor(failures)).toBe(seconds * 1000));
});

describe('TOTP and recovery codes', () => {
  const now = new Date('2026-03-08T09:59:50Z');
  it('accepts the current code and one step of drift, not two', () => {
    const secret = newMfaSecret();
    const step = Math.floor(now.getTime() / 30_000);
    expect(totpStep(totpCode(secret, now), secret, now)).toBe(step);
    expect(totpStep(totpCode(secret, new Date(now.getTime() - 30_000)), secret, now)).toBe(step - 1);
    expect(totpStep(totpCode(secret, new Date(now.getTime() + 30_000)), secret, now)).toBe(step + 1);
    expect(totpStep(totpCode(secret, new Date(now.getTime() - 90_000)), secret, now)).toBeNull();
  });

  it('makes ten distinct recovery codes and hashes them case-insensitively', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
    expect(hashRecoveryCode(codes[0]!.toUpperCase())).toBe(hashRecoveryCode(codes[0]!));
  });
});
