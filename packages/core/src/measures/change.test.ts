import { describe, expect, it } from 'vitest';
import { gad7, phq9 } from '../instruments/definitions/phq-gad';
import type { BandSet, InstrumentId } from '../instruments/types';
import { changeFromBaseline, trendOf, worsening } from './change';

const bandsOf = (d: typeof phq9): BandSet['bands'] => (d.scoring.kind === 'sum' ? (d.scoring.bandSets[0]?.bands ?? []) : []);
const phqBands = bandsOf(phq9);
const gadBands = bandsOf(gad7);

describe('changeFromBaseline', () => {
  it.each<[InstrumentId, number, number, { response: boolean; remission: boolean; reliableChange: string }]>([
    ['phq9', 20, 10, { response: true, remission: false, reliableChange: 'improved' }],
    ['phq9', 20, 11, { response: false, remission: false, reliableChange: 'improved' }],
    ['phq9', 8, 4, { response: true, remission: true, reliableChange: 'none' }],
    ['phq9', 12, 4, { response: true, remission: true, reliableChange: 'improved' }],
    ['phq9', 4, 4, { response: false, remission: true, reliableChange: 'none' }],
    ['phq9', 0, 0, { response: false, remission: true, reliableChange: 'none' }],
    ['phq9', 10, 15, { response: false, remission: false, reliableChange: 'deteriorated' }],
    ['phq9', 10, 14, { response: false, remission: false, reliableChange: 'none' }],
    ['gad7', 14, 7, { response: true, remission: false, reliableChange: 'improved' }],
    ['gad7', 9, 5, { response: false, remission: false, reliableChange: 'improved' }],
    ['gad7', 6, 4, { response: false, remission: true, reliableChange: 'none' }],
    ['gad7', 6, 10, { response: false, remission: false, reliableChange: 'deteriorated' }],
    ['pcl5', 50, 40, { response: false, remission: false, reliableChange: 'improved' }],
    ['pcl5', 50, 25, { response: true, remission: false, reliableChange: 'improved' }],
    // No reliable-change or remission convention for DAST-10: only response is marked.
    ['dast10', 6, 2, { response: true, remission: false, reliableChange: 'none' }],
  ])('%s %i → %i', (inst, baseline, current, want) => {
    expect(changeFromBaseline(inst, baseline, current)).toMatchObject(want);
  });
});

describe('worsening', () => {
  it.each<[string, InstrumentId, BandSet['bands'] | null, number | null, number | null, number, string[]]>([
    ['first score never worsens', 'phq9', phqBands, null, null, 27, []],
    ['same band, small rise', 'phq9', phqBands, 10, 10, 12, []],
    ['moderate → moderately severe', 'phq9', phqBands, 12, 13, 15, ['worse_band']],
    ['reliable rise in one band', 'phq9', phqBands, 20, 20, 25, ['reliable_deterioration']],
    ['both', 'phq9', phqBands, 4, 4, 10, ['reliable_deterioration', 'worse_band']],
    ['improvement', 'phq9', phqBands, 20, 18, 9, []],
    ['crosses the baseline line in small steps', 'phq9', phqBands, 10, 13, 15, ['reliable_deterioration', 'worse_band']],
    ['already past the baseline line: no repeat', 'phq9', phqBands, 10, 16, 17, []],
    ['GAD-7 4 points', 'gad7', gadBands, 10, 10, 14, ['reliable_deterioration']],
    ['GAD-7 mild → moderate', 'gad7', gadBands, 7, 8, 10, ['worse_band']],
    ['no bands, no rule', 'bam', null, 3, 3, 9, []],
  ])('%s', (_name, inst, bands, baseline, previous, current, want) => {
    expect(worsening(inst, bands, { baseline, previous, current })).toEqual(want);
  });
});

describe('trendOf', () => {
  it('marks baseline, response, remission and reliable change along a falling PHQ-9', () => {
    const t = trendOf('phq9', phqBands, [
      { at: '2026-10-01', total: 18 },
      { at: '2026-10-15', total: 12 },
      { at: '2026-10-29', total: 8 },
      { at: '2026-11-12', total: 4 },
    ]);
    expect(t.map((p) => [p.bandCode, p.baseline, p.response, p.remission, p.reliableChange])).toEqual([
      ['moderately_severe', true, false, false, 'none'],
      ['moderate', false, false, false, 'improved'],
      ['mild', false, true, false, 'improved'],
      ['minimal', false, true, true, 'improved'],
    ]);
  });
  it('is empty for no scores', () => expect(trendOf('phq9', phqBands, [])).toEqual([]));
});
