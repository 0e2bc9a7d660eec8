const PREFIX = 'data:image/png;base64,';
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** A drawn signature is a line on a pad, not a photo: anything bigger is refused. */
export const MAX_SIGNATURE_PIXELS = { width: 2000, height: 1000 };

/**
 * Checks that a drawn signature is a real PNG data URL of sane size: the PNG magic bytes, an IHDR chunk first,
 * and dimensions within bounds. It does not decode pixels; pdfkit and browsers do that later, on a file we now
 * know is a PNG.
 */
export function checkSignaturePng(dataUrl: string): { ok: true; width: number; height: number } | { ok: false; message: string } {
  if (!dataUrl.startsWith(PREFIX)) return { ok: false, message: 'must be a PNG data URL (data:image/png;base64,…)' };
  const b64 = dataUrl.slice(PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) return { ok: false, message: 'is not valid base64' };
  // Only the first 24 bytes matter (magic, IHDR length, type, width, height): 32 base64 characters.
  const head = decodeBase64(b64.slice(0, 32));
  const byte = (i: number) => head[i] ?? 0;
  if (head.length < 24 || b64.length < 44 || PNG_MAGIC.some((b, i) => byte(i) !== b)) return { ok: false, message: 'is not a PNG image' };
  if (String.fromCharCode(...head.slice(12, 16)) !== 'IHDR') return { ok: false, message: 'is not a PNG image' };
  const u32 = (i: number) => ((byte(i) << 24) | (byte(i + 1) << 16) | (byte(i + 2) << 8) | byte(i + 3)) >>> 0;
  const width = u32(16);
  const height = u32(20);
  if (width < 1 || height < 1 || width > MAX_SIGNATURE_PIXELS.width || height > MAX_SIGNATURE_PIXELS.height)
    return { ok: false, message: `must be at most ${MAX_SIGNATURE_PIXELS.width}×${MAX_SIGNATURE_PIXELS.height} pixels` };
  return { ok: true, width, height };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes base64 without `atob` or `Buffer`, so the check runs the same in the browser and in Node. */
export function decodeBase64(b64: string): number[] {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of b64) {
    if (ch === '=') break;
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return [];
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >> bits) & 0xff);
    }
  }
  return out;
}
