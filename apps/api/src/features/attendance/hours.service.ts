import {
  addDays,
  ageOn,
  DomainError,
  engagementRisk,
  isMonday,
  ledgerFloor,
  localDate,
  makeUpOptions,
  mondayOf,
  patientScopeFor,
  weekdayOf,
  weekLedger,
  type EngagementReason,
  type LocationHoursView,
  type PatientHoursView,
  type WeekLedger,
} from '@openiop/core';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { locations, patients } from '../../db/schema/index';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { withPatient } from '../clinical/with-patient';
import { scopePredicates } from '../patients/patients.scope';
import * as hoursRepo from './hours.repo';

type Facts = Awaited<ReturnType<typeof hoursRepo.floorFacts>>[number];
type SessionRow = Awaited<ReturnType<typeof hoursRepo.weekSessions>>[number];

export interface PersonWeek {
  facts: Facts;
  weekStart: string;
  ledger: WeekLedger;
  sessions: SessionRow[];
  perDiem: boolean;
  dayMinimumMinutes: number;
}

/** The floor of a person in a week: none without an active episode. */
function floorOf(f: Facts, weekStart: string) {
  if (!f.levelOfCare) return { floorMinutes: 0, dayMinimumMinutes: 0 };
  return ledgerFloor({
    levelOfCare: f.levelOfCare,
    ageGroup: ageOn(f.dateOfBirth, weekStart) < 18 ? 'adolescent' : 'adult',
    phaseMinHours: f.phaseHours ?? 0,
    stepDown: f.stepDown ?? false,
  });
}

/** Each person's week ledger (the week starting `weekStart`), set-based: three queries for any number of people. */
export async function ledgersFor(
  tx: Db,
  organizationId: string,
  patientIds: string[],
  weekStart: string,
  now: Date,
): Promise<Map<string, PersonWeek>> {
  const facts = await hoursRepo.floorFacts(tx, organizationId, patientIds);
  const rows = await hoursRepo.weekSessions(tx, organizationId, patientIds, weekStart, addDays(weekStart, 6));
  const out = new Map<string, PersonWeek>();
  for (const f of facts) {
    const sessions = rows.filter((r) => r.patientId === f.patientId);
    const { floorMinutes, dayMinimumMinutes } = floorOf(f, weekStart);
    const perDiem = f.perDiem ?? false;
    const ledger = weekLedger({
      sessions: sessions.map((s) => ({
        id: s.id,
        day: s.day,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        cancelled: s.status === 'cancelled',
      })),
      attendance: sessions.flatMap((s) =>
        s.attendanceStatus ? [{ occurrenceId: s.id, status: s.attendanceStatus, minutesAttended: s.minutesAttended ?? 0 }] : [],
      ),
      floorMinutes,
      perDiem,
      dayMinimumMinutes,
      now,
    });
    out.set(f.patientId, { facts: f, weekStart, ledger, sessions, perDiem, dayMinimumMinutes });
  }
  return out;
}

/** The person's engagement risk now: their last two sessions, and the two weeks before the current one. */
export async function engagementOf(
  tx: Db,
  organizationId: string,
  patientId: string,
  thisWeek: string,
  now: Date,
): Promise<EngagementReason[]> {
  const recent = await hoursRepo.recentAttendance(tx, organizationId, patientId, now, 2);
  const weeks = await Promise.all(
    [addDays(thisWeek, -7), addDays(thisWeek, -14)].map(async (w) =>
      (await ledgersFor(tx, organizationId, [patientId], w, now)).get(patientId),
    ),
  );
  return engagementRisk({
    recent,
    // A week with nothing scheduled or attended (before admission, a break) says nothing about engagement.
    finishedWeeks: weeks.flatMap((w) =>
      w && w.sessions.length ? [{ attendedMinutes: w.ledger.attendedMinutes, floorMinutes: w.ledger.floorMinutes }] : [],
    ),
  });
}

function weekOf(week: string | undefined, today: string): string {
  if (week === undefined) return mondayOf(today);
  if (!isMonday(week)) throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'week', message: 'must be a Monday' }]);
  return week;
}

const ledgerTotals = (l: WeekLedger) => ({
  floorMinutes: l.floorMinutes,
  scheduledMinutes: l.scheduledMinutes,
  attendedMinutes: l.attendedMinutes,
  possibleMinutes: l.possibleMinutes,
  unrecordedMinutes: l.unrecordedMinutes,
  misses: l.misses,
  met: l.met,
  status: l.status,
});

