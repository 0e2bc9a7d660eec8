import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  addDays,
  clockText,
  describeProblem,
  DomainError,
  explainShortfall,
  explainUnplacedRequest,
  slotText,
  inWeek,
  localDate,
  mondayOf,
  newAuthorizationWarnings,
  patientScopeFor,
  validateWeek,
  zonedInstant,
  weekdayOf,
  weeklyHourFloor,
  type AuthorizationWarningView,
  type MoveCheckView,
  type OccurrenceMove,
  type ProblemNames,
  type ScheduleOccurrenceView,
  type ScheduleWeekView,
  type SessionAdd,
  type WeekPlan,
  type WeekProblem,
} from '@openiop/core';
import type { Db } from '../../db/database';
import { patients, scheduleWeeks, sessionAttendees, sessionOccurrences } from '../../db/schema/index';
import { recordAudit } from '../../platform/audit';
import { actorCan, assertCan, type Ctx } from '../../platform/context';
import { scopePredicates } from '../patients/patients.scope';
import {
  collectionSessions,
  findLocation,
  findWeek,
  familyRequests,
  individualRequests,
  loadClosures,
  loadWeekInputs,
  sessionHours,
  templateSessions,
  toWeekPlan,
  type WeekInputs,
  type WeekSession,
} from './week-inputs';
import { latestSolve, toSolveView } from './solve-job';
import { scheduleWarnings } from '../authorizations/authorizations.service';

/**
 * Authorization warnings for these people over the week: their stored sessions, with the week's sessions as given
 * (perhaps changed by a move or a seat not yet saved) in place of the stored ones.
 */
async function weekAuthorizationWarnings(
  db: Db,
  ctx: Ctx,
  inputs: WeekInputs,
  patientIds: ReadonlySet<string>,
): Promise<AuthorizationWarningView[]> {
  if (!actorCan(ctx.actor, 'authorization.read')) return [];
  const people = inputs.patientWeeks
    .filter((p) => patientIds.has(p.id))
    .map((p) => ({ patientId: p.id, billing: { levelOfCare: p.levelOfCare, perDiem: p.perDiem } }));
  if (!people.length) return [];
  const saved = inputs.sessions.filter((s) => s.id !== null);
  return scheduleWarnings(
    db,
    ctx.actor.organizationId,
    people,
    localDate(ctx.clock.now(), inputs.location.timeZone),
    { from: inputs.weekStart, to: addDays(inputs.weekStart, 6) },
    {
      ids: new Set(saved.map((s) => s.id as string)),
      services: saved.flatMap((s) =>
        s.attendees.map((a) => ({
          id: s.id as string,
          patientId: a.patientId,
          day: s.day,
          kind: s.kind,
          minutes: s.endMinute - s.startMinute,
        })),
      ),
    },
  );
}

/**
 * A location's schedule may be seen by those who work there, or by the roles that see the whole organization.
 * Anything else answers 404, like a patient out of scope.
 */
export function assertLocationAccess(ctx: Ctx, locationId: string): void {
  const wide = patientScopeFor(ctx.actor, ctx.actor.settings).some((s) => s.kind === 'organization');
  if (!wide && !ctx.actor.locationIds.includes(locationId)) throw new DomainError('NOT_FOUND', 'No such location');
}

export async function loadInputs(db: Db, ctx: Ctx, locationId: string, weekStart: string): Promise<WeekInputs> {
  assertLocationAccess(ctx, locationId);
  const inputs = await loadWeekInputs(db, ctx.actor.organizationId, locationId, weekStart);
  if (!inputs) throw new DomainError('NOT_FOUND', 'No such location');
  return inputs;
}

/** Which of these people the reader may see by name (their scope, or a break-the-glass grant). */
async function visibleIds(db: Db, ctx: Ctx, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const { visible } = scopePredicates(ctx.actor, ctx.clock.now());
  const rows = await db
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.organizationId, ctx.actor.organizationId), inArray(patients.id, ids), visible));
  return new Set(rows.map((r) => r.id));
}

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

