import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { AssessmentRatings, IntakeDocument, LevelOfCare, PlacementFlag, RecommendationView, WithdrawalNeed } from '@openiop/core';
import { instant, pk, tenantId, versioned } from './columns';
import { organizations, users } from './organizations';
import { episodes, patients } from './patients';

/**
 * A biopsychosocial intake: the whole form is one typed JSON document (validated by the `intakeDocument`
 * contract), with status, signer and version as columns. Signed intakes never change; corrections are addenda.
 */
export const intakes = pgTable(
  'intakes',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    episodeId: uuid('episode_id').references(() => episodes.id),
    status: text('status').$type<'draft' | 'signed'>().notNull().default('draft'),
    document: jsonb('document').$type<IntakeDocument>().notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    signedBy: uuid('signed_by').references(() => users.id),
    signedAt: instant('signed_at'),
    ...versioned(),
  },
  (t) => [index('intakes_patient').on(t.organizationId, t.patientId, t.createdAt)],
);

export const intakeAddenda = pgTable(
  'intake_addenda',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    intakeId: uuid('intake_id')
      .notNull()
      .references(() => intakes.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    text: text('text').notNull(),
    signedBy: uuid('signed_by')
      .notNull()
      .references(() => users.id),
    signedAt: instant('signed_at').notNull(),
  },
  (t) => [index('intake_addenda_intake').on(t.organizationId, t.intakeId, t.signedAt)],
);

/**
 * A dimensional assessment: six ratings with their evidence (instrument administrations linked by id only, no
 * foreign key, since instruments live in their own feature), flags, and once finalised the recommendation with
 * the rule set it came from, the level actually chosen and the reason for any difference.
 */
export const dimensionalAssessments = pgTable(
  'dimensional_assessments',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    episodeId: uuid('episode_id').references(() => episodes.id),
    status: text('status').$type<'draft' | 'final'>().notNull().default('draft'),
    ratings: jsonb('ratings').$type<AssessmentRatings>().notNull(),
    flags: jsonb('flags').$type<PlacementFlag[]>().notNull(),
    ratedBy: uuid('rated_by')
      .notNull()
      .references(() => users.id),
    ratedAt: instant('rated_at').notNull(),
    recommendedLevel: text('recommended_level').$type<LevelOfCare>(),
    chosenLevel: text('chosen_level').$type<LevelOfCare>(),
    withdrawalManagement: text('withdrawal_management').$type<WithdrawalNeed>(),
    differenceReason: text('difference_reason'),
    ruleSetId: text('rule_set_id'),
    ruleSetVersion: text('rule_set_version'),
    editionLabel: text('edition_label'),
    /** The full explanation (every fired rule) as shown when it was finalised. */
    recommendation: jsonb('recommendation').$type<RecommendationView>(),
    finalisedBy: uuid('finalised_by').references(() => users.id),
    finalisedAt: instant('finalised_at'),
    ...versioned(),
  },
  (t) => [index('dimensional_assessments_patient').on(t.organizationId, t.patientId, t.createdAt)],
);
