import { z } from 'zod';
import { matKinds } from '../clinical/medications';
import { normaliseIcd10 } from '../clinical/icd10';
import { id, isoDate, optionalText, phone, text } from './common';

/** The problem list, medications, allergies and chart alerts (issue 4). Bodies are strict: unknown fields rejected. */

export const diagnosisCategories = ['substance_use', 'mental_health', 'medical', 'other'] as const;
export const diagnosisStatuses = ['active', 'resolved', 'entered_in_error'] as const;

export const icd10Code = z
  .string()
  .max(10, 'must be an ICD-10-CM code such as F10.20')
  .transform((s, ctx) => {
    const code = normaliseIcd10(s);
    if (!code) {
      ctx.addIssue({ code: 'custom', message: 'must be an ICD-10-CM code such as F10.20' });
      return z.NEVER;
    }
    return code;
  });

export const diagnosisCreate = z.strictObject({
  code: icd10Code,
  /** Required for a code outside the curated list; defaults to the list's description otherwise. */
  description: optionalText(300),
  isPrimary: z.boolean().default(false),
  onsetDate: isoDate.nullish(),
  note: optionalText(2000),
  episodeId: id.nullish(),
});
export type DiagnosisCreate = z.infer<typeof diagnosisCreate>;

export const diagnosisStatusChange = z.strictObject({
  status: z.enum(diagnosisStatuses),
  note: optionalText(2000),
});

export const diagnosisView = z.object({
  id,
  code: z.string(),
  description: z.string(),
  category: z.enum(diagnosisCategories),
  isPrimary: z.boolean(),
  status: z.enum(diagnosisStatuses),
  onsetDate: z.string().nullable(),
  note: z.string().nullable(),
  episodeId: id.nullable(),
  recordedBy: z.object({ id, name: z.string() }),
  recordedAt: z.string(),
  resolvedAt: z.string().nullable(),
  version: z.number().int(),
});
export type DiagnosisView = z.infer<typeof diagnosisView>;

export const icd10SearchQuery = z.strictObject({
  q: z.string().trim().max(100).default(''),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const icd10SearchView = z.object({
  items: z.array(z.object({ code: z.string(), description: z.string(), also: z.array(z.string()), category: z.enum(diagnosisCategories) })),
});

// Medications

export const medicationRoutes = [
  'oral',
  'sublingual',
  'buccal',
  'intramuscular',
  'subcutaneous',
  'intravenous',
  'transdermal',
  'inhaled',
  'nasal',
  'other',
] as const;
export const otpInput = z.strictObject({ name: text(200), phone: phone.nullish() });

export const medicationCreate = z.strictObject({
  name: text(200),
  dose: text(100),
  route: z.enum(medicationRoutes),
  frequency: text(100),
  prescriber: optionalText(200),
  startDate: isoDate.nullish(),
  matKind: z.enum(matKinds).nullish(),
  otp: otpInput.nullish(),
  note: optionalText(2000),
});
export type MedicationCreate = z.infer<typeof medicationCreate>;

export const medicationStop = z.strictObject({ stopDate: isoDate, reason: text(500) });
export const adherenceNoteCreate = z.strictObject({ notedOn: isoDate, text: text(2000) });

export const adherenceNoteView = z.object({
  id,
  notedOn: z.string(),
  text: z.string(),
  author: z.object({ id, name: z.string() }),
  createdAt: z.string(),
});

export const medicationView = z.object({
  id,
  name: z.string(),
  dose: z.string(),
  route: z.enum(medicationRoutes),
  frequency: z.string(),
  prescriber: z.string().nullable(),
  startDate: z.string().nullable(),
  stopDate: z.string().nullable(),
  stopReason: z.string().nullable(),
  matKind: z.enum(matKinds).nullable(),
  otp: z.object({ name: z.string(), phone: z.string().nullable() }).nullable(),
  note: z.string().nullable(),
  status: z.enum(['active', 'stopped']),
  adherenceNotes: z.array(adherenceNoteView),
  recordedBy: z.object({ id, name: z.string() }),
  recordedAt: z.string(),
  version: z.number().int(),
});
export type MedicationView = z.infer<typeof medicationView>;

// Allergies and chart alerts

export const allergySeverities = ['mild', 'moderate', 'severe', 'unknown'] as const;
export const allergyCreate = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('allergy'),
    substance: text(200),
    reaction: optionalText(300),
    severity: z.enum(allergySeverities).default('unknown'),
  }),
  /** An explicit statement that the person has no known allergies (not the same as nobody asking). */
  z.strictObject({ kind: z.literal('no_known_allergies') }),
]);
export type AllergyCreate = z.infer<typeof allergyCreate>;

export const allergyView = z.object({
  id,
  kind: z.enum(['allergy', 'no_known_allergies']),
  substance: z.string().nullable(),
  reaction: z.string().nullable(),
  severity: z.enum(allergySeverities).nullable(),
  status: z.enum(['active', 'inactive', 'entered_in_error']),
  recordedBy: z.object({ id, name: z.string() }),
  recordedAt: z.string(),
  version: z.number().int(),
});
export type AllergyView = z.infer<typeof allergyView>;

export const chartAlertKinds = ['overdose_history', 'seizure_risk', 'fall_risk', 'legal_involvement', 'custom'] as const;
export type ChartAlertKind = (typeof chartAlertKinds)[number];
export const alertSeverities = ['info', 'warning', 'high'] as const;

export const chartAlertCreate = z.strictObject({
  kind: z.enum(chartAlertKinds),
  /** Required for `custom`; a short label for the others is optional. */
  label: optionalText(120),
  severity: z.enum(alertSeverities),
  note: optionalText(1000),
});
export type ChartAlertCreate = z.infer<typeof chartAlertCreate>;

export const chartAlertView = z.object({
  id,
  kind: z.enum(chartAlertKinds),
  label: z.string().nullable(),
  severity: z.enum(alertSeverities),
  note: z.string().nullable(),
  status: z.enum(['active', 'inactive', 'entered_in_error']),
  recordedBy: z.object({ id, name: z.string() }),
  recordedAt: z.string(),
  version: z.number().int(),
});
export type ChartAlertView = z.infer<typeof chartAlertView>;

export const recordStatusChange = z.strictObject({ status: z.enum(['inactive', 'entered_in_error']) });

/** The small read the chart header makes beside the chart: active allergies (or NKA) and active alerts. */
export const chartFlagsView = z.object({
  allergies: z.array(allergyView),
  alerts: z.array(chartAlertView),
});
export type ChartFlagsView = z.infer<typeof chartFlagsView>;
