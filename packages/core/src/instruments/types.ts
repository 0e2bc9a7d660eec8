/**
 * Questionnaires are data: a definition lists its items, the answers each item accepts, how answers become a
 * score, and the bands a score falls into. Scoring (`scoring.ts`) is one pure function over any definition, so a
 * new instrument is a new data file, not new code.
 */

export interface AnswerOption {
  /** The value stored for this answer. For most scales it is also the points the answer scores. */
  value: number;
  label: string;
}

/** An item that is only asked when an earlier answer makes it relevant (ASQ question 5, BAM items 7A–G). */
export interface AskWhen {
  /** Asked when any of these items has an answer in `values`. */
  anyOf: string[];
  values: number[];
}

export interface InstrumentItem {
  /** Stable within the instrument: `q1`, `q7a`. Answers are keyed by it; error paths are `items.<id>`. */
  id: string;
  text: string;
  /** LOINC code of the item where a confirmed one is known; null rather than a guess. */
  loinc: string | null;
  options: AnswerOption[];
  /** Reverse-scored: points = (highest option value + lowest option value) − value (DAST-10 item 3). */
  reverse?: boolean;
  /** False for items that are recorded but add to no score (BAM item 7 sub-items, ASQ). Default true. */
  scored?: boolean;
  askWhen?: AskWhen;
  /** A heading shown above this item (BAM item 7's "how many days did you use…"). */
  lead?: string;
}

export interface Band {
  /** Machine code, e.g. `moderate`. */
  code: string;
  label: string;
  /** Inclusive score range. */
  min: number;
  max: number;
}

/** One named set of bands; definitions whose sources disagree ship more than one. */
export interface BandSet {
  id: string;
  label: string;
  /** Where the cut points come from, in a few words. */
  source: string;
  /** Ordered, contiguous, covering every possible total. */
  bands: Band[];
}

export interface Subscale {
  id: string;
  label: string;
  items: string[];
}

/** A screen-positive rule on the total. Sex-specific cut-offs are for AUDIT-C. */
export interface PositiveRule {
  label: string;
  atLeast: number;
  /** Sex-assigned-at-birth specific cut-offs; any sex not listed uses `atLeast`. */
  bySex?: Partial<Record<'male' | 'female', number>>;
  /** Cut-offs a program may choose instead (PCL-5: 31–33). */
  configurable?: { min: number; max: number };
}

export type Scoring =
  | {
      kind: 'sum';
      bandSets: BandSet[];
      /** Id of the band set used when none is chosen. */
      defaultBandSet: string | null;
      positive?: PositiveRule;
      subscales?: Subscale[];
    }
  /** Subscales only, no total (BAM). */
  | { kind: 'subscales'; subscales: Subscale[] }
  /** The NIMH ASQ decision rule: negative / non-acute positive / acute positive. */
  | { kind: 'asq' };

export interface InstrumentDefinition {
  id: InstrumentId;
  name: string;
  shortName: string;
  version: string;
  description: string;
  /** The question stem shown before the items, e.g. "Over the last 2 weeks…". */
  instructions: string;
  recallPeriod: string;
  /** Who fills it: the person (self-report) or a clinician observing (CIWA-Ar, COWS). */
  administeredBy: 'self' | 'clinician';
  items: InstrumentItem[];
  scoring: Scoring;
  loinc: { panel: string | null; total: string | null };
  licence: string;
}

export const instrumentIds = ['phq9', 'gad7', 'audit', 'auditc', 'dast10', 'ciwaar', 'cows', 'bam', 'pcl5', 'asq'] as const;
export type InstrumentId = (typeof instrumentIds)[number];

/** Answers keyed by item id; a missing key is an unanswered item (never read as 0). */
export type Answers = Record<string, number>;
