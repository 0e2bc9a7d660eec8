import { inflateSync } from 'node:zlib';

/**
 * Reads a PDF the way a test needs to: how many pages it has and the text drawn on them. Content streams are
 * inflated (pdfkit compresses them) and the hex strings of `TJ` text operators decoded, one line per operator,
 * joined with spaces so a phrase wrapped over two lines is still found.
 */
export function readPdf(pdf: Buffer): { header: string; pages: number; text: string; images: number } {
  const raw = pdf.toString('latin1');
  const pages = (raw.match(/\/Type \/Page\b(?!s)/g) ?? []).length;
  const images = (raw.match(/\/Subtype \/Image\b/g) ?? []).length;
  const lines: string[] = [];
  const streamRe = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streamRe.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const dict = raw.slice(Math.max(0, raw.lastIndexOf('<<', m.index)), m.index);
    let body = pdf.subarray(start, end);
    if (/\/FlateDecode/.test(dict)) {
      try {
        body = inflateSync(body);
      } catch {
        streamRe.lastIndex = end + 9;
        continue; // an image or font stream that is not ours to read
      }
    }
    const content = body.toString('latin1');
    for (const tj of content.matchAll(/\[([^\]]*)\] TJ/g)) {
      const hex = [...(tj[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1] ?? '').join('');
      lines.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
    streamRe.lastIndex = end + 9;
  }
  return { header: pdf.subarray(0, 5).toString('latin1'), pages, text: lines.join(' ').replace(/\s+/g, ' '), images };
}
