import { z } from 'zod';
import { housingSituations, prescreenRoutes, prescreenSubstances, prescreenVerdicts } from '../inquiries/prescreen';
import { inquiryStages, referralSources, stageReasons } from '../inquiries/stages';
import { email, id, isoDate, optionalText, pageQuery, phone, text } from './common';

export const inquiryChannels = ['phone', 'web_form', 'walk_in', 'email', 'referral_fax'] as const;
export const callerRelationships = [
  'self',
  'parent',
  'partner',
  'spouse',
  'child',
  'sibling',
  'other_family',
  'friend',
  'professional',
  'other',
] as const;
export const inquiryUrgencies = ['routine', 'soon', 'urgent'] as const;
export type InquiryUrgency = (typeof inquiryUrgencies)[number];

const inquiryFields = {
  channel: z.enum(inquiryChannels),
  callerName: optionalText(200),
  callerRelationship: z.enum(callerRelationships),
  callerPhone: phone.nullish(),
  givenName: optionalText(100),
  familyName: optionalText(100),
  dateOfBirth: isoDate.refine((s) => s >= '1900-01-01', 'must be after 1900-01-01').nullish(),
  phone: phone.nullish(),
  email: email.nullish(),
  referralSource: z.enum(referralSources),
  referralDetail: optionalText(200),
  substances: z.array(z.enum(prescreenSubstances)).max(prescreenSubstances.length),
  urgency: z.enum(inquiryUrgencies),
  insuranceSummary: optionalText(200),
  bestTimeToCall: optionalText(200),
  notes: optionalText(4000),
  locationId: id.nullish(),
  assigneeId: id.nullish(),
};

export const inquiryCreate = z.strictObject({
  ...inquiryFields,
  channel: inquiryFields.channel.default('phone'),
  callerRelationship: inquiryFields.callerRelationship.default('self'),
  referralSource: inquiryFields.referralSource.default('self'),
  substances: inquiryFields.substances.default([]),
  urgency: inquiryFields.urgency.default('routine'),
});
export type InquiryCreate = z.infer<typeof inquiryCreate>;

export const inquiryUpdate = z.strictObject(inquiryFields).partial();
export type InquiryUpdate = z.infer<typeof inquiryUpdate>;

const named = z.object({ id, name: z.string() });

