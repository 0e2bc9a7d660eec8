import { describe, expect, it } from 'vitest';
import type { IntakeDocument } from '../contracts/intake';
import { completenessErrors, intakeCompleteness } from './intake-completeness';

const completeIntake: IntakeDocument = {
  presentingProblem: { reasonForSeeking: 'Drinking has become daily', ownGoals: 'Stay sober and keep my job' },
  substanceUse: {
    substances: [
      {
        substance: 'Alcohol',
        ageAtFirstUse: 16,
        frequency: 'daily',
        route: 'oral',
        amount: '8 drinks',
        lastUse: '2026-11-14',
        longestAbstinence: '3 months',
      },
    ],
  },
  priorTreatment: { any: 'no' },
  mentalHealth: { history: 'Low mood for two years' },
  medical: { conditions: 'None known' },
  medications: { none: true },
  allergies: { none: true },
  legal: { involvement: 'no' },
  employmentEducation: { status: 'Employed full time' },
  familySocial: { supports: 'Partner and sister' },
  housing: { situation: 'stable' },
  trauma: { discussed: 'declined' },
  strengths: { strengths: 'Motivated, steady work history' },
  summary: { clinicianSummary: 'Alcohol use disorder, moderate; IOP appropriate.' },
};

describe('intakeCompleteness', () => {
  it('a complete intake has nothing missing', () => {
    expect(intakeCompleteness(completeIntake)).toEqual([]);
  });

  it('an empty draft lists every section', () => {
    expect(intakeCompleteness({}).map((s) => s.section)).toHaveLength(14);
  });

  it.each<[string, IntakeDocument, string[]]>([
    [
      'a blank goal',
      { ...completeIntake, presentingProblem: { reasonForSeeking: 'x', ownGoals: '  ' } },
      ['document.presentingProblem.ownGoals'],
    ],
    ['no substances', { ...completeIntake, substanceUse: { substances: [] } }, ['document.substanceUse.substances']],
    [
      'a substance row without route or last use',
      { ...completeIntake, substanceUse: { substances: [{ substance: 'Cannabis', ageAtFirstUse: 14, frequency: 'weekly' }] } },
      ['document.substanceUse.substances.0.route', 'document.substanceUse.substances.0.lastUse'],
    ],
    ['prior treatment yes without details', { ...completeIntake, priorTreatment: { any: 'yes' } }, ['document.priorTreatment.details']],
    ['medications neither listed nor none', { ...completeIntake, medications: { none: false } }, ['document.medications.list']],
    ['legal yes without details', { ...completeIntake, legal: { involvement: 'yes', details: '' } }, ['document.legal.details']],
    ['no summary', { ...completeIntake, summary: {} }, ['document.summary.clinicianSummary']],
  ])('%s', (_n, doc, paths) => {
    expect(completenessErrors(doc).map((e) => e.path)).toEqual(paths);
  });
});
