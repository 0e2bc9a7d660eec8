import type { LevelOfCare } from '../contracts/patients';

/**
 * Payers' authorizations against the schedule (issue 5 item 6): which service code a scheduled session bills as,
 * how many of an authorization's units are used, scheduled and left, and the warnings a scheduler sees before
 * booking past an authorization's units or dates. Warnings only: an authorization never refuses a booking (the
 * clinic may still see the person and ask the payer for more), it says what the booking costs.
 */

export type ServiceKind = 'group' | 'individual' | 'family' | 'drug_test';

/** What the rule needs to know about the person to pick codes: their level of care and whether groups bill per diem. */
export interface BillingFacts {
  levelOfCare: LevelOfCare;
  perDiem: boolean;
}

/** A session the person is booked into: its clinic-local day, kind and length. */
export interface BookedService {
  /** The occurrence id (or the week's session key before it is saved). */
  id: string;
  day: string;
  kind: ServiceKind;
  minutes: number;
}

export interface AuthorizationFacts {
  id: string;
  payer: string;
  /** Codes it covers; empty covers every scheduled service. */
  serviceCodes: readonly string[];
  /** Null: dates only, no unit limit. */
  unitsAuthorized: number | null;
  /** Units billing recorded as used outside the schedule (e.g. before the person's sessions were kept here). */
  unitsUsed: number;
  startsOn: string;
  endsOn: string;
}

/** Codes billed per date of service: however many sessions a day has, the day is one unit. */
export const PER_DIEM_CODES: ReadonlySet<string> = new Set(['H0015', '80305']);

/**
 * The code a session bills as (clinical reference §4): a group day at level 2.1 billed per diem is H0015, any other
 * group 90853; individual psychotherapy by its length (90832 16–37 min, 90834 38–52, 90837 ≥ 53); family therapy
 * with the person 90847 (≥ 26 min); a drug-test collection the presumptive screen 80305. Null: too short to bill.
 */
export function serviceCodeFor(kind: ServiceKind, minutes: number, facts: BillingFacts): string | null {
  switch (kind) {
    case 'group':
      return facts.levelOfCare === '2.1' && facts.perDiem ? 'H0015' : '90853';
    case 'individual':
      if (minutes >= 53) return '90837';
      if (minutes >= 38) return '90834';
      if (minutes >= 16) return '90832';
      return null;
    case 'family':
      return minutes >= 26 ? '90847' : null;
    case 'drug_test':
      return '80305';
  }
}

export interface Unit {
  code: string;
  day: string;
  /** The sessions that make this unit (several groups on one per-diem day are one unit). */
  serviceIds: string[];
}

/** The billable units a set of sessions makes: one per session, or one per day for per-diem codes. */
export function billableUnits(services: readonly BookedService[], facts: BillingFacts): Unit[] {
  const units = new Map<string, Unit>();
  const sorted = [...services].sort((a, b) => a.day.localeCompare(b.day) || a.id.localeCompare(b.id));
  for (const s of sorted) {
    const code = serviceCodeFor(s.kind, s.minutes, facts);
    if (!code) continue;
    const key = PER_DIEM_CODES.has(code) ? `${code}|${s.day}` : `${code}|${s.day}|${s.id}`;
    const unit = units.get(key);
    if (unit) unit.serviceIds.push(s.id);
    else units.set(key, { code, day: s.day, serviceIds: [s.id] });
  }
  return [...units.values()];
}

const covers = (a: AuthorizationFacts, code: string) => a.serviceCodes.length === 0 || a.serviceCodes.includes(code);
const inDates = (a: AuthorizationFacts, day: string) => a.startsOn <= day && day <= a.endsOn;

export interface AuthorizationUse {
  id: string;
  /** Units recorded as used plus units of sessions before today inside its dates (until attendance says otherwise). */
  unitsUsed: number;
  /** Units of sessions from today to its end. */
  unitsScheduled: number;
  /** Null when it has no unit limit; never below 0. */
  unitsLeft: number | null;
  /** Sessions from today on that go past its units. */
  overBy: number;
}

export type AuthorizationWarning =
  | { kind: 'units'; authorizationId: string; unitsLeft: number; unitsScheduled: number; message: string }
  | { kind: 'ended'; authorizationId: string; endsOn: string; days: string[]; message: string }
  | { kind: 'not_started'; authorizationId: string; startsOn: string; days: string[]; message: string };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * How each authorization stands given the person's sessions, on `today` (clinic-local). A unit counts against an
 * authorization that covers its code and date; when two do, the one ending first takes it. Sessions before today are
 * counted as used (a held session is what attendance will confirm). Pass every session inside the authorizations'
 * dates, not only the week shown.
 */
