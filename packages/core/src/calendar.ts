/**
 * Calendar arithmetic on clinic-local dates (`YYYY-MM-DD`). A date is a day on the clinic's wall calendar, not an
 * instant, so adding a day never meets a 23- or 25-hour day: DST only matters when an instant becomes a date
 * (`localDate` in `./time`).
 */
const DAY_MS = 86_400_000;

const toUtc = (d: string): number => {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, day);
};
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

/** Adds calendar months, keeping the day of month and clamping to the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)));
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes the zone is ahead of UTC at an instant (−480 for Los Angeles in winter). */
export function offsetMinutes(at: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((wall - Math.floor(at / 1000) * 1000) / 60_000);
}

/** The instant a clinic-local date begins (its first wall-clock minute), so a due date can be an instant. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const guess = toUtc(date);
  let at = guess - offsetMinutes(guess, timeZone) * 60_000;
  // A DST change between the guess and the answer shifts the offset once; one correction settles it.
  at = guess - offsetMinutes(at, timeZone) * 60_000;
  return new Date(at);
}
