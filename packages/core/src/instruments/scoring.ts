import type { FieldError } from '../errors/errors';
import { ASQ_DECLINED, ASQ_YES } from './definitions/asq';
import type { Answers, Band, BandSet, InstrumentDefinition, InstrumentItem } from './types';

export interface ScoreOptions {
  /** The patient's sex assigned at birth, for sex-specific cut-offs (AUDIT-C). */
  sexAssignedAtBirth?: string | null;
  /** A named band set of the definition (CIWA-Ar `va` / `asam2020`, COWS `wesson-ling` / `induction8`). */
  bandSet?: string | null;
  /** A program's own screen-positive cut-off where the definition allows one (PCL-5: 31–33). */
  cutoff?: number | null;
}

export type SafetyFlagKind = 'phq9_item9' | 'asq_positive';
export type AsqAcuity = 'acute' | 'non_acute' | 'unknown';

/** Why a response needs a clinician now. Says what triggered it, never the answer text. */
export interface SafetyFlag {
  kind: SafetyFlagKind;
  summary: string;
  itemId?: string;
  acuity?: AsqAcuity;
}

export interface ScoreResult {
  complete: boolean;
  /** Items that were asked but not answered. */
  missingItems: string[];
  total?: number;
  band?: Band & { bandSet: string };
  subscales?: Record<string, number>;
  positive?: boolean;
  /** The cut-off `positive` was decided by. */
  cutoff?: number;
  /** The ASQ's own three-way result. */
  screen?: { code: 'negative' | 'non_acute_positive' | 'acute_positive'; label: string };
  /** Plain-words notes on choices the scorer made (which cut-off, which band set). */
  notes: string[];
  /** Raised whether or not the response is complete: a safety answer never waits for the rest. */
  safetyFlags: SafetyFlag[];
}

export type ScoreOutcome = { errors: FieldError[] } | ScoreResult;

/** Whether an item is asked, given the answers so far (items without a condition always are). */
export function isAsked(item: InstrumentItem, answers: Answers): boolean {
  if (!item.askWhen) return true;
  const { anyOf, values } = item.askWhen;
  return anyOf.some((id) => answers[id] !== undefined && values.includes(answers[id]));
}

/** The points an answer scores: its value, or mirrored for a reverse-scored item. */
export function pointsFor(item: InstrumentItem, value: number): number {
  if (!item.reverse) return value;
  const values = item.options.map((o) => o.value);
  return Math.max(...values) + Math.min(...values) - value;
}

/** Per-item errors (`items.<id>`) for unknown items, values outside an item's options, and items not asked. */
export function validateAnswers(def: InstrumentDefinition, answers: Answers): FieldError[] {
  const errors: FieldError[] = [];
  const byId = new Map(def.items.map((i) => [i.id, i]));
  for (const [id, value] of Object.entries(answers)) {
    const item = byId.get(id);
    if (!item) {
      errors.push({ path: `items.${id}`, message: `is not an item of ${def.shortName}` });
      continue;
    }
    const allowed = item.options.map((o) => o.value);
    if (!Number.isInteger(value) || !allowed.includes(value)) {
      errors.push({ path: `items.${id}`, message: `must be one of ${allowed.join(', ')}` });
    } else if (!isAsked(item, answers)) {
      errors.push({ path: `items.${id}`, message: 'is not asked given the other answers; leave it out' });
    }
  }
  return errors;
}

/** Lowest and highest total a definition can produce over its scored items. */
export function scoreRange(def: InstrumentDefinition): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const item of def.items.filter((i) => i.scored !== false)) {
    const points = item.options.map((o) => pointsFor(item, o.value));
    min += Math.min(...points);
    max += Math.max(...points);
  }
  return { min, max };
}

/** Bands must be ordered and contiguous and cover every possible total; returns what is wrong, if anything. */
export function bandSetProblems(set: BandSet, range: { min: number; max: number }): string[] {
  const problems: string[] = [];
  let expected = range.min;
  for (const b of set.bands) {
    if (b.min !== expected) problems.push(`${set.id}/${b.code} starts at ${b.min}, expected ${expected}`);
    if (b.max < b.min) problems.push(`${set.id}/${b.code} ends before it starts`);
    expected = b.max + 1;
  }
  if (expected !== range.max + 1) problems.push(`${set.id} ends at ${expected - 1}, expected ${range.max}`);
  return problems;
}

/** Bands split at the definition's cut-off move with a program's own cut-off (PCL-5 31–33). */
function bandsAtCutoff(bands: Band[], from: number, to: number): Band[] {
  if (from === to) return bands;
  return bands.map((b) => (b.min === from ? { ...b, min: to } : b.max === from - 1 ? { ...b, max: to - 1 } : b));
}

function sumOf(def: InstrumentDefinition, answers: Answers, ids: string[]): number {
  return ids.reduce((sum, id) => {
    const item = def.items.find((i) => i.id === id);
    const value = answers[id];
    return item && value !== undefined ? sum + pointsFor(item, value) : sum;
  }, 0);
}

