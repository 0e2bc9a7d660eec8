import type { InstrumentDefinition } from '../types';
import { yesNo } from './options';

const texts = [
  'Have you used drugs other than those required for medical reasons?',
  'Do you abuse more than one drug at a time?',
  'Are you always able to stop using drugs when you want to?',
  'Have you had "blackouts" or "flashbacks" as a result of drug use?',
  'Do you ever feel bad or guilty about your drug use?',
  'Does your spouse (or parents) ever complain about your involvement with drugs?',
  'Have you neglected your family because of your use of drugs?',
  'Have you engaged in illegal activities in order to obtain drugs?',
  'Have you ever experienced withdrawal symptoms (felt sick) when you stopped taking drugs?',
  'Have you had medical problems as a result of your drug use (for example memory loss, hepatitis, convulsions, bleeding)?',
];

/** Drug Abuse Screening Test, 10 yes/no items; item 3 is reverse-scored (a "no" scores 1). */
export const dast10: InstrumentDefinition = {
  id: 'dast10',
  name: 'Drug Abuse Screening Test-10',
  shortName: 'DAST-10',
  version: '1',
  description: 'Problems related to drug use other than alcohol and tobacco.',
  instructions:
    'These questions refer to the past 12 months and to drugs other than alcohol and tobacco, including prescription medicines used other than as directed.',
  recallPeriod: 'past 12 months',
  administeredBy: 'self',
  items: texts.map((text, i) => ({ id: `q${i + 1}`, text, loinc: null, options: yesNo, ...(i === 2 ? { reverse: true } : {}) })),
  scoring: {
    kind: 'sum',
    defaultBandSet: 'conventional',
    bandSets: [
      {
        id: 'conventional',
        label: 'Conventional cut points',
        source: 'Skinner; cut points 0, 1–2, 3–5, 6–8, 9–10 (marked unconfirmed in our reference)',
        bands: [
          { code: 'none', label: 'No problems reported', min: 0, max: 0 },
          { code: 'low', label: 'Low', min: 1, max: 2 },
          { code: 'moderate', label: 'Moderate', min: 3, max: 5 },
          { code: 'substantial', label: 'Substantial', min: 6, max: 8 },
          { code: 'severe', label: 'Severe', min: 9, max: 10 },
        ],
      },
    ],
    positive: { label: 'Moderate or higher (≥ 3)', atLeast: 3 },
  },
  loinc: { panel: '82666-9', total: '82667-7' },
  licence:
    'DAST-10 © 1982 Harvey A. Skinner, PhD, and the Centre for Addiction and Mental Health, Toronto. Reproduced for clinical use; ' +
    'the terms of use are not confirmed in our reference, so check them before commercial use.',
};
