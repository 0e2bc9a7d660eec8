import { describe, expect, it } from 'vitest';
import type { LevelOfCare } from '../contracts/patients';
import { defaultRuleSet, findRuleSet } from './default-rule-set';
import {
  completeRatings,
  recommendLevelOfCare,
  type DimensionRatings,
  type PlacementFlag,
  type PlacementRuleSet,
  type Rating,
  type WithdrawalNeed,
} from './placement-engine';

/** Ratings for dimensions 1–6 written as a six-digit string, e.g. '004000'. */
const r = (s: string): DimensionRatings => {
  const v = [...s].map((c) => Number(c) as Rating);
  return { 1: v[0]!, 2: v[1]!, 3: v[2]!, 4: v[3]!, 5: v[4]!, 6: v[5]! };
};
const recommend = (ratings: string, flags: PlacementFlag[] = []) => recommendLevelOfCare(defaultRuleSet, { ratings: r(ratings), flags });

describe('default rule set: one case per rule', () => {
  const cases: [string, string, PlacementFlag[], LevelOfCare, WithdrawalNeed, string][] = [
    ['all zeros', '000000', [], '1.0', 'none', 'baseline-outpatient'],
    ['mild everywhere', '111111', [], '1.0', 'none', 'baseline-outpatient'],
    ['moderate withdrawal', '200000', [], '2.1', 'ambulatory', 'd1-moderate'],
    ['serious withdrawal', '300000', [], '3.7', 'medically_monitored', 'd1-serious'],
    ['severe withdrawal', '400000', [], '4.0', 'medically_managed', 'd1-severe'],
    ['withdrawal-risk flag', '000000', ['highWithdrawalRisk'], '3.7', 'medically_monitored', 'flag-withdrawal-risk'],
    ['moderate physical health', '020000', [], '2.1', 'none', 'd2-moderate'],
    ['serious physical health', '030000', [], '3.7', 'none', 'd2-serious'],
    ['severe physical health', '040000', [], '4.0', 'none', 'd2-severe'],
    ['medically unstable flag', '000000', ['medicallyUnstable'], '3.7', 'none', 'flag-medically-unstable'],
    ['moderate emotional', '002000', [], '2.1', 'none', 'd3-moderate'],
    ['serious emotional', '003000', [], '2.5', 'none', 'd3-serious'],
    ['imminent danger in dimension 3', '004000', [], '4.0', 'none', 'd3-severe'],
    ['imminent danger flag', '000000', ['imminentDanger'], '4.0', 'none', 'flag-imminent-danger'],
    ['psychiatrically unstable flag', '000000', ['psychiatricallyUnstable'], '3.7', 'none', 'flag-psychiatrically-unstable'],
    ['moderate readiness', '000200', [], '2.1', 'none', 'd4-d5-moderate'],
    ['moderate relapse risk', '000020', [], '2.1', 'none', 'd4-d5-moderate'],
    ['serious readiness', '000300', [], '2.5', 'none', 'd4-d5-serious'],
    ['serious relapse risk', '000030', [], '2.5', 'none', 'd4-d5-serious'],
    ['severe readiness is not inpatient', '000400', [], '3.5', 'none', 'd4-d5-severe-not-inpatient'],
    ['severe readiness and relapse are not inpatient', '000440', [], '3.5', 'none', 'd4-d5-severe-not-inpatient'],
    ['moderate environment', '000002', [], '2.1', 'none', 'd6-moderate'],
    ['serious environment', '000003', [], '2.1', 'none', 'd6-serious'],
    ['unsafe housing flag', '000000', ['unsafeHousing'], '2.1', 'none', 'd6-serious'],
    ['dangerous environment', '000004', [], '3.1', 'none', 'd6-severe'],
  ];
  it.each(cases)('%s → %s', (_name, ratings, flags, level, need, deciding) => {
    const out = recommend(ratings, flags);
    expect(out.level).toBe(level);
    expect(out.withdrawalManagement).toBe(need);
    expect(out.firedRules.filter((f) => f.deciding).map((f) => f.ruleId)).toContain(deciding);
  });

  it('every rule in the default set is exercised by the table above', () => {
    const hit = new Set(cases.flatMap(([, ratings, flags]) => recommend(ratings, flags).firedRules.map((f) => f.ruleId)));
    hit.add(recommend('000000', ['unableToAttend']).firedRules.at(-1)?.ruleId ?? '');
    expect(defaultRuleSet.rules.map((x) => x.id).filter((id) => !hit.has(id))).toEqual([]);
  });
});

