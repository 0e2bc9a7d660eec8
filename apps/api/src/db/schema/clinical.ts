import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { RelapsePlanContent } from '@openiop/core';
import { instant, pk, tenantId, versioned } from './columns';
import { organizations, users } from './organizations';
import { episodes, patients } from './patients';

export type DiagnosisCategory = 'substance_use' | 'mental_health' | 'medical' | 'other';
export type DiagnosisStatus = 'active' | 'resolved' | 'entered_in_error';

/**
 * The problem list: ICD-10-CM diagnoses with the description shown when recorded, a primary flag (at most one
 * active primary per person), and whether it is a substance use or a co-occurring mental health condition.
 * Treatment plans seed their problems from these and from the intake's dimensional ratings.
 */
export const diagnoses = pgTable(
  'diagnoses',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    episodeId: uuid('episode_id').references(() => episodes.id),
    code: text('code').notNull(),
    description: text('description').notNull(),
    category: text('category').$type<DiagnosisCategory>().notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
    status: text('status').$type<DiagnosisStatus>().notNull().default('active'),
    onsetDate: date('onset_date', { mode: 'string' }),
    note: text('note'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: instant('recorded_at').notNull(),
    resolvedAt: instant('resolved_at'),
    ...versioned(),
  },
  (t) => [
    index('diagnoses_patient').on(t.organizationId, t.patientId, t.status),
    uniqueIndex('diagnoses_one_primary')
      .on(t.organizationId, t.patientId)
      .where(sql`${t.isPrimary} and ${t.status} = 'active'`),
  ],
);

/**
 * Medications the person takes, including medications for addiction treatment (`mat_kind`; methadone names its
 * opioid treatment program). Never deleted: a medication ends with a stop date and a reason.
 */
export const medications = pgTable(
  'medications',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    name: text('name').notNull(),
    dose: text('dose').notNull(),
    route: text('route').notNull(),
    frequency: text('frequency').notNull(),
    prescriber: text('prescriber'),
    startDate: date('start_date', { mode: 'string' }),
    stopDate: date('stop_date', { mode: 'string' }),
    stopReason: text('stop_reason'),
    matKind: text('mat_kind'),
    otpName: text('otp_name'),
    otpPhone: text('otp_phone'),
    note: text('note'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: instant('recorded_at').notNull(),
    ...versioned(),
  },
  (t) => [index('medications_patient').on(t.organizationId, t.patientId)],
);

/** Dated adherence notes on a medication, appended only. */
export const medicationAdherenceNotes = pgTable(
  'medication_adherence_notes',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    medicationId: uuid('medication_id')
      .notNull()
      .references(() => medications.id),
    notedOn: date('noted_on', { mode: 'string' }).notNull(),
    text: text('text').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('medication_adherence_notes_medication').on(t.organizationId, t.medicationId)],
);

export type RecordStatus = 'active' | 'inactive' | 'entered_in_error';

/** Allergies, or an explicit "no known allergies" statement (`kind`), shown on the chart header. */
export const allergies = pgTable(
  'allergies',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    kind: text('kind').$type<'allergy' | 'no_known_allergies'>().notNull(),
    substance: text('substance'),
    reaction: text('reaction'),
    severity: text('severity'),
    status: text('status').$type<RecordStatus>().notNull().default('active'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: instant('recorded_at').notNull(),
    ...versioned(),
  },
  (t) => [index('allergies_patient').on(t.organizationId, t.patientId, t.status)],
);

/** Chart alerts (overdose history, seizure risk, fall risk, legal involvement, custom) with a severity. */
export const chartAlerts = pgTable(
  'chart_alerts',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    kind: text('kind').notNull(),
    label: text('label'),
    severity: text('severity').notNull(),
    note: text('note'),
    status: text('status').$type<RecordStatus>().notNull().default('active'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: instant('recorded_at').notNull(),
    ...versioned(),
  },
  (t) => [index('chart_alerts_patient').on(t.organizationId, t.patientId, t.status)],
);

/**
 * Relapse-prevention plans, one row per version (`number` 1, 2, …). A draft changes (If-Match on `version`);
 * finalising locks it for good; the person's current plan is the latest finalised one. At most one draft at a time.
 */
export const relapsePlans = pgTable(
  'relapse_plans',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    number: integer('number').notNull(),
    status: text('status').$type<'draft' | 'final'>().notNull().default('draft'),
    content: jsonb('content').$type<RelapsePlanContent>().notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    finalisedBy: uuid('finalised_by').references(() => users.id),
    finalisedAt: instant('finalised_at'),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('relapse_plans_number').on(t.organizationId, t.patientId, t.number),
    uniqueIndex('relapse_plans_one_draft')
      .on(t.organizationId, t.patientId)
      .where(sql`${t.status} = 'draft'`),
  ],
);
