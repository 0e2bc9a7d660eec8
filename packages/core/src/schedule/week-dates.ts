import { addDays, daysBetween } from '../calendar';
import type { Weekday } from '../scheduling/week';

/**
 * The dates of a planned week. A week starts on a Monday (clinic-local), so weekday 0 of the scheduler's wall-clock
 * slots is that Monday and weekday 6 the Sunday after.
 */

/** 0 = Monday … 6 = Sunday for a clinic-local date. */
export function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) as Weekday;
}

/** The Monday on or before a date. */
export const mondayOf = (date: string): string => addDays(date, -weekdayOf(date));

export const isMonday = (date: string): boolean => weekdayOf(date) === 0;

/** The date of weekday `day` in the week starting `weekStart`. */
export const dateInWeek = (weekStart: string, day: Weekday): string => addDays(weekStart, day);

/** Whether a date falls in the week starting `weekStart`. */
export const inWeek = (weekStart: string, date: string): boolean => {
  const n = daysBetween(weekStart, date);
  return n >= 0 && n < 7;
};

/** "18:00" from minutes after midnight. */
export const clockText = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
