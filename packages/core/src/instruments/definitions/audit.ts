import type { InstrumentDefinition, InstrumentItem } from '../types';
import { ordinal, valued } from './options';

const often = ordinal('Never', 'Less than monthly', 'Monthly', 'Weekly', 'Daily or almost daily');
/** Items 9 and 10 score 0, 2 or 4: the answer values are the points, so 1 and 3 are out of range. */
const injury = valued([0, 'No'], [2, 'Yes, but not in the last year'], [4, 'Yes, during the last year']);

const who =
  'AUDIT: The Alcohol Use Disorders Identification Test, World Health Organization (Babor et al., 2001, WHO/MSD/MSB/01.6a); ' +
  'the WHO publishes it for free use.';

const auditItems: InstrumentItem[] = [
  {
    id: 'q1',
    text: 'How often do you have a drink containing alcohol?',
    loinc: null,
    options: ordinal('Never', 'Monthly or less', '2 to 4 times a month', '2 to 3 times a week', '4 or more times a week'),
  },
  {
    id: 'q2',
    text: 'How many drinks containing alcohol do you have on a typical day when you are drinking?',
    loinc: null,
    options: ordinal('1 or 2', '3 or 4', '5 or 6', '7, 8 or 9', '10 or more'),
  },
  { id: 'q3', text: 'How often do you have six or more drinks on one occasion?', loinc: null, options: often },
  {
    id: 'q4',
    text: 'How often during the last year have you found that you were not able to stop drinking once you had started?',
    loinc: null,
    options: often,
  },
  {
    id: 'q5',
    text: 'How often during the last year have you failed to do what was normally expected from you because of drinking?',
    loinc: null,
    options: often,
  },
  {
    id: 'q6',
    text: 'How often during the last year have you needed a first drink in the morning to get yourself going after a heavy drinking session?',
    loinc: null,
    options: often,
  },
  {
    id: 'q7',
    text: 'How often during the last year have you had a feeling of guilt or remorse after drinking?',
    loinc: null,
    options: often,
  },
  {
    id: 'q8',
    text: 'How often during the last year have you been unable to remember what happened the night before because you had been drinking?',
    loinc: null,
    options: often,
  },
  { id: 'q9', text: 'Have you or someone else been injured as a result of your drinking?', loinc: null, options: injury },
  {
    id: 'q10',
    text: 'Has a relative or friend or a doctor or another health worker been concerned about your drinking or suggested you cut down?',
    loinc: null,
    options: injury,
  },
];

/** WHO AUDIT, 10 items, 0–40, risk zones I–IV. */
export const audit: InstrumentDefinition = {
  id: 'audit',
  name: 'Alcohol Use Disorders Identification Test',
  shortName: 'AUDIT',
  version: '1',
  description: 'Hazardous and harmful drinking and possible dependence.',
  instructions: 'Please answer about your use of alcoholic beverages. One drink is a can of beer, a glass of wine or a shot of spirits.',
  recallPeriod: 'last year',
  administeredBy: 'self',
  items: auditItems,
  scoring: {
    kind: 'sum',
    defaultBandSet: 'who',
    bandSets: [
      {
        id: 'who',
        label: 'WHO risk zones',
        source: 'WHO AUDIT manual (2001) zones I–IV',
        bands: [
          { code: 'zone1', label: 'Low risk (zone I)', min: 0, max: 7 },
          { code: 'zone2', label: 'Hazardous (zone II)', min: 8, max: 15 },
          { code: 'zone3', label: 'Harmful (zone III)', min: 16, max: 19 },
          { code: 'zone4', label: 'Possible dependence (zone IV)', min: 20, max: 40 },
        ],
      },
    ],
    positive: { label: 'Hazardous drinking or worse (≥ 8)', atLeast: 8 },
  },
  // The reference leaves the AUDIT panel and total codes unconfirmed, so none are claimed.
  loinc: { panel: null, total: null },
  licence: who,
};

/**
 * AUDIT-C: the first three AUDIT items, 0–12. Positive at ≥ 4 for male sex assigned at birth and ≥ 3 for
 * female. When sex is unknown, intersex or declined the lower, more sensitive cut-off (3) is used.
 */
export const auditc: InstrumentDefinition = {
  id: 'auditc',
  name: 'AUDIT-Consumption',
  shortName: 'AUDIT-C',
  version: '1',
  description: 'Three-item alcohol consumption screen.',
  instructions: audit.instructions,
  recallPeriod: 'last year',
  administeredBy: 'self',
  items: auditItems.slice(0, 3),
  scoring: {
    kind: 'sum',
    defaultBandSet: null,
    bandSets: [],
    positive: { label: 'Screen positive for unhealthy alcohol use', atLeast: 3, bySex: { male: 4, female: 3 } },
  },
  loinc: { panel: '72109-2', total: '75626-2' },
  licence: who,
};
