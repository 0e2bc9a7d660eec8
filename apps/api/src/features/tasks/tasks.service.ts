import { sql } from 'drizzle-orm';
import { DomainError, type SafetyFlag, type TaskKind, type TaskQuery, type TaskView } from '@openiop/core';
import type { Db } from '../../db/database';
import { appendAudit, type AuditInput, type RawAuditInput } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { loadVisible } from '../patients/patients.service';
import { scopePredicates } from '../patients/patients.scope';
import * as repo from './tasks.repo';

/** Who an audit event is from: a signed-in actor, or nobody (a person submitting on a phone link). */
export type AuditWho = Omit<RawAuditInput, keyof AuditInput>;

/** A periodic job writing for an organization: nobody signed in. */
export const systemWho = (organizationId: string, occurredAt: Date): AuditWho => ({
  organizationId,
  actorUserId: null,
  actorTokenId: null,
  occurredAt,
  ip: null,
  userAgent: null,
});

export const whoOf = (ctx: Ctx): AuditWho => ({
  organizationId: ctx.actor.organizationId,
  actorUserId: ctx.actor.userId,
  actorTokenId: ctx.actor.tokenId,
  occurredAt: ctx.clock.now(),
  ip: ctx.ip,
  userAgent: ctx.userAgent,
});

/**
 * Raises one urgent safety task for an administration whose answers carry safety flags. Called inside the
 * submission's transaction, so the answers, the task and both audit events commit together or not at all.
 */
export async function raiseSafetyTask(
  tx: Db,
  who: AuditWho,
  input: { patientId: string; administrationId: string; flags: SafetyFlag[]; extra?: Record<string, unknown> },
): Promise<string | null> {
  if (!input.flags.length) return null;
  const assigneeUserId = await repo.safetyAssignee(tx, who.organizationId, input.patientId);
  const id = await repo.insertTask(tx, {
    organizationId: who.organizationId,
    kind: 'safety',
    priority: 'urgent',
    patientId: input.patientId,
    assigneeUserId,
    title: input.flags.map((f) => f.summary).join('; '),
    details: { flags: input.flags.map((f) => ({ kind: f.kind, acuity: f.acuity ?? null })) },
    sourceType: 'administration',
    sourceId: input.administrationId,
    // "At once": an urgent safety task is due the moment it is raised.
    dueAt: who.occurredAt,
    createdAt: who.occurredAt,
  });
  await appendAudit(tx, {
    ...who,
    action: 'task.create',
    resourceType: 'task',
    resourceId: id,
    patientId: input.patientId,
    details: {
      kind: 'safety',
      priority: 'urgent',
      sourceId: input.administrationId,
      assigneeUserId,
      flags: input.flags.map((f) => f.kind),
      ...input.extra,
    },
  });
  return id;
}

/**
 * Raises one task for the person's care team (the primary clinician, else the caseload clinician, else a
 * director) with its audit event, inside the caller's transaction. Measurement-based care raises its worsening
 * and check-in tasks through it. The title and details must carry no answer text or values.
 */
/** Whether a task of this kind from this source exists already (open or resolved): such tasks are raised once. */
export const taskRaisedFor = (tx: Db, organizationId: string, kind: TaskKind, source: { type: string; id: string }) =>
  repo.taskExists(tx, organizationId, kind, source.type, source.id);

export async function raiseCareTask(
  tx: Db,
  who: AuditWho,
  input: {
    kind: Exclude<TaskKind, 'safety'>;
    priority: 'urgent' | 'normal';
    patientId: string;
    title: string;
    details: Record<string, unknown>;
    source: { type: string; id: string };
    dueAt: Date;
    /** Who does it, when not the person's care team (e.g. a session's facilitator). */
    assigneeUserId?: string;
  },
): Promise<string> {
  const assigneeUserId = input.assigneeUserId ?? (await repo.safetyAssignee(tx, who.organizationId, input.patientId));
  const id = await repo.insertTask(tx, {
    organizationId: who.organizationId,
    kind: input.kind,
    priority: input.priority,
    patientId: input.patientId,
    assigneeUserId,
    title: input.title,
    details: input.details,
    sourceType: input.source.type,
    sourceId: input.source.id,
    dueAt: input.dueAt,
    createdAt: who.occurredAt,
  });
  await appendAudit(tx, {
    ...who,
    action: 'task.create',
    resourceType: 'task',
    resourceId: id,
    patientId: input.patientId,
    // Ids only: the task's own details may name what triggered it, the audit trail does not repeat it.
    details: { kind: input.kind, priority: input.priority, sourceType: input.source.type, sourceId: input.source.id, assigneeUserId },
  });
  return id;
}