export function authorizationUse(
  auths: readonly AuthorizationFacts[],
  services: readonly BookedService[],
  facts: BillingFacts,
  today: string,
): AuthorizationUse[] {
  const ordered = [...auths].sort((a, b) => a.endsOn.localeCompare(b.endsOn) || a.id.localeCompare(b.id));
  const use = new Map(ordered.map((a) => [a.id, { past: 0, ahead: 0 }]));
  for (const u of billableUnits(services, facts)) {
    const a = ordered.find((x) => covers(x, u.code) && inDates(x, u.day));
    const counter = a ? use.get(a.id) : undefined;
    if (!counter) continue;
    if (u.day < today) counter.past += 1;
    else counter.ahead += 1;
  }
  return auths.map((a) => {
    const c = use.get(a.id) ?? { past: 0, ahead: 0 };
    const unitsUsed = a.unitsUsed + c.past;
    const unitsLeft = a.unitsAuthorized === null ? null : Math.max(0, a.unitsAuthorized - unitsUsed);
    return {
      id: a.id,
      unitsUsed,
      unitsScheduled: c.ahead,
      unitsLeft,
      overBy: unitsLeft === null ? 0 : Math.max(0, c.ahead - unitsLeft),
    };
  });
}

/**
 * The warnings for the sessions in `range` (e.g. the week on screen): an authorization whose units the sessions from
 * today on go past ("3 units left, 4 scheduled"), and sessions that only an authorization outside its dates would
 * cover ("past the authorization's end (ends 2026-12-10)"). A session no authorization covers by code warns nothing:
 * there is no authorization to keep to.
 */
export function authorizationWarnings(
  auths: readonly AuthorizationFacts[],
  services: readonly BookedService[],
  facts: BillingFacts,
  today: string,
  range: { from: string; to: string },
): AuthorizationWarning[] {
  const out: AuthorizationWarning[] = [];
  const use = authorizationUse(auths, services, facts, today);
  const inRange = billableUnits(
    services.filter((s) => range.from <= s.day && s.day <= range.to),
    facts,
  );
  for (const a of auths) {
    const u = use.find((x) => x.id === a.id);
    if (!u || u.unitsLeft === null || u.overBy === 0) continue;
    // Only when the week shown has units of it ahead: a shortfall elsewhere is that week's warning.
    if (!inRange.some((x) => x.day >= today && covers(a, x.code) && inDates(a, x.day))) continue;
    out.push({
      kind: 'units',
      authorizationId: a.id,
      unitsLeft: u.unitsLeft,
      unitsScheduled: u.unitsScheduled,
      message: `${a.payer}: ${plural(u.unitsLeft, 'unit')} left, ${u.unitsScheduled} scheduled`,
    });
  }
  const ended = new Map<string, string[]>();
  const early = new Map<string, string[]>();
  for (const x of inRange) {
    const matching = auths.filter((a) => covers(a, x.code));
    if (!matching.length || matching.some((a) => inDates(a, x.day))) continue;
    const before = matching.filter((a) => a.endsOn < x.day).sort((a, b) => b.endsOn.localeCompare(a.endsOn))[0];
    const target = before ? ended : early;
    const a = before ?? [...matching].sort((p, q) => p.startsOn.localeCompare(q.startsOn))[0];
    if (!a) continue;
    const days = target.get(a.id) ?? [];
    if (!days.includes(x.day)) days.push(x.day);
    target.set(a.id, days);
  }
  for (const [id, days] of ended) {
    const a = auths.find((x) => x.id === id) as AuthorizationFacts;
    out.push({
      kind: 'ended',
      authorizationId: id,
      endsOn: a.endsOn,
      days,
      message: `${a.payer}: past the authorization's end (ends ${a.endsOn})`,
    });
  }
  for (const [id, days] of early) {
    const a = auths.find((x) => x.id === id) as AuthorizationFacts;
    out.push({
      kind: 'not_started',
      authorizationId: id,
      startsOn: a.startsOn,
      days,
      message: `${a.payer}: before the authorization starts (starts ${a.startsOn})`,
    });
  }
  return out;
}

/**
 * Warnings present after a change that were not before it (by person and message), for a move's or a booking's
 * check: a move that keeps a week's shortfall as it was adds nothing to say.
 */
export function newAuthorizationWarnings<W extends { message: string; patientId?: string }>(
  before: readonly W[],
  after: readonly W[],
): W[] {
  const key = (w: W) => `${w.patientId ?? ''}|${w.message}`;
  const had = new Set(before.map(key));
  return after.filter((w) => !had.has(key(w)));
}
