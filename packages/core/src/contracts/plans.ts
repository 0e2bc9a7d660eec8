import { z } from 'zod';
import { id, isoDate, optionalText, text } from './common';
import { levelsOfCare } from './patients';
import { roles } from '../access/roles';

/** Who usually delivers an intervention: a staff role (peers deliver peer mentoring, medical staff MAT). */
export const delivererRoles = ['clinician', 'medical', 'peer', 'director'] as const satisfies readonly (typeof roles)[number][];
export type DelivererRole = (typeof delivererRoles)[number];

export const interventionCategories = ['therapy', 'skills', 'medication', 'support', 'education'] as const;
export type InterventionCategory = (typeof interventionCategories)[number];

// ---------------------------------------------------------------------------------------------------------------
// Interventions catalogue

export const interventionView = z.object({
  id,
  /** The default it was copied from (e.g. `cbt`), or null for one the organization added. */
  key: z.string().nullable(),
  name: z.string(),
  category: z.enum(interventionCategories),
  defaultDelivererRole: z.enum(delivererRoles),
  defaultFrequency: z.string(),
  active: z.boolean(),
  /** How many plan versions name it; an intervention in use can be retired but never deleted. */
  inUse: z.number().int(),
  version: z.number().int(),
});
export type InterventionView = z.infer<typeof interventionView>;

export const interventionCreate = z.strictObject({
  name: text(120),
  category: z.enum(interventionCategories),
  defaultDelivererRole: z.enum(delivererRoles),
  defaultFrequency: text(80),
});
export type InterventionCreate = z.infer<typeof interventionCreate>;

