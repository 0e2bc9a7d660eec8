import type { FastifyReply } from 'fastify';
import PDFDocument from 'pdfkit';

/**
 * Printable documents (consents, disclosure cover sheets, and later the biopsychosocial intake and treatment plans)
 * are described as data — a title and a list of blocks — and rendered here with pdfkit (ADR 0014), so every feature
 * gets the same layout, page numbers and confidentiality footer without touching pdfkit itself.
 *
 * Fonts are pdfkit's built-in Helvetica (the PDF standard 14 fonts: nothing to download or embed). They cover
 * WinAnsi (Latin-1 plus typographic quotes and dashes); characters outside it are replaced by `?` in `safe()`
 * so a name in another script never breaks a render. Renders are synchronous CPU work of a few milliseconds.
 */
export type PdfBlock =
  /** A section heading. */
  | { kind: 'heading'; text: string }
  /** Headed paragraphs of running text. */
  | { kind: 'paragraphs'; heading?: string; paragraphs: string[] }
  /** Label → value rows (a value may wrap over several lines). */
  | { kind: 'table'; heading?: string; rows: [label: string, value: string][] }
  /** Text in a ruled box, for notices that must stand out (e.g. the §2.32 redisclosure notice). */
  | { kind: 'notice'; heading?: string; text: string }
  /** A signature: the drawn image (PNG bytes) or the typed name in a script-like style, over a rule, with details. */
  | { kind: 'signature'; heading?: string; image?: Buffer | null; typedName?: string | null; rows: [string, string][] };

export interface PdfSpec {
  title: string;
  subtitle?: string;
  /** Printed at the foot of every page beside "Page n of m", e.g. a confidentiality line. */
  footer: string;
  blocks: PdfBlock[];
  /** Document metadata; `createdAt` pins the creation date so the same input renders the same bytes. */
  author?: string;
  createdAt: Date;
}

const MARGIN = 56;
const LABEL_WIDTH = 160;
const INK = '#1a1a1a';
const MUTED = '#555555';

/** Keeps text inside what Helvetica (WinAnsi) can draw. */
export function safe(text: string): string {
  return text.replace(/[^\x20-\x7E\xA0-\xFF\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\n]/g, '?');
}

