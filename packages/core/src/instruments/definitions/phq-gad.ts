import type { InstrumentDefinition } from '../types';
import { itemsOf, ordinal } from './options';

const frequency = ordinal('Not at all', 'Several days', 'More than half the days', 'Nearly every day');
const pfizer =
  'PHQ and GAD-7 screeners © Pfizer Inc., developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues; ' +
  'no permission is required to reproduce, translate, display or distribute them.';

/** Patient Health Questionnaire-9: depression severity. Item 9 answered above 0 opens a safety task. */
export const phq9: InstrumentDefinition = {
  id: 'phq9',
  name: 'Patient Health Questionnaire-9',
  shortName: 'PHQ-9',
  version: '1',
  description: 'Depression screen and severity measure.',
  instructions: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  recallPeriod: 'last 2 weeks',
  administeredBy: 'self',
  items: itemsOf(
    frequency,
    [
      'Little interest or pleasure in doing things',
      'Feeling down, depressed, or hopeless',
      'Trouble falling or staying asleep, or sleeping too much',
      'Feeling tired or having little energy',
      'Poor appetite or overeating',
      'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
      'Trouble concentrating on things, such as reading the newspaper or watching television',
      'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
      'Thoughts that you would be better off dead or of hurting yourself in some way',
    ],
    [null, null, null, null, null, null, null, null, '44260-8'],
  ),
  scoring: {
    kind: 'sum',
    defaultBandSet: 'standard',
    bandSets: [
      {
        id: 'standard',
        label: 'Kroenke 2001',
        source: 'PHQ-9 severity bands',
        bands: [
          { code: 'minimal', label: 'None–minimal', min: 0, max: 4 },
          { code: 'mild', label: 'Mild', min: 5, max: 9 },
          { code: 'moderate', label: 'Moderate', min: 10, max: 14 },
          { code: 'moderately_severe', label: 'Moderately severe', min: 15, max: 19 },
          { code: 'severe', label: 'Severe', min: 20, max: 27 },
        ],
      },
    ],
    positive: { label: 'Screen positive for major depression (≥ 10)', atLeast: 10 },
  },
  loinc: { panel: '44249-1', total: '44261-6' },
  licence: pfizer,
};

/** Generalized Anxiety Disorder-7. */
export const gad7: InstrumentDefinition = {
  id: 'gad7',
  name: 'Generalized Anxiety Disorder-7',
  shortName: 'GAD-7',
  version: '1',
  description: 'Anxiety screen and severity measure.',
  instructions: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  recallPeriod: 'last 2 weeks',
  administeredBy: 'self',
  items: itemsOf(frequency, [
    'Feeling nervous, anxious, or on edge',
    'Not being able to stop or control worrying',
    'Worrying too much about different things',
    'Trouble relaxing',
    'Being so restless that it is hard to sit still',
    'Becoming easily annoyed or irritable',
    'Feeling afraid, as if something awful might happen',
  ]),
  scoring: {
    kind: 'sum',
    defaultBandSet: 'standard',
    bandSets: [
      {
        id: 'standard',
        label: 'Spitzer 2006',
        source: 'GAD-7 severity bands (5 / 10 / 15)',
        bands: [
          { code: 'minimal', label: 'Minimal', min: 0, max: 4 },
          { code: 'mild', label: 'Mild', min: 5, max: 9 },
          { code: 'moderate', label: 'Moderate', min: 10, max: 14 },
          { code: 'severe', label: 'Severe', min: 15, max: 21 },
        ],
      },
    ],
    positive: { label: 'Screen positive for anxiety (≥ 10)', atLeast: 10 },
  },
  loinc: { panel: '69737-5', total: '70274-6' },
  licence: pfizer,
};