function namesFor(inputs: WeekInputs, seen: ReadonlySet<string>): ProblemNames {
  const people = new Map(inputs.people.map((p) => [p.id, p.name]));
  const staff = new Map(inputs.staff.map((s) => [s.id, s.name]));
  const rooms = new Map(inputs.rooms.map((r) => [r.id, r.name]));
  const sessions = new Map(inputs.sessions.map((s) => [s.key, s]));
  return {
    person: (id) => (seen.has(id) ? (people.get(id) ?? 'Someone') : 'Someone'),
    staff: (id) => staff.get(id) ?? 'A staff member',
    room: (id) => rooms.get(id) ?? 'A room',
    item: (id) => {
      const s = sessions.get(id);
      return s ? `${DAY_NAMES[weekdayOf(s.day)]} ${clockText(s.startMinute)}–${clockText(s.endMinute)} ${s.title}` : 'a session';
    },
  };
}

/** Hard limits and hour floors the week breaks, in words; sessions on a closure day are a hard problem too. */
export function weekProblems(inputs: WeekInputs, plan: WeekPlan, names: ProblemNames): WeekProblem[] {
  const closed = new Map(inputs.closures.map((c) => [c.day, c.name]));
  const closures: WeekProblem[] = inputs.sessions
    .filter((s) => closed.has(s.day))
    .map((s) => ({
      kind: 'closure',
      severity: 'hard',
      message: `${names.item(s.key)} falls on ${closed.get(s.day)}, when the program is closed`,
      itemIds: [s.key],
      patientId: null,
    }));
  return [...closures, ...validateWeek(plan).map((v) => describeProblem(v, names))];
}

const problemKey = (p: WeekProblem) => `${p.kind}|${p.message}`;

function occurrenceView(s: WeekSession, inputs: WeekInputs, seen: ReadonlySet<string>, names: ProblemNames): ScheduleOccurrenceView {
  const room = s.roomId ? inputs.rooms.find((r) => r.id === s.roomId) : undefined;
  const staff = inputs.staff.find((x) => x.id === s.staffId);
  return {
    id: s.id,
    kind: s.kind,
    title: s.title,
    templateId: s.templateId,
    track: s.trackId ? { id: s.trackId, name: inputs.tracks.get(s.trackId) ?? '' } : null,
    day: s.day,
    weekday: weekdayOf(s.day),
    startMinute: s.startMinute,
    endMinute: s.endMinute,
    startsAt: zonedInstant(s.day, s.startMinute, inputs.location.timeZone).toISOString(),
    endsAt: zonedInstant(s.day, s.endMinute, inputs.location.timeZone).toISOString(),
    room: room ? { id: room.id, name: room.name } : null,
    modality: s.modality,
    capacity: s.capacity,
    staff: { id: s.staffId, name: staff?.name ?? 'A staff member' },
    attendees: s.attendees.map((a) =>
      seen.has(a.patientId)
        ? { patientId: a.patientId, name: names.person(a.patientId), source: a.source }
        : { patientId: null, name: 'Another person', source: a.source },
    ),
    status: s.status,
  };
}

/** The explanation of one person's shortfall in words: what binds, then the smallest change that fixes it. */
function explanationText(plan: WeekPlan, patientId: string, names: ProblemNames): string | null {
  const e = explainShortfall(plan, patientId);
  if (!e) return null;
  const parts = e.limits.map((l) => {
    if (l.kind === 'availability') return `their availability holds at most ${Number(l.availableHours.toFixed(2))} h of groups`;
    if (l.kind === 'capacity') return `${l.fullGroupIds.map(names.item).join(', ')} ${l.fullGroupIds.length === 1 ? 'is' : 'are'} full`;
    return `${l.groupIds.map(names.item).join(', ')} clash with what they already have`;
  });
  const fix = e.fix ? ` ${e.fix.text[0]?.toUpperCase()}${e.fix.text.slice(1)}.` : '';
  return `${Number((e.floor - e.hours).toFixed(2))} h short of ${e.floor} h: ${parts.join('; ') || 'no group fits'}.${fix}`;
}

const REQUEST_WORDS = {
  no_common_time: 'no time when a clinician and they are both free for their individual session',
  no_room: 'no room free at the times their individual session fits',
  staff_cap: "the clinicians' weekly session caps are full",
  traded_off: 'the time their individual session would take went to their groups',
} as const;

