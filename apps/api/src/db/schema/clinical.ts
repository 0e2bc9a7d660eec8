import { sql } from 'drizzle-orm';
import { boolean, date, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
