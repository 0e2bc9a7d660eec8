import type { AnswerOption, InstrumentItem } from '../types';

/** Options from labels scored 0, 1, 2…, the shape most scales use. */
export const ordinal = (...labels: string[]): AnswerOption[] => labels.map((label, value) => ({ value, label }));

/** Options with their own values, for scales whose anchors skip numbers (COWS, AUDIT items 9–10). */
export const valued = (...pairs: [number, string][]): AnswerOption[] => pairs.map(([value, label]) => ({ value, label }));

export const yesNo: AnswerOption[] = [
  { value: 1, label: 'Yes' },
  { value: 0, label: 'No' },
];

/** Items whose text shares one answer scale. */
export const itemsOf = (options: AnswerOption[], texts: string[], loinc: (string | null)[] = []): InstrumentItem[] =>
  texts.map((text, i) => ({ id: `q${i + 1}`, text, loinc: loinc[i] ?? null, options }));
