import type { AnswerOption, InstrumentDefinition, InstrumentItem } from '../types';
import { valued } from './options';

/** A 0–7 CIWA-Ar item: the published anchors label some points; the others read as the number between them. */
function ciwaScale(anchors: Record<number, string>, max = 7): AnswerOption[] {
  return Array.from({ length: max + 1 }, (_, value) => ({ value, label: anchors[value] ?? `${value}` }));
}

const ciwaItems: InstrumentItem[] = [
  [
    'Nausea and vomiting — "Do you feel sick to your stomach? Have you vomited?"',
    {
      0: 'No nausea and no vomiting',
      1: 'Mild nausea with no vomiting',
      4: 'Intermittent nausea with dry heaves',
      7: 'Constant nausea, frequent dry heaves and vomiting',
    },
  ],
  [
    'Tremor — arms extended and fingers spread apart',
    {
      0: 'No tremor',
      1: 'Not visible, but can be felt fingertip to fingertip',
      4: "Moderate, with patient's arms extended",
      7: 'Severe, even with arms not extended',
    },
  ],
  [
    'Paroxysmal sweats',
    {
      0: 'No sweat visible',
      1: 'Barely perceptible sweating, palms moist',
      4: 'Beads of sweat obvious on forehead',
      7: 'Drenching sweats',
    },
  ],
  [
    'Anxiety — "Do you feel nervous?"',
    {
      0: 'No anxiety, at ease',
      1: 'Mildly anxious',
      4: 'Moderately anxious, or guarded, so anxiety is inferred',
      7: 'Equivalent to acute panic states as seen in severe delirium or acute schizophrenic reactions',
    },
  ],
  [
    'Agitation',
    {
      0: 'Normal activity',
      1: 'Somewhat more than normal activity',
      4: 'Moderately fidgety and restless',
      7: 'Paces back and forth during most of the interview, or constantly thrashes about',
    },
  ],
  [
    'Tactile disturbances — "Have you any itching, pins and needles sensations, any burning, any numbness, or do you feel bugs crawling on or under your skin?"',
    {
      0: 'None',
      1: 'Very mild itching, pins and needles, burning or numbness',
      2: 'Mild itching, pins and needles, burning or numbness',
      3: 'Moderate itching, pins and needles, burning or numbness',
      4: 'Moderately severe hallucinations',
      5: 'Severe hallucinations',
      6: 'Extremely severe hallucinations',
      7: 'Continuous hallucinations',
    },
  ],
  [
    'Auditory disturbances — "Are you more aware of sounds around you? Are they harsh? Do they frighten you? Are you hearing anything that is disturbing to you? Are you hearing things you know are not there?"',
    {
      0: 'Not present',
      1: 'Very mild harshness or ability to frighten',
      2: 'Mild harshness or ability to frighten',
      3: 'Moderate harshness or ability to frighten',
      4: 'Moderately severe hallucinations',
      5: 'Severe hallucinations',
      6: 'Extremely severe hallucinations',
      7: 'Continuous hallucinations',
    },
  ],
  [
    'Visual disturbances — "Does the light appear to be too bright? Is its color different? Does it hurt your eyes? Are you seeing anything that is disturbing to you? Are you seeing things you know are not there?"',
    {
      0: 'Not present',
      1: 'Very mild sensitivity',
      2: 'Mild sensitivity',
      3: 'Moderate sensitivity',
      4: 'Moderately severe hallucinations',
      5: 'Severe hallucinations',
      6: 'Extremely severe hallucinations',
      7: 'Continuous hallucinations',
    },
  ],
  [
    'Headache, fullness in head — "Does your head feel different? Does it feel like there is a band around your head?" (do not rate dizziness or lightheadedness)',
    {
      0: 'Not present',
      1: 'Very mild',
      2: 'Mild',
      3: 'Moderate',
      4: 'Moderately severe',
      5: 'Severe',
      6: 'Very severe',
      7: 'Extremely severe',
    },
  ],
].map(([text, anchors], i) => ({
  id: `q${i + 1}`,
  text: text as string,
  loinc: null,
  options: ciwaScale(anchors as Record<number, string>),
}));