/** Why a person's individual or family session is not in the week, in words, with the window that would place it. */
function requestText(plan: WeekPlan, requestId: string, names: ProblemNames): string | null {
  const e = explainUnplacedRequest(plan, requestId);
  if (!e) return null;
  const fix = e.fix ? ` Adding ${slotText(e.fix.addWindow)} availability would place it with ${names.staff(e.fix.staffId)}.` : '';
  const family = plan.requests?.find((r) => r.id === requestId)?.kind === 'family';
  const words = family ? REQUEST_WORDS[e.reason].replace('individual session', 'family session') : REQUEST_WORDS[e.reason];
  return `No ${family ? 'family' : 'individual'} session: ${words}.${fix}`;
}

/** Builds the week's view for the reader and audits the read (the rosters name patients) in the same transaction. */
async function weekView(db: Db, ctx: Ctx, inputs: WeekInputs): Promise<ScheduleWeekView> {
  const plan = toWeekPlan(inputs);
  const seen = await visibleIds(
    db,
    ctx,
    inputs.people.map((p) => p.id),
  );
  const names = namesFor(inputs, seen);
  const hoursOf = new Map<string, number>();
  for (const s of inputs.sessions) for (const a of s.attendees) hoursOf.set(a.patientId, (hoursOf.get(a.patientId) ?? 0) + sessionHours(s));
  const byId = new Map(inputs.patientWeeks.map((p) => [p.id, p]));
  const requests = inputs.week ? [...individualRequests(inputs), ...familyRequests(inputs)] : [];
  const withRequests = { ...plan, requests };
  const missingSession = new Map<string, string[]>();
  for (const r of requests) missingSession.set(r.patientId, [...(missingSession.get(r.patientId) ?? []), r.id]);
  const warnings = await weekAuthorizationWarnings(db, ctx, inputs, seen);
  const people = inputs.people
    .filter((p) => seen.has(p.id))
    .map((p) => {
      const week = byId.get(p.id);
      const floorHours = week ? weeklyHourFloor(week) : 0;
      const scheduledHours = hoursOf.get(p.id) ?? 0;
      return {
        patientId: p.id,
        name: p.name,
        levelOfCare: p.levelOfCare,
        phase: p.phase,
        floorHours,
        scheduledHours,
        availableHours: p.availableHours,
        primaryClinicianId: p.primaryClinicianId,
        explanation:
          [
            inputs.week && scheduledHours < floorHours ? explanationText(plan, p.id, names) : null,
            ...(missingSession.get(p.id) ?? []).map((id) => requestText(withRequests, id, names)),
          ]
            .filter(Boolean)
            .join(' ') || null,
        authorizationWarnings: warnings
          .filter((w) => w.patientId === p.id)
          .map((w) => ({ kind: w.kind, authorizationId: w.authorizationId, message: w.message })),
      };
    });
  const problems = inputs.week ? weekProblems(inputs, plan, names).filter((p) => p.patientId === null || seen.has(p.patientId)) : [];
  const solve = inputs.week ? await latestSolve(db, ctx.actor.organizationId, inputs.week.id) : undefined;
  await recordAudit(db, ctx, {
    action: 'schedule.read',
    resourceType: 'schedule_week',
    resourceId: inputs.week?.id ?? null,
    details: { locationId: inputs.location.id, weekStart: inputs.weekStart, patientIds: [...seen].sort() },
  });
  return {
    id: inputs.week?.id ?? null,
    locationId: inputs.location.id,
    locationName: inputs.location.name,
    timeZone: inputs.location.timeZone,
    weekStart: inputs.weekStart,
    status: inputs.week?.status ?? 'not_planned',
    version: inputs.week?.version ?? 0,
    publishedAt: inputs.week?.publishedAt?.toISOString() ?? null,
    occurrences: inputs.sessions.map((s) => occurrenceView(s, inputs, seen, names)),
    people,
    problems,
    closures: inputs.closures,
    solve: solve ? toSolveView(solve, ctx.clock.now()) : null,
    staff: inputs.staff.map((st) => ({ id: st.id, name: st.name })),
    rooms: inputs.rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity })),
  };
}

export async function getWeek(ctx: Ctx, locationId: string, weekStart: string): Promise<ScheduleWeekView> {
  assertCan(ctx.actor, 'schedule.read');
  return ctx.db.transaction(async (tx) => weekView(tx, ctx, await loadInputs(tx, ctx, locationId, weekStart)));
}

/**
 * The week's row, created with its group occurrences from the program's templates the first time the week is
 * planned (a draft until published). Locked for the caller's transaction.
 */
