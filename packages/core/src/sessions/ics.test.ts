import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icsUtc, utf8Octets, writeIcs } from './ics';

const octets = (s: string) => [...s].reduce((n, ch) => n + utf8Octets(ch), 0);

describe('escapeText', () => {
  it.each([
    ['plain', 'plain'],
    ['Room 2, upstairs; left', 'Room 2\\, upstairs\\; left'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines\r\nthree', 'two\\nlines\\nthree'],
  ])('%j', (input, out) => expect(escapeText(input)).toBe(out));
});

it.each([
  ['a', 1],
  ['é', 2],
  ['€', 3],
  ['😀', 4],
])('utf8Octets(%s) = %i', (ch, n) => expect(utf8Octets(ch)).toBe(n));

describe('foldLine', () => {
  it.each([
    ['short', 10],
    ['exactly 75', 75],
    ['76 octets', 76],
    ['long', 300],
  ])('%s: no physical line over 75 octets, unfolds to the same text', (_n, length) => {
    const line = `SUMMARY:${'x'.repeat(length - 8)}`;
    const folded = foldLine(line);
    for (const physical of folded.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(folded.includes('\r\n')).toBe(length > 75);
  });

  it('never splits a multi-byte character', () => {
    const line = `LOCATION:${'é'.repeat(40)}${'😀'.repeat(20)}`;
    const folded = foldLine(line);
    for (const physical of folded.split('\r\n')) {
      expect(octets(physical)).toBeLessThanOrEqual(75);
      expect(physical).not.toContain('\uFFFD');
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
});

describe('writeIcs', () => {
  const text = writeIcs({
    prodId: '-//openiop//sessions//EN',
    name: 'Sessions, Riverbend',
    generatedAt: new Date('2026-03-01T12:00:00Z'),
    events: [
      {
        uid: 'occ-1@openiop',
        sequence: 2,
        startsAt: new Date('2026-03-10T17:00:00Z'),
        endsAt: new Date('2026-03-10T17:50:00Z'),
        summary: 'Session at Riverbend Portland',
        location: 'Riverbend Portland, Room 2',
        status: 'CONFIRMED',
      },
      {
        uid: 'occ-2@openiop',
        sequence: 0,
        startsAt: new Date('2026-03-17T17:00:00Z'),
        endsAt: new Date('2026-03-17T17:50:00Z'),
        summary: 'Video session',
        location: 'Video',
        url: 'https://video.example.test/r/abc',
        status: 'CANCELLED',
      },
    ],
  });

  it('ends every line with CRLF and has no bare LF', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes UTC times, sequence, status, escaped location and the URL', () => {
    const lines = text.split('\r\n');
    expect(lines).toContain('DTSTART:20260310T170000Z');
    expect(lines).toContain('DTEND:20260310T175000Z');
    expect(lines).toContain('DTSTAMP:20260301T120000Z');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines).toContain('LOCATION:Riverbend Portland\\, Room 2');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('URL:https://video.example.test/r/abc');
    expect(lines).toContain('X-WR-CALNAME:Sessions\\, Riverbend');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
  });

  it('formats instants without milliseconds', () => expect(icsUtc(new Date('2026-11-01T09:30:15.123Z'))).toBe('20261101T093015Z'));
});
