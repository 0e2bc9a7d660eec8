import { aliasedTable, and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { TaskStatus, TaskView } from '@openiop/core';
import type { Db } from '../../db/database';
import { caseloadAssignments, episodes, patients, tasks, users } from '../../db/schema/index';
import { iso } from '../../platform/http';

const assignee = aliasedTable(users, 'assignee');
const resolver = aliasedTable(users, 'resolver');

const columns = {
  id: tasks.id,
  kind: tasks.kind,
  priority: tasks.priority,
  status: tasks.status,
  title: tasks.title,
  patientId: tasks.patientId,
  patientGiven: patients.legalGivenName,
  patientPreferred: patients.preferredName,
  patientFamily: patients.legalFamilyName,
  patientMrn: patients.mrn,
  assigneeId: assignee.id,
  assigneeName: assignee.name,
  sourceType: tasks.sourceType,
  sourceId: tasks.sourceId,
  dueAt: tasks.dueAt,
  createdAt: tasks.createdAt,
  resolvedAt: tasks.resolvedAt,
  resolverId: resolver.id,
  resolverName: resolver.name,
  resolutionNote: tasks.resolutionNote,
};

type Row = Awaited<ReturnType<typeof select>>[number];

function toView(r: Row): TaskView {
  return {
    id: r.id,
    kind: r.kind,
    priority: r.priority,
    status: r.status,
    title: r.title,
    patient: { id: r.patientId, name: `${r.patientPreferred ?? r.patientGiven} ${r.patientFamily}`, mrn: r.patientMrn },
    assignee: r.assigneeId && r.assigneeName ? { id: r.assigneeId, name: r.assigneeName } : null,
    source: r.sourceType && r.sourceId ? { type: r.sourceType, id: r.sourceId } : null,
    dueAt: r.dueAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    resolvedAt: iso(r.resolvedAt),
    resolvedBy: r.resolverId && r.resolverName ? { id: r.resolverId, name: r.resolverName } : null,
    resolutionNote: r.resolutionNote,
  };
}

function select(db: Db) {
  return db
    .select(columns)
    .from(tasks)
    .innerJoin(patients, eq(patients.id, tasks.patientId))
    .leftJoin(assignee, eq(assignee.id, tasks.assigneeUserId))
    .leftJoin(resolver, eq(resolver.id, tasks.resolvedBy));
}

export async function listTasks(
  db: Db,
  organizationId: string,
  f: { status: TaskStatus; assigneeUserId: string | null; patientId?: string; kind?: string; visible: SQL; limit: number; offset: number },
): Promise<TaskView[]> {
  const rows = await select(db)
    .where(
      and(
        eq(tasks.organizationId, organizationId),
        eq(tasks.status, f.status),
        f.assigneeUserId ? eq(tasks.assigneeUserId, f.assigneeUserId) : undefined,
        f.patientId ? eq(tasks.patientId, f.patientId) : undefined,
        f.kind ? sql`${tasks.kind} = ${f.kind}` : undefined,
        f.visible,
      ),
    )
    .orderBy(
      ...(f.status === 'open' ? [desc(sql`${tasks.priority} = 'urgent'`), asc(tasks.dueAt)] : [desc(tasks.resolvedAt)]),
      asc(tasks.id),
    )
    .limit(f.limit)
    .offset(f.offset);
  return rows.map(toView);
}

export async function getTask(db: Db, organizationId: string, id: string, visible: SQL): Promise<TaskView | undefined> {
  const [row] = await select(db).where(and(eq(tasks.organizationId, organizationId), eq(tasks.id, id), visible));
  return row ? toView(row) : undefined;
}

export async function insertTask(db: Db, values: typeof tasks.$inferInsert): Promise<string> {
  const [row] = await db.insert(tasks).values(values).returning({ id: tasks.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

/** Open → resolved, once: the status condition makes a second resolve (or a race) update nothing. */
export async function resolveTask(db: Db, organizationId: string, id: string, by: string, note: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(tasks)
    .set({ status: 'resolved', resolvedBy: by, resolvedAt: at, resolutionNote: note })
    .where(and(eq(tasks.organizationId, organizationId), eq(tasks.id, id), eq(tasks.status, 'open')))
    .returning({ id: tasks.id });
  return rows.length === 1;
}

/** Resolves the open task of this kind from this source (at most one is ever raised); its id and person, or nothing. */
export async function resolveBySource(
  db: Db,
  organizationId: string,
  kind: string,
  source: { type: string; id: string },
  by: string | null,
  note: string,
  at: Date,
): Promise<{ id: string; patientId: string } | undefined> {
  const [row] = await db
    .update(tasks)
    .set({ status: 'resolved', resolvedBy: by, resolvedAt: at, resolutionNote: note })
    .where(
      and(
        eq(tasks.organizationId, organizationId),
        eq(tasks.kind, kind as typeof tasks.$inferSelect.kind),
        eq(tasks.sourceType, source.type),
        eq(tasks.sourceId, source.id),
        eq(tasks.status, 'open'),
      ),
    )
    .returning({ id: tasks.id, patientId: tasks.patientId });
  return row;
}

/**
 * Who a patient's safety task goes to: the current episode's primary clinician, else the longest-standing
 * clinician on the caseload, else a director of the organization; null when there is none of these.
 */
export async function safetyAssignee(db: Db, organizationId: string, patientId: string): Promise<string | null> {
  const [primary] = await db
    .select({ id: users.id })
    .from(patients)
    .innerJoin(episodes, eq(episodes.id, patients.currentEpisodeId))
    .innerJoin(users, eq(users.id, episodes.primaryClinicianId))
    .where(and(eq(patients.organizationId, organizationId), eq(patients.id, patientId), eq(users.active, true)));
  if (primary) return primary.id;
  const [onCaseload] = await db
    .select({ id: users.id })
    .from(caseloadAssignments)
    .innerJoin(users, eq(users.id, caseloadAssignments.userId))
    .where(
      and(
        eq(caseloadAssignments.organizationId, organizationId),
        eq(caseloadAssignments.patientId, patientId),
        isNull(caseloadAssignments.endedAt),
        eq(users.active, true),
        sql`'clinician' = any(${users.roles})`,
      ),
    )
    .orderBy(asc(caseloadAssignments.assignedAt), asc(users.id))
    .limit(1);
  if (onCaseload) return onCaseload.id;
  const [director] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.active, true), sql`'director' = any(${users.roles})`))
    .orderBy(asc(users.name), asc(users.id))
    .limit(1);
  return director?.id ?? null;
}

/** Whether a task from this source exists already (open or resolved): tasks raised once per source. */
export async function taskExists(tx: Db, organizationId: string, kind: string, sourceType: string, sourceId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: tasks.id })
    .from(tasks)
    .where(
      and(
        eq(tasks.organizationId, organizationId),
        eq(tasks.kind, kind as typeof tasks.$inferSelect.kind),
        eq(tasks.sourceType, sourceType),
        eq(tasks.sourceId, sourceId),
      ),
    )
    .limit(1);
  return Boolean(row);
}
