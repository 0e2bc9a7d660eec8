import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Address, CareStatus, EpisodeStatus, LevelOfCare } from '@openiop/core';
import { instant, pk, tenantId, versioned } from './columns';
import { locations, organizations, users } from './organizations';

export interface EmergencyContact {
  name: string;
  relationship: string;
  phone: string;
}

export const patients = pgTable(
  'patients',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    mrn: text('mrn').notNull(),
    legalGivenName: text('legal_given_name').notNull(),
    legalFamilyName: text('legal_family_name').notNull(),
    preferredName: text('preferred_name'),
    pronouns: text('pronouns'),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    sexAssignedAtBirth: text('sex_assigned_at_birth').notNull(),
    genderIdentity: text('gender_identity'),
    preferredLanguage: text('preferred_language').notNull(),
    phone: text('phone'),
    email: text('email'),
    address: jsonb('address').$type<Address>(),
    emergencyContact: jsonb('emergency_contact').$type<EmergencyContact>(),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    careStatus: text('care_status').$type<CareStatus>().notNull().default('pre_admission'),
    currentEpisodeId: uuid('current_episode_id'),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('patients_org_mrn').on(t.organizationId, t.mrn),
    // Prefix search on MRNs (LIKE 'IOP-12%') needs pattern ops under a non-C collation.
    index('patients_org_mrn_prefix').on(t.organizationId, sql`${t.mrn} text_pattern_ops`),
    index('patients_org_family').on(t.organizationId, sql`lower(${t.legalFamilyName}) text_pattern_ops`),
    index('patients_org_given').on(t.organizationId, sql`lower(${t.legalGivenName}) text_pattern_ops`),
    index('patients_org_preferred').on(t.organizationId, sql`lower(${t.preferredName}) text_pattern_ops`),
    index('patients_org_dob').on(t.organizationId, t.dateOfBirth),
    index('patients_org_location').on(t.organizationId, t.locationId),
    index('patients_org_sort').on(t.organizationId, t.legalFamilyName, t.legalGivenName, t.id),
  ],
);

export const episodes = pgTable(
  'episodes',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    status: text('status').$type<EpisodeStatus>().notNull(),
    levelOfCare: text('level_of_care').$type<LevelOfCare>().notNull(),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    primaryClinicianId: uuid('primary_clinician_id').references(() => users.id),
    admittedOn: date('admitted_on', { mode: 'string' }),
    dischargedOn: date('discharged_on', { mode: 'string' }),
    plannedWeeks: integer('planned_weeks').notNull().default(10),
    /** Placeholder until scheduling lands: the track the person was admitted to, as free text. */
    track: text('track'),
    ...versioned(),
  },
  (t) => [
    index('episodes_patient').on(t.organizationId, t.patientId),
    index('episodes_clinician').on(t.organizationId, t.primaryClinicianId),
  ],
);

export const caseloadAssignments = pgTable(
  'caseload_assignments',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    assignedAt: instant('assigned_at').notNull(),
    endedAt: instant('ended_at'),
  },
  (t) => [index('caseload_user').on(t.organizationId, t.userId, t.patientId), index('caseload_patient').on(t.organizationId, t.patientId)],
);

export const breakGlassGrants = pgTable(
  'break_glass_grants',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    grantedAt: instant('granted_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    reviewedAt: instant('reviewed_at'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewNote: text('review_note'),
  },
  (t) => [
    index('break_glass_user').on(t.organizationId, t.userId, t.expiresAt),
    index('break_glass_review').on(t.organizationId, t.reviewedAt),
  ],
);
