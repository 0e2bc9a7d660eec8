import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import { randomBytes } from 'node:crypto';
import { sha256 } from '../../platform/crypto';

/** TOTP per RFC 6238: 30 s steps, 6 digits, checked against the injected clock. */
const STEP_MS = 30_000;
const totp = (now: Date) => authenticator.clone({ epoch: now.getTime(), window: 0 });

export const newMfaSecret = (): string => authenticator.generateSecret(20);
export const totpCode = (secret: string, now: Date): string => totp(now).generate(secret);

/**
 * The time step a code belongs to, allowing one step of clock drift either way, or null if it matches none.
 * Callers refuse a step at or before the last one accepted, so a code cannot be replayed.
 */
export function totpStep(code: string, secret: string, now: Date): number | null {
  const current = Math.floor(now.getTime() / STEP_MS);
  for (const step of [current, current - 1, current + 1]) {
    if (totp(new Date(step * STEP_MS)).check(code, secret)) return step;
  }
  return null;
}

export async function enrolmentPayload(email: string, secret: string) {
  const otpauthUrl = authenticator.keyuri(email, 'openiop', secret);
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, otpauthUrl, qrSvg };
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** Ten single-use recovery codes like `k7m2p-x9qrt`; only their hashes are stored. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}
export const hashRecoveryCode = (code: string): string => sha256(`recovery:${code.toLowerCase()}`);
