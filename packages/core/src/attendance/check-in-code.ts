/**
 * The rotating check-in code shown in the room (issue 6): a 6-digit TOTP-style code (RFC 6238 truncation over
 * HMAC-SHA-256 of the 60-second window index). Core holds the arithmetic; the caller supplies the HMAC, so this
 * stays free of Node. A code is accepted in its own window and the one before, so a code read just before it
 * turns over still works.
 */
export const CHECK_IN_WINDOW_SECONDS = 60;

export const codeWindow = (now: Date): number => Math.floor(now.getTime() / (CHECK_IN_WINDOW_SECONDS * 1000));

/** When the code of `window` stops being shown. */
export const windowEndsAt = (window: number): Date => new Date((window + 1) * CHECK_IN_WINDOW_SECONDS * 1000);

/** The 8-byte big-endian counter the HMAC is taken over. */
export function windowMessage(window: number): Uint8Array {
  const out = new Uint8Array(8);
  let n = window;
  for (let i = 7; i >= 0; i -= 1) {
    out[i] = n % 256;
    n = Math.floor(n / 256);
  }
  return out;
}

/** RFC 4226 dynamic truncation of an HMAC digest to `digits` decimal digits. */
export function truncateDigest(digest: Uint8Array, digits = 6): string {
  const last = digest[digest.length - 1] ?? 0;
  const offset = last & 0x0f;
  const byte = (i: number) => digest[offset + i] ?? 0;
  const binary = ((byte(0) & 0x7f) << 24) | (byte(1) << 16) | (byte(2) << 8) | byte(3);
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** Whether `code` is the code of the current or the previous window; `codeOf` computes a window's code. */
export function acceptsCode(code: string, now: Date, codeOf: (window: number) => string): boolean {
  const w = codeWindow(now);
  return codeOf(w) === code || codeOf(w - 1) === code;
}
