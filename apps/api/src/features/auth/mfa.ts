import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import { randomBytes } from 'node:crypto';
import { sha256 } from '../../platform/crypto';

/** TOTP per RFC 6238 (30 s steps, 6 digits), checked against the injected clock with one step of drift. */
const totp = (now: Date) => authenticator.clone({ epoch: now.getTime(), window: 1 });

export const newMfaSecret = (): string => authenticator.generateSecret(20);
export const checkTotp = (code: string, secret: string, now: Date): boolean => totp(now).check(code, secret);
export const totpCode = (secret: string, now: Date): string => totp(now).generate(secret);

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
