/**
 * The biopsychosocial intake: one typed JSON document per intake, saved as a draft while it is being written
 * and signed once complete. Every field is optional in a draft; `intakeCompleteness` decides what signing needs.
 */
import { z } from 'zod';
import { id, isoDate } from './common';

/** Free text in a draft: blank means "not answered yet" (the completeness check treats it as missing). */
const note = (max = 4000) => z.string().max(max, `must be at most ${max} characters`).nullish();
const yesNo = z.enum(['yes', 'no']).nullish();

export const substanceFrequencies = ['not_past_30_days', 'monthly', 'weekly', 'several_weekly', 'daily', 'several_daily'] as const;
export const substanceFrequencyLabels: Record<(typeof substanceFrequencies)[number], string> = {
  not_past_30_days: 'Not in the past 30 days',
  monthly: '1–3 times a month',
  weekly: '1–2 times a week',
  several_weekly: '3–6 times a week',
  daily: 'Daily',
  several_daily: 'Several times a day',
};
export const substanceRoutes = ['oral', 'smoked', 'vaped', 'intranasal', 'injected', 'other'] as const;
export const substanceRouteLabels: Record<(typeof substanceRoutes)[number], string> = {
  oral: 'By mouth',
  smoked: 'Smoked',
  vaped: 'Vaped',
  intranasal: 'Intranasal',
  injected: 'Injected',
  other: 'Other',
};

export const substanceUseRow = z.strictObject({
  substance: note(80),
  ageAtFirstUse: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(120, 'must be at most 120').nullish(),
  frequency: z.enum(substanceFrequencies).nullish(),
  route: z.enum(substanceRoutes).nullish(),
  amount: note(200),
  lastUse: isoDate.nullish(),
  longestAbstinence: note(200),
});
export type SubstanceUseRow = z.infer<typeof substanceUseRow>;

export const intakeDocument = z.strictObject({
  presentingProblem: z.strictObject({ reasonForSeeking: note(), ownGoals: note() }).partial().optional(),
  substanceUse: z
    .strictObject({ substances: z.array(substanceUseRow).max(30, 'at most 30 substances'), notes: note() })
    .partial()
    .optional(),
  priorTreatment: z.strictObject({ any: yesNo, details: note() }).partial().optional(),
  mentalHealth: z.strictObject({ history: note(), currentSymptoms: note() }).partial().optional(),
  medical: z
    .strictObject({ conditions: note(), primaryCare: note(400) })
    .partial()
    .optional(),
  medications: z.strictObject({ none: z.boolean().nullish(), list: note() }).partial().optional(),
  allergies: z
    .strictObject({ none: z.boolean().nullish(), list: note(1000) })
    .partial()
    .optional(),
  legal: z.strictObject({ involvement: yesNo, details: note() }).partial().optional(),
  employmentEducation: z
    .strictObject({ status: note(400), details: note() })
    .partial()
    .optional(),
  familySocial: z.strictObject({ supports: note(), relationships: note() }).partial().optional(),
  housing: z
    .strictObject({ situation: z.enum(['stable', 'unstable', 'homeless', 'recovery_housing', 'institution']).nullish(), details: note() })
    .partial()
    .optional(),
  trauma: z
    .strictObject({ discussed: z.enum(['yes', 'no', 'declined']).nullish(), notes: note() })
    .partial()
    .optional(),
  strengths: z.strictObject({ strengths: note() }).partial().optional(),
  summary: z
    .strictObject({ clinicianSummary: note(8000) })
    .partial()
    .optional(),
});
export type IntakeDocument = z.infer<typeof intakeDocument>;
export type IntakeSection = keyof IntakeDocument;

export const intakeSections: readonly IntakeSection[] = [
  'presentingProblem',
  'substanceUse',
  'priorTreatment',
  'mentalHealth',
  'medical',
  'medications',
  'allergies',
  'legal',
  'employmentEducation',
  'familySocial',
  'housing',
  'trauma',
  'strengths',
  'summary',
];

export const intakeSectionLabels: Record<IntakeSection, string> = {
  presentingProblem: 'Presenting problem and own goals',
  substanceUse: 'Substance use history',
  priorTreatment: 'Prior treatment',
  mentalHealth: 'Mental health',
  medical: 'Medical',
  medications: 'Medications',
  allergies: 'Allergies',
  legal: 'Legal',
  employmentEducation: 'Employment and education',
  familySocial: 'Family and social supports',
  housing: 'Housing',
  trauma: 'Trauma (brief, trauma-informed)',
  strengths: 'Strengths',
  summary: 'Clinician summary',
};

export const intakeStatuses = ['draft', 'signed'] as const;

export const intakeCreate = z.strictObject({
  episodeId: id.nullish(),
  document: intakeDocument.default({}),
});
export type IntakeCreate = z.infer<typeof intakeCreate>;

export const intakeSave = z.strictObject({ document: intakeDocument });

/** Signing re-confirms the signer's password, like a wet signature in front of a witness. */
export const signatureConfirm = z.strictObject({ password: z.string().min(1, 'must not be empty').max(1024) });

export const addendumCreate = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(8000, 'must be at most 8000 characters'),
  password: z.string().min(1, 'must not be empty').max(1024),
});

const person = z.object({ id, name: z.string() });

export const completenessItem = z.object({
  section: z.string(),
  label: z.string(),
  missing: z.array(z.object({ path: z.string(), label: z.string() })),
});
export type CompletenessItem = z.infer<typeof completenessItem>;

export const addendumView = z.object({ id, text: z.string(), signedBy: person, signedAt: z.string() });

export const intakeView = z.object({
  id,
  patientId: id,
  episodeId: id.nullable(),
  status: z.enum(intakeStatuses),
  document: intakeDocument,
  completeness: z.array(completenessItem),
  createdBy: person,
  createdAt: z.string(),
  updatedAt: z.string(),
  signedBy: person.nullable(),
  signedAt: z.string().nullable(),
  addenda: z.array(addendumView),
  version: z.number().int(),
});
export type IntakeView = z.infer<typeof intakeView>;

export const intakeListItem = intakeView.pick({
  id: true,
  episodeId: true,
  status: true,
  createdBy: true,
  createdAt: true,
  updatedAt: true,
  signedBy: true,
  signedAt: true,
  version: true,
});
export type IntakeListItem = z.infer<typeof intakeListItem>;
