import { describe, expect, it } from 'vitest';
import { answersForTotal } from './fixtures';
import { instrumentList, instruments } from './registry';
import { bandSetProblems, scoreRange, scoreResponse, type ScoreOptions, type ScoreResult } from './scoring';
import type { Answers, InstrumentDefinition, InstrumentId } from './types';

function scored(def: InstrumentDefinition, answers: Answers, opts: ScoreOptions = {}): ScoreResult {
  const r = scoreResponse(def, answers, opts);
  if ('errors' in r) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r;
}

describe('every definition', () => {
  it.each(instrumentList.map((d) => [d.id, d] as const))('%s: ids unique, options unique, bands cover the range', (_id, def) => {
    const ids = def.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of def.items) expect(new Set(item.options.map((o) => o.value)).size).toBe(item.options.length);
    if (def.scoring.kind === 'sum') for (const set of def.scoring.bandSets) expect(bandSetProblems(set, scoreRange(def))).toEqual([]);
  });

  it('ships no C-SSRS', () => {
    expect(instrumentList.map((d) => d.shortName.toLowerCase())).not.toContain('c-ssrs');
    expect(JSON.stringify(instrumentList)).not.toMatch(/columbia/i);
  });

  it.each([
    ['phq9', 0, 27],
    ['gad7', 0, 21],
    ['audit', 0, 40],
    ['auditc', 0, 12],
    ['dast10', 0, 10],
    ['ciwaar', 0, 67],
    ['cows', 0, 48],
    ['pcl5', 0, 80],
  ] as [InstrumentId, number, number][])('%s totals %i to %i', (id, min, max) => {
    expect(scoreRange(instruments[id])).toEqual({ min, max });
    expect(scored(instruments[id], answersForTotal(instruments[id], max)).total).toBe(max);
  });
});

// Lowest and highest total of every band, written out from the sources rather than read from the definitions.
const edges: [InstrumentId, string | null, number, string][] = [
  ['phq9', null, 0, 'minimal'],
  ['phq9', null, 4, 'minimal'],
  ['phq9', null, 5, 'mild'],
  ['phq9', null, 9, 'mild'],
  ['phq9', null, 10, 'moderate'],
  ['phq9', null, 14, 'moderate'],
  ['phq9', null, 15, 'moderately_severe'],
  ['phq9', null, 19, 'moderately_severe'],
  ['phq9', null, 20, 'severe'],
  ['phq9', null, 27, 'severe'],
  ['gad7', null, 0, 'minimal'],
  ['gad7', null, 4, 'minimal'],
  ['gad7', null, 5, 'mild'],
  ['gad7', null, 9, 'mild'],
  ['gad7', null, 10, 'moderate'],
  ['gad7', null, 14, 'moderate'],
  ['gad7', null, 15, 'severe'],
  ['gad7', null, 21, 'severe'],
  ['audit', null, 0, 'zone1'],
  ['audit', null, 7, 'zone1'],
  ['audit', null, 8, 'zone2'],
  ['audit', null, 15, 'zone2'],
  ['audit', null, 16, 'zone3'],
  ['audit', null, 19, 'zone3'],
  ['audit', null, 20, 'zone4'],
  ['audit', null, 40, 'zone4'],
  ['dast10', null, 0, 'none'],
  ['dast10', null, 1, 'low'],
  ['dast10', null, 2, 'low'],
  ['dast10', null, 3, 'moderate'],
  ['dast10', null, 5, 'moderate'],
  ['dast10', null, 6, 'substantial'],
  ['dast10', null, 8, 'substantial'],
  ['dast10', null, 9, 'severe'],
  ['dast10', null, 10, 'severe'],
  ['ciwaar', null, 0, 'minimal'],
  ['ciwaar', null, 7, 'minimal'],
  ['ciwaar', null, 8, 'moderate'],
  ['ciwaar', null, 14, 'moderate'],
  ['ciwaar', null, 15, 'severe'],
  ['ciwaar', null, 67, 'severe'],
  ['ciwaar', 'va', 7, 'minimal'],
  ['ciwaar', 'asam2020', 0, 'mild'],
  ['ciwaar', 'asam2020', 9, 'mild'],
  ['ciwaar', 'asam2020', 10, 'moderate'],
  ['ciwaar', 'asam2020', 18, 'moderate'],
  ['ciwaar', 'asam2020', 19, 'severe'],
  ['ciwaar', 'asam2020', 67, 'severe'],
  ['cows', null, 0, 'none'],
  ['cows', null, 4, 'none'],
  ['cows', null, 5, 'mild'],
  ['cows', null, 12, 'mild'],
  ['cows', null, 13, 'moderate'],
  ['cows', null, 24, 'moderate'],
  ['cows', null, 25, 'moderately_severe'],
  ['cows', null, 36, 'moderately_severe'],
  ['cows', null, 37, 'severe'],
  ['cows', null, 48, 'severe'],
  ['cows', 'induction8', 0, 'below_threshold'],
  ['cows', 'induction8', 7, 'below_threshold'],
  ['cows', 'induction8', 8, 'at_threshold'],
  ['cows', 'induction8', 48, 'at_threshold'],
  ['pcl5', null, 0, 'below_cutoff'],
  ['pcl5', null, 32, 'below_cutoff'],
  ['pcl5', null, 33, 'probable_ptsd'],
  ['pcl5', null, 80, 'probable_ptsd'],
];