/** Renders a document to PDF bytes. */
export function renderPdf(spec: PdfSpec): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: safe(spec.title), Author: safe(spec.author ?? 'openiop'), CreationDate: spec.createdAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN * 2;

  doc.fillColor(INK).font('Helvetica-Bold').fontSize(18).text(safe(spec.title), { width });
  if (spec.subtitle) doc.moveDown(0.2).font('Helvetica').fontSize(11).fillColor(MUTED).text(safe(spec.subtitle), { width });
  doc.moveDown(0.8).fillColor(INK);

  for (const block of spec.blocks) renderBlock(doc, block, width);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would start a new page; lift the margin while drawing the footer.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN;
    doc.font('Helvetica').fontSize(8).fillColor(MUTED);
    doc.text(safe(spec.footer), MARGIN, y, { width: width - 80, lineBreak: false });
    doc.text(`Page ${i + 1} of ${range.count}`, MARGIN + width - 80, y, { width: 80, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function heading(doc: PDFKit.PDFDocument, text: string, width: number): void {
  ensureRoom(doc, 60);
  doc.moveDown(0.4).font('Helvetica-Bold').fontSize(12).fillColor(INK).text(safe(text), MARGIN, doc.y, { width });
  doc.moveDown(0.3);
}

/** Starts a new page when less than `points` remain, so a heading is never the last line of a page. */
function ensureRoom(doc: PDFKit.PDFDocument, points: number): void {
  if (doc.y + points > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function renderBlock(doc: PDFKit.PDFDocument, block: PdfBlock, width: number): void {
  switch (block.kind) {
    case 'heading':
      heading(doc, block.text, width);
      return;
    case 'paragraphs':
      if (block.heading) heading(doc, block.heading, width);
      doc.font('Helvetica').fontSize(10).fillColor(INK);
      for (const p of block.paragraphs) doc.text(safe(p), MARGIN, doc.y, { width, align: 'left' }).moveDown(0.5);
      return;
    case 'table':
      if (block.heading) heading(doc, block.heading, width);
      for (const [label, value] of block.rows) tableRow(doc, label, value, width);
      doc.moveDown(0.5);
      return;
    case 'notice': {
      if (block.heading) heading(doc, block.heading, width);
      doc.font('Helvetica').fontSize(9);
      const textHeight = doc.heightOfString(safe(block.text), { width: width - 16 });
      ensureRoom(doc, textHeight + 16);
      const top = doc.y;
      doc.fillColor(INK).text(safe(block.text), MARGIN + 8, top + 8, { width: width - 16 });
      doc
        .rect(MARGIN, top, width, textHeight + 16)
        .lineWidth(1)
        .strokeColor(INK)
        .stroke();
      doc.x = MARGIN;
      doc.y = top + textHeight + 24;
      return;
    }
    case 'signature': {
      // Keep the heading, the signature and its details together on one page.
      ensureRoom(doc, (block.heading ? 40 : 0) + 90 + block.rows.length * 16);
      if (block.heading) heading(doc, block.heading, width);
      const top = doc.y;
      if (block.image) {
        doc.image(block.image, MARGIN, top, { fit: [240, 70] });
      } else if (block.typedName) {
        doc
          .font('Helvetica-Oblique')
          .fontSize(20)
          .fillColor(INK)
          .text(safe(block.typedName), MARGIN, top + 36, { width: 300, lineBreak: false });
      }
      doc
        .moveTo(MARGIN, top + 72)
        .lineTo(MARGIN + 300, top + 72)
        .lineWidth(0.8)
        .strokeColor(INK)
        .stroke();
      doc.x = MARGIN;
      doc.y = top + 80;
      for (const [label, value] of block.rows) tableRow(doc, label, value, width);
      doc.moveDown(0.5);
      return;
    }
  }
}

function tableRow(doc: PDFKit.PDFDocument, label: string, value: string, width: number): void {
  const valueWidth = width - LABEL_WIDTH;
  const shown = safe(value || '—');
  doc.font('Helvetica-Bold').fontSize(10);
  const labelHeight = doc.heightOfString(safe(label), { width: LABEL_WIDTH - 8 });
  doc.font('Helvetica');
  const h = Math.max(doc.heightOfString(shown, { width: valueWidth }), labelHeight, 12);
  ensureRoom(doc, h + 4);
  const y = doc.y;
  doc
    .font('Helvetica-Bold')
    .fillColor(MUTED)
    .text(safe(label), MARGIN, y, { width: LABEL_WIDTH - 8 });
  doc
    .font('Helvetica')
    .fillColor(INK)
    .text(shown, MARGIN + LABEL_WIDTH, y, { width: valueWidth });
  doc.x = MARGIN;
  doc.y = y + h + 4;
}

/** An instant as the clinic reads it, e.g. "2026-11-16 07:00 (America/Los_Angeles)". */
export function clinicTime(at: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} (${timeZone})`;
}

/** Answers with a PDF shown in the browser, never cached (it holds patient data). */
export function sendPdf(reply: FastifyReply, pdf: Buffer, name: string) {
  return reply
    .type('application/pdf')
    .header('cache-control', 'no-store')
    .header('content-disposition', `inline; filename="${name}.pdf"`)
    .send(pdf);
}

/** One credit-card-size page of a wallet card: a heading and short lines (bulleted when `bullets`). */
export interface WalletPanel {
  heading: string;
  lines: string[];
  bullets?: boolean;
}

/** ISO/IEC 7810 ID-1 (credit card): 3.375 × 2.125 inches, in PDF points. */
export const WALLET_SIZE: [number, number] = [243, 153];
const WALLET_MARGIN = 12;

/**
 * A wallet card: each panel is one credit-card-size page (a long panel runs onto further pages of the same size), so
 * the person can print it on card stock, cut it out and fold it into a wallet. Same Helvetica, same `safe()` rule.
 */
export function renderWalletCard(spec: { title: string; panels: WalletPanel[]; createdAt: Date }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: WALLET_SIZE,
    margins: { top: WALLET_MARGIN, bottom: WALLET_MARGIN, left: WALLET_MARGIN, right: WALLET_MARGIN },
    autoFirstPage: false,
    info: { Title: safe(spec.title), Author: 'openiop', CreationDate: spec.createdAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = WALLET_SIZE[0] - WALLET_MARGIN * 2;
  for (const panel of spec.panels) {
    doc.addPage();
    doc.fillColor(INK).font('Helvetica-Bold').fontSize(9).text(safe(panel.heading), { width });
    doc.moveDown(0.3).font('Helvetica').fontSize(7.5);
    for (const line of panel.lines.length ? panel.lines : ['—']) {
      doc.text(safe(panel.bullets ? `\u2022 ${line}` : line), { width, lineGap: 1 });
    }
  }
  doc.end();
  return done;
}
