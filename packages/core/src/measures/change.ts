import type { BandSet, InstrumentId } from '../instruments/types';

/**
 * Scoring conventions for measurement-based care (clinical reference §3). Higher totals are worse on every
 * instrument tracked here. Reliable change is the smallest change in points larger than measurement error:
 * PHQ-9 5 (2 SEM, Löwe 2004), GAD-7 4 (program convention, see ADR), PCL-5 10 (clinically meaningful change).
 */
export interface ChangeRules {
  /** Remission is a total below this value; null when the instrument has no remission convention. */
  remissionBelow: number | null;
  /** Points of change that count as reliable; null when none is defined (then no reliable change is marked). */
  reliableChange: number | null;
  /** Response is a drop of at least this fraction from baseline. */
  responseDrop: number;
}

export const changeRules: Partial<Record<InstrumentId, ChangeRules>> = {
  phq9: { remissionBelow: 5, reliableChange: 5, responseDrop: 0.5 },
  gad7: { remissionBelow: 5, reliableChange: 4, responseDrop: 0.5 },
  pcl5: { remissionBelow: null, reliableChange: 10, responseDrop: 0.5 },
};

const DEFAULT_RULES: ChangeRules = { remissionBelow: null, reliableChange: null, responseDrop: 0.5 };
export const rulesFor = (instrumentId: InstrumentId): ChangeRules => changeRules[instrumentId] ?? DEFAULT_RULES;

export type ReliableChange = 'improved' | 'deteriorated' | 'none';

export interface ChangeFromBaseline {
  /** At least the response fraction below a baseline above zero. */
  response: boolean;
  remission: boolean;
  reliableChange: ReliableChange;
  /** Current minus baseline. */
  delta: number;
}

/** Response, remission and reliable change of one score against the baseline (the first score). */
export function changeFromBaseline(instrumentId: InstrumentId, baseline: number, current: number): ChangeFromBaseline {
  const r = rulesFor(instrumentId);
  const delta = current - baseline;
  const response = baseline > 0 && baseline - current >= r.responseDrop * baseline;
  const remission = r.remissionBelow !== null && current < r.remissionBelow;
  const reliableChange: ReliableChange =
    r.reliableChange === null ? 'none' : delta <= -r.reliableChange ? 'improved' : delta >= r.reliableChange ? 'deteriorated' : 'none';
  return { response, remission, reliableChange, delta };
}

/** Position of a total's band in its (low-to-high) band set; −1 when it falls in none. */
export function bandIndex(bands: BandSet['bands'], total: number): number {
  return bands.findIndex((b) => total >= b.min && total <= b.max);
}

export type WorseningReason = 'reliable_deterioration' | 'worse_band';

/**
 * A worsening score, which puts a task on the clinician's worklist: reliable deterioration since the previous
 * score or since the baseline, or a move into a worse severity band than the previous score's. Nothing
 * worsens on a first score. Reliable deterioration from baseline is only reported when the previous score had
 * not already crossed it, so a steady high score does not raise a task every time.
 */
export function worsening(
  instrumentId: InstrumentId,
  bands: BandSet['bands'] | null,
  scores: { baseline: number | null; previous: number | null; current: number },
): WorseningReason[] {
  const { baseline, previous, current } = scores;
  if (previous === null) return [];
  const reasons: WorseningReason[] = [];
  const rc = rulesFor(instrumentId).reliableChange;
  if (rc !== null) {
    const sincePrevious = current - previous >= rc;
    const sinceBaseline = baseline !== null && current - baseline >= rc && previous - baseline < rc;
    if (sincePrevious || sinceBaseline) reasons.push('reliable_deterioration');
  }
  if (bands && bandIndex(bands, current) > bandIndex(bands, previous)) reasons.push('worse_band');
  return reasons;
}

export interface TrendPoint {
  at: string;
  total: number;
  bandCode: string | null;
  bandLabel: string | null;
  baseline: boolean;
  response: boolean;
  remission: boolean;
  reliableChange: ReliableChange;
}

/** Marks each score of a series (oldest first) against the series' first score. */
export function trendOf(
  instrumentId: InstrumentId,
  bands: BandSet['bands'] | null,
  series: readonly { at: string; total: number }[],
): TrendPoint[] {
  const first = series[0];
  if (!first) return [];
  return series.map((p, i) => {
    const band = bands ? bands[bandIndex(bands, p.total)] : undefined;
    const c = changeFromBaseline(instrumentId, first.total, p.total);
    return {
      at: p.at,
      total: p.total,
      bandCode: band?.code ?? null,
      bandLabel: band?.label ?? null,
      baseline: i === 0,
      response: i > 0 && c.response,
      remission: c.remission,
      reliableChange: i === 0 ? 'none' : c.reliableChange,
    };
  });
}
