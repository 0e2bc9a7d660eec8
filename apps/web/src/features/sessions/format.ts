import { weekdayOf, type SessionOccurrenceView } from '@openiop/core';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** When a session is, in the clinic's time zone (never the browser's): "Tue, Nov 17, 10:00 AM". */
export function sessionWhen(o: Pick<SessionOccurrenceView, 'startsAt' | 'timeZone'>): string {
  let f = formatters.get(o.timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: o.timeZone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
    formatters.set(o.timeZone, f);
  }
  return f.format(new Date(o.startsAt));
}

/** Where: the location and room, or "Video session". */
export const sessionWhere = (o: Pick<SessionOccurrenceView, 'modality' | 'locationName' | 'roomName'>): string =>
  o.modality === 'virtual' ? 'Video session' : [o.locationName, o.roomName].filter(Boolean).join(', ');

const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The RRULE the new-series form describes: every week or every other week on the first day's weekday. */
export function ruleFor(firstDay: string, everyWeeks: number, count: number): string {
  const code = DAY_CODES[weekdayOf(firstDay)] ?? 'MO';
  return `FREQ=WEEKLY${everyWeeks > 1 ? `;INTERVAL=${everyWeeks}` : ''};BYDAY=${code};COUNT=${count}`;
}

/** A series' rule in words, for the subset the form writes; other rules show as written. */
export function describeRule(rrule: string): string {
  const m = /^FREQ=WEEKLY(?:;INTERVAL=(\d+))?;BYDAY=([A-Z]{2})(?:;COUNT=(\d+))?$/.exec(rrule);
  const day = m ? DAY_NAMES[DAY_CODES.indexOf(m[2] as (typeof DAY_CODES)[number])] : undefined;
  if (!m || !day) return rrule;
  const every = m[1] && m[1] !== '1' ? (m[1] === '2' ? 'Every other' : `Every ${m[1]} weeks on`) : 'Every';
  return `${every} ${day}${m[3] ? `, ${m[3]} sessions` : ''}`;
}

/** `HH:MM` (from a time input) as minutes after midnight, or null. */
export function minutesOf(hhmm: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const v = Number(m[1]) * 60 + Number(m[2]);
  return v < 1440 ? v : null;
}