export async function ensureWeek(tx: Db, ctx: Ctx, locationId: string, weekStart: string) {
  const organizationId = ctx.actor.organizationId;
  const existing = await findWeek(tx, organizationId, locationId, weekStart, true);
  if (existing) return existing;
  const now = ctx.clock.now();
  const [created] = await tx
    .insert(scheduleWeeks)
    .values({ organizationId, locationId, weekStart, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  if (!created)
    return (await findWeek(tx, organizationId, locationId, weekStart, true)) as NonNullable<Awaited<ReturnType<typeof findWeek>>>;
  const location = await findLocation(tx, organizationId, locationId);
  if (!location) throw new DomainError('NOT_FOUND', 'No such location');
  const closed = new Set((await loadClosures(tx, organizationId, locationId, weekStart)).map((c) => c.day));
  const groups = await templateSessions(tx, organizationId, locationId, weekStart, closed);
  const fromTemplates = [...groups, ...(await collectionSessions(tx, organizationId, locationId, weekStart, closed, groups))];
  if (fromTemplates.length)
    await tx.insert(sessionOccurrences).values(
      fromTemplates.map((s) => ({
        organizationId,
        locationId,
        weekId: created.id,
        templateId: s.templateId,
        trackId: s.trackId,
        kind: s.kind,
        title: s.title,
        day: s.day,
        startMinute: s.startMinute,
        endMinute: s.endMinute,
        startsAt: zonedInstant(s.day, s.startMinute, location.timeZone),
        endsAt: zonedInstant(s.day, s.endMinute, location.timeZone),
        roomId: s.roomId,
        modality: s.modality,
        capacity: s.capacity,
        credential: s.credential,
        staffId: s.staffId,
        status: 'draft' as const,
        createdAt: now,
        updatedAt: now,
      })),
    );
  return created;
}

async function bumpWeek(tx: Db, ctx: Ctx, weekId: string, patch: Partial<typeof scheduleWeeks.$inferInsert> = {}) {
  await tx
    .update(scheduleWeeks)
    .set({ ...patch, version: sql`${scheduleWeeks.version} + 1`, updatedAt: ctx.clock.now() })
    .where(and(eq(scheduleWeeks.organizationId, ctx.actor.organizationId), eq(scheduleWeeks.id, weekId)));
}

function checkVersion(week: { version: number }, expected: number) {
  if (week.version !== expected) throw new DomainError('PRECONDITION_FAILED', 'The week changed since you read it; reload and try again');
}

/**
 * What a change newly breaks: problems of the changed week not present before it. Hard ones always refuse; a new
 * hour-floor or per-diem shortfall refuses unless the caller accepts it.
 */
function newProblems(before: WeekProblem[], after: WeekProblem[]): WeekProblem[] {
  const had = new Set(before.map(problemKey));
  return after.filter((p) => !had.has(problemKey(p)));
}

/** What kinds of limit a refusal is about, without names: an error's detail may be logged, so it carries no PHI. */
const KIND_WORDS: Record<WeekProblem['kind'], string> = {
  unknown_reference: 'something it refers to no longer exists',
  patient_double_booked: 'a person would be booked twice',
  staff_double_booked: 'a staff member would be booked twice',
  room_double_booked: 'a room would be booked twice',
  group_over_capacity: 'a group would be over capacity',
  room_too_small: 'a room would be too small',
  missing_credential: 'the staff member lacks the credential',
  outside_availability: "it would fall outside someone's availability",
  outside_staff_hours: "it would fall outside a staff member's working hours",
  below_hour_floor: 'someone would fall below their weekly hours',
  short_service_day: 'a per-diem day would fall short of its hours',
  wrong_age_group: "a group is not for someone's age group",
  staff_over_session_cap: 'a staff member would be over their weekly session cap',
  closure: 'the program is closed that day',
};
const refusal = (problems: WeekProblem[]) => `Not possible: ${[...new Set(problems.map((p) => KIND_WORDS[p.kind]))].join('; ')}`;

function refuseUnlessClean(added: WeekProblem[], allowBelowFloor: boolean | undefined) {
  const hard = added.filter((p) => p.severity === 'hard');
  if (hard.length) throw new DomainError('SCHEDULE_CONFLICT', refusal(hard), [], { problems: hard });
  const floor = added.filter((p) => p.severity === 'floor');
  if (floor.length && !allowBelowFloor) throw new DomainError('BELOW_HOUR_FLOOR', refusal(floor), [], { problems: floor });
}

async function loadOccurrence(tx: Db, ctx: Ctx, occurrenceId: string) {
  const [row] = await tx
    .select()
    .from(sessionOccurrences)
    .where(and(eq(sessionOccurrences.organizationId, ctx.actor.organizationId), eq(sessionOccurrences.id, occurrenceId)));
  if (!row) throw new DomainError('NOT_FOUND', 'No such session');
  assertLocationAccess(ctx, row.locationId);
  if (!row.weekId) throw new DomainError('CONFLICT', 'This session belongs to a recurring series; change it there');
  return row;
}

/** A session, its week locked for this transaction, and the week's version checked against If-Match. */
async function lockedWeekOf(tx: Db, ctx: Ctx, occurrenceId: string, expected: number) {
  const row = await loadOccurrence(tx, ctx, occurrenceId);
  const weekStart = mondayOf(row.day);
  const week = await findWeek(tx, ctx.actor.organizationId, row.locationId, weekStart, true);
  if (!week) throw new DomainError('WEEK_NOT_PLANNED');
  checkVersion(week, expected);
  return { row, weekStart, week };
}

/**
 * Moves a session to another day and time of its week (and optionally room or staff member), with the same checks
 * the optimiser keeps: refused with the reason when it would double-book anyone, overfill a room, fall outside
 * someone's availability or working hours or on a closure, or (unless accepted) leave someone below their floor.
 * `dryRun` answers the check without saving, for the calendar's live feedback while dragging.
 */
export async function moveOccurrence(
  ctx: Ctx,
  occurrenceId: string,
  expected: number | null,
  input: OccurrenceMove,
): Promise<ScheduleWeekView | MoveCheckView> {
  assertCan(ctx.actor, 'schedule.move');
  return ctx.db.transaction(async (tx) => {
    const row = await loadOccurrence(tx, ctx, occurrenceId);
    const weekStart = mondayOf(row.day);
    if (!inWeek(weekStart, input.day))
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'day', message: `must be in the week of ${weekStart}` }]);
    const length = row.endMinute - row.startMinute;
    if (input.startMinute + length > 1440)
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'startMinute', message: 'the session must end by midnight' }]);
    const week = await findWeek(tx, ctx.actor.organizationId, row.locationId, weekStart, !input.dryRun);
    if (!week) throw new DomainError('WEEK_NOT_PLANNED');
    const inputs = await loadInputs(tx, ctx, row.locationId, weekStart);
    if (input.roomId && !inputs.rooms.some((r) => r.id === input.roomId))
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'roomId', message: 'is not a room of this location' }]);
    if (input.staffId && !inputs.staff.some((s) => s.id === input.staffId))
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'staffId', message: 'does not work at this location' }]);
    const moved = inputs.sessions.map((s) =>
      s.id === row.id
        ? {
            ...s,
            day: input.day,
            startMinute: input.startMinute,
            endMinute: input.startMinute + length,
            roomId: input.roomId === undefined ? s.roomId : input.roomId,
            staffId: input.staffId ?? s.staffId,
          }
        : s,
    );
    const seen = await visibleIds(
      tx,
      ctx,
      inputs.people.map((p) => p.id),
    );
    const after = { ...inputs, sessions: moved };
    const added = newProblems(
      weekProblems(inputs, toWeekPlan(inputs), namesFor(inputs, seen)),
      weekProblems(after, toWeekPlan(after), namesFor(after, seen)),
    );
    if (input.dryRun) {
      const seated = inputs.sessions.find((s) => s.id === row.id)?.attendees ?? [];
      const visible = new Set(seated.map((a) => a.patientId).filter((id) => seen.has(id)));
      const warnings = newAuthorizationWarnings(
        await weekAuthorizationWarnings(tx, ctx, inputs, visible),
        await weekAuthorizationWarnings(tx, ctx, after, visible),
      );
      return { ok: added.length === 0, problems: added, warnings };
    }
    if (expected === null) throw new DomainError('PRECONDITION_REQUIRED', 'Send the ETag you read in an If-Match header');
    checkVersion(week, expected);
    refuseUnlessClean(added, input.allowBelowFloor);
    const m = moved.find((s) => s.id === row.id) as WeekSession;
    await tx
      .update(sessionOccurrences)
      .set({
        day: m.day,
        startMinute: m.startMinute,
        endMinute: m.endMinute,
        startsAt: zonedInstant(m.day, m.startMinute, inputs.location.timeZone),
        endsAt: zonedInstant(m.day, m.endMinute, inputs.location.timeZone),
        roomId: m.roomId,
        modality: m.roomId === null ? 'virtual' : 'in_person',
        staffId: m.staffId,
        version: sql`${sessionOccurrences.version} + 1`,
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(sessionOccurrences.organizationId, ctx.actor.organizationId), eq(sessionOccurrences.id, row.id)));
    await bumpWeek(tx, ctx, week.id);
    await recordAudit(tx, ctx, {
      action: 'schedule.move',
      resourceType: 'session_occurrence',
      resourceId: row.id,
      details: { from: { day: row.day, startMinute: row.startMinute }, to: { day: m.day, startMinute: m.startMinute } },
    });
    return weekView(tx, ctx, await loadInputs(tx, ctx, row.locationId, weekStart));
  });
}

