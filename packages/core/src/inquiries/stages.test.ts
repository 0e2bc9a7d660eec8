import { describe, expect, it } from 'vitest';
import {
  callBackDueAt,
  decideStageMove,
  inquiryStages,
  referralSources,
  stageMovesFrom,
  tedsPsource,
  type InquiryStage,
  type StageMove,
} from './stages';

describe('decideStageMove', () => {
  const allowed: [InquiryStage, StageMove, boolean][] = [
    ['new', { to: 'pre_screened' }, true],
    ['pre_screened', { to: 'intake_booked' }, true],
    ['intake_booked', { to: 'pre_screened', reasonText: 'intake cancelled' }, true],
    ['new', { to: 'lost', reason: 'unreachable' }, false],
    ['pre_screened', { to: 'referred_elsewhere', reason: 'higher_level_of_care', reasonText: 'inpatient detox' }, true],
    ['intake_booked', { to: 'lost', reason: 'other', reasonText: 'moved away' }, true],
    ['lost', { to: 'new' }, false],
    ['referred_elsewhere', { to: 'new' }, true],
  ];
  it.each(allowed)('%s → %o is allowed', (from, move, hasPrescreen) => {
    const d = decideStageMove(from, move, hasPrescreen);
    expect(d).toMatchObject({ ok: true, to: move.to });
  });

  const refused: [string, InquiryStage, StageMove, boolean, string][] = [
    ['admission only through Admit', 'intake_booked', { to: 'admitted' }, true, 'STAGE_NOT_ALLOWED'],
    ['skip pre-screen', 'new', { to: 'intake_booked' }, false, 'STAGE_NOT_ALLOWED'],
    ['admitted is final', 'admitted', { to: 'lost', reason: 'declined' }, true, 'STAGE_NOT_ALLOWED'],
    ['lost reopens only to new', 'lost', { to: 'intake_booked' }, true, 'STAGE_NOT_ALLOWED'],
    ['same stage', 'new', { to: 'new' }, false, 'STAGE_NOT_ALLOWED'],
    ['pre-screened without a pre-screen', 'new', { to: 'pre_screened' }, false, 'PRESCREEN_REQUIRED'],
    ['lost without reason', 'new', { to: 'lost' }, false, 'VALIDATION_FAILED'],
    ['lost with a referral reason', 'new', { to: 'lost', reason: 'insurance_network' }, false, 'VALIDATION_FAILED'],
    ['referred with a lost reason', 'new', { to: 'referred_elsewhere', reason: 'unreachable' }, false, 'VALIDATION_FAILED'],
    ['other without words', 'new', { to: 'lost', reason: 'other', reasonText: '  ' }, false, 'VALIDATION_FAILED'],
    ['reason on a forward move', 'new', { to: 'pre_screened', reason: 'cost' }, true, 'VALIDATION_FAILED'],
  ];
  it.each(refused)('%s', (_name, from, move, hasPrescreen, code) => {
    expect(decideStageMove(from, move, hasPrescreen)).toMatchObject({ ok: false, code });
  });

  it('names the missing field', () => {
    expect(decideStageMove('new', { to: 'lost', reason: 'other' }, false)).toEqual({
      ok: false,
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'reasonText', message: 'says what the other reason is' }],
    });
  });

  it('no stage offers a board move to admitted', () => {
    for (const s of inquiryStages) expect(stageMovesFrom(s)).not.toContain('admitted');
  });
});

describe('tedsPsource', () => {
  it.each([
    ['self', 1],
    ['family', 1],
    ['treatment_provider', 2],
    ['hospital', 3],
    ['school', 4],
    ['employer', 5],
    ['community', 6],
    ['court', 7],
  ] as const)('%s → %i', (source, code) => expect(tedsPsource[source]).toBe(code));
  it('maps every source to a TEDS code 1–7', () => {
    for (const s of referralSources) expect(tedsPsource[s]).toBeGreaterThanOrEqual(1);
  });
});

describe('callBackDueAt', () => {
  it.each([
    ['Monday → Tuesday', '2026-11-16T15:00:00Z', '2026-11-17T15:00:00Z'],
    ['Friday → Monday', '2026-11-20T15:00:00Z', '2026-11-23T15:00:00Z'],
    ['Saturday → Monday', '2026-11-21T09:30:00Z', '2026-11-23T09:30:00Z'],
    ['Sunday → Monday', '2026-11-22T23:59:00Z', '2026-11-23T23:59:00Z'],
  ])('%s', (_name, at, due) => expect(callBackDueAt(new Date(at)).toISOString()).toBe(new Date(due).toISOString()));
});
