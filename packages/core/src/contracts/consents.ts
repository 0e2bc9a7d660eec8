import { z } from 'zod';
import { id, isoDate, optionalText, text } from './common';

/** What a consent is for. The two Part 2 kinds are consents to disclose; the others are consents to care. */
export const consentKinds = ['treatment', 'program_agreement', 'telehealth', 'part2_disclosure', 'part2_tpo'] as const;
export type ConsentKind = (typeof consentKinds)[number];
export const part2Kinds: readonly ConsentKind[] = ['part2_disclosure', 'part2_tpo'];
export const isPart2Kind = (k: ConsentKind): boolean => part2Kinds.includes(k);

/** Classes of recipient a Part 2 consent may name instead of a person or organization (§2.31(a)(4)). */
export const recipientClasses = ['treating_providers', 'health_plans', 'third_party_payers', 'program_operations'] as const;
export type RecipientClass = (typeof recipientClasses)[number];

/** Purposes of a disclosure (§2.31(a)(5)); `other` needs words in `purposeDetail`. */
export const disclosurePurposes = ['patient_request', 'treatment', 'payment', 'health_care_operations', 'other'] as const;
export type DisclosurePurpose = (typeof disclosurePurposes)[number];

/** Kinds of SUD information a consent can cover; a disclosure may send only kinds its consent names. */
export const informationCategories = [
  'all_sud_records',
  'sud_diagnosis',
  'attendance_and_progress',
  'treatment_plan',
  'medications',
  'drug_test_results',
  'assessments',
  'discharge_summary',
  'billing_and_claims',
] as const;
export type InformationCategory = (typeof informationCategories)[number];

export const consentRecipient = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('named'),
    name: text(200),
    /** A HIPAA covered entity or business associate receiving for TPO may redisclose as HIPAA allows. */
    coveredEntity: z.boolean().default(false),
  }),
  z.strictObject({ kind: z.literal('class'), class: z.enum(recipientClasses) }),
]);
export type ConsentRecipient = z.infer<typeof consentRecipient>;

export const consentExpiration = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('date'), date: isoDate }),
  z.strictObject({
    kind: z.literal('event'),
    event: z.enum(['end_of_treatment', 'other']),
    description: optionalText(300),
  }),
  /** Only a TPO consent may run until revoked. */
  z.strictObject({ kind: z.literal('none') }),
]);
export type ConsentExpiration = z.infer<typeof consentExpiration>;

/** The Part 2 fields of a draft; every one may be empty while drafting, and signing checks them all. */
export const part2Fields = z.strictObject({
  discloser: optionalText(300),
  informationCategories: z.array(z.enum(informationCategories)).max(informationCategories.length).default([]),
  informationDescription: optionalText(2000),
  recipients: z.array(consentRecipient).max(20).default([]),
  purposes: z.array(z.enum(disclosurePurposes)).max(disclosurePurposes.length).default([]),
  purposeDetail: optionalText(500),
  expiration: consentExpiration.nullish(),
});
export type Part2Fields = z.infer<typeof part2Fields>;

export const consentCreate = z.strictObject({
  kind: z.enum(consentKinds),
  part2: part2Fields.optional(),
});
export type ConsentCreate = z.infer<typeof consentCreate>;

export const consentUpdate = z.strictObject({ part2: part2Fields });
export type ConsentUpdate = z.infer<typeof consentUpdate>;

/** Longest accepted drawn-signature data URL (characters): about 45 KB of PNG, well above a pen-drawn line. */
export const MAX_SIGNATURE_DATA_URL = 60_000;

export const signerRelationships = ['parent', 'legal_guardian', 'health_care_agent', 'personal_representative', 'other'] as const;

export const consentSign = z.strictObject({
  method: z.enum(['typed', 'drawn']),
  /** The name as the signer typed it; required for `typed`, optional beside a drawing. */
  typedName: optionalText(200),
  drawing: z.string().max(MAX_SIGNATURE_DATA_URL, `must be at most ${MAX_SIGNATURE_DATA_URL} characters`).nullish(),
  signer: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('patient') }),
    z.strictObject({
      kind: z.literal('representative'),
      name: optionalText(200),
      relationship: z.enum(signerRelationships).nullish(),
      /** Why this person may sign: e.g. "parent of a minor", "court-appointed guardian". */
      authority: optionalText(300),
    }),
  ]),
});
export type ConsentSign = z.infer<typeof consentSign>;

