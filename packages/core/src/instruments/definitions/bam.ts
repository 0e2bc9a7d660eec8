import type { InstrumentDefinition, InstrumentItem } from '../types';
import { ordinal, valued } from './options';

const days = ordinal('0 days', '1–3 days', '4–8 days', '9–15 days', '16–30 days');
const nights = ordinal('0 nights', '1–3 nights', '4–8 nights', '9–15 nights', '16–30 nights');
const amount = ordinal('Not at all', 'Slightly', 'Moderately', 'Considerably', 'Extremely');

const drugs = [
  ['q7a', 'Marijuana (cannabis, pot, weed)'],
  ['q7b', 'Sedatives or tranquilizers (for example "benzos", Valium, Xanax, Ativan, Ambien, barbiturates, downers)'],
  ['q7c', 'Cocaine or crack'],
  ['q7d', 'Other stimulants (for example amphetamine, methamphetamine, Ritalin, Adderall, "speed", "crystal meth", "ice")'],
  ['q7e', 'Opioids (for example heroin, morphine, Dilaudid, oxycodone, codeine, Percocet, Vicodin, fentanyl)'],
  ['q7f', 'Inhalants (glues, adhesives, nail polish remover, paint thinner)'],
  ['q7g', 'Other drugs (for example steroids, non-prescription sleep or diet pills, Benadryl, ecstasy/MDMA, LSD, PCP)'],
] as const;

const item = (id: string, text: string, options = days, extra: Partial<InstrumentItem> = {}): InstrumentItem => ({
  id,
  text,
  loinc: null,
  options,
  ...extra,
});

/**
 * VA Brief Addiction Monitor: 17 items about the past 30 days. No total score: Use, Risk and Protective
 * subscales, and item-level review. Item 7's sub-items are asked only when item 6 reports drug use and add to
 * no subscale; item 17 (satisfaction with progress) is reviewed on its own.
 */
export const bam: InstrumentDefinition = {
  id: 'bam',
  name: 'Brief Addiction Monitor',
  shortName: 'BAM',
  version: '1',
  description: 'Substance use, risk factors and protective factors over the past 30 days.',
  instructions: 'Please answer about the past 30 days.',
  recallPeriod: 'past 30 days',
  administeredBy: 'self',
  items: [
    item(
      'q1',
      'In the past 30 days, would you say your physical health has been:',
      ordinal('Excellent', 'Very good', 'Good', 'Fair', 'Poor'),
    ),
    item('q2', 'In the past 30 days, how many nights did you have trouble falling asleep or staying asleep?', nights),
    item('q3', 'In the past 30 days, how many days have you felt depressed, anxious, angry or very upset throughout most of the day?'),
    item('q4', 'In the past 30 days, how many days did you drink ANY alcohol?'),
    item(
      'q5',
      'In the past 30 days, how many days did you have at least 5 drinks (if you are a man) or at least 4 drinks (if you are a woman)? One drink is a 12-ounce beer, a 5-ounce glass of wine or a 1.5-ounce shot of liquor.',
    ),
    item('q6', 'In the past 30 days, how many days did you use any illegal or street drugs or misuse any prescription medications?'),
    ...drugs.map(([id, text], i) =>
      item(id, text, days, {
        scored: false,
        askWhen: { anyOf: ['q6'], values: [1, 2, 3, 4] },
        ...(i === 0 ? { lead: 'In the past 30 days, how many days did you use any of the following drugs?' } : {}),
      }),
    ),
    item('q8', 'In the past 30 days, how much were you bothered by cravings or urges to drink alcohol or use drugs?', amount),
    item(
      'q9',
      'How confident are you in your ability to be completely abstinent (clean) from alcohol and drugs in the next 30 days?',
      amount,
    ),
    item('q10', 'In the past 30 days, how many days did you attend self-help meetings like AA or NA to get support for your recovery?'),
    item(
      'q11',
      'In the past 30 days, how many days were you in any situations or with any people that might put you at an increased risk for using alcohol or drugs (around risky "people, places or things")?',
    ),
    item('q12', 'Does your religion or spirituality help support your recovery?', amount),
    item('q13', 'In the past 30 days, how many days did you spend much of the time at work, school, or doing volunteer work?'),
    item(
      'q14',
      'Do you have enough income (from legal sources) to pay for necessities such as housing, transportation, food and clothing for yourself and your dependents?',
      valued([0, 'No'], [4, 'Yes']),
    ),
    item(
      'q15',
      'In the past 30 days, how much have you been bothered by arguments or problems getting along with any family members or friends?',
      amount,
    ),
    item(
      'q16',
      'In the past 30 days, how many days were you in contact or spent time with any family members or friends who are supportive of your recovery?',
    ),
    item('q17', 'How satisfied are you with your progress toward achieving your recovery goals?', amount),
  ],
  scoring: {
    kind: 'subscales',
    subscales: [
      { id: 'use', label: 'Use', items: ['q4', 'q5', 'q6'] },
      { id: 'risk', label: 'Risk factors', items: ['q1', 'q2', 'q3', 'q8', 'q11', 'q15'] },
      { id: 'protective', label: 'Protective factors', items: ['q9', 'q10', 'q12', 'q13', 'q14', 'q16'] },
    ],
  },
  loinc: { panel: null, total: null },
  licence:
    'Brief Addiction Monitor, U.S. Department of Veterans Affairs (VISN 4 MIRECC / CESATE); a U.S. government work, presumed public domain.',
};
