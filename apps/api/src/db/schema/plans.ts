import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { DelivererRole, InterventionCategory, LevelOfCare, PlanContent, PlanVersionStatus, ProgressRating } from '@openiop/core';
import { instant, pk, tenantId, versioned } from './columns';
import { organizations, users } from './organizations';
import { episodes, patients } from './patients';

/**
 * An organization's interventions catalogue. It starts as a copy of core's defaults (`key` names the default) the
 * first time it is read; staff with `catalogue.manage` rename, add and retire. Plans copy the name they chose.
 */
export const interventions = pgTable(
  'interventions',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    key: text('key'),
    name: text('name').notNull(),
    category: text('category').$type<InterventionCategory>().notNull(),
    defaultDelivererRole: text('default_deliverer_role').$type<DelivererRole>().notNull(),
    defaultFrequency: text('default_frequency').notNull(),
    active: boolean('active').notNull().default(true),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('interventions_org_key').on(t.organizationId, t.key),
    uniqueIndex('interventions_org_name').on(t.organizationId, t.name),
  ],
);

/** One treatment plan per episode of care; its content lives in numbered versions. */
export const treatmentPlans = pgTable(
  'treatment_plans',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    episodeId: uuid('episode_id')
      .notNull()
      .references(() => episodes.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('treatment_plans_episode').on(t.organizationId, t.episodeId),
    index('treatment_plans_patient').on(t.organizationId, t.patientId),
  ],
);

/**
 * A version of a plan. A draft is edited (compare-and-set on `version`); the first signature freezes the content
 * (`signing`); the second locks it (`signed`, with the level of care it was signed at). A change is a new version
 * copied from the newest; an unsigned version replaced that way becomes `superseded`. Every version stays readable.
 */
export const treatmentPlanVersions = pgTable(
  'treatment_plan_versions',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    planId: uuid('plan_id')
      .notNull()
      .references(() => treatmentPlans.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    number: integer('number').notNull(),
    status: text('status').$type<PlanVersionStatus>().notNull().default('draft'),
    content: jsonb('content').$type<PlanContent>().notNull(),
    /** SHA-256 of the canonical JSON of `content`, kept current on every edit. */
    contentHash: text('content_hash').notNull(),
    levelOfCareAtSigning: text('level_of_care_at_signing').$type<LevelOfCare>(),
    lockedAt: instant('locked_at'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('treatment_plan_versions_number').on(t.organizationId, t.planId, t.number),
    index('treatment_plan_versions_status').on(t.organizationId, t.status),
  ],
);

/** A signature on a version: who, how, when, and the hash of exactly the content they signed. */
export const treatmentPlanSignatures = pgTable(
  'treatment_plan_signatures',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => treatmentPlanVersions.id),
    signer: text('signer').$type<'person' | 'clinician'>().notNull(),
    method: text('method').$type<'link' | 'tablet' | 'staff'>().notNull(),
    /** The person's typed full name, or the clinician's name at signing. */
    name: text('name').notNull(),
    userId: uuid('user_id').references(() => users.id),
    contentHash: text('content_hash').notNull(),
    signedAt: instant('signed_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [uniqueIndex('treatment_plan_signatures_signer').on(t.organizationId, t.versionId, t.signer)],
);

/** A single-use, expiring link for the person to sign a version on their phone; only the token's hash is stored. */
export const planSignLinks = pgTable(
  'plan_sign_links',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => treatmentPlanVersions.id),
    tokenHash: text('token_hash').notNull(),
    /** The content the link was made for; if the draft changes after, the link no longer signs. */
    contentHash: text('content_hash').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [uniqueIndex('plan_sign_links_token').on(t.tokenHash), index('plan_sign_links_version').on(t.organizationId, t.versionId)],
);

/** Progress on a goal or objective over time (append-only); targets are the stable ids kept across versions. */
export const planProgress = pgTable(
  'plan_progress',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    planId: uuid('plan_id')
      .notNull()
      .references(() => treatmentPlans.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    targetKind: text('target_kind').$type<'goal' | 'objective'>().notNull(),
    targetId: uuid('target_id').notNull(),
    rating: text('rating').$type<ProgressRating>().notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [index('plan_progress_plan').on(t.organizationId, t.planId, t.recordedAt)],
);
