import { hmacSha256, utf8 } from './hmac';

/**
 * Random drug-test selection (clinical reference §7: random testing, at least weekly early in treatment, less in
 * stable recovery). Each collection day every eligible person is selected with probability p = weekly rate /
 * collection days a week, using u = HMAC-SHA256(location secret, `${day}:${patientId}`) as a number in [0, 1):
 * selected when u < p. The draw is reproducible for an auditor who holds the secret and unpredictable to anyone who
 * does not (patients and staff never see it), and no one can be selected twice on one day.
 */

export interface DrugTestRates {
  /** Tests per person per week by program phase number (`{ "1": 2, "2": 1, "3": 0.5 }`). */
  ratesByPhase: Record<string, number>;
  /** For a person with no phase, or a phase with no rate of its own. */
  defaultRatePerWeek: number;
  /** Weekdays with collection (0 = Monday … 6 = Sunday). */
  collectionWeekdays: number[];
}

/** The greatest weekly rate: one test every collection day. */
export const MAX_RATE_PER_WEEK = 7;

/** The weekly rate for a person in phase `phase` (a phase number, or null when none is set). */
export function rateFor(rates: DrugTestRates, phase: number | null): number {
  const own = phase === null ? undefined : rates.ratesByPhase[String(phase)];
  return own ?? rates.defaultRatePerWeek;
}

/** The chance of selection on one collection day: the weekly rate spread over the week's collection days, at most 1. */
export function dailyProbability(ratePerWeek: number, collectionDaysPerWeek: number): number {
  if (collectionDaysPerWeek <= 0 || ratePerWeek <= 0) return 0;
  return Math.min(1, ratePerWeek / collectionDaysPerWeek);
}

/** u in [0, 1) from the first 48 bits of HMAC-SHA256(secret, `${day}:${patientId}`). */
export function drawValue(secret: string, day: string, patientId: string): number {
  const mac = hmacSha256(utf8(secret), utf8(`${day}:${patientId}`));
  let n = 0;
  for (let i = 0; i < 6; i++) n = n * 256 + (mac[i] ?? 0);
  return n / 2 ** 48;
}

export interface EligiblePerson {
  patientId: string;
  phase: number | null;
}

export interface DrawEntry {
  patientId: string;
  phase: number | null;
  ratePerWeek: number;
  p: number;
  selected: boolean;
}

export interface DayDraw {
  day: string;
  collectionDay: boolean;
  entries: DrawEntry[];
  selected: string[];
}

/**
 * One location's draw for one day. `weekday` is the day's weekday in the clinic's zone (0 = Monday). A person listed
 * twice is considered once; on a day without collection nobody is selected.
 */
export function drawDay(input: {
  secret: string;
  day: string;
  weekday: number;
  rates: DrugTestRates;
  eligible: EligiblePerson[];
}): DayDraw {
  const days = new Set(input.rates.collectionWeekdays).size;
  const collectionDay = input.rates.collectionWeekdays.includes(input.weekday);
  const seen = new Set<string>();
  const entries: DrawEntry[] = [];
  for (const person of [...input.eligible].sort((a, b) => (a.patientId < b.patientId ? -1 : a.patientId > b.patientId ? 1 : 0))) {
    if (seen.has(person.patientId)) continue;
    seen.add(person.patientId);
    const ratePerWeek = rateFor(input.rates, person.phase);
    const p = collectionDay ? dailyProbability(ratePerWeek, days) : 0;
    entries.push({ ...person, ratePerWeek, p, selected: p > 0 && drawValue(input.secret, input.day, person.patientId) < p });
  }
  return { day: input.day, collectionDay, entries, selected: entries.filter((e) => e.selected).map((e) => e.patientId) };
}
