import { addDays } from '../calendar';
import { DomainError, type FieldError } from '../errors/errors';
import { weekdayOf, zonedInstant } from './zoned';

/**
 * The RRULE subset openiop's recurring sessions use (RFC 5545 §3.3.10): FREQ=DAILY or WEEKLY, INTERVAL, BYDAY
 * (plain weekdays, no ordinals), and COUNT or UNTIL (never both). The rule carries no DTSTART: a series starts on
 * its first day at its start minute in the location's time zone. Anything else is refused by name, so a rule
 * written for another calendar never silently means something different here.
 */
export interface RecurrenceRule {
  freq: 'DAILY' | 'WEEKLY';
  interval: number;
  /** Weekdays, 0 = Monday … 6 = Sunday; empty: the first day's weekday (WEEKLY) or every day (DAILY). */
  byDay: number[];
  count: number | null;
  /** Last clinic-local date an occurrence may fall on (inclusive). */
  until: string | null;
}

const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const MAX_COUNT = 730;

const fail = (message: string): FieldError => ({ path: 'rrule', message: `rrule: ${message}` });

function parseUntil(value: string): string | null {
  // A date (20260630) or a UTC date-time (20260630T235959Z); either way the clinic-local date is what bounds it.
  const m = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(value);
  if (!m) return null;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day ? null : day;
}

/** Reads an RRULE, or returns the field errors that say what is wrong with it. */
export function parseRrule(text: string): { rule: RecurrenceRule } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const source = text.trim().replace(/^RRULE:/i, '');
  if (!source) return { errors: [fail('is empty')] };
  const parts = new Map<string, string>();
  for (const piece of source.split(';')) {
    const [key, value, ...rest] = piece.split('=');
    if (!key || value === undefined || rest.length) {
      errors.push(fail(`"${piece.slice(0, 40)}" is not NAME=VALUE`));
      continue;
    }
    const name = key.toUpperCase();
    if (parts.has(name)) errors.push(fail(`${name} given twice`));
    parts.set(name, value.toUpperCase());
  }
  const rule: RecurrenceRule = { freq: 'WEEKLY', interval: 1, byDay: [], count: null, until: null };
  for (const [name, value] of parts) {
    switch (name) {
      case 'FREQ':
        if (value === 'DAILY' || value === 'WEEKLY') rule.freq = value;
        else errors.push(fail(`unsupported FREQ=${value} (DAILY or WEEKLY)`));
        break;
      case 'INTERVAL': {
        const n = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
        if (n >= 1 && n <= 52) rule.interval = n;
        else errors.push(fail(`INTERVAL=${value} must be a whole number from 1 to 52`));
        break;
      }
      case 'COUNT': {
        const n = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
        if (n >= 1 && n <= MAX_COUNT) rule.count = n;
        else errors.push(fail(`COUNT=${value} must be a whole number from 1 to ${MAX_COUNT}`));
        break;
      }
      case 'UNTIL': {
        const day = parseUntil(value);
        if (day) rule.until = day;
        else errors.push(fail(`UNTIL=${value} is not a date like 20260630 or 20260630T235959Z`));
        break;
      }
      case 'BYDAY': {
        const days = value.split(',').map((code) => DAY_CODES.indexOf(code as (typeof DAY_CODES)[number]));
        if (days.some((d) => d < 0)) errors.push(fail(`unsupported BYDAY=${value} (weekdays like MO,WE without ordinals)`));
        else rule.byDay = [...new Set(days)].sort((a, b) => a - b);
        break;
      }
      case 'WKST':
        if (value !== 'MO') errors.push(fail(`unsupported WKST=${value} (weeks start on Monday)`));
        break;
      default:
        errors.push(fail(`unsupported ${name}`));
    }
  }
  if (!parts.has('FREQ')) errors.push(fail('FREQ is required'));
  if (rule.count !== null && rule.until !== null) errors.push(fail('COUNT and UNTIL cannot both be given'));
  return errors.length ? { errors } : { rule };
}

