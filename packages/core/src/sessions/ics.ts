/**
 * A small RFC 5545 writer for openiop's calendar feeds: one VCALENDAR of VEVENTs with UTC start and end, CRLF line
 * ends, lines folded at 75 octets (never inside a UTF-8 character) and TEXT values escaped. It writes what callers
 * give it and nothing else — the feed decides what is safe to say (no clinical words).
 */
export interface IcsEvent {
  /** Stable across fetches and changes, so a calendar app updates the event instead of adding a copy. */
  uid: string;
  /** Bumped whenever the event changes (the occurrence's version). */
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location?: string | null;
  url?: string | null;
  description?: string | null;
  status: 'CONFIRMED' | 'CANCELLED';
  lastModified?: Date | null;
}

export interface IcsCalendar {
  /** PRODID, e.g. `-//openiop//sessions//EN`. */
  prodId: string;
  name: string;
  /** DTSTAMP of every event: when the feed was produced. */
  generatedAt: Date;
  events: readonly IcsEvent[];
}

/** `20260310T170000Z`. */
export const icsUtc = (at: Date): string =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export const escapeText = (value: string): string =>
  value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');

/** UTF-8 length of one character (core has no TextEncoder: it runs without DOM or Node types). */
export const utf8Octets = (ch: string): number => {
  const cp = ch.codePointAt(0) ?? 0;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
};

/**
 * Folds one content line (RFC 5545 §3.1): no physical line longer than 75 octets; each continuation starts with a
 * space, which counts towards its 75. Splits only between characters, so a multi-byte character stays whole.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = utf8Octets(ch);
    const room = out.length === 0 ? 75 : 74;
    if (octets + size > room) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** The whole calendar as text, CRLF after every line. */
export function writeIcs(cal: IcsCalendar): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${cal.prodId}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  lines.push(`X-WR-CALNAME:${escapeText(cal.name)}`);
  const stamp = icsUtc(cal.generatedAt);
  for (const e of cal.events) {
    lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${stamp}`, `SEQUENCE:${e.sequence}`);
    lines.push(`DTSTART:${icsUtc(e.startsAt)}`, `DTEND:${icsUtc(e.endsAt)}`, `SUMMARY:${escapeText(e.summary)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    lines.push(`STATUS:${e.status}`, 'TRANSP:OPAQUE');
    if (e.lastModified) lines.push(`LAST-MODIFIED:${icsUtc(e.lastModified)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