/**
 * Resolves the open task of this kind raised from this source, if there is one, with its audit event, inside the
 * caller's transaction: the work it asked for got done another way (e.g. the attendance it asked for was recorded).
 * `who.actorUserId` is the resolver (null for a sweep). Returns whether a task was resolved.
 */
export async function resolveRaisedTask(
  tx: Db,
  who: AuditWho,
  kind: Exclude<TaskKind, 'safety'>,
  source: { type: string; id: string },
  note: string,
): Promise<boolean> {
  const task = await repo.resolveBySource(tx, who.organizationId, kind, source, who.actorUserId, note, who.occurredAt);
  if (!task) return false;
  await appendAudit(tx, {
    ...who,
    action: 'task.resolve',
    resourceType: 'task',
    resourceId: task.id,
    patientId: task.patientId,
    details: { kind, sourceType: source.type, sourceId: source.id, automatic: true },
  });
  return true;
}

/** The caller's worklist (or, for directors, everyone's), open or resolved, urgent first then by due time. */
export async function listTasks(ctx: Ctx, q: TaskQuery): Promise<{ items: TaskView[]; nextCursor: string | null }> {
  assertCan(ctx.actor, 'task.read');
  if (q.assignee === 'all' && !ctx.actor.roles.includes('director'))
    throw new DomainError('FORBIDDEN', 'Only directors see every worklist');
  const offset = q.cursor ? Number.parseInt(q.cursor, 10) : 0;
  if (!Number.isInteger(offset) || offset < 0)
    throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'cursor', message: 'is not a cursor this list returned' }]);
  const { visible } = scopePredicates(ctx.actor, ctx.clock.now());
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.listTasks(tx, ctx.actor.organizationId, {
      status: q.status,
      assigneeUserId: q.assignee === 'me' ? ctx.actor.userId : null,
      visible,
      limit: q.limit + 1,
      offset,
    });
    const items = rows.slice(0, q.limit);
    await appendAudit(tx, {
      ...whoOf(ctx),
      action: 'task.list',
      resourceType: 'task',
      details: { count: items.length, status: q.status, assignee: q.assignee, patientIds: [...new Set(items.map((t) => t.patient.id))] },
    });
    return { items, nextCursor: rows.length > q.limit ? String(offset + q.limit) : null };
  });
}

/** Open safety tasks of one patient, for the chart's banner. */
export async function patientSafety(ctx: Ctx, patientId: string): Promise<TaskView[]> {
  assertCan(ctx.actor, 'task.read');
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadVisible(tx, ctx, patientId);
    const items = await repo.listTasks(tx, ctx.actor.organizationId, {
      status: 'open',
      assigneeUserId: null,
      patientId,
      kind: 'safety',
      visible: sql`true`,
      limit: 50,
      offset: 0,
    });
    await appendAudit(tx, {
      ...whoOf(ctx),
      action: 'safety.read',
      resourceType: 'task',
      patientId,
      breakGlass,
      details: { count: items.length },
    });
    return items;
  });
}

/** Closes a task with a note. Safety tasks only by clinicians, medical staff and directors. */
export async function resolveTask(ctx: Ctx, id: string, note: string): Promise<TaskView> {
  assertCan(ctx.actor, 'task.read');
  const { visible } = scopePredicates(ctx.actor, ctx.clock.now());
  return ctx.db.transaction(async (tx) => {
    const task = await repo.getTask(tx, ctx.actor.organizationId, id, visible);
    if (!task) throw new DomainError('NOT_FOUND', 'No such task');
    if (task.kind === 'safety') assertCan(ctx.actor, 'safety.resolve');
    const { breakGlass } = await loadVisible(tx, ctx, task.patient.id);
    if (task.status !== 'open') throw new DomainError('TASK_CLOSED');
    const now = ctx.clock.now();
    if (!(await repo.resolveTask(tx, ctx.actor.organizationId, id, ctx.actor.userId, note, now))) throw new DomainError('TASK_CLOSED');
    await appendAudit(tx, {
      ...whoOf(ctx),
      action: 'task.resolve',
      resourceType: 'task',
      resourceId: id,
      patientId: task.patient.id,
      breakGlass,
      details: { kind: task.kind, noteLength: note.length },
    });
    const done = await repo.getTask(tx, ctx.actor.organizationId, id, sql`true`);
    if (!done) throw new Error('task vanished inside its own transaction');
    return done;
  });
}

/**
 * Open tasks assigned to the actor among patients they may see, for the worklist's task-rows source. Runs inside the
 * caller's transaction; the worklist audits the read.
 */
export async function openTasksAssignedTo(tx: Db, actor: Ctx['actor'], now: Date): Promise<TaskView[]> {
  const { visible } = scopePredicates(actor, now);
  return repo.listTasks(tx, actor.organizationId, { status: 'open', assigneeUserId: actor.userId, visible, limit: 500, offset: 0 });
}