export const consentRevoke = z.strictObject({
  /** Part 2 asks for revocation in writing; a verbal one is still honoured at once and noted as verbal. */
  receivedVia: z.enum(['in_writing', 'verbal']),
  reason: optionalText(500),
});
export type ConsentRevoke = z.infer<typeof consentRevoke>;

export const consentStatuses = ['draft', 'signed', 'revoked', 'expired'] as const;
export type ConsentStatus = (typeof consentStatuses)[number];

export const consentListItem = z.object({
  id,
  kind: z.enum(consentKinds),
  title: z.string(),
  status: z.enum(consentStatuses),
  createdAt: z.string(),
  signedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** Plain words, e.g. "until 2027-05-01" or "until the end of treatment"; null when not a Part 2 consent. */
  expiresDescription: z.string().nullable(),
  purposes: z.array(z.enum(disclosurePurposes)),
  /** Who it discloses to; null for staff who may only know that a consent exists (billing). */
  recipientSummary: z.string().nullable(),
});
export type ConsentListItem = z.infer<typeof consentListItem>;

export const consentView = z.object({
  id,
  patientId: id,
  kind: z.enum(consentKinds),
  status: z.enum(consentStatuses),
  templateVersion: z.string(),
  title: z.string(),
  body: z.array(z.string()),
  statements: z.array(z.object({ id: z.string(), text: z.string() })),
  part2: part2Fields.nullable(),
  /** The elements still missing before it can be signed (empty once complete). */
  missing: z.array(z.object({ path: z.string(), message: z.string() })),
  signature: z
    .object({
      method: z.enum(['typed', 'drawn']),
      typedName: z.string().nullable(),
      hasDrawing: z.boolean(),
      /** The drawn signature as its PNG data URL, on the single-consent view only. */
      drawing: z.string().nullable(),
      signedAt: z.string(),
      signerKind: z.enum(['patient', 'representative']),
      signerName: z.string(),
      relationship: z.string().nullable(),
      authority: z.string().nullable(),
      witness: z.object({ id, name: z.string() }),
    })
    .nullable(),
  revocation: z
    .object({
      revokedAt: z.string(),
      receivedVia: z.enum(['in_writing', 'verbal']),
      reason: z.string().nullable(),
      recordedBy: z.object({ id, name: z.string() }),
    })
    .nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type ConsentView = z.infer<typeof consentView>;

export const disclosureRecipient = z.strictObject({
  name: text(200),
  /** The class the recipient belongs to, when the consent names recipients by class. */
  class: z.enum(recipientClasses).nullish(),
});

export const disclosureCreate = z.strictObject({
  consentId: id,
  recipient: disclosureRecipient,
  disclosedOn: isoDate,
  informationCategories: z.array(z.enum(informationCategories)).min(1, 'name at least one kind of information').max(9),
  informationDescription: text(2000),
  purpose: z.enum(disclosurePurposes),
  /** Staff member who made the disclosure; the signed-in user when omitted. */
  disclosedById: id.nullish(),
  noticeForm: z.enum(['long', 'short']).default('long'),
});
export type DisclosureCreate = z.infer<typeof disclosureCreate>;

export const disclosureView = z.object({
  id,
  patientId: id,
  consentId: id,
  recipientName: z.string(),
  recipientClass: z.enum(recipientClasses).nullable(),
  disclosedOn: z.string(),
  informationCategories: z.array(z.enum(informationCategories)),
  informationDescription: z.string(),
  purpose: z.enum(disclosurePurposes),
  disclosedBy: z.object({ id, name: z.string() }),
  noticeVersion: z.string(),
  noticeForm: z.enum(['long', 'short']),
  noticeText: z.string(),
  consentScope: z.string(),
  recordedAt: z.string(),
});
export type DisclosureView = z.infer<typeof disclosureView>;

export const accountingQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });
export type AccountingQuery = z.infer<typeof accountingQuery>;

export const accountingView = z.object({ from: z.string(), to: z.string(), items: z.array(disclosureView) });
