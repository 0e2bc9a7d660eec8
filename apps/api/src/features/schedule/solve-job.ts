import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { DomainError, validateWeek, type SolveView } from '@openiop/core';
import type { Db } from '../../db/database';
import { scheduleSolves, scheduleWeeks, sessionAttendees } from '../../db/schema/index';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { solveWeek } from '../scheduling/solve-week';
import { assertLocationAccess, ensureWeek } from './schedule.service';
import { loadWeekInputs, toWeekPlan } from './week-inputs';

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
    const [row] = await tx
      .insert(scheduleSolves)
      .values({
        organizationId: ctx.actor.organizationId,
        weekId: week.id,
        status: 'running',
        progress: { stage: 'Waiting to start', percent: 0 },
        requestedBy: ctx.actor.userId,
        startedAt: now,
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
    .where(and(eq(scheduleSolves.organizationId, ctx.actor.organizationId), eq(scheduleSolves.id, solveId)));
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
    const manualOnly = {
      ...inputs,
      sessions: inputs.sessions.map((s) => ({ ...s, attendees: s.attendees.filter((a) => a.source !== 'solver') })),
    };
    const plan = toWeekPlan(manualOnly);
    const before = new Set(
      inputs.sessions.flatMap((s) => s.attendees.filter((a) => a.source === 'solver').map((a) => `${s.key}|${a.patientId}`)),
    );
    await progress(ctx, solve.id, `Placing ${plan.patients.length} people in ${plan.groups.length} sessions`, 20);
    const solution = await solveWeek(plan, { timeLimitSeconds });
    await progress(ctx, solve.id, 'Checking every limit', 90);
    const broken = validateWeek(solution.plan).filter((v) => v.kind !== 'below_hour_floor' && v.kind !== 'short_service_day');
    if (broken.length) throw new Error(`the planner's answer broke ${broken.length} hard limits`);
    const added = solution.plan.seats.slice(plan.seats.length);
    const after = new Set(added.map((s) => `${s.groupId}|${s.patientId}`));
    const changed = [...after].filter((k) => !before.has(k)).length + [...before].filter((k) => !after.has(k)).length;
    const short = new Set(solution.shortfalls.map((s) => s.patientId));
    const meetingFloor = plan.patients.filter((p) => !short.has(p.id)).length;
    await ctx.db.transaction(async (tx) => {
      const ids = inputs.sessions.flatMap((s) => (s.id ? [s.id] : []));
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
      const manual = new Set(manualOnly.sessions.flatMap((s) => s.attendees.map((a) => `${s.key}|${a.patientId}`)));
      const rows = added
        .filter((s) => !manual.has(`${s.groupId}|${s.patientId}`))
        .map((s) => ({
          organizationId,
          occurrenceId: s.groupId,
          patientId: s.patientId,
          source: 'solver' as const,
          createdAt: now,
          updatedAt: now,
        }));
      for (let i = 0; i < rows.length; i += 500)
        await tx
          .insert(sessionAttendees)
          .values(rows.slice(i, i + 500))
          .onConflictDoNothing();
      await tx
        .update(scheduleWeeks)
        .set({ version: sql`${scheduleWeeks.version} + 1`, updatedAt: now })
        .where(and(eq(scheduleWeeks.organizationId, organizationId), eq(scheduleWeeks.id, inputs.week?.id as string)));
      await finish(ctx, tx, solve.id, 'done', {
        status: solution.status,
        objective: solution.objective,
        gap: solution.status === 'Optimal' ? 0 : null,
        seconds: (Date.now() - started) / 1000,
        people: plan.patients.length,
        meetingFloor,
        seatsChanged: changed,
      });
      await recordAudit(tx, ctx, {
        action: 'schedule.solve.done',
        resourceType: 'schedule_week',
        resourceId: inputs.week?.id,
        details: { seats: rows.length, changed, short: short.size },
      });
    });
  } catch (e) {
    // The reason stays in the solve row for staff; no patient data is in it (the model holds ids only).
    await finish(ctx, ctx.db, solve.id, 'failed', { error: e instanceof Error ? e.message.slice(0, 300) : 'The planner failed' }).catch(
      () => undefined,
    );
  }
}