export const interventionUpdate = z
  .strictObject({
    name: text(120),
    category: z.enum(interventionCategories),
    defaultDelivererRole: z.enum(delivererRoles),
    defaultFrequency: text(80),
    /** false retires it: existing plans keep it, new plan items cannot choose it. */
    active: z.boolean(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'must change at least one field');
export type InterventionUpdate = z.infer<typeof interventionUpdate>;

// ---------------------------------------------------------------------------------------------------------------
// Plan content: problems → goals → objectives, goals → interventions, each with a stable id kept across versions.

export const problemSources = ['dimension', 'diagnosis', 'other'] as const;
export type ProblemSource = (typeof problemSources)[number];

export const planObjective = z.strictObject({
  id: id.optional(),
  text: text(500),
  /** Measurable objectives have a target date; a draft may lack one, signing may not. */
  targetDate: isoDate.nullable().default(null),
});

export const planIntervention = z.strictObject({
  id: id.optional(),
  interventionId: id,
  delivererRole: z.enum(delivererRoles),
  /** A named staff member, when one is chosen. */
  delivererUserId: id.nullable().default(null),
  frequency: text(80),
  /** Shown in the view; accepted so a client can send back what it read, but always re-copied by the server. */
  name: z.string().max(200).optional(),
  delivererName: z.string().max(200).nullish(),
});

export const planGoal = z.strictObject({
  id: id.optional(),
  /** The person's own words. */
  text: text(500),
  objectives: z.array(planObjective).max(20).default([]),
  interventions: z.array(planIntervention).max(20).default([]),
});

export const planProblem = z.strictObject({
  id: id.optional(),
  source: z.enum(problemSources),
  dimension: z.number().int().min(1).max(6).nullable().default(null),
  diagnosisId: id.nullable().default(null),
  statement: text(500),
  goals: z.array(planGoal).max(20).default([]),
});

export const planContentInput = z.strictObject({ problems: z.array(planProblem).max(30) });
export type PlanContentInput = z.infer<typeof planContentInput>;

/** Stored content: every id assigned. The intervention's name is copied so a later rename changes no signed plan. */
export interface PlanObjective {
  id: string;
  text: string;
  targetDate: string | null;
}
export interface PlanIntervention {
  id: string;
  interventionId: string;
  name: string;
  delivererRole: DelivererRole;
  delivererUserId: string | null;
  delivererName: string | null;
  frequency: string;
}
export interface PlanGoal {
  id: string;
  text: string;
  objectives: PlanObjective[];
  interventions: PlanIntervention[];
}
export interface PlanProblem {
  id: string;
  source: ProblemSource;
  dimension: number | null;
  diagnosisId: string | null;
  statement: string;
  goals: PlanGoal[];
}
export interface PlanContent {
  problems: PlanProblem[];
}

const objectiveView = z.object({ id, text: z.string(), targetDate: z.string().nullable() });
const interventionItemView = z.object({
  id,
  interventionId: id,
  name: z.string(),
  delivererRole: z.enum(delivererRoles),
  delivererUserId: id.nullable(),
  delivererName: z.string().nullable(),
  frequency: z.string(),
});
const goalView = z.object({ id, text: z.string(), objectives: z.array(objectiveView), interventions: z.array(interventionItemView) });
export const planContentView = z.object({
  problems: z.array(
    z.object({
      id,
      source: z.enum(problemSources),
      dimension: z.number().int().nullable(),
      diagnosisId: id.nullable(),
      statement: z.string(),
      goals: z.array(goalView),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------------------------
// Versions, signatures, review

export const planVersionStatuses = ['draft', 'signing', 'signed', 'superseded'] as const;
export type PlanVersionStatus = (typeof planVersionStatuses)[number];
export const personSignatureMethods = ['link', 'tablet'] as const;
export type PersonSignatureMethod = (typeof personSignatureMethods)[number];

export const planSignatureView = z.object({
  signer: z.enum(['person', 'clinician']),
  method: z.enum(['link', 'tablet', 'staff']),
  name: z.string(),
  signedAt: z.string(),
  contentHash: z.string(),
});
export type PlanSignatureView = z.infer<typeof planSignatureView>;

export const readinessProblem = z.object({ path: z.string(), message: z.string(), code: z.string() });

export const planVersionView = z.object({
  planId: id,
  patientId: id,
  number: z.number().int(),
  status: z.enum(planVersionStatuses),
  content: planContentView,
  contentHash: z.string(),
  signatures: z.array(planSignatureView),
  /** Why it cannot be signed yet (empty when it can). */
  readiness: z.array(readinessProblem),
  levelOfCareAtSigning: z.enum(levelsOfCare).nullable(),
  lockedAt: z.string().nullable(),
  createdBy: z.object({ id, name: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type PlanVersionView = z.infer<typeof planVersionView>;

export const reviewStatuses = ['not_signed', 'not_due', 'due_soon', 'due', 'overdue'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];
export const reviewView = z.object({
  status: z.enum(reviewStatuses),
  /** Clinic-local date the review is due, YYYY-MM-DD; null until a version is signed. */
  dueOn: z.string().nullable(),
  reason: z.enum(['cadence', 'level_change']).nullable(),
});
export type ReviewView = z.infer<typeof reviewView>;

export const planSummary = z.object({
  id,
  patientId: id,
  episodeId: id,
  currentVersion: z.number().int(),
  currentStatus: z.enum(planVersionStatuses),
  /** The newest signed version, if any. */
  signedVersion: z.number().int().nullable(),
  review: reviewView,
  versions: z.array(
    z.object({ number: z.number().int(), status: z.enum(planVersionStatuses), createdAt: z.string(), lockedAt: z.string().nullable() }),
  ),
});
export type PlanSummary = z.infer<typeof planSummary>;

export const planCreate = z.strictObject({ episodeId: id.optional() });
export const planVersionUpdate = z.strictObject({ content: planContentInput });

export const planSign = z.discriminatedUnion('signer', [
  z.strictObject({
    signer: z.literal('person'),
    method: z.literal('tablet'),
    typedName: text(200),
    agree: z.literal(true, { message: 'must be ticked' }),
    /** The hash shown with the content the person read, so they sign exactly that. */
    contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be the content hash'),
  }),
  z.strictObject({ signer: z.literal('clinician'), contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be the content hash') }),
]);
export type PlanSign = z.infer<typeof planSign>;

export const planSignLinkCreate = z.strictObject({ expiresInHours: z.number().int().min(1).max(168).default(48) });
export const planSignLinkView = z.object({ url: z.string(), qrSvg: z.string(), expiresAt: z.string() });

/** What the person's phone shows: plain words, first name, no MRN or date of birth. */
export const publicPlanView = z.object({
  firstName: z.string(),
  organizationName: z.string(),
  expiresAt: z.string(),
  content: planContentView,
  contentHash: z.string(),
});
export type PublicPlanView = z.infer<typeof publicPlanView>;

/** The person's current treatment plan on their own page: the newest plan's signed version, as they signed it. */
export const personTreatmentPlan = z.object({ number: z.number().int(), signedAt: z.string(), content: planContentView });
export type PersonTreatmentPlan = z.infer<typeof personTreatmentPlan>;
export const publicPlanSign = z.strictObject({
  typedName: text(200),
  agree: z.literal(true, { message: 'must be ticked' }),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be the content hash'),
});

export const planDiffQuery = z.strictObject({
  from: z.coerce.number().int().min(1).max(10_000),
  to: z.coerce.number().int().min(1).max(10_000),
});
export const planDiffEntry = z.object({
  kind: z.enum(['problem', 'goal', 'objective', 'intervention']),
  id,
  change: z.enum(['added', 'removed', 'changed']),
  /** The fields that differ (for `changed`). */
  fields: z.array(z.string()),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type PlanDiffEntry = z.infer<typeof planDiffEntry>;
export const planDiffView = z.object({ from: z.number().int(), to: z.number().int(), entries: z.array(planDiffEntry) });

// ---------------------------------------------------------------------------------------------------------------
// Goal progress

export const progressRatings = ['not_started', 'in_progress', 'met', 'revised', 'dropped'] as const;
export type ProgressRating = (typeof progressRatings)[number];
export const progressCreate = z.strictObject({
  targetKind: z.enum(['goal', 'objective']),
  targetId: id,
  rating: z.enum(progressRatings),
  note: optionalText(1000),
});
export type ProgressCreate = z.infer<typeof progressCreate>;
export const progressView = z.object({
  id,
  targetKind: z.enum(['goal', 'objective']),
  targetId: id,
  rating: z.enum(progressRatings),
  note: z.string().nullable(),
  recordedBy: z.object({ id, name: z.string() }),
  recordedAt: z.string(),
});
export type ProgressView = z.infer<typeof progressView>;
