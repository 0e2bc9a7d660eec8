import type { InstrumentDefinition } from '../types';
import { itemsOf, ordinal } from './options';

const DEFAULT_CUTOFF = 33;

/** Bands of the PCL-5 for a probable-PTSD cut-off (31–33 in the literature; 33 by default). */
export function pcl5Bands(cutoff: number) {
  return [
    { code: 'below_cutoff', label: 'Below the probable-PTSD cut-off', min: 0, max: cutoff - 1 },
    { code: 'probable_ptsd', label: 'Probable PTSD', min: cutoff, max: 80 },
  ];
}

/** PTSD Checklist for DSM-5: 20 items 0–4, total 0–80, with the four DSM-5 symptom clusters as subscales. */
export const pcl5: InstrumentDefinition = {
  id: 'pcl5',
  name: 'PTSD Checklist for DSM-5',
  shortName: 'PCL-5',
  version: '1',
  description: 'PTSD symptoms, in relation to the person’s worst stressful experience.',
  instructions:
    'Below is a list of problems that people sometimes have in response to a very stressful experience. Keeping your worst event in mind, please indicate how much you have been bothered by each problem in the past month.',
  recallPeriod: 'past month',
  administeredBy: 'self',
  items: itemsOf(ordinal('Not at all', 'A little bit', 'Moderately', 'Quite a bit', 'Extremely'), [
    'Repeated, disturbing, and unwanted memories of the stressful experience?',
    'Repeated, disturbing dreams of the stressful experience?',
    'Suddenly feeling or acting as if the stressful experience were actually happening again (as if you were actually back there reliving it)?',
    'Feeling very upset when something reminded you of the stressful experience?',
    'Having strong physical reactions when something reminded you of the stressful experience (for example, heart pounding, trouble breathing, sweating)?',
    'Avoiding memories, thoughts, or feelings related to the stressful experience?',
    'Avoiding external reminders of the stressful experience (for example, people, places, conversations, activities, objects, or situations)?',
    'Trouble remembering important parts of the stressful experience?',
    'Having strong negative beliefs about yourself, other people, or the world (for example, having thoughts such as: I am bad, there is something seriously wrong with me, no one can be trusted, the world is completely dangerous)?',
    'Blaming yourself or someone else for the stressful experience or what happened after it?',
    'Having strong negative feelings such as fear, horror, anger, guilt, or shame?',
    'Loss of interest in activities that you used to enjoy?',
    'Feeling distant or cut off from other people?',
    'Trouble experiencing positive feelings (for example, being unable to feel happiness or have loving feelings for people close to you)?',
    'Irritable behavior, angry outbursts, or acting aggressively?',
    'Taking too many risks or doing things that could cause you harm?',
    'Being "superalert" or watchful or on guard?',
    'Feeling jumpy or easily startled?',
    'Having difficulty concentrating?',
    'Trouble falling or staying asleep?',
  ]),
  scoring: {
    kind: 'sum',
    defaultBandSet: 'cutoff',
    bandSets: [
      { id: 'cutoff', label: 'Probable PTSD cut-off', source: 'National Center for PTSD: 31–33', bands: pcl5Bands(DEFAULT_CUTOFF) },
    ],
    positive: { label: 'Probable PTSD', atLeast: DEFAULT_CUTOFF, configurable: { min: 31, max: 33 } },
    subscales: [
      { id: 'b', label: 'Intrusions (cluster B)', items: ['q1', 'q2', 'q3', 'q4', 'q5'] },
      { id: 'c', label: 'Avoidance (cluster C)', items: ['q6', 'q7'] },
      { id: 'd', label: 'Negative cognitions and mood (cluster D)', items: ['q8', 'q9', 'q10', 'q11', 'q12', 'q13', 'q14'] },
      { id: 'e', label: 'Arousal and reactivity (cluster E)', items: ['q15', 'q16', 'q17', 'q18', 'q19', 'q20'] },
    ],
  },
  loinc: { panel: null, total: null },
  licence: 'PCL-5, National Center for PTSD (Weathers et al., 2013); a U.S. government work, not copyrighted.',
};
