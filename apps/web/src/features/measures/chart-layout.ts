/** Geometry of the small trend charts: pure so it can be tested without a browser. */
export const CHART = { width: 640, height: 220, left: 40, right: 110, top: 12, bottom: 30 } as const;

export interface Scale {
  x: (at: string) => number;
  y: (value: number) => number;
}

/** Time runs left to right over the points' span (one point sits in the middle); values bottom to top. */
export function scaleFor(ats: readonly string[], min: number, max: number): Scale {
  const times = ats.map((a) => new Date(a).getTime());
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const plotW = CHART.width - CHART.left - CHART.right;
  const plotH = CHART.height - CHART.top - CHART.bottom;
  const span = max - min || 1;
  return {
    x: (at) => (t1 === t0 ? CHART.left + plotW / 2 : CHART.left + ((new Date(at).getTime() - t0) / (t1 - t0)) * plotW),
    y: (v) => CHART.top + plotH - ((Math.min(max, Math.max(min, v)) - min) / span) * plotH,
  };
}

/** The polyline through the points, in SVG `points` syntax. */
export const polyline = (s: Scale, pts: readonly { at: string; value: number }[]): string =>
  pts.map((p) => `${s.x(p.at).toFixed(1)},${s.y(p.value).toFixed(1)}`).join(' ');

/** A few round tick values between min and max, both included. */
export function ticks(min: number, max: number): number[] {
  const span = max - min;
  const step = span <= 5 ? 1 : span <= 12 ? 2 : span <= 30 ? 5 : span <= 60 ? 10 : 20;
  const out: number[] = [];
  for (let v = min; v <= max; v += step) out.push(v);
  if (out.at(-1) !== max) out.push(max);
  return out;
}
