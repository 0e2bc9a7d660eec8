/**
 * Dimensional assessment and level-of-care placement. Ratings travel keyed by dimension number ("1"–"6") so a
 * field error reads `ratings.3.rating`; evidence links to instrument administrations by id only.
 */
import { z } from 'zod';
import { id } from './common';
import { levelsOfCare } from './patients';
import { placementAddOns, placementFlags, withdrawalNeeds } from '../placement/placement-engine';

const rating = z.number().int('must be a whole number').min(0, 'must be 0 to 4').max(4, 'must be 0 to 4');

export const dimensionEntry = z.strictObject({
  rating: rating.nullish(),
  evidence: z.string().max(4000, 'must be at most 4000 characters').nullish(),
  instrumentAdministrationIds: z.array(id).max(20, 'at most 20 links').default([]),
});
export type DimensionEntry = z.infer<typeof dimensionEntry>;

export const assessmentRatings = z.strictObject({
  1: dimensionEntry.optional(),
  2: dimensionEntry.optional(),
  3: dimensionEntry.optional(),
  4: dimensionEntry.optional(),
  5: dimensionEntry.optional(),
  6: dimensionEntry.optional(),
});
export type AssessmentRatings = z.infer<typeof assessmentRatings>;

const flags = z
  .array(z.enum(placementFlags))
  .max(placementFlags.length)
  .refine((f) => new Set(f).size === f.length, 'must not repeat a flag')
  .default([]);

export const assessmentCreate = z.strictObject({
  episodeId: id.nullish(),
  ratings: assessmentRatings.default({}),
  flags,
});
export type AssessmentCreate = z.infer<typeof assessmentCreate>;

export const assessmentSave = z.strictObject({ ratings: assessmentRatings, flags });
export type AssessmentSave = z.infer<typeof assessmentSave>;

export const recommendationRequest = z.strictObject({
  ratings: z.strictObject({
    1: rating.nullish(),
    2: rating.nullish(),
    3: rating.nullish(),
    4: rating.nullish(),
    5: rating.nullish(),
    6: rating.nullish(),
  }),
  flags,
});
export type RecommendationRequest = z.infer<typeof recommendationRequest>;

export const assessmentFinalise = z.strictObject({
  chosenLevel: z.enum(levelsOfCare),
  differenceReason: z.string().trim().max(2000, 'must be at most 2000 characters').nullish(),
});
export type AssessmentFinalise = z.infer<typeof assessmentFinalise>;

export const firedRuleView = z.object({
  ruleId: z.string(),
  text: z.string(),
  because: z.array(z.string()),
  minimumLevel: z.enum(levelsOfCare).nullable(),
  withdrawalManagement: z.enum(withdrawalNeeds).nullable(),
  deciding: z.boolean(),
});

export const recommendationView = z.object({
  ruleSetId: z.string(),
  ruleSetVersion: z.string(),
  editionLabel: z.string(),
  level: z.enum(levelsOfCare),
  withdrawalManagement: z.enum(withdrawalNeeds),
  addOns: z.array(z.enum(placementAddOns)),
  alsoConsider: z.array(z.enum(levelsOfCare)),
  firedRules: z.array(firedRuleView),
});
export type RecommendationView = z.infer<typeof recommendationView>;

const person = z.object({ id, name: z.string() });

export const assessmentStatuses = ['draft', 'final'] as const;

export const assessmentView = z.object({
  id,
  patientId: id,
  episodeId: id.nullable(),
  status: z.enum(assessmentStatuses),
  ratings: assessmentRatings,
  flags: z.array(z.enum(placementFlags)),
  ratedBy: person,
  ratedAt: z.string(),
  /** Final: the stored recommendation. Draft: computed live when all six are rated, else null. */
  recommendation: recommendationView.nullable(),
  chosenLevel: z.enum(levelsOfCare).nullable(),
  differenceReason: z.string().nullable(),
  finalisedBy: person.nullable(),
  finalisedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type AssessmentView = z.infer<typeof assessmentView>;

export const ruleSetView = z.object({
  id: z.string(),
  version: z.string(),
  editionLabel: z.string(),
  description: z.string(),
  rules: z.array(z.object({ id: z.string(), text: z.string() })),
});