/** Seats a person in a session by hand, with the same checks as a move. */
export async function addAttendee(
  ctx: Ctx,
  occurrenceId: string,
  expected: number | null,
  input: { patientId: string; allowBelowFloor?: boolean | undefined; dryRun?: boolean | undefined },
): Promise<ScheduleWeekView | MoveCheckView> {
  assertCan(ctx.actor, 'schedule.move');
  return ctx.db.transaction(async (tx) => {
    const checked = input.dryRun ? null : expected;
    if (!input.dryRun && checked === null) throw new DomainError('PRECONDITION_REQUIRED', 'Send the ETag you read in an If-Match header');
    const { row, weekStart, week } = input.dryRun
      ? await (async () => {
          const r = await loadOccurrence(tx, ctx, occurrenceId);
          const ws = mondayOf(r.day);
          const w = await findWeek(tx, ctx.actor.organizationId, r.locationId, ws);
          if (!w) throw new DomainError('WEEK_NOT_PLANNED');
          return { row: r, weekStart: ws, week: w };
        })()
      : await lockedWeekOf(tx, ctx, occurrenceId, checked as number);
    const inputs = await loadInputs(tx, ctx, row.locationId, weekStart);
    const seen = await visibleIds(tx, ctx, [input.patientId]);
    if (!seen.has(input.patientId) || !inputs.people.some((p) => p.id === input.patientId))
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'patientId', message: 'is not an active person at this location' }]);
    const session = inputs.sessions.find((s) => s.id === row.id) as WeekSession;
    if (session.attendees.some((a) => a.patientId === input.patientId))
      throw new DomainError('CONFLICT', 'This person is already in this session');
    const after = {
      ...inputs,
      sessions: inputs.sessions.map((s) =>
        s.id === row.id ? { ...s, attendees: [...s.attendees, { patientId: input.patientId, source: 'manual' as const }] } : s,
      ),
    };
    const names = namesFor(inputs, seen);
    const added = newProblems(weekProblems(inputs, toWeekPlan(inputs), names), weekProblems(after, toWeekPlan(after), names));
    if (input.dryRun) {
      const person = new Set([input.patientId]);
      const warnings = newAuthorizationWarnings(
        await weekAuthorizationWarnings(tx, ctx, inputs, person),
        await weekAuthorizationWarnings(tx, ctx, after, person),
      );
      return { ok: added.length === 0, problems: added, warnings };
    }
    refuseUnlessClean(added, input.allowBelowFloor);
    const now = ctx.clock.now();
    await tx
      .insert(sessionAttendees)
      .values({
        organizationId: ctx.actor.organizationId,
        occurrenceId: row.id,
        patientId: input.patientId,
        source: 'manual',
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [sessionAttendees.organizationId, sessionAttendees.occurrenceId, sessionAttendees.patientId],
        set: { status: 'scheduled', source: 'manual', version: sql`${sessionAttendees.version} + 1`, updatedAt: now },
      });
    await bumpWeek(tx, ctx, week.id);
    await recordAudit(tx, ctx, {
      action: 'schedule.attendee.add',
      resourceType: 'session_occurrence',
      resourceId: row.id,
      patientId: input.patientId,
    });
    return weekView(tx, ctx, await loadInputs(tx, ctx, row.locationId, weekStart));
  });
}

