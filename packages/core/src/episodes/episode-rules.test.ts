import { describe, expect, it } from 'vitest';
import { careStatusFor, changeEpisode, type EpisodeChange, type EpisodeState } from './episode-rules';

const TODAY = '2026-11-22';
const pending: EpisodeState = {
  status: 'pending',
  levelOfCare: '2.1',
  admittedOn: null,
  dischargedOn: null,
  primaryClinicianId: null,
  plannedWeeks: 10,
};
const active: EpisodeState = { ...pending, status: 'active', admittedOn: '2026-10-01' };
const discharged: EpisodeState = { ...active, status: 'discharged', dischargedOn: '2026-11-20' };

describe('changeEpisode', () => {
  const ok: [string, EpisodeState, EpisodeChange][] = [
    ['admit a pending episode', pending, { status: 'active', admittedOn: '2026-11-22' }],
    ['discharge an active one', active, { status: 'discharged', dischargedOn: '2026-11-22' }],
    ['discharge on the admission day', active, { status: 'discharged', dischargedOn: '2026-10-01' }],
    ['step down the level of care', active, { levelOfCare: '1.0' }],
    [
      'close a pending episode that never started (admitted and left the same day)',
      pending,
      { status: 'discharged', admittedOn: '2026-11-20', dischargedOn: '2026-11-20' },
    ],
  ];
  it.each(ok)('%s', (_name, current, change) => {
    const r = changeEpisode(current, change, TODAY);
    expect('next' in r ? r.next : r.errors).toMatchObject(change);
  });

  const bad: [string, EpisodeState, EpisodeChange, string][] = [
    ['admit without a date', pending, { status: 'active' }, 'admittedOn'],
    ['admit in the future', pending, { status: 'active', admittedOn: '2026-11-23' }, 'admittedOn'],
    ['discharge without a date', active, { status: 'discharged' }, 'dischargedOn'],
    ['discharge before admission', active, { status: 'discharged', dischargedOn: '2026-09-30' }, 'dischargedOn'],
    ['discharge in the future', active, { status: 'discharged', dischargedOn: '2026-12-01' }, 'dischargedOn'],
    ['back from active to pending', active, { status: 'pending' }, 'status'],
    ['change a discharged episode', discharged, { levelOfCare: '2.5' }, 'status'],
    ['a discharge date without discharging', active, { dischargedOn: '2026-11-01' }, 'dischargedOn'],
  ];
  it.each(bad)('refuses to %s', (_name, current, change, path) => {
    const r = changeEpisode(current, change, TODAY);
    expect('errors' in r && r.errors.map((e) => e.path)).toContain(path);
  });

  it.each([
    ['pending', 'pre_admission'],
    ['active', 'active'],
    ['discharged', 'discharged'],
  ] as const)('care status for %s is %s', (s, c) => expect(careStatusFor(s)).toBe(c));
});
