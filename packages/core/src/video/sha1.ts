/**
 * SHA-1 and HMAC-SHA1 (FIPS 180-4, RFC 2104) in plain TypeScript, synchronous, for one job only: the TURN REST API
 * credential (coturn's `use-auth-secret`) is base64(HMAC-SHA1(secret, username)), and core does no I/O and imports
 * no Node. SHA-1 is what the TURN convention fixes; as an HMAC it is still sound. Do not use it for anything else.
 */
import { digestBytes, hmac, padBlocks } from '../drug-testing/hmac';

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));

/** The SHA-1 digest of `data` (20 bytes). */
export function sha1(data: Uint8Array): Uint8Array {
  const { padded, view } = padBlocks(data);
  const h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  const w = new Uint32Array(80);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 80; i++) w[i] = rotl((w[i - 3] ?? 0) ^ (w[i - 8] ?? 0) ^ (w[i - 14] ?? 0) ^ (w[i - 16] ?? 0), 1);
    let [a, b, c, d, e] = [h[0] ?? 0, h[1] ?? 0, h[2] ?? 0, h[3] ?? 0, h[4] ?? 0];
    for (let i = 0; i < 80; i++) {
      let f: number;
      let k: number;
      if (i < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999;
      } else if (i < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdc;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6;
      }
      const t = (rotl(a, 5) + f + e + k + (w[i] ?? 0)) >>> 0;
      e = d;
      d = c;
      c = rotl(b, 30) >>> 0;
      b = a;
      a = t;
    }
    const add = [a, b, c, d, e];
    for (let i = 0; i < 5; i++) h[i] = ((h[i] ?? 0) + (add[i] ?? 0)) >>> 0;
  }
  return digestBytes(h);
}

/** HMAC-SHA1 of `message` under `key` (RFC 2104). */
export const hmacSha1 = (key: Uint8Array, message: Uint8Array): Uint8Array => hmac(sha1, key, message);

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding (RFC 4648 §4), as TURN servers compare it. No Buffer or btoa: core has neither. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [x, y, z] = [bytes[i] ?? 0, bytes[i + 1], bytes[i + 2]];
    const n = (x << 16) | ((y ?? 0) << 8) | (z ?? 0);
    out += B64[(n >> 18) & 63] ?? '';
    out += B64[(n >> 12) & 63] ?? '';
    out += y === undefined ? '=' : (B64[(n >> 6) & 63] ?? '');
    out += z === undefined ? '=' : (B64[n & 63] ?? '');
  }
  return out;
}