describe('band edges', () => {
  it.each(edges)('%s (bands %s) total %i → %s', (id, bandSet, total, code) => {
    const r = scored(instruments[id], answersForTotal(instruments[id], total), { bandSet });
    expect(r.complete).toBe(true);
    expect(r.total).toBe(total);
    expect(r.band?.code).toBe(code);
  });
});

describe('screen-positive cut-offs', () => {
  it.each([
    ['phq9', 9, false],
    ['phq9', 10, true],
    ['gad7', 9, false],
    ['gad7', 10, true],
    ['audit', 7, false],
    ['audit', 8, true],
    ['pcl5', 32, false],
    ['pcl5', 33, true],
  ] as [InstrumentId, number, boolean][])('%s at %i is positive: %s', (id, total, positive) => {
    expect(scored(instruments[id], answersForTotal(instruments[id], total)).positive).toBe(positive);
  });

  it.each([
    ['male', 3, false, 4],
    ['male', 4, true, 4],
    ['female', 2, false, 3],
    ['female', 3, true, 3],
    ['intersex', 3, true, 3],
    ['unknown', 2, false, 3],
    ['unknown', 3, true, 3],
    [null, 3, true, 3],
  ] as [string | null, number, boolean, number][])('AUDIT-C, %s, total %i → positive %s (cut-off %i)', (sex, total, positive, cutoff) => {
    const r = scored(instruments.auditc, answersForTotal(instruments.auditc, total), { sexAssignedAtBirth: sex });
    expect(r).toMatchObject({ total, positive, cutoff });
    expect(r.band).toBeUndefined();
    const lowerNote = r.notes.some((n) => n.includes('lower, more sensitive cut-off'));
    expect(lowerNote).toBe(sex !== 'male' && sex !== 'female');
  });

  it.each([
    [31, 30, 'below_cutoff', false],
    [31, 31, 'probable_ptsd', true],
    [32, 31, 'below_cutoff', false],
    [32, 32, 'probable_ptsd', true],
    [33, 32, 'below_cutoff', false],
  ])('PCL-5 with cut-off %i, total %i → %s', (cutoff, total, code, positive) => {
    const r = scored(instruments.pcl5, answersForTotal(instruments.pcl5, total), { cutoff });
    expect(r).toMatchObject({ total, positive, cutoff, band: { code } });
  });

  it.each([30, 34, 32.5])('refuses a PCL-5 cut-off of %s', (cutoff) => {
    expect(scoreResponse(instruments.pcl5, answersForTotal(instruments.pcl5, 10), { cutoff })).toEqual({
      errors: [{ path: 'cutoff', message: 'must be a whole number from 31 to 33' }],
    });
  });

  it('refuses a cut-off where none is configurable and an unknown band set', () => {
    const a = answersForTotal(instruments.phq9, 3);
    expect(scoreResponse(instruments.phq9, a, { cutoff: 12 })).toMatchObject({ errors: [{ path: 'cutoff' }] });
    expect(scoreResponse(instruments.ciwaar, answersForTotal(instruments.ciwaar, 3), { bandSet: 'nope' })).toEqual({
      errors: [{ path: 'bandSet', message: 'must be one of va, asam2020' }],
    });
    expect(scoreResponse(instruments.bam, {}, { bandSet: 'va' })).toMatchObject({ errors: [{ path: 'bandSet' }] });
  });
});

