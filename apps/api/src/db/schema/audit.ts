import { bigint, boolean, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant, tenantId } from './columns';
import { organizations } from './organizations';

/** Append-only: a trigger in the migration refuses UPDATE, DELETE and TRUNCATE. */
export const auditEvents = pgTable(
  'audit_events',
  {
    organizationId: tenantId().references(() => organizations.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    occurredAt: instant('occurred_at').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorTokenId: uuid('actor_token_id'),
    action: text('action').notNull(),
    patientId: uuid('patient_id'),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    breakGlass: boolean('break_glass').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.seq] }),
    index('audit_patient').on(t.organizationId, t.patientId, t.seq),
    index('audit_actor').on(t.organizationId, t.actorUserId, t.seq),
    index('audit_time').on(t.organizationId, t.occurredAt),
  ],
);

/** The head of each organization's chain; its row lock serialises appends. */
export const auditHeads = pgTable('audit_heads', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
