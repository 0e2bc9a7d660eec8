/**
 * Decisions about a dimensional assessment as a clinical record: when its recommendation can be computed and
 * what finalising it requires. Kept apart from the engine so the engine stays a pure function of ratings.
 */
import type { LevelOfCare } from '../contracts/patients';
import type { AssessmentRatings } from '../contracts/placement';
import type { FieldError } from '../errors/errors';
import {
  completeRatings,
  dimensions,
  recommendLevelOfCare,
  type PartialRatings,
  type PlacementFlag,
  type PlacementRecommendation,
  type PlacementRuleSet,
} from './placement-engine';

export function ratingsOf(entries: AssessmentRatings): PartialRatings {
  const out: PartialRatings = {};
  for (const d of dimensions) out[d] = entries[d]?.rating ?? null;
  return out;
}

/** The recommendation a draft would get now, or null while any dimension is unrated. */
export function previewAssessment(ruleSet: PlacementRuleSet, entries: AssessmentRatings, flags: readonly PlacementFlag[]) {
  const done = completeRatings(ratingsOf(entries));
  return 'errors' in done ? null : recommendLevelOfCare(ruleSet, { ratings: done.ratings, flags });
}

export interface Finalisation {
  recommendation: PlacementRecommendation;
  chosenLevel: LevelOfCare;
  differenceReason: string | null;
}

/**
 * Finalising needs all six ratings (one error per missing dimension) and, when the team chooses a level other
 * than the recommended one, the reason for the difference — the record must show why.
 */
export function finaliseAssessment(
  ruleSet: PlacementRuleSet,
  entries: AssessmentRatings,
  flags: readonly PlacementFlag[],
  choice: { chosenLevel: LevelOfCare; differenceReason?: string | null | undefined },
): { errors: FieldError[] } | Finalisation {
  const done = completeRatings(ratingsOf(entries), (d) => `ratings.${d}.rating`);
  if ('errors' in done) return done;
  const recommendation = recommendLevelOfCare(ruleSet, { ratings: done.ratings, flags });
  const reason = choice.differenceReason?.trim() || null;
  if (choice.chosenLevel !== recommendation.level && !reason) {
    return {
      errors: [{ path: 'differenceReason', message: 'is required when the chosen level differs from the recommended one' }],
    };
  }
  return { recommendation, chosenLevel: choice.chosenLevel, differenceReason: reason };
}
