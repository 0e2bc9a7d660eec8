import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { drawValue, hmacSha256, sha256, toHex, utf8 } from '@openiop/core';

/** Core's pure SHA-256/HMAC (it may not import Node) checked against Node's OpenSSL on random inputs. */
describe('core HMAC-SHA256 against Node crypto', () => {
  it('agrees on random keys and messages of every length around the block edges', () => {
    for (const len of [0, 1, 31, 55, 56, 57, 63, 64, 65, 119, 120, 128, 300]) {
      for (const keyLen of [0, 16, 32, 64, 65, 131]) {
        const key = randomBytes(keyLen);
        const msg = randomBytes(len);
        expect(toHex(sha256(msg))).toBe(createHash('sha256').update(msg).digest('hex'));
        expect(toHex(hmacSha256(key, msg))).toBe(createHmac('sha256', key).update(msg).digest('hex'));
      }
    }
  });

  it('the draw value is the first 48 bits of the HMAC over `day:patientId`', () => {
    const secret = randomBytes(32).toString('base64url');
    const mac = createHmac('sha256', Buffer.from(utf8(secret)))
      .update('2026-11-16:00000000-0000-4000-8000-000000000001')
      .digest();
    expect(drawValue(secret, '2026-11-16', '00000000-0000-4000-8000-000000000001')).toBe(mac.readUIntBE(0, 6) / 2 ** 48);
  });
});
