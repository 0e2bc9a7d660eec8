import { describe, expect, it } from 'vitest';
import { checkSpecimen, custodyProblems, resultFlag, URINE_TEMPERATURE, type CustodyEvent, type SpecimenFacts } from './validity';
import { expectedClasses, type DrugTestMedication } from './substances';
import { drugTestTrend, needsReview } from './trend';

const urine = (over: Partial<SpecimenFacts> = {}): SpecimenFacts => ({
  specimenType: 'urine',
  temperatureC: 34.5,
  temperatureMinutes: 2,
  ...over,
});

describe('checkSpecimen', () => {
  it('uses the reference’s window: 90–100 °F within 4 minutes', () => {
    expect(URINE_TEMPERATURE).toMatchObject({ minC: 32.2, maxC: 37.8, withinMinutes: 4 });
  });

  it.each<[string, Partial<SpecimenFacts>, string, string[]]>([
    ['in range, read at once', {}, 'valid', []],
    ['at the low edge', { temperatureC: 32.2 }, 'valid', []],
    ['at the high edge', { temperatureC: 37.8 }, 'valid', []],
    ['too cold', { temperatureC: 31.9 }, 'invalid', ['temperature_out_of_range']],
    ['too hot', { temperatureC: 38.1 }, 'invalid', ['temperature_out_of_range']],
    ['read late', { temperatureMinutes: 5 }, 'invalid', ['temperature_late']],
    ['read at 4 minutes', { temperatureMinutes: 4 }, 'valid', []],
    ['no temperature', { temperatureC: null, temperatureMinutes: null }, 'invalid', ['temperature_missing']],
    ['dilute by creatinine', { creatinine: 15, specificGravity: 1.002 }, 'dilute', ['dilute']],
    ['normal creatinine', { creatinine: 80, specificGravity: 1.015 }, 'valid', []],
    ['substituted', { creatinine: 1, specificGravity: 1.001 }, 'invalid', ['substituted']],
    ['pH too low', { ph: 4 }, 'invalid', ['ph_out_of_range']],
    ['pH too high', { ph: 9 }, 'invalid', ['ph_out_of_range']],
    ['oxidants', { oxidants: true }, 'invalid', ['adulterant_detected']],
    ['cold and dilute', { temperatureC: 30, creatinine: 10 }, 'invalid', ['temperature_out_of_range', 'dilute']],
  ])('%s', (_name, over, status, flags) => {
    expect(checkSpecimen(urine(over))).toEqual({ status, flags });
  });

  it('does not ask an oral-fluid or breath specimen for a temperature', () => {
    expect(checkSpecimen({ specimenType: 'oral_fluid', temperatureC: null, temperatureMinutes: null })).toEqual({
      status: 'valid',
      flags: [],
    });
  });
});

const ev = (at: string, action: CustodyEvent['action']): CustodyEvent => ({ at: `2026-03-02T${at}:00Z`, by: 'u', action });

describe('custodyProblems', () => {
  it.each<[string, CustodyEvent[], string[]]>([
    ['a full chain', [ev('16:00', 'collected'), ev('16:01', 'sealed'), ev('17:00', 'sent_to_lab'), ev('20:00', 'received_by_lab')], []],
    ['collected only', [ev('16:00', 'collected')], []],
    ['a broken seal', [ev('16:00', 'collected'), ev('16:01', 'sealed'), ev('18:00', 'seal_broken')], ['seal_broken']],
    ['sent unsealed', [ev('16:00', 'collected'), ev('17:00', 'sent_to_lab')], ['sent_unsealed']],
    ['received before sent', [ev('16:00', 'collected'), ev('16:01', 'sealed'), ev('18:00', 'received_by_lab')], ['received_unsent']],
    ['out of order', [ev('16:00', 'collected'), ev('15:00', 'sealed')], ['out_of_order']],
    ['id mismatch', [ev('16:00', 'collected'), ev('16:05', 'id_mismatch')], ['id_mismatch']],
  ])('%s', (_name, events, problems) => {
    expect(custodyProblems(events)).toEqual(problems);
  });
});