/**
 * Adds an ad hoc session to a location's week (a make-up group, an extra individual or family session), with the
 * same checks as a move: refused with the reason when it would double-book anyone or any room, overfill, fall
 * outside someone's availability or working hours, or land on a closure. Creating the week if it has none yet
 * (from its templates, as planning does). In a published week the session is scheduled at once, so it can be run;
 * in a draft week it goes live when the week is published.
 */
export async function addSession(
  ctx: Ctx,
  locationId: string,
  weekStart: string,
  expected: number | null,
  input: SessionAdd,
): Promise<{ week: ScheduleWeekView; occurrenceId: string } | MoveCheckView> {
  assertCan(ctx.actor, 'schedule.move');
  return ctx.db.transaction(async (tx) => {
    assertLocationAccess(ctx, locationId);
    if (!inWeek(weekStart, input.day))
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'day', message: `must be in the week of ${weekStart}` }]);
    const existing = await findWeek(tx, ctx.actor.organizationId, locationId, weekStart, !input.dryRun);
    if (existing && !input.dryRun) {
      if (expected === null) throw new DomainError('PRECONDITION_REQUIRED', 'Send the ETag you read in an If-Match header');
      checkVersion(existing, expected);
    }
    const inputs = await loadInputs(tx, ctx, locationId, weekStart);
    const room = input.roomId === null ? null : inputs.rooms.find((r) => r.id === input.roomId);
    if (room === undefined)
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'roomId', message: 'is not a room of this location' }]);
    if (!inputs.staff.some((st) => st.id === input.staffId))
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'staffId', message: 'does not work at this location' }]);
    const patientIds = [...new Set(input.patientIds)];
    const seen = await visibleIds(tx, ctx, patientIds);
    for (const [i, id] of patientIds.entries())
      if (!seen.has(id) || !inputs.people.some((p) => p.id === id))
        throw new DomainError('VALIDATION_FAILED', undefined, [
          { path: `patientIds.${i}`, message: 'is not an active person at this location' },
        ]);
    const capacity = input.capacity ?? (input.kind === 'group' ? 12 : 1);
    if (patientIds.length > capacity)
      throw new DomainError('VALIDATION_FAILED', undefined, [
        { path: 'capacity', message: `holds ${capacity}; ${patientIds.length} people are on the roster` },
      ]);
    const status: 'scheduled' | 'draft' = existing?.status === 'published' ? 'scheduled' : 'draft';
    const session: WeekSession = {
      id: null,
      key: 'new-session',
      kind: input.kind,
      title: input.title,
      templateId: null,
      trackId: null,
      day: input.day,
      startMinute: input.startMinute,
      endMinute: input.endMinute,
      roomId: input.roomId,
      modality: input.roomId === null ? 'virtual' : 'in_person',
      capacity,
      credential: null,
      staffId: input.staffId,
      status,
      attendees: patientIds.map((patientId) => ({ patientId, source: 'manual' as const })),
    };
    const after = { ...inputs, sessions: [...inputs.sessions, session] };
    const everyone = await visibleIds(
      tx,
      ctx,
      inputs.people.map((p) => p.id),
    );
    const added = newProblems(
      weekProblems(inputs, toWeekPlan(inputs), namesFor(inputs, everyone)),
      weekProblems(after, toWeekPlan(after), namesFor(after, everyone)),
    );
    if (input.dryRun) return { ok: !added.some((p) => p.severity === 'hard'), problems: added, warnings: [] };
    refuseUnlessClean(added, true);
    const week = existing ?? (await ensureWeek(tx, ctx, locationId, weekStart));
    const now = ctx.clock.now();
    const [created] = await tx
      .insert(sessionOccurrences)
      .values({
        organizationId: ctx.actor.organizationId,
        locationId,
        weekId: week.id,
        kind: input.kind,
        title: input.title,
        day: input.day,
        startMinute: input.startMinute,
        endMinute: input.endMinute,
        startsAt: zonedInstant(input.day, input.startMinute, inputs.location.timeZone),
        endsAt: zonedInstant(input.day, input.endMinute, inputs.location.timeZone),
        roomId: input.roomId,
        modality: session.modality,
        capacity,
        staffId: input.staffId,
        status,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: sessionOccurrences.id });
    const occurrenceId = (created as { id: string }).id;
    if (patientIds.length)
      await tx.insert(sessionAttendees).values(
        patientIds.map((patientId) => ({
          organizationId: ctx.actor.organizationId,
          occurrenceId,
          patientId,
          source: 'manual' as const,
          createdAt: now,
          updatedAt: now,
        })),
      );
    await bumpWeek(tx, ctx, week.id);
    await recordAudit(tx, ctx, {
      action: 'schedule.session.add',
      resourceType: 'session_occurrence',
      resourceId: occurrenceId,
      details: { kind: input.kind, day: input.day, startMinute: input.startMinute, people: patientIds.length },
    });
    for (const patientId of patientIds)
      await recordAudit(tx, ctx, {
        action: 'schedule.attendee.add',
        resourceType: 'session_occurrence',
        resourceId: occurrenceId,
        patientId,
      });
    return { week: await weekView(tx, ctx, await loadInputs(tx, ctx, locationId, weekStart)), occurrenceId };
  });
}