function safetyFlags(def: InstrumentDefinition, answers: Answers): SafetyFlag[] {
  if (def.id === 'phq9' && (answers.q9 ?? 0) > 0) {
    return [{ kind: 'phq9_item9', itemId: 'q9', summary: 'PHQ-9 item 9 (thoughts of death or self-harm) was answered above "Not at all"' }];
  }
  if (def.scoring.kind === 'asq') {
    const positive = ['q1', 'q2', 'q3', 'q4'].some((id) => answers[id] === ASQ_YES || answers[id] === ASQ_DECLINED);
    if (!positive) return [];
    const q5 = answers.q5;
    const acuity: AsqAcuity = q5 === undefined ? 'unknown' : q5 === ASQ_YES || q5 === ASQ_DECLINED ? 'acute' : 'non_acute';
    const summary = {
      acute: 'ASQ acute positive: imminent risk — needs a full safety evaluation now; the person may not leave until evaluated',
      non_acute: 'ASQ non-acute positive: needs a brief suicide safety assessment before leaving',
      unknown: 'ASQ positive; the acuity question was not answered — treat as acute until assessed',
    }[acuity];
    return [{ kind: 'asq_positive', acuity, summary }];
  }
  return [];
}

/**
 * Scores one response to an instrument. Answers outside an item's options come back as per-item errors and
 * nothing is scored. An incomplete response gets no total, band or subscales — a missing answer is never read
 * as 0 — but its safety flags are still raised.
 */
export function scoreResponse(def: InstrumentDefinition, answers: Answers, opts: ScoreOptions = {}): ScoreOutcome {
  const errors = validateAnswers(def, answers);
  const scoring = def.scoring;
  const positiveRule = scoring.kind === 'sum' ? scoring.positive : undefined;
  if (opts.cutoff != null) {
    const range = positiveRule?.configurable;
    if (!range) errors.push({ path: 'cutoff', message: `${def.shortName} has no configurable cut-off` });
    else if (!Number.isInteger(opts.cutoff) || opts.cutoff < range.min || opts.cutoff > range.max)
      errors.push({ path: 'cutoff', message: `must be a whole number from ${range.min} to ${range.max}` });
  }
  let bandSet: BandSet | undefined;
  if (scoring.kind === 'sum') {
    const wanted = opts.bandSet ?? scoring.defaultBandSet;
    bandSet = wanted === null ? undefined : scoring.bandSets.find((s) => s.id === wanted);
    if (wanted !== null && !bandSet)
      errors.push({ path: 'bandSet', message: `must be one of ${scoring.bandSets.map((s) => s.id).join(', ') || '(none)'}` });
  } else if (opts.bandSet) {
    errors.push({ path: 'bandSet', message: `${def.shortName} has no bands` });
  }
  if (errors.length) return { errors };

  const asked = def.items.filter((i) => isAsked(i, answers));
  const missingItems = asked.filter((i) => answers[i.id] === undefined).map((i) => i.id);
  const result: ScoreResult = { complete: missingItems.length === 0, missingItems, notes: [], safetyFlags: safetyFlags(def, answers) };
  if (!result.complete) {
    result.notes.push(`Not scored: ${missingItems.length} of ${asked.length} asked items are unanswered.`);
    return result;
  }

  switch (scoring.kind) {
    case 'sum': {
      const total = sumOf(
        def,
        answers,
        def.items.filter((i) => i.scored !== false).map((i) => i.id),
      );
      result.total = total;
      if (scoring.subscales) {
        result.subscales = Object.fromEntries(scoring.subscales.map((s) => [s.id, sumOf(def, answers, s.items)]));
      }
      let cutoff: number | undefined;
      if (positiveRule) {
        cutoff = opts.cutoff ?? positiveRule.atLeast;
        if (positiveRule.bySex) {
          const sex = opts.sexAssignedAtBirth;
          const specific = sex === 'male' || sex === 'female' ? positiveRule.bySex[sex] : undefined;
          if (specific !== undefined) cutoff = specific;
          else
            result.notes.push(
              `Sex assigned at birth is ${sex ?? 'not recorded'}: the lower, more sensitive cut-off (${positiveRule.atLeast}) was used.`,
            );
        }
        result.cutoff = cutoff;
        result.positive = total >= cutoff;
      }
      if (bandSet) {
        const bands =
          positiveRule?.configurable && cutoff !== undefined ? bandsAtCutoff(bandSet.bands, positiveRule.atLeast, cutoff) : bandSet.bands;
        const band = bands.find((b) => total >= b.min && total <= b.max);
        if (band) result.band = { ...band, bandSet: bandSet.id };
        if (scoring.bandSets.length > 1) result.notes.push(`Bands: ${bandSet.label}.`);
      }
      return result;
    }
    case 'subscales':
      result.subscales = Object.fromEntries(scoring.subscales.map((s) => [s.id, sumOf(def, answers, s.items)]));
      return result;
    case 'asq': {
      const flag = result.safetyFlags.find((f) => f.kind === 'asq_positive');
      result.positive = Boolean(flag);
      result.screen = !flag
        ? { code: 'negative', label: 'Negative screen' }
        : flag.acuity === 'non_acute'
          ? { code: 'non_acute_positive', label: 'Non-acute positive screen' }
          : { code: 'acute_positive', label: 'Acute positive screen' };
      return result;
    }
  }
}