describe('resultFlag', () => {
  it.each([
    [true, 'valid', 'positive', null],
    [false, 'valid', 'negative', 'custody_broken'],
    [true, 'invalid', 'negative', 'specimen_invalid'],
    [true, 'dilute', 'negative', 'dilute'],
    [true, 'valid', 'dilute', 'dilute'],
    [true, 'valid', 'invalid', 'result_invalid'],
    [false, 'invalid', 'positive', 'custody_broken,specimen_invalid'],
  ] as const)('custody %s, specimen %s, %s → %s', (custodyIntact, specimen, outcome, flag) => {
    expect(resultFlag({ custodyIntact, specimen, outcome })).toBe(flag);
  });
});

const med = (name: string, over: Partial<DrugTestMedication> = {}): DrugTestMedication => ({
  name,
  matKind: null,
  startDate: '2026-01-01',
  stopDate: null,
  ...over,
});

describe('expectedClasses', () => {
  it.each<[string, DrugTestMedication[], Record<string, string[]>]>([
    [
      'buprenorphine by MAT kind',
      [med('Suboxone 8/2 film', { matKind: 'buprenorphine_naloxone' })],
      { buprenorphine: ['Suboxone 8/2 film'] },
    ],
    ['methadone', [med('Methadone liquid', { matKind: 'methadone' })], { methadone: ['Methadone liquid'] }],
    ['a prescribed benzodiazepine', [med('Clonazepam')], { benzodiazepines: ['Clonazepam'] }],
    ['an opioid analgesic', [med('Oxycodone-acetaminophen (Percocet)')], { oxycodone: ['Oxycodone-acetaminophen (Percocet)'] }],
    ['hydrocodone → opiates', [med('Hydrocodone')], { opiates: ['Hydrocodone'] }],
    ['ADHD stimulant', [med('Lisdexamfetamine (Vyvanse)')], { amphetamines: ['Lisdexamfetamine (Vyvanse)'] }],
    ['naltrexone explains nothing', [med('Naltrexone', { matKind: 'naltrexone_oral' })], {}],
    ['not started yet', [med('Buprenorphine', { startDate: '2026-04-01' })], {}],
    ['stopped long ago', [med('Buprenorphine', { stopDate: '2026-02-01' })], {}],
    ['stopped 3 days ago (still detectable)', [med('Buprenorphine', { stopDate: '2026-02-27' })], { buprenorphine: ['Buprenorphine'] }],
  ])('%s', (_name, meds, expected) => {
    expect(Object.fromEntries(expectedClasses(meds, '2026-03-02'))).toEqual(expected);
  });
});

describe('drugTestTrend', () => {
  it('orders points, keeps expected apart from unexpected, lets a definitive result override a presumptive one', () => {
    const trend = drugTestTrend([
      {
        collectionId: 'b',
        collectedAt: '2026-03-09T16:00:00Z',
        day: '2026-03-09',
        specimenStatus: 'valid',
        custodyIntact: true,
        results: [
          { substanceClass: 'cocaine', method: 'presumptive', outcome: 'positive', expected: false, flagged: null },
          { substanceClass: 'cocaine', method: 'definitive', outcome: 'negative', expected: false, flagged: null },
        ],
      },
      {
        collectionId: 'a',
        collectedAt: '2026-03-02T16:00:00Z',
        day: '2026-03-02',
        specimenStatus: 'dilute',
        custodyIntact: true,
        results: [
          { substanceClass: 'buprenorphine', method: 'presumptive', outcome: 'positive', expected: true, flagged: 'dilute' },
          { substanceClass: 'fentanyl', method: 'presumptive', outcome: 'positive', expected: false, flagged: 'dilute' },
        ],
      },
    ]);
    expect(trend.points.map((p) => [p.collectionId, p.unexpected, p.expected, p.negative, p.flagged])).toEqual([
      ['a', ['fentanyl'], ['buprenorphine'], [], true],
      ['b', [], [], ['cocaine'], false],
    ]);
    expect(trend.byClass).toEqual([
      { substanceClass: 'buprenorphine', unexpected: 0, expected: 1, tested: 1 },
      { substanceClass: 'cocaine', unexpected: 0, expected: 0, tested: 1 },
      { substanceClass: 'fentanyl', unexpected: 1, expected: 0, tested: 1 },
    ]);
    expect(drugTestTrend([]).points).toEqual([]);
  });

  it.each([
    ['positive', false, true],
    ['positive', true, false],
    ['negative', false, false],
    ['invalid', false, false],
  ] as const)('%s (expected %s) needs review: %s', (outcome, expected, review) => {
    expect(needsReview({ outcome, expected })).toBe(review);
  });
});
