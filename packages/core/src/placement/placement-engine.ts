/**
 * The level-of-care rules engine. It knows nothing about any particular rule set: a rule set is data (see
 * `default-rule-set.ts`), so a program holding a licence for a published criteria set can load its own rules
 * without code changes. The engine never averages ratings: every rule that fires sets a minimum, and the
 * recommendation is the most intensive minimum any fired rule asks for — the least intensive level that is
 * still safe for the highest-risk dimensions.
 */
import type { FieldError } from '../errors/errors';
import { levelsOfCare, type LevelOfCare } from '../contracts/patients';

export const dimensions = [1, 2, 3, 4, 5, 6] as const;
export type Dimension = (typeof dimensions)[number];
export type Rating = 0 | 1 | 2 | 3 | 4;
export const ratingValues: readonly Rating[] = [0, 1, 2, 3, 4];

/** Short names for the six dimensions, in our own words. */
export const dimensionLabels: Record<Dimension, string> = {
  1: 'Intoxication and withdrawal',
  2: 'Physical health',
  3: 'Emotional, behavioural and thinking',
  4: 'Readiness to change',
  5: 'Relapse and continued-use risk',
  6: 'Recovery and living environment',
};

/** Our own short anchors for the 0–4 risk scale. */
export const ratingAnchors: Record<Rating, string> = {
  0: 'None — no current risk',
  1: 'Mild — minor, manageable',
  2: 'Moderate — needs structured support',
  3: 'Serious — needs close support',
  4: 'Severe — imminent danger',
};

export const placementFlags = [
  'highWithdrawalRisk',
  'imminentDanger',
  'medicallyUnstable',
  'psychiatricallyUnstable',
  'unsafeHousing',
  'unableToAttend',
] as const;
export type PlacementFlag = (typeof placementFlags)[number];

export const placementFlagLabels: Record<PlacementFlag, string> = {
  highWithdrawalRisk: 'High withdrawal risk (heavy daily alcohol, benzodiazepine or opioid use; past withdrawal seizures or delirium)',
  imminentDanger: 'Imminent danger to self or others',
  medicallyUnstable: 'Unstable medical condition',
  psychiatricallyUnstable: 'Unstable psychiatric condition',
  unsafeHousing: 'Unsafe or unstable housing',
  unableToAttend: 'Unable to attend a structured schedule',
};

export const withdrawalNeeds = ['none', 'ambulatory', 'medically_monitored', 'medically_managed'] as const;
export type WithdrawalNeed = (typeof withdrawalNeeds)[number];
export const withdrawalNeedLabels: Record<WithdrawalNeed, string> = {
  none: 'No withdrawal management needed',
  ambulatory: 'Ambulatory withdrawal management',
  medically_monitored: 'Medically monitored withdrawal management',
  medically_managed: 'Medically managed (hospital) withdrawal management',
};

export const placementAddOns = ['recovery_housing', 'emergency_evaluation'] as const;
export type PlacementAddOn = (typeof placementAddOns)[number];
export const placementAddOnLabels: Record<PlacementAddOn, string> = {
  recovery_housing: 'Arrange recovery housing',
  emergency_evaluation: 'Emergency evaluation now',
};

/** When a rule fires: a small expression language over ratings and flags, kept as plain data. */
export type RuleCondition =
  | { always: true }
  | { rating: Dimension; atLeast?: Rating; atMost?: Rating }
  | { flag: PlacementFlag }
  | { all: RuleCondition[] }
  | { any: RuleCondition[] }
  | { not: RuleCondition };

export interface PlacementRule {
  id: string;
  /** What the rule means, in plain words, shown to clinicians whenever it fires. */
  text: string;
  when: RuleCondition;
  minimumLevel?: LevelOfCare;
  withdrawalManagement?: WithdrawalNeed;
  addOns?: PlacementAddOn[];
  /** Other levels the team may reasonably weigh (e.g. residential instead of IOP plus recovery housing). */
  alsoConsider?: LevelOfCare[];
}

export interface PlacementRuleSet {
  id: string;
  version: string;
  /** Which criteria edition the rule set follows, as stored with every assessment. */
  editionLabel: string;
  description: string;
  rules: PlacementRule[];
}

export type DimensionRatings = Record<Dimension, Rating>;

export interface PlacementInput {
  ratings: DimensionRatings;
  flags: readonly PlacementFlag[];
}

export interface FiredRule {
  ruleId: string;
  text: string;
  /** The ratings and flags that made it fire, in plain words, e.g. "Dimension 3 rated 4". */
  because: string[];
  minimumLevel: LevelOfCare | null;
  withdrawalManagement: WithdrawalNeed | null;
  /** True when this rule's minimum is the one the recommendation rests on (several on a tie). */
  deciding: boolean;
}

