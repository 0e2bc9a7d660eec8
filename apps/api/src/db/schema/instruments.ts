import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AdministrationStatus, InstrumentId, SafetyFlag } from '@openiop/core';
import { instant, pk, tenantId, versioned } from './columns';
import { organizations, users } from './organizations';
import { episodes, patients } from './patients';

/** One giving of an instrument to a patient: a draft, then a submitted (scored or incomplete) response. */
export const instrumentAdministrations = pgTable(
  'instrument_administrations',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    episodeId: uuid('episode_id').references(() => episodes.id),
    instrumentId: text('instrument_id').$type<InstrumentId>().notNull(),
    definitionVersion: text('definition_version').notNull(),
    status: text('status').$type<AdministrationStatus>().notNull(),
    source: text('source').$type<'staff' | 'phone_link'>().notNull(),
    administeredBy: uuid('administered_by').references(() => users.id),
    bandSet: text('band_set'),
    cutoff: integer('cutoff'),
    total: integer('total'),
    bandCode: text('band_code'),
    bandLabel: text('band_label'),
    bandSetUsed: text('band_set_used'),
    subscales: jsonb('subscales').$type<Record<string, number>>(),
    positive: boolean('positive'),
    screen: text('screen'),
    safetyFlags: jsonb('safety_flags').$type<SafetyFlag[]>().notNull().default([]),
    missingItems: jsonb('missing_items').$type<string[]>().notNull().default([]),
    notes: jsonb('notes').$type<string[]>().notNull().default([]),
    submittedAt: instant('submitted_at'),
    ...versioned(),
  },
  (t) => [index('administrations_patient').on(t.organizationId, t.patientId, t.createdAt)],
);

/** Answers item by item: one row per answered item. */
export const instrumentAnswers = pgTable(
  'instrument_answers',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    administrationId: uuid('administration_id')
      .notNull()
      .references(() => instrumentAdministrations.id),
    itemId: text('item_id').notNull(),
    value: integer('value').notNull(),
    points: integer('points').notNull(),
    answeredAt: instant('answered_at').notNull(),
  },
  (t) => [uniqueIndex('answers_administration_item').on(t.organizationId, t.administrationId, t.itemId)],
);

/** A single-use phone link to fill one instrument without signing in. Only the token's SHA-256 is kept. */
export const instrumentLinks = pgTable(
  'instrument_links',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    instrumentId: text('instrument_id').$type<InstrumentId>().notNull(),
    tokenHash: text('token_hash').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    administrationId: uuid('administration_id').references(() => instrumentAdministrations.id),
  },
  (t) => [uniqueIndex('instrument_links_token').on(t.tokenHash), index('instrument_links_patient').on(t.organizationId, t.patientId)],
);