describe('the most severe dimensions decide, never an average', () => {
  it('one severe dimension outweighs five mild ones', () => {
    // An average of 1.5 would suggest outpatient; dimension 3 at 4 is imminent danger.
    const out = recommend('114111');
    expect(out.level).toBe('4.0');
    expect(out.addOns).toContain('emergency_evaluation');
    expect(out.firedRules.find((f) => f.deciding)).toMatchObject({
      ruleId: 'd3-severe',
      because: ['Dimension 3 (Emotional, behavioural and thinking) rated 4'],
    });
  });

  it('five moderate ratings do not add up to residential', () => {
    expect(recommend('222220').level).toBe('2.1');
  });

  it('a withdrawal flag blocks intensive outpatient even when every rating points there', () => {
    const without = recommend('202220');
    expect(without.level).toBe('2.1');
    const flagged = recommend('202220', ['highWithdrawalRisk']);
    expect(flagged.level).not.toBe('2.1');
    expect(flagged.level).toBe('3.7');
    expect(flagged.withdrawalManagement).toBe('medically_monitored');
    expect(flagged.firedRules.find((f) => f.ruleId === 'flag-withdrawal-risk')).toMatchObject({
      deciding: true,
      because: [expect.stringContaining('High withdrawal risk')],
    });
  });

  it('a severe withdrawal rating outranks the flag: medically managed, level 4', () => {
    const out = recommend('400000', ['highWithdrawalRisk']);
    expect(out).toMatchObject({ level: '4.0', withdrawalManagement: 'medically_managed' });
  });

  it('readiness and relapse at 4 still reach inpatient when withdrawal is severe', () => {
    expect(recommend('400440').level).toBe('4.0');
  });

  it('a severe environment with otherwise low ratings points to IOP with recovery housing or residential', () => {
    const out = recommend('110103');
    expect(out).toMatchObject({ level: '2.1', addOns: ['recovery_housing'], alsoConsider: ['3.1'] });
  });

  it('ties: every rule at the deciding level is marked deciding, in rule-set order', () => {
    const out = recommend('330000');
    expect(out.level).toBe('3.7');
    expect(out.firedRules.filter((f) => f.deciding).map((f) => f.ruleId)).toEqual(['d1-serious', 'd2-serious']);
    expect(out.firedRules.find((f) => f.ruleId === 'baseline-outpatient')?.deciding).toBe(false);
  });

  it('reports every fired rule, deciding or not, with its reasons', () => {
    const out = recommend('202003', ['unableToAttend']);
    expect(out.firedRules.map((f) => f.ruleId)).toEqual([
      'baseline-outpatient',
      'd1-moderate',
      'd3-moderate',
      'd6-serious',
      'flag-unable-to-attend',
    ]);
    expect(out.firedRules.every((f) => f.text.length > 20)).toBe(true);
    expect(out.alsoConsider).toEqual(['3.1']);
  });

  it('records the rule set id, version and edition in the result', () => {
    expect(recommend('000000')).toMatchObject({
      ruleSetId: 'openiop-default',
      ruleSetVersion: '2026.1',
      editionLabel: defaultRuleSet.editionLabel,
    });
    expect(findRuleSet('openiop-default', '2026.1')).toBe(defaultRuleSet);
    expect(findRuleSet('openiop-default', '1999.1')).toBeUndefined();
  });
});

describe('the engine is generic over the rule set', () => {
  const custom: PlacementRuleSet = {
    id: 'licensed-example',
    version: '7',
    editionLabel: 'A program-loaded set',
    description: 'test',
    rules: [
      { id: 'base', text: 'Start at outpatient.', when: { always: true }, minimumLevel: '1.0' },
      {
        id: 'two-high',
        text: 'Dimensions 2 and 5 both high, without a housing flag.',
        when: { all: [{ rating: 2, atLeast: 3 }, { rating: 5, atLeast: 3 }, { not: { flag: 'unsafeHousing' } }] },
        minimumLevel: '3.5',
      },
    ],
  };
  it.each([
    ['030030', [], '3.5'],
    ['030030', ['unsafeHousing'], '1.0'],
    ['030020', [], '1.0'],
  ] as [string, PlacementFlag[], LevelOfCare][])('%s %j → %s', (ratings, flags, level) => {
    const out = recommendLevelOfCare(custom, { ratings: r(ratings), flags });
    expect(out.level).toBe(level);
    expect(out.ruleSetId).toBe('licensed-example');
  });
  it('reasons list only the conditions that held (not the negated one)', () => {
    const out = recommendLevelOfCare(custom, { ratings: r('040040'), flags: [] });
    expect(out.firedRules[1]?.because).toEqual([
      'Dimension 2 (Physical health) rated 4',
      'Dimension 5 (Relapse and continued-use risk) rated 4',
    ]);
  });
});

describe('completeRatings', () => {
  it('accepts six ratings', () => {
    expect(completeRatings({ 1: 0, 2: 1, 3: 2, 4: 3, 5: 4, 6: 0 })).toEqual({ ratings: r('012340') });
  });
  it.each([
    [{}, [1, 2, 3, 4, 5, 6]],
    [{ 1: 2, 2: 2, 3: 2, 4: 2, 5: 2 }, [6]],
    [{ 1: 2, 2: null, 3: 2, 4: 2, 5: 2, 6: 0 }, [2]],
    [{ 1: 2, 2: 2, 3: 5 as Rating, 4: 2, 5: 2, 6: 0 }, [3]],
  ])('names each missing dimension: %j', (ratings, missing) => {
    const out = completeRatings(ratings);
    expect('errors' in out && out.errors.map((e) => e.path)).toEqual(missing.map((d) => `ratings.${d}`));
  });
  it('an unrated dimension is never read as 0', () => {
    const out = completeRatings({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });
    expect('errors' in out && out.errors[0]?.message).toBe('dimension 6 (Recovery and living environment) needs a rating from 0 to 4');
  });
});