ciwaItems.push({
  id: 'q10',
  text: 'Orientation and clouding of sensorium — "What day is this? Where are you? Who am I?"',
  loinc: null,
  options: ciwaScale(
    {
      0: 'Oriented and can do serial additions',
      1: 'Cannot do serial additions or is uncertain about date',
      2: 'Disoriented for date by no more than 2 calendar days',
      3: 'Disoriented for date by more than 2 calendar days',
      4: 'Disoriented for place and/or person',
    },
    4,
  ),
});

const observed = 'Clinician-rated scale; widely reproduced in public clinical protocols. Terms of use are not confirmed in our reference.';

/**
 * Clinical Institute Withdrawal Assessment for Alcohol, revised: 9 items 0–7 and orientation 0–4 (max 67).
 * Sources band it differently, so two band sets ship and a program chooses.
 */
export const ciwaar: InstrumentDefinition = {
  id: 'ciwaar',
  name: 'Clinical Institute Withdrawal Assessment for Alcohol, revised',
  shortName: 'CIWA-Ar',
  version: '1',
  description: 'Severity of alcohol withdrawal, rated by a clinician.',
  instructions: 'Rate what you observe and what the person reports now.',
  recallPeriod: 'now',
  administeredBy: 'clinician',
  items: ciwaItems,
  scoring: {
    kind: 'sum',
    defaultBandSet: 'va',
    bandSets: [
      {
        id: 'va',
        label: 'VA',
        source: 'VA PAWS: under 8–10 minimal, 8–15 moderate, 15 or more severe (overlaps resolved as 0–7, 8–14, 15+)',
        bands: [
          { code: 'minimal', label: 'Minimal to mild', min: 0, max: 7 },
          { code: 'moderate', label: 'Moderate', min: 8, max: 14 },
          { code: 'severe', label: 'Severe', min: 15, max: 67 },
        ],
      },
      {
        id: 'asam2020',
        label: 'ASAM 2020 alcohol withdrawal guideline',
        source: 'ASAM 2020 AWM: under 10 mild, 10–18 moderate, 19 or more severe',
        bands: [
          { code: 'mild', label: 'Mild', min: 0, max: 9 },
          { code: 'moderate', label: 'Moderate', min: 10, max: 18 },
          { code: 'severe', label: 'Severe', min: 19, max: 67 },
        ],
      },
    ],
  },
  loinc: { panel: null, total: null },
  licence: `Sullivan JT et al., 1989. ${observed}`,
};

