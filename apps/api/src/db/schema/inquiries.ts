import { boolean, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CoverageInput, InquiryStage, PrescreenAnswers, PrescreenFlag, PrescreenVerdict } from '@openiop/core';
import { instant, pk, tenantId, versioned } from './columns';
import { locations, organizations, users } from './organizations';
import { patients } from './patients';

/** A call, web form or referral about someone who may need care: pre-admission PHI, audited like a chart. */
export const inquiries = pgTable(
  'inquiries',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    stage: text('stage').$type<InquiryStage>().notNull().default('new'),
    channel: text('channel').notNull(),
    callerName: text('caller_name'),
    callerRelationship: text('caller_relationship').notNull(),
    callerPhone: text('caller_phone'),
    givenName: text('given_name'),
    familyName: text('family_name'),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    phone: text('phone'),
    email: text('email'),
    referralSource: text('referral_source').notNull(),
    referralDetail: text('referral_detail'),
    substances: text('substances').array().notNull().default([]),
    urgency: text('urgency').notNull(),
    insuranceSummary: text('insurance_summary'),
    bestTimeToCall: text('best_time_to_call'),
    notes: text('notes'),
    locationId: uuid('location_id').references(() => locations.id),
    assigneeId: uuid('assignee_id').references(() => users.id),
    stageReason: text('stage_reason'),
    stageReasonText: text('stage_reason_text'),
    referredTo: text('referred_to'),
    /** The latest pre-screen's verdict, kept here so the board needs no join. */
    prescreenVerdict: text('prescreen_verdict').$type<PrescreenVerdict>(),
    patientId: uuid('patient_id').references(() => patients.id),
    clinicalOverride: text('clinical_override'),
    stageChangedAt: instant('stage_changed_at').notNull().defaultNow(),
    ...versioned(),
  },
  (t) => [
    index('inquiries_board').on(t.organizationId, t.stage, t.createdAt, t.id),
    index('inquiries_assignee').on(t.organizationId, t.assigneeId),
    index('inquiries_location').on(t.organizationId, t.locationId),
  ],
);

export const inquiryFollowUps = pgTable(
  'inquiry_follow_ups',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    inquiryId: uuid('inquiry_id')
      .notNull()
      .references(() => inquiries.id),
    what: text('what').notNull(),
    dueAt: instant('due_at').notNull(),
    assigneeId: uuid('assignee_id').references(() => users.id),
    doneAt: instant('done_at'),
    doneBy: uuid('done_by').references(() => users.id),
    ...versioned(),
  },
  (t) => [index('inquiry_follow_ups_inquiry').on(t.organizationId, t.inquiryId, t.dueAt)],
);

/** Every pre-screen is kept as recorded, with the rule version that judged it; a new one never overwrites. */
export const inquiryPrescreens = pgTable(
  'inquiry_prescreens',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    inquiryId: uuid('inquiry_id')
      .notNull()
      .references(() => inquiries.id),
    /** 1, 2, 3… per inquiry, taken under the inquiry's row lock: "the latest" never depends on clock ties. */
    number: integer('number').notNull(),
    answers: jsonb('answers').$type<PrescreenAnswers>().notNull(),
    verdict: text('verdict').$type<PrescreenVerdict>().notNull(),
    flags: jsonb('flags').$type<PrescreenFlag[]>().notNull(),
    ruleVersion: text('rule_version').notNull(),
    notes: text('notes'),
    recordedAt: instant('recorded_at').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
  },
  (t) => [uniqueIndex('inquiry_prescreens_inquiry').on(t.organizationId, t.inquiryId, t.number)],
);

/** Insurance or self-pay terms captured for an inquiry (one per inquiry), the input to the cost estimate. */
export const inquiryCoverages = pgTable(
  'inquiry_coverages',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    inquiryId: uuid('inquiry_id')
      .notNull()
      .references(() => inquiries.id),
    kind: text('kind').$type<CoverageInput['kind']>().notNull(),
    payerName: text('payer_name'),
    terms: jsonb('terms').$type<CoverageInput>().notNull(),
    ...versioned(),
  },
  (t) => [uniqueIndex('inquiry_coverages_inquiry').on(t.organizationId, t.inquiryId)],
);

/** An organization's public "request help" page: its address (slug) and the secret that signs form tokens. */
export const publicIntakePages = pgTable(
  'public_intake_pages',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    slug: text('slug').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    locationId: uuid('location_id').references(() => locations.id),
    formSecret: text('form_secret').notNull(),
    ...versioned(),
  },
  (t) => [uniqueIndex('public_intake_pages_slug').on(t.slug), uniqueIndex('public_intake_pages_org').on(t.organizationId)],
);