export interface PlacementRecommendation {
  ruleSetId: string;
  ruleSetVersion: string;
  editionLabel: string;
  level: LevelOfCare;
  withdrawalManagement: WithdrawalNeed;
  addOns: PlacementAddOn[];
  alsoConsider: LevelOfCare[];
  firedRules: FiredRule[];
}

const levelRank = (l: LevelOfCare): number => levelsOfCare.indexOf(l);
const needRank = (n: WithdrawalNeed): number => withdrawalNeeds.indexOf(n);

/** Evaluates a condition; returns the plain-words reasons when it holds, or null when it does not. */
function evaluate(c: RuleCondition, input: PlacementInput): string[] | null {
  if ('always' in c) return [];
  if ('rating' in c) {
    const r = input.ratings[c.rating];
    if (c.atLeast !== undefined && r < c.atLeast) return null;
    if (c.atMost !== undefined && r > c.atMost) return null;
    return [`Dimension ${c.rating} (${dimensionLabels[c.rating]}) rated ${r}`];
  }
  if ('flag' in c) return input.flags.includes(c.flag) ? [`Flag: ${placementFlagLabels[c.flag]}`] : null;
  if ('all' in c) {
    const out: string[] = [];
    for (const part of c.all) {
      const r = evaluate(part, input);
      if (r === null) return null;
      out.push(...r);
    }
    return out;
  }
  if ('any' in c) {
    const hits = c.any.map((part) => evaluate(part, input)).filter((r): r is string[] => r !== null);
    return hits.length ? hits.flat() : null;
  }
  // A negated condition explains nothing by itself: "no flag raised" is context, not a cause.
  return evaluate(c.not, input) === null ? [] : null;
}

/**
 * Recommends a level of care and a withdrawal-management need from six ratings and the flags raised.
 * Every rule that fired is returned in rule-set order with its reasons, so the recommendation can be explained
 * and audited; the result records the rule set's id, version and edition.
 */
export function recommendLevelOfCare(ruleSet: PlacementRuleSet, input: PlacementInput): PlacementRecommendation {
  const fired = ruleSet.rules.flatMap((rule) => {
    const because = evaluate(rule.when, input);
    return because === null ? [] : [{ rule, because: [...new Set(because)] }];
  });
  let level: LevelOfCare = levelsOfCare[0];
  let need: WithdrawalNeed = 'none';
  for (const { rule } of fired) {
    if (rule.minimumLevel && levelRank(rule.minimumLevel) > levelRank(level)) level = rule.minimumLevel;
    if (rule.withdrawalManagement && needRank(rule.withdrawalManagement) > needRank(need)) need = rule.withdrawalManagement;
  }
  const addOns = placementAddOns.filter((a) => fired.some(({ rule }) => rule.addOns?.includes(a)));
  const alsoConsider = levelsOfCare.filter((l) => l !== level && fired.some(({ rule }) => rule.alsoConsider?.includes(l)));
  return {
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version,
    editionLabel: ruleSet.editionLabel,
    level,
    withdrawalManagement: need,
    addOns,
    alsoConsider,
    firedRules: fired.map(({ rule, because }) => ({
      ruleId: rule.id,
      text: rule.text,
      because,
      minimumLevel: rule.minimumLevel ?? null,
      withdrawalManagement: rule.withdrawalManagement ?? null,
      deciding: (rule.minimumLevel !== undefined && rule.minimumLevel === level) || (need !== 'none' && rule.withdrawalManagement === need),
    })),
  };
}

/** A rating as stored while an assessment is a draft: any dimension may still be unrated. */
export type PartialRatings = Partial<Record<Dimension, number | null | undefined>>;

/**
 * A recommendation (and a finalised assessment) needs a rating in every one of the six dimensions; an unrated
 * dimension is never read as 0. Returns one error per missing dimension, or the complete ratings.
 */
export function completeRatings(
  ratings: PartialRatings,
  pathOf: (d: Dimension) => string = (d) => `ratings.${d}`,
): { ratings: DimensionRatings } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const out: Partial<DimensionRatings> = {};
  for (const d of dimensions) {
    const r = ratings[d];
    if (r === null || r === undefined || !(ratingValues as readonly number[]).includes(r)) {
      errors.push({ path: pathOf(d), message: `dimension ${d} (${dimensionLabels[d]}) needs a rating from 0 to 4` });
    } else out[d] = r as Rating;
  }
  return errors.length ? { errors } : { ratings: out as DimensionRatings };
}