/** The person's hours this week (or `week`): the ledger bar against the floor, each day, make-ups and the risk flag. */
export async function patientHours(ctx: Ctx, patientId: string, week: string | undefined): Promise<PatientHoursView> {
  return withPatient(ctx, patientId, 'attendance.read', async ({ tx, today, timeZone }) => {
    const org = ctx.actor.organizationId;
    const now = ctx.clock.now();
    const weekStart = weekOf(week, today);
    const person = (await ledgersFor(tx, org, [patientId], weekStart, now)).get(patientId) as PersonWeek;
    const makeUps = await makeUpsFor(tx, org, person, now);
    const risk = await engagementOf(tx, org, patientId, mondayOf(today), now);
    await recordAudit(tx, ctx, {
      action: 'hours.read',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
      details: { weekStart, sessions: person.sessions.length },
    });
    return {
      weekStart,
      timeZone: person.facts.timeZone ?? timeZone,
      levelOfCare: person.facts.levelOfCare,
      stepDown: person.facts.stepDown ?? false,
      perDiem: person.perDiem,
      dayMinimumMinutes: person.dayMinimumMinutes,
      ...ledgerTotals(person.ledger),
      days: person.ledger.days,
      sessions: person.sessions.map((s) => ({
        occurrenceId: s.id,
        title: s.title,
        day: s.day,
        startMinute: s.startMinute,
        endMinute: s.endMinute,
        cancelled: s.status === 'cancelled',
        attendance: s.attendanceStatus ? { status: s.attendanceStatus, minutesAttended: s.minutesAttended ?? 0 } : null,
      })),
      makeUps,
      engagementRisk: risk,
    };
  });
}

/** Open seats later this week that fit the person, only while their floor is not yet met. */
async function makeUpsFor(tx: Db, org: string, person: PersonWeek, now: Date): Promise<PatientHoursView['makeUps']> {
  if (!person.facts.locationId || person.ledger.met) return [];
  const groups = await hoursRepo.weekGroups(tx, org, person.facts.locationId, person.weekStart, addDays(person.weekStart, 6));
  const mine = new Set(person.sessions.filter((s) => s.status === 'scheduled').map((s) => s.id));
  const availability = await hoursRepo.availabilityOf(tx, org, person.facts.patientId);
  const options = makeUpOptions({
    now,
    availability: availability.map((w) => ({ ...w, weekday: w.weekday as ReturnType<typeof weekdayOf> })),
    booked: person.sessions
      .filter((s) => s.status === 'scheduled')
      .map((s) => ({ weekday: weekdayOf(s.day), startMinute: s.startMinute, endMinute: s.endMinute })),
    candidates: groups.map((g) => ({
      id: g.occ.id,
      kind: g.occ.kind,
      weekday: weekdayOf(g.occ.day),
      startMinute: g.occ.startMinute,
      endMinute: g.occ.endMinute,
      startsAt: g.occ.startsAt,
      capacity: g.occ.capacity,
      seated: g.seated,
      onRoster: mine.has(g.occ.id),
    })),
  });
  const byId = new Map(groups.map((g) => [g.occ.id, g]));
  return options.map((o) => {
    const g = byId.get(o.id) as (typeof groups)[number];
    return {
      occurrenceId: o.id,
      locationId: person.facts.locationId as string,
      weekStart: person.weekStart,
      title: g.occ.title,
      day: g.occ.day,
      startMinute: o.startMinute,
      endMinute: o.endMinute,
      openSeats: o.capacity - o.seated,
    };
  });
}

/**
 * The director's view of a location's week: every active person there whom the reader may see, with their ledger,
 * those furthest behind first. People outside the reader's scope are left out, not named.
 */
export async function locationHours(ctx: Ctx, locationId: string, week: string | undefined): Promise<LocationHoursView> {
  assertCan(ctx.actor, 'attendance.read');
  const wide = patientScopeFor(ctx.actor, ctx.actor.settings).some((s) => s.kind === 'organization');
  if (!wide && !ctx.actor.locationIds.includes(locationId)) throw new DomainError('NOT_FOUND', 'No such location');
  return ctx.db.transaction(async (tx) => {
    const org = ctx.actor.organizationId;
    const [location] = await tx
      .select({ name: locations.name, timeZone: locations.timeZone })
      .from(locations)
      .where(and(eq(locations.organizationId, org), eq(locations.id, locationId)));
    if (!location) throw new DomainError('NOT_FOUND', 'No such location');
    const now = ctx.clock.now();
    const weekStart = weekOf(week, localDate(now, location.timeZone));
    const active = await hoursRepo.activeAt(tx, org, locationId);
    const { visible } = scopePredicates(ctx.actor, now);
    const seen = active.length
      ? new Set(
          (
            await tx
              .select({ id: patients.id })
              .from(patients)
              .where(and(eq(patients.organizationId, org), inArray(patients.id, active), visible))
          ).map((r) => r.id),
        )
      : new Set<string>();
    const ids = active.filter((id) => seen.has(id));
    const ledgers = await ledgersFor(tx, org, ids, weekStart, now);
    const order = { below_floor: 0, at_risk: 1, on_track: 2 } as const;
    const people = ids
      .flatMap((id) => {
        const p = ledgers.get(id);
        return p ? [{ patientId: id, name: `${p.facts.preferred ?? p.facts.given} ${p.facts.family}`, ...ledgerTotals(p.ledger) }] : [];
      })
      .sort((a, b) => order[a.status] - order[b.status] || a.name.localeCompare(b.name));
    for (const p of people)
      await recordAudit(tx, ctx, {
        action: 'hours.read',
        resourceType: 'location',
        resourceId: locationId,
        patientId: p.patientId,
        details: { weekStart, via: 'location-hours' },
      });
    return { weekStart, locationName: location.name, people };
  });
}
