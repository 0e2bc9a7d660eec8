import { describe, expect, it } from 'vitest';
import { evaluatePrescreen, noConcernAnswers, PRESCREEN_RULE_VERSION, type PrescreenAnswers, type PrescreenVerdict } from './prescreen';

const calm: PrescreenAnswers = { ...noConcernAnswers, substances: [{ substance: 'cannabis', dailyUse: true, daysOfUse: 60 }] };
const alcohol = (days: number, daily = true) => [{ substance: 'alcohol' as const, dailyUse: daily, daysOfUse: days }];

describe('evaluatePrescreen', () => {
  const cases: [string, Partial<PrescreenAnswers>, PrescreenVerdict, string[], string[]][] = [
    ['no concerns', {}, 'iop_appropriate', [], []],
    [
      'daily cannabis alone is no withdrawal flag',
      { substances: [{ substance: 'cannabis', dailyUse: true, daysOfUse: 400 }] },
      'iop_appropriate',
      [],
      [],
    ],
    ['alcohol 6 days is under the threshold', { substances: alcohol(6) }, 'iop_appropriate', [], []],
    [
      'alcohol 7 days daily → withdrawal assessment',
      { substances: alcohol(7) },
      'needs_review',
      ['withdrawal_alcohol'],
      ['withdrawal_assessment'],
    ],
    ['alcohol 30 days but not daily', { substances: alcohol(30, false) }, 'iop_appropriate', [], []],
    [
      'alcohol daily with past seizures → medically managed',
      { substances: alcohol(10), pastWithdrawalSeizures: true },
      'needs_higher_level',
      ['withdrawal_alcohol_complicated'],
      ['medically_managed_withdrawal'],
    ],
    [
      'benzodiazepines 14 days with past delirium → medically managed',
      { substances: [{ substance: 'benzodiazepines', dailyUse: true, daysOfUse: 14 }], pastDeliriumTremens: true },
      'needs_higher_level',
      ['withdrawal_benzodiazepines_complicated'],
      ['medically_managed_withdrawal'],
    ],
    [
      'benzodiazepines 13 days is under the threshold',
      { substances: [{ substance: 'benzodiazepines', dailyUse: true, daysOfUse: 13 }] },
      'iop_appropriate',
      [],
      [],
    ],
    ['past seizures without current daily use raise nothing', { pastWithdrawalSeizures: true }, 'iop_appropriate', [], []],
    [
      'opioids daily 7 days → assessment',
      { substances: [{ substance: 'opioids', dailyUse: true, daysOfUse: 7 }] },
      'needs_review',
      ['withdrawal_opioids'],
      ['withdrawal_assessment'],
    ],
    [
      'pregnant with opioid use → prenatal and medication, not withdrawal',
      { substances: [{ substance: 'opioids', dailyUse: true, daysOfUse: 20 }], pregnant: true },
      'needs_review',
      ['pregnancy_opioids'],
      ['prenatal_and_opioid_medication'],
    ],
    [
      'withdrawal symptoms now',
      { withdrawalSymptomsNow: true },
      'needs_higher_level',
      ['withdrawal_now'],
      ['medically_managed_withdrawal'],
    ],
    ['danger to self → 988/911', { dangerToSelf: true }, 'needs_higher_level', ['danger_to_self'], ['emergency_services']],
    ['danger to others', { dangerToOthers: true }, 'needs_higher_level', ['danger_to_others'], ['emergency_services']],
    ['unstable medical', { unstableMedicalCondition: true }, 'needs_higher_level', ['unstable_medical'], ['medical_evaluation']],
    [
      'unstable psychiatric',
      { unstablePsychiatricState: true },
      'needs_higher_level',
      ['unstable_psychiatric'],
      ['psychiatric_evaluation'],
    ],
    ['unsafe housing → residential', { housing: 'unsafe' }, 'needs_higher_level', ['housing_unsafe'], ['residential_or_recovery_housing']],
    ['no housing → review', { housing: 'none' }, 'needs_review', ['housing_unstable'], ['residential_or_recovery_housing']],
    ['unstable housing → review', { housing: 'unstable' }, 'needs_review', ['housing_unstable'], ['residential_or_recovery_housing']],
    ['no transport', { canGetTransport: false }, 'needs_review', ['no_transport'], ['different_track_or_virtual']],
    ['schedule conflict', { canAttendSchedule: false }, 'needs_review', ['schedule_conflict'], ['different_track_or_virtual']],
    ['unknown transport is not a flag', { canGetTransport: null }, 'iop_appropriate', [], []],
    ['unanswered danger question is never a "no"', { dangerToSelf: null }, 'needs_review', ['incomplete'], ['complete_prescreen']],
    ['unanswered housing', { housing: null }, 'needs_review', ['incomplete'], ['complete_prescreen']],
    [
      'one severe flag outweighs several mild ones',
      { canGetTransport: false, canAttendSchedule: false, housing: 'unstable', dangerToSelf: true },
      'needs_higher_level',
      ['danger_to_self', 'housing_unstable', 'no_transport', 'schedule_conflict'],
      ['emergency_services', 'residential_or_recovery_housing', 'different_track_or_virtual', 'different_track_or_virtual'],
    ],
  ];
  it.each(cases)('%s', (_name, change, verdict, codes, routes) => {
    const r = evaluatePrescreen({ ...calm, ...change });
    expect(r.verdict).toBe(verdict);
    expect(r.flags.map((f) => f.code)).toEqual(codes);
    expect(r.flags.map((f) => f.route)).toEqual(routes);
    expect(r.ruleVersion).toBe(PRESCREEN_RULE_VERSION);
  });

  it('says why in plain words, naming the substance and the days', () => {
    const r = evaluatePrescreen({ ...calm, substances: alcohol(12) });
    expect(r.flags[0]?.reason).toContain('alcohol');
    expect(r.flags[0]?.reason).toContain('12 days');
  });

  it('lists every unanswered safety question', () => {
    const r = evaluatePrescreen({ ...calm, dangerToSelf: null, unstableMedicalCondition: null });
    expect(r.flags[0]?.reason).toContain('danger to self');
    expect(r.flags[0]?.reason).toContain('medical condition');
  });
});
