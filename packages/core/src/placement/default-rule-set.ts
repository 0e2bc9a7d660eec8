/**
 * openiop's own default placement rules, written in our own words from public facts about dimensional
 * placement (six dimensions rated 0–4; the most severe dimensions decide, never an average; readiness and
 * relapse problems alone do not call for inpatient care). This is NOT the ASAM Criteria and does not reproduce
 * its text or its decision rules; a program holding a licence can load its own rule set instead.
 */
import type { PlacementRule, PlacementRuleSet } from './placement-engine';

const rules: PlacementRule[] = [
  {
    id: 'baseline-outpatient',
    text: 'Everyone starts from ordinary outpatient care; a more intensive level has to be called for by a rating or a flag.',
    when: { always: true },
    minimumLevel: '1.0',
  },
  // Dimension 1 — intoxication and withdrawal.
  {
    id: 'd1-moderate',
    text: 'Moderate withdrawal risk can be managed alongside intensive outpatient care with ambulatory withdrawal support.',
    when: { rating: 1, atLeast: 2, atMost: 2 },
    minimumLevel: '2.1',
    withdrawalManagement: 'ambulatory',
  },
  {
    id: 'd1-serious',
    text: 'Serious withdrawal risk needs withdrawal management with 24-hour nursing and a physician available before outpatient treatment.',
    when: { rating: 1, atLeast: 3, atMost: 3 },
    minimumLevel: '3.7',
    withdrawalManagement: 'medically_monitored',
  },
  {
    id: 'd1-severe',
    text: 'Severe, imminent withdrawal danger needs hospital-level, medically managed care now.',
    when: { rating: 1, atLeast: 4 },
    minimumLevel: '4.0',
    withdrawalManagement: 'medically_managed',
    addOns: ['emergency_evaluation'],
  },
  {
    id: 'flag-withdrawal-risk',
    text: 'A high withdrawal-risk flag rules out starting in intensive outpatient care: withdrawal is managed first, under medical monitoring, and the person steps down afterwards.',
    when: { flag: 'highWithdrawalRisk' },
    minimumLevel: '3.7',
    withdrawalManagement: 'medically_monitored',
  },
  // Dimension 2 — physical health.
  {
    id: 'd2-moderate',
    text: 'Moderate physical health problems can be followed in intensive outpatient care with medical consultation.',
    when: { rating: 2, atLeast: 2, atMost: 2 },
    minimumLevel: '2.1',
  },
  {
    id: 'd2-serious',
    text: 'Serious physical health problems need a setting with 24-hour nursing and a physician available.',
    when: { rating: 2, atLeast: 3, atMost: 3 },
    minimumLevel: '3.7',
  },
  {
    id: 'd2-severe',
    text: 'Severe, unstable physical health problems need medically managed inpatient care.',
    when: { rating: 2, atLeast: 4 },
    minimumLevel: '4.0',
    addOns: ['emergency_evaluation'],
  },
  {
    id: 'flag-medically-unstable',
    text: 'An unstable medical condition needs medical monitoring around the clock before outpatient treatment is safe.',
    when: { flag: 'medicallyUnstable' },
    minimumLevel: '3.7',
  },
  // Dimension 3 — emotional, behavioural and thinking.
  {
    id: 'd3-moderate',
    text: 'Moderate emotional or behavioural problems can be treated in intensive outpatient care with mental health input.',
    when: { rating: 3, atLeast: 2, atMost: 2 },
    minimumLevel: '2.1',
  },
  {
    id: 'd3-serious',
    text: 'Serious emotional or behavioural problems need the daily structure and closer psychiatric access of partial hospitalization.',
    when: { rating: 3, atLeast: 3, atMost: 3 },
    minimumLevel: '2.5',
  },
  {
    id: 'd3-severe',
    text: 'Imminent danger from emotional, behavioural or thinking problems needs an emergency evaluation and inpatient care.',
    when: { rating: 3, atLeast: 4 },
    minimumLevel: '4.0',
    addOns: ['emergency_evaluation'],
  },
  {
    id: 'flag-imminent-danger',
    text: 'Imminent danger to self or others needs an emergency evaluation now; outpatient care waits until the person is safe.',
    when: { flag: 'imminentDanger' },
    minimumLevel: '4.0',
    addOns: ['emergency_evaluation'],
  },
  {
    id: 'flag-psychiatrically-unstable',
    text: 'An unstable psychiatric condition needs a medically monitored setting until it settles.',
    when: { flag: 'psychiatricallyUnstable' },
    minimumLevel: '3.7',
  },
  // Dimensions 4 and 5 — readiness, relapse risk. Never more than residential on their own.
  {
    id: 'd4-d5-moderate',
    text: 'Moderate readiness or relapse concerns call for the structure of intensive outpatient care.',
    when: {
      any: [
        { rating: 4, atLeast: 2, atMost: 2 },
        { rating: 5, atLeast: 2, atMost: 2 },
      ],
    },
    minimumLevel: '2.1',
  },
  {
    id: 'd4-d5-serious',
    text: 'Serious readiness or relapse concerns call for daily, high-intensity outpatient structure.',
    when: {
      any: [
        { rating: 4, atLeast: 3, atMost: 3 },
        { rating: 5, atLeast: 3, atMost: 3 },
      ],
    },
    minimumLevel: '2.5',
  },
  {
    id: 'd4-d5-severe-not-inpatient',
    text: 'Severe readiness or relapse problems call for a 24-hour structured residential setting, but on their own they never call for medical inpatient care.',
    when: {
      any: [
        { rating: 4, atLeast: 4 },
        { rating: 5, atLeast: 4 },
      ],
    },
    minimumLevel: '3.5',
  },
  // Dimension 6 — recovery and living environment.
  {
    id: 'd6-moderate',
    text: 'A moderately unsupportive recovery environment calls for the support of intensive outpatient care.',
    when: { rating: 6, atLeast: 2, atMost: 2 },
    minimumLevel: '2.1',
  },
  {
    id: 'd6-serious',
    text: 'A seriously unsupportive recovery environment points to intensive outpatient care with recovery housing, or low-intensity residential care.',
    when: { any: [{ rating: 6, atLeast: 3, atMost: 3 }, { flag: 'unsafeHousing' }] },
    minimumLevel: '2.1',
    addOns: ['recovery_housing'],
    alsoConsider: ['3.1'],
  },
  {
    id: 'd6-severe',
    text: 'A dangerous recovery environment points to low-intensity residential care, or intensive outpatient care only if safe recovery housing is in place.',
    when: { rating: 6, atLeast: 4 },
    minimumLevel: '3.1',
    addOns: ['recovery_housing'],
    alsoConsider: ['2.1'],
  },
  {
    id: 'flag-unable-to-attend',
    text: 'The person cannot attend a structured outpatient schedule: solve the barrier (transport, childcare, work, virtual sessions) or consider a residential setting.',
    when: { flag: 'unableToAttend' },
    alsoConsider: ['3.1'],
  },
];

export const defaultRuleSet: PlacementRuleSet = {
  id: 'openiop-default',
  version: '2026.1',
  editionLabel: 'openiop default rules (six dimensions rated 0–4, 3rd-edition-style levels); not ASAM content',
  description:
    'Our own plain-words placement rules: every rating and flag sets a minimum level and the most intensive minimum wins; ratings are never averaged.',
  rules,
};

/** Rule sets this installation can use, by id; the first is the default. */
export const placementRuleSets: readonly PlacementRuleSet[] = [defaultRuleSet];

export function findRuleSet(id: string, version?: string): PlacementRuleSet | undefined {
  return placementRuleSets.find((r) => r.id === id && (version === undefined || r.version === version));
}