/** Clinical Opiate Withdrawal Scale: 11 clinician-rated items with their own answer values, max 48. */
export const cows: InstrumentDefinition = {
  id: 'cows',
  name: 'Clinical Opiate Withdrawal Scale',
  shortName: 'COWS',
  version: '1',
  description: 'Severity of opioid withdrawal, rated by a clinician.',
  instructions: 'For each item, choose the answer that best describes the sign or symptom. Rate only what is related to opioid withdrawal.',
  recallPeriod: 'now',
  administeredBy: 'clinician',
  items: (
    [
      [
        'Resting pulse rate (beats per minute), measured after sitting or lying for one minute',
        valued([0, '80 or below'], [1, '81–100'], [2, '101–120'], [4, 'Greater than 120']),
      ],
      [
        'Sweating over the past half hour, not accounted for by room temperature or activity',
        valued(
          [0, 'No report of chills or flushing'],
          [1, 'Subjective report of chills or flushing'],
          [2, 'Flushed or observable moistness on face'],
          [3, 'Beads of sweat on brow or face'],
          [4, 'Sweat streaming off face'],
        ),
      ],
      [
        'Restlessness, observed during the assessment',
        valued(
          [0, 'Able to sit still'],
          [1, 'Reports difficulty sitting still, but is able to do so'],
          [3, 'Frequent shifting or extraneous movements of legs or arms'],
          [5, 'Unable to sit still for more than a few seconds'],
        ),
      ],
      [
        'Pupil size',
        valued(
          [0, 'Pupils pinned or normal size for room light'],
          [1, 'Pupils possibly larger than normal for room light'],
          [2, 'Pupils moderately dilated'],
          [5, 'Pupils so dilated that only the rim of the iris is visible'],
        ),
      ],
      [
        'Bone or joint aches (if there was pain before, score only the part attributed to opioid withdrawal)',
        valued(
          [0, 'Not present'],
          [1, 'Mild diffuse discomfort'],
          [2, 'Reports severe diffuse aching of joints or muscles'],
          [4, 'Rubbing joints or muscles and unable to sit still because of discomfort'],
        ),
      ],
      [
        'Runny nose or tearing, not accounted for by cold symptoms or allergies',
        valued(
          [0, 'Not present'],
          [1, 'Nasal stuffiness or unusually moist eyes'],
          [2, 'Nose running or tearing'],
          [4, 'Nose constantly running or tears streaming down cheeks'],
        ),
      ],
      [
        'GI upset over the last half hour',
        valued(
          [0, 'No GI symptoms'],
          [1, 'Stomach cramps'],
          [2, 'Nausea or loose stool'],
          [3, 'Vomiting or diarrhea'],
          [5, 'Multiple episodes of diarrhea or vomiting'],
        ),
      ],
      [
        'Tremor, observed with outstretched hands',
        valued(
          [0, 'No tremor'],
          [1, 'Tremor can be felt, but not observed'],
          [2, 'Slight tremor observable'],
          [4, 'Gross tremor or muscle twitching'],
        ),
      ],
      [
        'Yawning, observed during the assessment',
        valued(
          [0, 'No yawning'],
          [1, 'Yawning once or twice during the assessment'],
          [2, 'Yawning three or more times during the assessment'],
          [4, 'Yawning several times a minute'],
        ),
      ],
      [
        'Anxiety or irritability',
        valued(
          [0, 'None'],
          [1, 'Reports increasing irritability or anxiousness'],
          [2, 'Obviously irritable or anxious'],
          [4, 'So irritable or anxious that taking part in the assessment is difficult'],
        ),
      ],
      [
        'Gooseflesh skin',
        valued([0, 'Skin is smooth'], [3, 'Piloerection of skin can be felt or hairs standing up on arms'], [5, 'Prominent piloerection']),
      ],
    ] as [string, AnswerOption[]][]
  ).map(([text, options], i) => ({ id: `q${i + 1}`, text, loinc: null, options })),
  scoring: {
    kind: 'sum',
    defaultBandSet: 'wesson-ling',
    bandSets: [
      {
        id: 'wesson-ling',
        label: 'Wesson & Ling 2003',
        source: 'Wesson & Ling 2003: 5–12 mild, 13–24 moderate, 25–36 moderately severe, over 36 severe',
        bands: [
          { code: 'none', label: 'No active withdrawal', min: 0, max: 4 },
          { code: 'mild', label: 'Mild', min: 5, max: 12 },
          { code: 'moderate', label: 'Moderate', min: 13, max: 24 },
          { code: 'moderately_severe', label: 'Moderately severe', min: 25, max: 36 },
          { code: 'severe', label: 'Severe', min: 37, max: 48 },
        ],
      },
      {
        id: 'induction8',
        label: 'Buprenorphine induction threshold (COWS ≥ 8)',
        source: 'Public buprenorphine-induction protocols start at COWS ≥ 8 (some use 12); not guideline text',
        bands: [
          { code: 'below_threshold', label: 'Below the induction threshold', min: 0, max: 7 },
          { code: 'at_threshold', label: 'At or above the induction threshold', min: 8, max: 48 },
        ],
      },
    ],
  },
  loinc: { panel: null, total: null },
  licence: `Wesson DR, Ling W, 2003. ${observed}`,
};
