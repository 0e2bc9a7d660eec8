import { boolean, date, index, integer, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Cadence, MeasureKind } from '@openiop/core';
import { instant, pk, tenantId, versioned } from './columns';
import { organizations, users } from './organizations';
import { patients } from './patients';
import { tasks } from './tasks';

/** An instrument (or the daily check-in) assigned to a person on a cadence, between clinic-local dates. */
export const measureAssignments = pgTable(
  'measure_assignments',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    measure: text('measure').$type<MeasureKind>().notNull(),
    cadence: text('cadence').$type<Cadence['kind']>().notNull(),
    /** The interval of an `every_n_days` cadence; null for the named cadences. */
    intervalDays: integer('interval_days'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    graceDays: integer('grace_days').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    stoppedBy: uuid('stopped_by').references(() => users.id),
    ...versioned(),
  },
  (t) => [index('measure_assignments_patient').on(t.organizationId, t.patientId)],
);

/** Per-person settings of measurement-based care; a person without a row has the defaults. */
export const measureSettings = pgTable(
  'measure_settings',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    cravingThreshold: integer('craving_threshold').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    ...versioned(),
  },
  (t) => [uniqueIndex('measure_settings_patient').on(t.organizationId, t.patientId)],
);

/** The person's standing measures link: reusable until it expires or is revoked. Only the token's SHA-256 is kept. */
export const measureLinks = pgTable(
  'measure_links',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    tokenHash: text('token_hash').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    revokedAt: instant('revoked_at'),
    revokedBy: uuid('revoked_by').references(() => users.id),
    lastUsedAt: instant('last_used_at'),
  },
  (t) => [uniqueIndex('measure_links_token').on(t.tokenHash), index('measure_links_patient').on(t.organizationId, t.patientId)],
);

/** A daily check-in from the person. `client_id` is made by their device: a retry is stored once. */
export const dailyCheckins = pgTable(
  'daily_checkins',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    clientId: uuid('client_id').notNull(),
    /** The clinic-local date it was submitted on. */
    localDate: date('local_date', { mode: 'string' }).notNull(),
    mood: integer('mood').notNull(),
    craving: integer('craving').notNull(),
    sleepHours: real('sleep_hours'),
    sleepQuality: integer('sleep_quality'),
    usedSinceLast: boolean('used_since_last').notNull(),
    usedWhat: text('used_what'),
    note: text('note'),
    /** The threshold in force when it was submitted, so a later change does not rewrite history. */
    cravingThreshold: integer('craving_threshold').notNull(),
    linkId: uuid('link_id').references(() => measureLinks.id),
    alertTaskId: uuid('alert_task_id').references(() => tasks.id),
    submittedAt: instant('submitted_at').notNull(),
  },
  (t) => [
    uniqueIndex('daily_checkins_client').on(t.organizationId, t.patientId, t.clientId),
    index('daily_checkins_patient').on(t.organizationId, t.patientId, t.submittedAt),
  ],
);
