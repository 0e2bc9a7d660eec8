import { addDays, addMonths, daysBetween } from '../calendar';

/**
 * How often a measure is asked. `every_n_days` covers any fixed interval; weekly and every two weeks are 7 and 14
 * days; monthly keeps the day of month; the daily check-in is every day.
 */
export type Cadence =
  { kind: 'daily' } | { kind: 'weekly' } | { kind: 'biweekly' } | { kind: 'monthly' } | { kind: 'every_n_days'; days: number };
export type CadenceKind = Cadence['kind'];

/** Days after a due date before an unanswered measure counts as missed, when the assignment names none. */
export function defaultGraceDays(c: Cadence): number {
  switch (c.kind) {
    case 'daily':
      return 0;
    case 'weekly':
      return 2;
    case 'biweekly':
      return 3;
    case 'monthly':
      return 7;
    case 'every_n_days':
      return Math.min(7, Math.floor(c.days / 4));
  }
}

/** The `k`-th due date from the start (k = 0 is the start date itself). */
export function occurrence(c: Cadence, startDate: string, k: number): string {
  switch (c.kind) {
    case 'daily':
      return addDays(startDate, k);
    case 'weekly':
      return addDays(startDate, 7 * k);
    case 'biweekly':
      return addDays(startDate, 14 * k);
    case 'every_n_days':
      return addDays(startDate, c.days * k);
    case 'monthly':
      return addMonths(startDate, k);
  }
}

/** Index of the latest due date on or before `today` (−1 when the first is still ahead). */
function latestIndex(c: Cadence, startDate: string, today: string): number {
  const elapsed = daysBetween(startDate, today);
  if (elapsed < 0) return -1;
  const step = c.kind === 'daily' ? 1 : c.kind === 'weekly' ? 7 : c.kind === 'biweekly' ? 14 : c.kind === 'every_n_days' ? c.days : 0;
  if (step) return Math.floor(elapsed / step);
  // Monthly: estimate by months, then step back while the estimate overshoots (clamping makes it uneven).
  let k = Math.max(0, Math.floor(elapsed / 28));
  while (k > 0 && occurrence(c, startDate, k) > today) k -= 1;
  return k;
}

export interface MeasureSchedule {
  cadence: Cadence;
  startDate: string;
  /** Last day the assignment runs (inclusive); null = until stopped. */
  endDate: string | null;
  graceDays: number;
}

export type MeasureState =
  /** The first due date is still ahead. */
  | 'scheduled'
  /** Answered for the current period. */
  | 'done'
  /** Due now and still within its grace period. */
  | 'due'
  /** Past the grace period without an answer. */
  | 'missed'
  /** The assignment has ended. */
  | 'ended';

export interface MeasureStatus {
  state: MeasureState;
  /** The due date of the current period (null when scheduled or ended). */
  dueDate: string | null;
  /** The last day it can be answered before it counts as missed. */
  graceUntil: string | null;
  /** The next due date after the current period (null when the assignment ends first). */
  nextDueDate: string | null;
}

/**
 * Where one assignment stands on `today` (the clinic-local date), given the local dates it was answered on. An
 * answer counts for the period it falls in: from a due date up to the day before the next one. A period that is
 * cut short by the end date still ends there.
 */
export function measureStatus(s: MeasureSchedule, answeredOn: readonly string[], today: string): MeasureStatus {
  if (s.endDate !== null && today > s.endDate) return { state: 'ended', dueDate: null, graceUntil: null, nextDueDate: null };
  const k = latestIndex(s.cadence, s.startDate, today);
  if (k < 0) return { state: 'scheduled', dueDate: null, graceUntil: null, nextDueDate: s.startDate };
  const dueDate = occurrence(s.cadence, s.startDate, k);
  const nextRaw = occurrence(s.cadence, s.startDate, k + 1);
  const nextDueDate = s.endDate !== null && nextRaw > s.endDate ? null : nextRaw;
  const periodEnd = addDays(nextRaw, -1);
  const graceUntil = [addDays(dueDate, s.graceDays), periodEnd].sort()[0] as string;
  const answered = answeredOn.some((d) => d >= dueDate && d <= periodEnd);
  const state: MeasureState = answered ? 'done' : today > graceUntil ? 'missed' : 'due';
  return { state, dueDate, graceUntil, nextDueDate };
}

/** Whether a measure should be offered to the person now (due or missed but still in its period). */
export const isOpen = (st: MeasureStatus): boolean => st.state === 'due' || st.state === 'missed';
