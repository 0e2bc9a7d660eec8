import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { addDays, dateInWeek, DomainError, validateWeek, weekdayOf, zonedInstant, type SolveView, type WeekPlan } from '@openiop/core';
import type { Db } from '../../db/database';
import { scheduleSolves, scheduleWeeks, sessionAttendees, sessionOccurrences } from '../../db/schema/index';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { solveInWorker } from '../scheduling/solve-in-worker';
import { assertLocationAccess, ensureWeek } from './schedule.service';
import { familyRequestId, familyRequests, individualRequestId, individualRequests, loadWeekInputs, toWeekPlan } from './week-inputs';

type SolveRow = typeof scheduleSolves.$inferSelect;

/** A solve still "running" this long after it started died with its process (a restart): it is shown as failed. */
const ABANDONED_AFTER_MS = 10 * 60_000;
const DEFAULT_TIME_LIMIT_S = 20;

/** Solves running in this process; closing the app waits for them so nothing is left half-written. */
const running = new Set<Promise<void>>();
export const settleSolves = async (): Promise<void> => {
  await Promise.allSettled([...running]);
};

export function toSolveView(r: SolveRow, now: Date): SolveView {
  const abandoned = r.status === 'running' && now.getTime() - r.startedAt.getTime() > ABANDONED_AFTER_MS;
  const result = r.result as (SolveView['result'] & { error?: string }) | null;
  return {
    id: r.id,
    status: abandoned ? 'failed' : r.status,
    progress: r.progress,
    result: result && r.status === 'done' ? { ...result } : null,
    error: abandoned
      ? 'The planner stopped before it finished; solve again.'
      : r.status === 'failed'
        ? (result?.error ?? 'The planner failed')
        : null,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

export async function latestSolve(db: Db, organizationId: string, weekId: string): Promise<SolveRow | undefined> {
  const [row] = await db
    .select()
    .from(scheduleSolves)
    .where(and(eq(scheduleSolves.organizationId, organizationId), eq(scheduleSolves.weekId, weekId)))
    .orderBy(desc(scheduleSolves.startedAt), desc(scheduleSolves.id))
    .limit(1);
  return row;
}

/** One solve's progress and result, for the calendar to poll; the week's location must be the reader's. */
export async function getSolve(ctx: Ctx, solveId: string): Promise<SolveView> {
  assertCan(ctx.actor, 'schedule.read');
  const [row] = await ctx.db
    .select({ solve: scheduleSolves, locationId: scheduleWeeks.locationId })
    .from(scheduleSolves)
    .innerJoin(scheduleWeeks, eq(scheduleWeeks.id, scheduleSolves.weekId))
    .where(and(eq(scheduleSolves.organizationId, ctx.actor.organizationId), eq(scheduleSolves.id, solveId)));
  if (!row) throw new DomainError('NOT_FOUND', 'No such solve');
  assertLocationAccess(ctx, row.locationId);
  return toSolveView(row.solve, ctx.clock.now());
}

/**
 * Starts planning a week: creates the week (with its groups from the templates) the first time, records a running
 * solve, and returns it at once; the solve itself runs after the transaction commits, reporting progress on its row.
 * One solve per week at a time.
 */
export async function startSolve(ctx: Ctx, locationId: string, weekStart: string, opts: { timeLimitSeconds?: number }): Promise<SolveView> {
  assertCan(ctx.actor, 'schedule.plan');
  assertLocationAccess(ctx, locationId);
  const now = ctx.clock.now();
  const solve = await ctx.db.transaction(async (tx) => {
    const week = await ensureWeek(tx, ctx, locationId, weekStart);
    const last = await latestSolve(tx, ctx.actor.organizationId, week.id);
    if (last && toSolveView(last, now).status === 'running') throw new DomainError('SOLVE_RUNNING');
    // Solves order by start: a clock that has not moved (or moved back) still starts this one after the last.
    const startedAt = last && last.startedAt >= now ? new Date(last.startedAt.getTime() + 1) : now;
    const [row] = await tx
      .insert(scheduleSolves)
      .values({
        organizationId: ctx.actor.organizationId,
        weekId: week.id,
        status: 'running',
        progress: { stage: 'Waiting to start', percent: 0 },
        requestedBy: ctx.actor.userId,
        startedAt,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'schedule.solve',
      resourceType: 'schedule_week',
      resourceId: week.id,
      details: { locationId, weekStart },
    });
    return row as SolveRow;
  });
  const job = runSolve(ctx, solve, locationId, weekStart, opts.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_S).finally(() => running.delete(job));
  running.add(job);
  return toSolveView(solve, now);
}

async function progress(ctx: Ctx, solveId: string, stage: string, percent: number) {
  await ctx.db
    .update(scheduleSolves)
    .set({ progress: { stage, percent } })
    // A progress message arriving after the solve finished never overwrites its final state.
    .where(
      and(
        eq(scheduleSolves.organizationId, ctx.actor.organizationId),
        eq(scheduleSolves.id, solveId),
        eq(scheduleSolves.status, 'running'),
      ),
    );
}

async function finish(ctx: Ctx, db: Db, solveId: string, status: 'done' | 'failed', result: Record<string, unknown>) {
  await db
    .update(scheduleSolves)
    .set({ status, result, progress: { stage: status === 'done' ? 'Done' : 'Failed', percent: 100 }, finishedAt: ctx.clock.now() })
    .where(and(eq(scheduleSolves.organizationId, ctx.actor.organizationId), eq(scheduleSolves.id, solveId)));
}

/**
 * The solve: read the week, seat everyone with HiGHS (seats placed by hand stay fixed), check the answer against
 * every hard limit, then replace the optimiser's seats in one transaction. A failure writes nothing but the solve's
 * own status; an answer that broke a hard limit would be refused the same way (it never should).
 */
async function runSolve(ctx: Ctx, solve: SolveRow, locationId: string, weekStart: string, timeLimitSeconds: number): Promise<void> {
  const organizationId = ctx.actor.organizationId;
  const started = Date.now();
  try {
    await progress(ctx, solve.id, 'Reading the week', 5);
    const inputs = await loadWeekInputs(ctx.db, organizationId, locationId, weekStart);
    if (!inputs?.week) throw new Error('week missing');
    const weekId = inputs.week.id;
    // What the optimiser placed last time is its incumbent, not fixed: seats, and the individual sessions it created.
    const solverSessions = new Set(
      inputs.sessions
        .filter((s) => s.id && s.kind !== 'group' && s.attendees.length === 1 && s.attendees[0]?.source === 'solver')
        .map((s) => s.id as string),
    );
    const fixedOnly = {
      ...inputs,
      sessions: inputs.sessions
        .filter((s) => !(s.id && solverSessions.has(s.id)))
        .map((s) => ({ ...s, attendees: s.attendees.filter((a) => a.source !== 'solver') })),
    };
    const base = toWeekPlan(fixedOnly);
    const incumbentSeats = inputs.sessions.flatMap((s) =>
      s.kind === 'group' ? s.attendees.filter((a) => a.source === 'solver').map((a) => ({ groupId: s.key, patientId: a.patientId })) : [],
    );
    const incumbentSessions = inputs.sessions.filter((s) => s.id && solverSessions.has(s.id));
    const plan: WeekPlan = {
      ...base,
      requests: [...individualRequests(inputs, solverSessions), ...familyRequests(inputs, solverSessions)],
      incumbent: {
        seats: incumbentSeats,
        appointments: incumbentSessions.map((s) => ({
          id: s.key,
          kind: s.kind === 'family' ? 'family' : 'individual',
          patientId: s.attendees[0]?.patientId as string,
          staffId: s.staffId,
          slot: { day: weekdayOf(s.day), start: s.startMinute, end: s.endMinute },
          roomId: s.roomId,
          requestId: (s.kind === 'family' ? familyRequestId : individualRequestId)(s.attendees[0]?.patientId as string),
        })),
      },
      lastWeek: await lastWeekCohorts(ctx.db, organizationId, locationId, weekStart),
    };
    await progress(
      ctx,
      solve.id,
      `Placing ${plan.patients.length} people in ${plan.groups.length} groups and ${plan.requests?.length ?? 0} individual and family sessions`,
      15,
    );
    let lastWrite = 0;
    const solution = await solveInWorker(plan, { timeLimitSeconds, hardTimeoutMs: (timeLimitSeconds * 3 + 30) * 1000 }, (p) => {
      const now = Date.now();
      if (now - lastWrite < 400 && p.stage === 'solving') return;
      lastWrite = now;
      const gap = p.gap === undefined ? '' : `, gap ${(p.gap * 100).toFixed(1)}%`;
      void progress(
        ctx,
        solve.id,
        p.stage === 'checked' ? 'Checking every limit' : `Optimising${gap}`,
        Math.round(15 + p.percent * 0.75),
      ).catch(() => undefined);
    });
    await progress(ctx, solve.id, 'Checking every limit', 92);
    const broken = validateWeek(solution.plan).filter((v) => v.kind !== 'below_hour_floor' && v.kind !== 'short_service_day');
    if (broken.length) throw new Error(`the planner's answer broke ${broken.length} hard limits`);
    const added = solution.plan.seats.slice(base.seats.length);
    const newAppointments = solution.plan.appointments.filter((a) => a.requestId);
    const key = (a: { patientId: string; staffId: string; slot: { day: number; start: number } }) =>
      `${a.patientId}|${a.staffId}|${a.slot.day}|${a.slot.start}`;
    const keptSessions = new Set(newAppointments.map(key));
    const before = new Set([...incumbentSeats.map((x) => `${x.groupId}|${x.patientId}`), ...(plan.incumbent?.appointments.map(key) ?? [])]);
    const after = new Set([...added.map((x) => `${x.groupId}|${x.patientId}`), ...newAppointments.map(key)]);
    const changed = [...after].filter((k) => !before.has(k)).length + [...before].filter((k) => !after.has(k)).length;
    const short = new Set(solution.shortfalls.map((x) => x.patientId));
    await ctx.db.transaction(async (tx) => {
      const ids = inputs.sessions.flatMap((x) => (x.id && x.kind === 'group' ? [x.id] : []));
      const now = ctx.clock.now();
      if (ids.length)
        await tx
          .delete(sessionAttendees)
          .where(
            and(
              eq(sessionAttendees.organizationId, organizationId),
              inArray(sessionAttendees.occurrenceId, ids),
              eq(sessionAttendees.source, 'solver'),
            ),
          );
      const rows = added.map((x) => ({
        organizationId,
        occurrenceId: x.groupId,
        patientId: x.patientId,
        source: 'solver' as const,
        createdAt: now,
        updatedAt: now,
      }));
      for (let i = 0; i < rows.length; i += 500)
        await tx
          .insert(sessionAttendees)
          .values(rows.slice(i, i + 500))
          .onConflictDoNothing();
      // Individual sessions: the ones placed again unchanged stay; the others are cancelled and the new ones created.
      const unchanged = new Set<string>();
      for (const s of incumbentSessions) {
        const k = `${s.attendees[0]?.patientId}|${s.staffId}|${weekdayOf(s.day)}|${s.startMinute}`;
        if (keptSessions.has(k)) unchanged.add(k);
        else
          await tx
            .update(sessionOccurrences)
            .set({ status: 'cancelled', version: sql`${sessionOccurrences.version} + 1`, updatedAt: now })
            .where(and(eq(sessionOccurrences.organizationId, organizationId), eq(sessionOccurrences.id, s.id as string)));
      }
      const status = inputs.week?.status === 'published' ? ('scheduled' as const) : ('draft' as const);
      for (const a of newAppointments.filter((x) => !unchanged.has(key(x)))) {
        const day = dateInWeek(weekStart, a.slot.day);
        const [occ] = await tx
          .insert(sessionOccurrences)
          .values({
            organizationId,
            locationId,
            weekId,
            kind: a.kind,
            title: a.kind === 'family' ? 'Family session' : 'Individual session',
            day,
            startMinute: a.slot.start,
            endMinute: a.slot.end,
            startsAt: zonedInstant(day, a.slot.start, inputs.location.timeZone),
            endsAt: zonedInstant(day, a.slot.end, inputs.location.timeZone),
            roomId: a.roomId,
            modality: a.roomId === null ? 'virtual' : 'in_person',
            capacity: 1,
            staffId: a.staffId,
            status,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: sessionOccurrences.id });
        await tx.insert(sessionAttendees).values({
          organizationId,
          occurrenceId: occ?.id as string,
          patientId: a.patientId,
          source: 'solver',
          createdAt: now,
          updatedAt: now,
        });
      }
      await tx
        .update(scheduleWeeks)
        .set({ version: sql`${scheduleWeeks.version} + 1`, updatedAt: now })
        .where(and(eq(scheduleWeeks.organizationId, organizationId), eq(scheduleWeeks.id, weekId)));
      await finish(ctx, tx, solve.id, 'done', {
        status: solution.status,
        objective: solution.objective,
        gap: Number.isFinite(solution.gap) ? solution.gap : null,
        seconds: (Date.now() - started) / 1000,
        people: plan.patients.length,
        meetingFloor: plan.patients.filter((x) => !short.has(x.id)).length,
        seatsChanged: changed,
      });
      await recordAudit(tx, ctx, {
        action: 'schedule.solve.done',
        resourceType: 'schedule_week',
        resourceId: weekId,
        details: { seats: rows.length, sessions: newAppointments.length, changed, short: short.size },
      });
    });
  } catch (e) {
    // The reason stays in the solve row for staff; no patient data is in it (the model holds ids only).
    await finish(ctx, ctx.db, solve.id, 'failed', { error: e instanceof Error ? e.message.slice(0, 300) : 'The planner failed' }).catch(
      () => undefined,
    );
  }
}

/** Last week's groups by template, per person, so people keep their cohort where they can. */
async function lastWeekCohorts(db: Db, organizationId: string, locationId: string, weekStart: string) {
  const rows = await db
    .select({ patientId: sessionAttendees.patientId, templateId: sessionOccurrences.templateId })
    .from(sessionAttendees)
    .innerJoin(sessionOccurrences, eq(sessionOccurrences.id, sessionAttendees.occurrenceId))
    .where(
      and(
        eq(sessionAttendees.organizationId, organizationId),
        eq(sessionAttendees.status, 'scheduled'),
        eq(sessionOccurrences.locationId, locationId),
        sql`${sessionOccurrences.status} <> 'cancelled'`,
        sql`${sessionOccurrences.templateId} is not null`,
        sql`${sessionOccurrences.day} >= ${addDays(weekStart, -7)} and ${sessionOccurrences.day} < ${weekStart}`,
      ),
    );
  return rows.map((r) => ({ patientId: r.patientId, templateId: r.templateId as string }));
}
