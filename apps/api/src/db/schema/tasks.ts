import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { TaskKind, TaskStatus } from '@openiop/core';
import { instant, pk, tenantId } from './columns';
import { organizations, users } from './organizations';
import { patients } from './patients';

/**
 * Work for a person on staff. Safety tasks are raised by instrument answers; the table is general so the
 * clinician worklist (issue 4) can add kinds without a new table.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    kind: text('kind').$type<TaskKind>().notNull(),
    priority: text('priority').$type<'urgent' | 'normal'>().notNull(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    assigneeUserId: uuid('assignee_user_id').references(() => users.id),
    /** Words with no answer text, e.g. "PHQ-9 item 9 answered above 0". */
    title: text('title').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    sourceType: text('source_type'),
    sourceId: uuid('source_id'),
    dueAt: instant('due_at').notNull(),
    status: text('status').$type<TaskStatus>().notNull().default('open'),
    resolutionNote: text('resolution_note'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: instant('resolved_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('tasks_assignee').on(t.organizationId, t.assigneeUserId, t.status, t.dueAt),
    index('tasks_patient').on(t.organizationId, t.patientId, t.status),
  ],
);
