import { describe, expect, it } from 'vitest';
import { CHART, polyline, scaleFor, ticks } from './chart-layout';

describe('chart layout', () => {
  it('spans the plot from the first to the last point and maps the value range bottom to top', () => {
    const s = scaleFor(['2026-10-01T00:00:00Z', '2026-10-11T00:00:00Z'], 0, 27);
    expect(s.x('2026-10-01T00:00:00Z')).toBe(CHART.left);
    expect(s.x('2026-10-11T00:00:00Z')).toBe(CHART.width - CHART.right);
    expect(s.y(0)).toBe(CHART.height - CHART.bottom);
    expect(s.y(27)).toBe(CHART.top);
    // Out-of-range values are clamped to the plot.
    expect(s.y(99)).toBe(CHART.top);
  });
  it('puts a single point in the middle', () => {
    const s = scaleFor(['2026-10-01T00:00:00Z'], 0, 10);
    expect(s.x('2026-10-01T00:00:00Z')).toBe(CHART.left + (CHART.width - CHART.left - CHART.right) / 2);
  });
  it('draws a polyline', () => {
    const s = scaleFor(['2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z'], 0, 10);
    expect(
      polyline(s, [
        { at: '2026-10-01T00:00:00Z', value: 0 },
        { at: '2026-10-02T00:00:00Z', value: 10 },
      ]),
    ).toBe('40.0,190.0 530.0,12.0');
  });
  it.each([
    [0, 27, [0, 5, 10, 15, 20, 25, 27]],
    [0, 10, [0, 2, 4, 6, 8, 10]],
    [1, 5, [1, 2, 3, 4, 5]],
    [0, 80, [0, 20, 40, 60, 80]],
  ])('ticks %i–%i', (min, max, want) => expect(ticks(min, max)).toEqual(want));
});
