import type { AnswerOption, InstrumentDefinition } from '../types';

/** ASQ answers: a refusal is recorded as its own answer, and NIMH counts it as a positive screen. */
export const ASQ_YES = 1;
export const ASQ_NO = 0;
export const ASQ_DECLINED = 2;

const answers: AnswerOption[] = [
  { value: ASQ_YES, label: 'Yes' },
  { value: ASQ_NO, label: 'No' },
  { value: ASQ_DECLINED, label: 'Prefer not to answer' },
];

/**
 * NIMH Ask Suicide-Screening Questions. Questions 1–4 for everyone; question 5 (acuity) only when any of them is
 * "yes" or was declined. Any yes or refusal on 1–4 is a positive screen; a yes (or refusal) on 5 makes it acute.
 */
export const asq: InstrumentDefinition = {
  id: 'asq',
  name: 'Ask Suicide-Screening Questions',
  shortName: 'ASQ',
  version: '1',
  description: 'Suicide risk screen (NIMH).',
  instructions: 'Ask the person (or, on a phone link, the person reads): these questions are about thoughts of suicide.',
  recallPeriod: 'past few weeks',
  administeredBy: 'self',
  items: [
    { id: 'q1', text: 'In the past few weeks, have you wished you were dead?', loinc: null, options: answers, scored: false },
    {
      id: 'q2',
      text: 'In the past few weeks, have you felt that you or your family would be better off if you were dead?',
      loinc: null,
      options: answers,
      scored: false,
    },
    {
      id: 'q3',
      text: 'In the past week, have you been having thoughts about killing yourself?',
      loinc: null,
      options: answers,
      scored: false,
    },
    { id: 'q4', text: 'Have you ever tried to kill yourself?', loinc: null, options: answers, scored: false },
    {
      id: 'q5',
      text: 'Are you having thoughts of killing yourself right now?',
      loinc: null,
      options: answers,
      scored: false,
      askWhen: { anyOf: ['q1', 'q2', 'q3', 'q4'], values: [ASQ_YES, ASQ_DECLINED] },
    },
  ],
  scoring: { kind: 'asq' },
  loinc: { panel: null, total: null },
  licence: 'ASQ, National Institute of Mental Health; public domain.',
};