/** Like `parseRrule`, but a bad rule throws VALIDATION_FAILED naming the `rrule` field. */
export function rruleOrThrow(text: string): RecurrenceRule {
  const parsed = parseRrule(text);
  if ('errors' in parsed) throw new DomainError('VALIDATION_FAILED', 'The recurrence rule is not valid', parsed.errors);
  return parsed.rule;
}

export interface SeriesShape {
  rrule: string;
  /** Clinic-local date of the first occurrence; it must match BYDAY when BYDAY is given. */
  firstDay: string;
  startMinute: number;
  durationMinutes: number;
  timeZone: string;
  /** Clinic-local dates skipped (EXDATE). */
  exceptDays?: readonly string[];
}

export interface ExpandedOccurrence {
  day: string;
  startMinute: number;
  endMinute: number;
  startsAt: Date;
  endsAt: Date;
}

/** Field errors of a series' shape beyond the rule text: the first day must be one the rule produces. */
export function seriesErrors(shape: Pick<SeriesShape, 'rrule' | 'firstDay' | 'startMinute' | 'durationMinutes'>): FieldError[] {
  const parsed = parseRrule(shape.rrule);
  if ('errors' in parsed) return parsed.errors;
  const errors: FieldError[] = [];
  const { rule } = parsed;
  if (rule.byDay.length && !rule.byDay.includes(weekdayOf(shape.firstDay)))
    errors.push({ path: 'firstDay', message: `firstDay falls on ${DAY_CODES[weekdayOf(shape.firstDay)]}, which BYDAY does not include` });
  if (rule.until !== null && rule.until < shape.firstDay) errors.push(fail('UNTIL is before the first day'));
  if (shape.startMinute + shape.durationMinutes > 1440)
    errors.push({ path: 'durationMinutes', message: 'durationMinutes: a session must end by midnight' });
  return errors;
}

/**
 * The occurrences of a series from its first day through `horizon` (a clinic-local date, inclusive), in order.
 *
 * Each keeps its wall-clock slot — a 10:00 session is at 10:00 local before and after a DST change — and its
 * instants come from `zonedInstant` (a start in the spring-forward gap moves forward by the gap). `endsAt` is
 * `startsAt` plus the duration, so a session always lasts its length. Per RFC 5545 the COUNT is taken before the
 * exception dates are removed: skipping one date of a COUNT=10 series leaves nine sessions, not ten.
 */
export function expandSeries(shape: SeriesShape, horizon: string): ExpandedOccurrence[] {
  const rule = rruleOrThrow(shape.rrule);
  const errors = seriesErrors(shape);
  if (errors.length) throw new DomainError('VALIDATION_FAILED', 'The series is not valid', errors);
  const last = rule.until !== null && rule.until < horizon ? rule.until : horizon;
  const skipped = new Set(shape.exceptDays ?? []);
  const weekdays = rule.byDay.length ? rule.byDay : rule.freq === 'WEEKLY' ? [weekdayOf(shape.firstDay)] : [0, 1, 2, 3, 4, 5, 6];
  const days: string[] = [];
  const limit = rule.count ?? MAX_COUNT;
  if (rule.freq === 'DAILY') {
    for (let day = shape.firstDay; day <= last && days.length < limit; day = addDays(day, rule.interval))
      if (weekdays.includes(weekdayOf(day))) days.push(day);
  } else {
    const monday = addDays(shape.firstDay, -weekdayOf(shape.firstDay));
    for (let week = monday; week <= last && days.length < limit; week = addDays(week, 7 * rule.interval))
      for (const wd of weekdays) {
        const day = addDays(week, wd);
        if (day >= shape.firstDay && day <= last && days.length < limit) days.push(day);
      }
  }
  return days
    .filter((day) => !skipped.has(day))
    .map((day) => {
      const startsAt = zonedInstant(day, shape.startMinute, shape.timeZone);
      return {
        day,
        startMinute: shape.startMinute,
        endMinute: shape.startMinute + shape.durationMinutes,
        startsAt,
        endsAt: new Date(startsAt.getTime() + shape.durationMinutes * 60_000),
      };
    });
}
