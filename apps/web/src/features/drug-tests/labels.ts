import { isSubstanceClass, SUBSTANCE_CLASSES, VALIDITY_FLAG_TEXT, type DrugTestSelectionView, type ValidityFlag } from '@openiop/core';

export const classLabel = (c: string): string => (isSubstanceClass(c) ? SUBSTANCE_CLASSES[c].label : c);

export const specimenLabels: Record<string, string> = {
  urine: 'Urine',
  oral_fluid: 'Oral fluid',
  blood: 'Blood',
  breath: 'Breath',
  hair: 'Hair',
};

export const outcomeLabels: Record<string, string> = { positive: 'Positive', negative: 'Negative', invalid: 'Invalid', dilute: 'Dilute' };

export const custodyLabels: Record<string, string> = {
  collected: 'Collected',
  sealed: 'Sealed',
  sent_to_lab: 'Sent to lab',
  received_by_lab: 'Received by lab',
  seal_broken: 'Seal found broken',
  id_mismatch: 'ID does not match',
  unaccounted: 'Unaccounted gap',
};

const problemText: Record<string, string> = {
  seal_broken: 'the seal was found broken',
  id_mismatch: 'the id did not match',
  unaccounted: 'a gap in custody is unaccounted for',
  out_of_order: 'hand-offs are out of order',
  sent_unsealed: 'it was sent before it was sealed',
  received_unsent: 'the lab received it before it was sent',
};
export const custodyProblemText = (p: string): string => problemText[p] ?? p;

export const validityFlagText = (f: string): string => VALIDITY_FLAG_TEXT[f as ValidityFlag] ?? f;

const flagText: Record<string, string> = {
  custody_broken: 'chain of custody broken',
  specimen_invalid: 'specimen invalid',
  dilute: 'dilute specimen',
  result_invalid: 'result invalid',
};
/** A result's flag (`custody_broken,dilute`) in words. */
export const resultFlagText = (flag: string): string =>
  flag
    .split(',')
    .map((f) => flagText[f] ?? f)
    .join('; ');

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export const reasonLabels: Record<DrugTestSelectionView['reason'], string> = {
  random: 'Random',
  for_cause: 'For cause',
  scheduled: 'Scheduled',
};

export const selectionStatusLabels: Record<DrugTestSelectionView['status'], string> = {
  pending: 'Pending',
  collected: 'Collected',
  missed: 'Missed',
  refused: 'Refused',
  excused: 'Excused',
};

export const selectionStatusColors: Record<DrugTestSelectionView['status'], string> = {
  pending: 'yellow',
  collected: 'green',
  missed: 'orange',
  refused: 'red',
  excused: 'blue',
};