/** Takes a person out of a session (they may fall below their floor; the week then says so). */
export async function removeAttendee(ctx: Ctx, occurrenceId: string, patientId: string, expected: number): Promise<ScheduleWeekView> {
  assertCan(ctx.actor, 'schedule.move');
  return ctx.db.transaction(async (tx) => {
    const { row, weekStart, week } = await lockedWeekOf(tx, ctx, occurrenceId, expected);
    if (!(await visibleIds(tx, ctx, [patientId])).has(patientId)) throw new DomainError('NOT_FOUND', 'No such person in this session');
    const removed = await tx
      .update(sessionAttendees)
      .set({ status: 'cancelled', version: sql`${sessionAttendees.version} + 1`, updatedAt: ctx.clock.now() })
      .where(
        and(
          eq(sessionAttendees.organizationId, ctx.actor.organizationId),
          eq(sessionAttendees.occurrenceId, row.id),
          eq(sessionAttendees.patientId, patientId),
          eq(sessionAttendees.status, 'scheduled'),
        ),
      )
      .returning({ id: sessionAttendees.id });
    if (!removed.length) throw new DomainError('NOT_FOUND', 'No such person in this session');
    await bumpWeek(tx, ctx, week.id);
    await recordAudit(tx, ctx, { action: 'schedule.attendee.remove', resourceType: 'session_occurrence', resourceId: row.id, patientId });
    return weekView(tx, ctx, await loadInputs(tx, ctx, row.locationId, weekStart));
  });
}

