import { describe, expect, it } from 'vitest';
import type { AssessmentRatings } from '../contracts/placement';
import { finaliseAssessment, previewAssessment } from './assessment-rules';
import { defaultRuleSet } from './default-rule-set';

const entries = (ratings: (number | null)[]): AssessmentRatings =>
  Object.fromEntries(ratings.map((r, i) => [i + 1, { rating: r, evidence: null, instrumentAdministrationIds: [] }]));

describe('finaliseAssessment', () => {
  it.each([
    [
      'all six missing',
      {},
      ['ratings.1.rating', 'ratings.2.rating', 'ratings.3.rating', 'ratings.4.rating', 'ratings.5.rating', 'ratings.6.rating'],
    ],
    ['two unrated', entries([0, null, 1, 2, null, 0]), ['ratings.2.rating', 'ratings.5.rating']],
  ])('refuses with %s, naming each dimension', (_n, e, paths) => {
    const out = finaliseAssessment(defaultRuleSet, e, [], { chosenLevel: '2.1' });
    expect('errors' in out && out.errors.map((x) => x.path)).toEqual(paths);
  });

  it.each([
    ['same level, no reason', '2.1', undefined, true],
    ['different level, no reason', '1.0', undefined, false],
    ['different level, blank reason', '1.0', '   ', false],
    ['different level with a reason', '1.0', 'Person declined IOP; weekly outpatient with MAT instead', true],
  ] as const)('%s', (_n, chosenLevel, differenceReason, ok) => {
    const out = finaliseAssessment(defaultRuleSet, entries([2, 0, 1, 2, 2, 1]), [], { chosenLevel, differenceReason });
    if (ok) expect(out).toMatchObject({ chosenLevel, recommendation: { level: '2.1', ruleSetVersion: '2026.1' } });
    else expect('errors' in out && out.errors).toEqual([{ path: 'differenceReason', message: expect.stringContaining('required') }]);
  });
});

describe('previewAssessment', () => {
  it('is null until all six dimensions are rated', () => {
    expect(previewAssessment(defaultRuleSet, entries([4, 0, 0, 0, 0, null]), [])).toBeNull();
    expect(previewAssessment(defaultRuleSet, entries([4, 0, 0, 0, 0, 0]), [])?.level).toBe('4.0');
  });
});
