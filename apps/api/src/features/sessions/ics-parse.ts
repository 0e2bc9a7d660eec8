/**
 * A strict RFC 5545 reader for tests: it refuses bare LF, a physical line over 75 octets, an unterminated or
 * mismatched component, and a property line without a colon; it unfolds and unescapes TEXT values. Enough to prove
 * the feed is what a calendar app will read, without a parser dependency.
 */
export interface ParsedEvent {
  props: Map<string, string>;
}

const unescape = (v: string) => v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

export function parseIcsStrict(text: string): { calendar: Map<string, string>; events: ParsedEvent[] } {
  if (!text.endsWith('\r\n')) throw new Error('does not end with CRLF');
  if (/[^\r]\n|\r[^\n]/.test(text)) throw new Error('has a bare LF or CR');
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) if (Buffer.byteLength(line, 'utf8') > 75) throw new Error(`line over 75 octets: ${line.slice(0, 30)}`);
  const lines: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (!lines.length) throw new Error('continuation before any line');
      lines[lines.length - 1] += line.slice(1);
    } else lines.push(line);
  }
  const stack: string[] = [];
  const calendar = new Map<string, string>();
  const events: ParsedEvent[] = [];
  let current: ParsedEvent | null = null;
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 1) throw new Error(`not a property line: ${line}`);
    const name = line.slice(0, colon).split(';')[0]?.toUpperCase() ?? '';
    const value = line.slice(colon + 1);
    if (name === 'BEGIN') {
      stack.push(value);
      if (value === 'VEVENT') current = { props: new Map() };
    } else if (name === 'END') {
      if (stack.pop() !== value) throw new Error(`END:${value} does not close the open component`);
      if (value === 'VEVENT' && current) {
        events.push(current);
        current = null;
      }
    } else if (current) {
      if (current.props.has(name)) throw new Error(`${name} twice in one event`);
      current.props.set(name, unescape(value));
    } else calendar.set(name, unescape(value));
  }
  if (stack.length) throw new Error('unterminated component');
  return { calendar, events };
}