describe('special item scoring', () => {
  const none = (n: number, v = 0) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i + 1}`, v]));
  it('DAST-10 item 3 is reverse-scored', () => {
    // All "no": only item 3 ("always able to stop") scores.
    expect(scored(instruments.dast10, none(10)).total).toBe(1);
    expect(scored(instruments.dast10, { ...none(10), q3: 1 }).total).toBe(0);
    expect(scored(instruments.dast10, { ...none(10, 1), q3: 0 }).total).toBe(10);
    expect(scored(instruments.dast10, none(10, 1)).total).toBe(9);
  });

  it.each([
    [0, 0],
    [2, 2],
    [4, 4],
  ])('AUDIT items 9 and 10 answered %i score %i each', (value, points) => {
    expect(scored(instruments.audit, { ...none(10), q9: value, q10: value }).total).toBe(points * 2);
  });

  it.each([1, 3])('AUDIT item 9 refuses %i (only 0, 2, 4)', (v) => {
    expect(scoreResponse(instruments.audit, { ...none(10), q9: v })).toEqual({
      errors: [{ path: 'items.q9', message: 'must be one of 0, 2, 4' }],
    });
  });

  it('COWS scores its own option values (gooseflesh 0/3/5, pulse 0/1/2/4)', () => {
    expect(scored(instruments.cows, { ...none(11), q1: 4, q11: 5 }).total).toBe(9);
    expect(scoreResponse(instruments.cows, { ...none(11), q11: 1 })).toMatchObject({ errors: [{ path: 'items.q11' }] });
    expect(scoreResponse(instruments.cows, { ...none(11), q1: 3 })).toMatchObject({ errors: [{ path: 'items.q1' }] });
  });

  it('CIWA-Ar orientation stops at 4, the other items at 7', () => {
    expect(scored(instruments.ciwaar, { ...none(9, 7), q10: 4 }).total).toBe(67);
    expect(scoreResponse(instruments.ciwaar, { ...none(9), q10: 5 })).toEqual({
      errors: [{ path: 'items.q10', message: 'must be one of 0, 1, 2, 3, 4' }],
    });
  });
});

describe('BAM', () => {
  const base: Answers = Object.fromEntries(
    ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q8', 'q9', 'q10', 'q11', 'q12', 'q13', 'q14', 'q15', 'q16', 'q17'].map((id) => [id, 0]),
  );
  it('scores Use, Risk and Protective subscales and no total', () => {
    const r = scored(instruments.bam, {
      ...base,
      q1: 1,
      q2: 2,
      q3: 3,
      q4: 1,
      q5: 2,
      q8: 4,
      q11: 1,
      q15: 2,
      q9: 3,
      q10: 1,
      q12: 2,
      q13: 4,
      q14: 4,
      q16: 2,
      q17: 4,
    });
    expect(r.subscales).toEqual({ use: 3, risk: 13, protective: 16 });
    expect(r.total).toBeUndefined();
    expect(r.band).toBeUndefined();
  });

  it('asks item 7A–G only when item 6 reports drug use, and then needs them', () => {
    const withUse = scored(instruments.bam, { ...base, q6: 2 });
    expect(withUse.complete).toBe(false);
    expect(withUse.missingItems).toEqual(['q7a', 'q7b', 'q7c', 'q7d', 'q7e', 'q7f', 'q7g']);
    const sub = { q7a: 2, q7b: 0, q7c: 0, q7d: 0, q7e: 1, q7f: 0, q7g: 0 };
    expect(scored(instruments.bam, { ...base, q6: 2, ...sub }).subscales).toEqual({ use: 2, risk: 0, protective: 0 });
    expect(scoreResponse(instruments.bam, { ...base, q7a: 1 })).toEqual({
      errors: [{ path: 'items.q7a', message: 'is not asked given the other answers; leave it out' }],
    });
  });
});

describe('ASQ', () => {
  const no = { q1: 0, q2: 0, q3: 0, q4: 0 };
  const cases: [string, Answers, boolean, string | null, string | null][] = [
    ['all no → negative, question 5 not asked', no, true, 'negative', null],
    ['one yes, 5 = no → non-acute positive', { ...no, q3: 1, q5: 0 }, true, 'non_acute_positive', 'non_acute'],
    ['one yes, 5 = yes → acute positive', { ...no, q1: 1, q5: 1 }, true, 'acute_positive', 'acute'],
    ['ever tried (4) only, 5 = no → non-acute positive', { ...no, q4: 1, q5: 0 }, true, 'non_acute_positive', 'non_acute'],
    ['refused 2, 5 = no → positive (refusal counts)', { ...no, q2: 2, q5: 0 }, true, 'non_acute_positive', 'non_acute'],
    ['one yes, refused 5 → acute positive', { ...no, q2: 1, q5: 2 }, true, 'acute_positive', 'acute'],
    ['one yes, 5 unanswered → incomplete but flagged', { ...no, q1: 1 }, false, null, 'unknown'],
    ['nothing answered → incomplete, no flag', {}, false, null, null],
  ];
  it.each(cases)('%s', (_name, answers, complete, screen, acuity) => {
    const r = scored(instruments.asq, answers);
    expect(r.complete).toBe(complete);
    expect(r.screen?.code ?? null).toBe(screen);
    expect(r.safetyFlags.map((f) => f.acuity ?? null)).toEqual(acuity ? [acuity] : []);
    if (complete) expect(r.positive).toBe(screen !== 'negative');
  });

  it('refuses question 5 when 1–4 are all no', () => {
    expect(scoreResponse(instruments.asq, { ...no, q5: 0 })).toMatchObject({ errors: [{ path: 'items.q5' }] });
  });
});

describe('incomplete and invalid responses', () => {
  it('never scores an incomplete response as if the missing answers were 0', () => {
    const answers = { q1: 3, q2: 3, q3: 3, q4: 3, q5: 3, q6: 3, q7: 3 };
    const r = scored(instruments.phq9, answers);
    expect(r).toMatchObject({ complete: false, missingItems: ['q8', 'q9'] });
    expect(r.total).toBeUndefined();
    expect(r.band).toBeUndefined();
    expect(r.positive).toBeUndefined();
  });

  it('an empty response is incomplete with every item missing', () => {
    expect(scored(instruments.gad7, {}).missingItems).toHaveLength(7);
  });

  it('names every bad item: unknown ids, out-of-range and non-integer values', () => {
    const r = scoreResponse(instruments.phq9, { q1: 4, q2: -1, q3: 1.5, q99: 0 });
    expect(r).toEqual({
      errors: [
        { path: 'items.q1', message: 'must be one of 0, 1, 2, 3' },
        { path: 'items.q2', message: 'must be one of 0, 1, 2, 3' },
        { path: 'items.q3', message: 'must be one of 0, 1, 2, 3' },
        { path: 'items.q99', message: 'is not an item of PHQ-9' },
      ],
    });
  });
});

describe('safety flags', () => {
  const phq = (q9: number) => ({ q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9 });
  it.each([
    [0, 0],
    [1, 1],
    [2, 1],
    [3, 1],
  ])('PHQ-9 item 9 = %i raises %i flag(s)', (q9, n) => {
    const r = scored(instruments.phq9, phq(q9));
    expect(r.safetyFlags).toHaveLength(n);
    if (n) expect(r.safetyFlags[0]).toMatchObject({ kind: 'phq9_item9', itemId: 'q9' });
  });

  it('raises the item 9 flag even when the rest is unanswered', () => {
    const r = scored(instruments.phq9, { q9: 1 });
    expect(r.complete).toBe(false);
    expect(r.safetyFlags.map((f) => f.kind)).toEqual(['phq9_item9']);
  });

  it('no other instrument raises PHQ-9 flags from its own item 9', () => {
    expect(scored(instruments.audit, answersForTotal(instruments.audit, 40)).safetyFlags).toEqual([]);
    expect(scored(instruments.pcl5, answersForTotal(instruments.pcl5, 80)).safetyFlags).toEqual([]);
  });
});