export const followUpView = z.object({
  id,
  inquiryId: id,
  what: z.string(),
  dueAt: z.string(),
  assignee: named.nullable(),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type FollowUpView = z.infer<typeof followUpView>;

export const inquiryView = z.object({
  id,
  stage: z.enum(inquiryStages),
  channel: z.enum(inquiryChannels),
  callerName: z.string().nullable(),
  callerRelationship: z.enum(callerRelationships),
  callerPhone: z.string().nullable(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  referralSource: z.enum(referralSources),
  referralDetail: z.string().nullable(),
  tedsPsource: z.number().int(),
  substances: z.array(z.enum(prescreenSubstances)),
  urgency: z.enum(inquiryUrgencies),
  insuranceSummary: z.string().nullable(),
  bestTimeToCall: z.string().nullable(),
  notes: z.string().nullable(),
  location: named.nullable(),
  assignee: named.nullable(),
  stageReason: z.string().nullable(),
  stageReasonText: z.string().nullable(),
  referredTo: z.string().nullable(),
  patientId: id.nullable(),
  prescreenVerdict: z.enum(prescreenVerdicts).nullable(),
  followUps: z.array(followUpView),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InquiryView = z.infer<typeof inquiryView>;

export const inquiryCard = z.object({
  id,
  stage: z.enum(inquiryStages),
  displayName: z.string(),
  urgency: z.enum(inquiryUrgencies),
  referralSource: z.enum(referralSources),
  channel: z.enum(inquiryChannels),
  prescreenVerdict: z.enum(prescreenVerdicts).nullable(),
  assignee: named.nullable(),
  location: named.nullable(),
  nextFollowUp: z.object({ id, what: z.string(), dueAt: z.string(), overdue: z.boolean() }).nullable(),
  overdueFollowUps: z.number().int(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type InquiryCard = z.infer<typeof inquiryCard>;

export const inquiryBoardQuery = pageQuery.extend({
  stage: z.enum(inquiryStages).optional(),
  locationId: id.optional(),
  assigneeId: id.optional(),
  referralSource: z.enum(referralSources).optional(),
});
export type InquiryBoardQuery = z.infer<typeof inquiryBoardQuery>;

export const inquiryBoardPage = z.object({
  items: z.array(inquiryCard),
  nextCursor: z.string().nullable(),
  counts: z.record(z.enum(inquiryStages), z.number().int()),
});
export type InquiryBoardPage = z.infer<typeof inquiryBoardPage>;

export const inquiryStageMove = z.strictObject({
  to: z.enum(inquiryStages),
  reason: z.enum(stageReasons).nullish(),
  reasonText: optionalText(1000),
  /** Referred elsewhere: to which program or service, so the referral is on record. */
  referredTo: optionalText(200),
});
export type InquiryStageMove = z.infer<typeof inquiryStageMove>;

export const followUpCreate = z.strictObject({
  what: text(300),
  dueAt: z.iso.datetime({ offset: true, message: 'must be a date and time such as 2026-11-20T15:00:00Z' }),
  assigneeId: id.nullish(),
});
export type FollowUpCreate = z.infer<typeof followUpCreate>;

export const followUpUpdate = z
  .strictObject({ what: text(300), dueAt: followUpCreate.shape.dueAt, assigneeId: id.nullable(), done: z.boolean() })
  .partial();
export type FollowUpUpdate = z.infer<typeof followUpUpdate>;

const yesNo = z.boolean().nullable();
export const prescreenAnswersInput = z.strictObject({
  substances: z
    .array(
      z.strictObject({
        substance: z.enum(prescreenSubstances),
        dailyUse: z.boolean(),
        daysOfUse: z.number().int().min(0, 'must be 0 or more').max(3650, 'must be at most 3650'),
      }),
    )
    .max(prescreenSubstances.length)
    .refine((a) => new Set(a.map((s) => s.substance)).size === a.length, 'lists each substance once'),
  pastWithdrawalSeizures: yesNo,
  pastDeliriumTremens: yesNo,
  withdrawalSymptomsNow: yesNo,
  unstableMedicalCondition: yesNo,
  unstablePsychiatricState: yesNo,
  dangerToSelf: yesNo,
  dangerToOthers: yesNo,
  housing: z.enum(housingSituations).nullable(),
  canGetTransport: yesNo,
  canAttendSchedule: yesNo,
  pregnant: yesNo,
});

export const prescreenCreate = z.strictObject({ answers: prescreenAnswersInput, notes: optionalText(2000) });
export type PrescreenCreate = z.infer<typeof prescreenCreate>;

export const prescreenFlagView = z.object({
  code: z.string(),
  severity: z.enum(['higher_level', 'review']),
  reason: z.string(),
  route: z.enum(prescreenRoutes),
  routeLabel: z.string(),
});

export const prescreenView = z.object({
  id,
  inquiryId: id,
  answers: prescreenAnswersInput,
  verdict: z.enum(prescreenVerdicts),
  flags: z.array(prescreenFlagView),
  ruleVersion: z.string(),
  notes: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: named.nullable(),
});
export type PrescreenView = z.infer<typeof prescreenView>;

export const duplicateMatch = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('visible'),
    strength: z.enum(['strong', 'possible']),
    fields: z.array(z.string()),
    patient: z.object({ id, mrn: z.string(), name: z.string(), dateOfBirth: z.string(), careStatus: z.string() }),
  }),
  z.object({
    kind: z.literal('restricted'),
    strength: z.enum(['strong', 'possible']),
    /** Who can look into it; never the patient's name or MRN. */
    resolveWith: z.string(),
  }),
]);
export type DuplicateMatch = z.infer<typeof duplicateMatch>;
export const duplicateList = z.object({ items: z.array(duplicateMatch) });

export const publicIntakeSettings = z.strictObject({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])$/, 'must be 3–60 lower-case letters, digits or dashes'),
  enabled: z.boolean(),
  locationId: id.nullish(),
});
export type PublicIntakeSettings = z.infer<typeof publicIntakeSettings>;
export const publicIntakeSettingsView = z.object({
  slug: z.string(),
  enabled: z.boolean(),
  locationId: id.nullable(),
  version: z.number().int(),
});
