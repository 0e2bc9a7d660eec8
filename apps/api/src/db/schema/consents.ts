import { date, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { ConsentKind, DisclosurePurpose, InformationCategory, Part2Fields, RecipientClass } from '@openiop/core';
import { instant, pk, tenantId, versioned } from './columns';
import { organizations, users } from './organizations';
import { patients } from './patients';

/**
 * One consent: a copy of the template's words as the person read them, the Part 2 fields while drafting, then the
 * signature and, later, a revocation. Signing freezes everything but the revocation and a recorded expiry event.
 */
export const consents = pgTable(
  'consents',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    kind: text('kind').$type<ConsentKind>().notNull(),
    templateVersion: text('template_version').notNull(),
    title: text('title').notNull(),
    body: jsonb('body').$type<string[]>().notNull(),
    statements: jsonb('statements').$type<{ id: string; text: string }[]>().notNull(),
    part2: jsonb('part2').$type<Part2Fields>(),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    /** The patient's legal name at signing, kept with the signature it belongs to. */
    patientName: text('patient_name'),
    signedAt: instant('signed_at'),
    signatureMethod: text('signature_method').$type<'typed' | 'drawn'>(),
    typedName: text('typed_name'),
    /** A drawn signature as its PNG data URL (checked for PNG magic and size before it is stored). */
    drawing: text('drawing'),
    signerKind: text('signer_kind').$type<'patient' | 'representative'>(),
    signerName: text('signer_name'),
    signerRelationship: text('signer_relationship'),
    signerAuthority: text('signer_authority'),
    witnessId: uuid('witness_id').references(() => users.id),
    revokedAt: instant('revoked_at'),
    revokedById: uuid('revoked_by_id').references(() => users.id),
    revocationVia: text('revocation_via').$type<'in_writing' | 'verbal'>(),
    revocationReason: text('revocation_reason'),
    /** Clinic-local date an "other" expiring event happened, as staff recorded it. */
    expiryEventOn: date('expiry_event_on', { mode: 'string' }),
    ...versioned(),
  },
  (t) => [index('consents_patient').on(t.organizationId, t.patientId, t.createdAt)],
);

/** A disclosure made under a Part 2 consent, with the §2.32 notice and the consent scope that went with it. */
export const disclosures = pgTable(
  'disclosures',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    consentId: uuid('consent_id')
      .notNull()
      .references(() => consents.id),
    recipientName: text('recipient_name').notNull(),
    recipientClass: text('recipient_class').$type<RecipientClass>(),
    disclosedOn: date('disclosed_on', { mode: 'string' }).notNull(),
    informationCategories: jsonb('information_categories').$type<InformationCategory[]>().notNull(),
    informationDescription: text('information_description').notNull(),
    purpose: text('purpose').$type<DisclosurePurpose>().notNull(),
    disclosedById: uuid('disclosed_by_id')
      .notNull()
      .references(() => users.id),
    recordedById: uuid('recorded_by_id')
      .notNull()
      .references(() => users.id),
    noticeVersion: text('notice_version').notNull(),
    noticeForm: text('notice_form').$type<'long' | 'short'>().notNull(),
    noticeText: text('notice_text').notNull(),
    consentScope: text('consent_scope').notNull(),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [
    index('disclosures_patient').on(t.organizationId, t.patientId, t.disclosedOn),
    index('disclosures_consent').on(t.organizationId, t.consentId),
  ],
);
