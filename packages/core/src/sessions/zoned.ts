import { offsetMinutes } from '../calendar';

export { weekdayOf } from '../schedule/week-dates';

const HOUR_MS = 3_600_000;

const wallMs = (day: string, minute: number): number => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) + minute * 60_000;
};

/**
 * The instant a clinic-local wall-clock time happens: `day` (YYYY-MM-DD) at `minute` after midnight in `timeZone`.
 *
 * A time that happens twice (the hour repeated when clocks go back) is its first, daylight-time instant. A time that
 * does not exist (the hour skipped when clocks go forward, e.g. 02:30 on the spring-forward day in Los Angeles) is
 * moved forward by the gap: it is read with the offset in force before the change, so 02:30 becomes 03:30 daylight
 * time. Offsets are taken 18 hours either side, which assumes one change at most in 36 hours (true of every zone in
 * use).
 */
export function zonedInstant(day: string, minute: number, timeZone: string): Date {
  const wall = wallMs(day, minute);
  const before = offsetMinutes(wall - 18 * HOUR_MS, timeZone);
  const after = offsetMinutes(wall + 18 * HOUR_MS, timeZone);
  const valid = [...new Set([before, after])]
    .map((o) => wall - o * 60_000)
    .filter((at) => wall - offsetMinutes(at, timeZone) * 60_000 === at);
  if (valid.length) return new Date(Math.min(...valid));
  return new Date(wall - before * 60_000);
}
