import { describe, expect, it } from 'vitest';
import { readPdf } from '../../test/pdf-text';
import { renderPdf, safe } from './pdf';

const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const createdAt = new Date('2026-11-16T15:00:00Z');

describe('renderPdf', () => {
  it('renders a title, sections, a table, a notice, a drawn signature, page numbers and a footer', async () => {
    const pdf = await renderPdf({
      title: 'Sample document',
      subtitle: 'For a test',
      footer: 'Confidential',
      createdAt,
      blocks: [
        { kind: 'paragraphs', heading: 'Introduction', paragraphs: ['The first paragraph.', 'The second paragraph.'] },
        {
          kind: 'table',
          heading: 'Details',
          rows: [
            ['Recipient', 'County drug court'],
            ['Purpose', ''],
          ],
        },
        { kind: 'notice', heading: 'Notice', text: 'This record is protected.' },
        { kind: 'signature', heading: 'Signature', image: ONE_PIXEL_PNG, rows: [['Signed', '2026-11-16']] },
      ],
    });
    const r = readPdf(pdf);
    expect(r.header).toBe('%PDF-');
    expect(r.pages).toBe(1);
    expect(r.images).toBeGreaterThan(0);
    for (const s of [
      'Sample document',
      'Introduction',
      'The second paragraph.',
      'County drug court',
      'This record is protected.',
      'Page 1 of 1',
      'Confidential',
    ])
      expect(r.text).toContain(s);
  });

  it('flows long text onto more pages and numbers every page', async () => {
    const paragraphs = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1}. ${'Words that fill a line of text. '.repeat(6)}`);
    const r = readPdf(await renderPdf({ title: 'Long', footer: 'F', createdAt, blocks: [{ kind: 'paragraphs', paragraphs }] }));
    expect(r.pages).toBeGreaterThan(2);
    expect(r.text).toContain(`Page ${r.pages} of ${r.pages}`);
    expect(r.text).toContain('Paragraph 60.');
  });

  it('typed signatures and characters Helvetica cannot draw', async () => {
    const r = readPdf(
      await renderPdf({
        title: 'T',
        footer: 'F',
        createdAt,
        blocks: [{ kind: 'signature', typedName: 'Avery Quinn', rows: [['Name', 'Zoë 李']] }],
      }),
    );
    expect(r.text).toContain('Avery Quinn');
    expect(r.text).toContain('Zoë ?');
    expect(safe('a\u0007b')).toBe('a?b');
  });

  it('the same input renders the same bytes', async () => {
    const spec = { title: 'T', footer: 'F', createdAt, blocks: [{ kind: 'heading' as const, text: 'H' }] };
    expect((await renderPdf(spec)).equals(await renderPdf(spec))).toBe(true);
  });
});