/**
 * Publishes the week: its draft sessions become scheduled, with their rosters. Refused while any hard limit is broken
 * (the week says which); people below their floor are allowed, since the week already explains them.
 */
export async function publishWeek(ctx: Ctx, locationId: string, weekStart: string, expected: number): Promise<ScheduleWeekView> {
  assertCan(ctx.actor, 'schedule.plan');
  return ctx.db.transaction(async (tx) => {
    assertLocationAccess(ctx, locationId);
    const week = await findWeek(tx, ctx.actor.organizationId, locationId, weekStart, true);
    if (!week) throw new DomainError('WEEK_NOT_PLANNED');
    checkVersion(week, expected);
    const inputs = await loadInputs(tx, ctx, locationId, weekStart);
    const seen = await visibleIds(
      tx,
      ctx,
      inputs.people.map((p) => p.id),
    );
    const hard = weekProblems(inputs, toWeekPlan(inputs), namesFor(inputs, seen)).filter((p) => p.severity === 'hard');
    if (hard.length) throw new DomainError('SCHEDULE_CONFLICT', refusal(hard), [], { problems: hard });
    const now = ctx.clock.now();
    await tx
      .update(sessionOccurrences)
      .set({ status: 'scheduled', version: sql`${sessionOccurrences.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(sessionOccurrences.organizationId, ctx.actor.organizationId),
          eq(sessionOccurrences.weekId, week.id),
          eq(sessionOccurrences.status, 'draft'),
        ),
      );
    await bumpWeek(tx, ctx, week.id, { status: 'published', publishedAt: now, publishedBy: ctx.actor.userId });
    await recordAudit(tx, ctx, {
      action: 'schedule.publish',
      resourceType: 'schedule_week',
      resourceId: week.id,
      details: { locationId, weekStart, sessions: inputs.sessions.length, until: addDays(weekStart, 6) },
    });
    return weekView(tx, ctx, await loadInputs(tx, ctx, locationId, weekStart));
  });
}
