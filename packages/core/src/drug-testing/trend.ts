/**
 * The chart's drug-test trend: for each specimen (oldest first), how many classes were unexpectedly positive and
 * which were expected from prescriptions, plus totals per class. A definitive result overrides the presumptive one
 * for the same class (a lab confirmation or refutation of a cup's reading).
 */

export interface TrendResult {
  substanceClass: string;
  method: 'presumptive' | 'definitive';
  outcome: 'positive' | 'negative' | 'invalid' | 'dilute';
  expected: boolean;
  flagged: string | null;
}

export interface TrendSpecimen {
  collectionId: string;
  collectedAt: string;
  day: string;
  specimenStatus: 'valid' | 'dilute' | 'invalid';
  custodyIntact: boolean;
  results: TrendResult[];
}

export interface DrugTestTrendPoint {
  collectionId: string;
  collectedAt: string;
  day: string;
  unexpected: string[];
  expected: string[];
  negative: string[];
  /** The specimen or a result is flagged (custody, validity): read the point with care. */
  flagged: boolean;
  resulted: boolean;
}

export interface DrugTestTrend {
  points: DrugTestTrendPoint[];
  /** Per class: unexpected and expected positives over all specimens. */
  byClass: { substanceClass: string; unexpected: number; expected: number; tested: number }[];
}

/** The outcome that counts for each class of one specimen: definitive over presumptive. */
export function finalOutcomes(results: TrendResult[]): Map<string, TrendResult> {
  const out = new Map<string, TrendResult>();
  for (const r of results) {
    const prev = out.get(r.substanceClass);
    if (!prev || (prev.method === 'presumptive' && r.method === 'definitive')) out.set(r.substanceClass, r);
  }
  return out;
}

export function drugTestTrend(specimens: TrendSpecimen[]): DrugTestTrend {
  const sorted = [...specimens].sort((a, b) => (a.collectedAt < b.collectedAt ? -1 : a.collectedAt > b.collectedAt ? 1 : 0));
  const tally = new Map<string, { unexpected: number; expected: number; tested: number }>();
  const points = sorted.map((s): DrugTestTrendPoint => {
    const finals = [...finalOutcomes(s.results).values()];
    const unexpected: string[] = [];
    const expected: string[] = [];
    const negative: string[] = [];
    for (const r of finals) {
      const t = tally.get(r.substanceClass) ?? { unexpected: 0, expected: 0, tested: 0 };
      t.tested += 1;
      if (r.outcome === 'positive') {
        if (r.expected) {
          expected.push(r.substanceClass);
          t.expected += 1;
        } else {
          unexpected.push(r.substanceClass);
          t.unexpected += 1;
        }
      } else if (r.outcome === 'negative') negative.push(r.substanceClass);
      tally.set(r.substanceClass, t);
    }
    return {
      collectionId: s.collectionId,
      collectedAt: s.collectedAt,
      day: s.day,
      unexpected: unexpected.sort(),
      expected: expected.sort(),
      negative: negative.sort(),
      flagged: !s.custodyIntact || s.specimenStatus !== 'valid' || finals.some((r) => r.flagged !== null),
      resulted: finals.length > 0,
    };
  });
  const byClass = [...tally.entries()]
    .map(([substanceClass, t]) => ({ substanceClass, ...t }))
    .sort((a, b) => a.substanceClass.localeCompare(b.substanceClass));
  return { points, byClass };
}

/** Whether a result should raise a review task: an unexpected positive. */
export const needsReview = (r: Pick<TrendResult, 'outcome' | 'expected'>): boolean => r.outcome === 'positive' && !r.expected;
