import { describe, expect, it } from 'vitest';
import {
  authorizationUse,
  authorizationWarnings,
  billableUnits,
  newAuthorizationWarnings,
  serviceCodeFor,
  type AuthorizationFacts,
  type BillingFacts,
  type BookedService,
  type ServiceKind,
} from './authorizations';

const iop: BillingFacts = { levelOfCare: '2.1', perDiem: true };
const iopNotPerDiem: BillingFacts = { levelOfCare: '2.1', perDiem: false };
const php: BillingFacts = { levelOfCare: '2.5', perDiem: true };

describe('serviceCodeFor', () => {
  const cases: [ServiceKind, number, BillingFacts, string | null][] = [
    ['group', 180, iop, 'H0015'],
    ['group', 180, iopNotPerDiem, '90853'],
    ['group', 90, php, '90853'],
    ['individual', 60, iop, '90837'],
    ['individual', 53, iop, '90837'],
    ['individual', 52, iop, '90834'],
    ['individual', 50, iop, '90834'],
    ['individual', 38, iop, '90834'],
    ['individual', 37, iop, '90832'],
    ['individual', 16, iop, '90832'],
    ['individual', 15, iop, null],
    ['family', 50, iop, '90847'],
    ['family', 26, iop, '90847'],
    ['family', 25, iop, null],
    ['drug_test', 15, iop, '80305'],
  ];
  it.each(cases)('%s of %i min → %s', (kind, minutes, facts, code) => expect(serviceCodeFor(kind, minutes, facts)).toBe(code));
});

const s = (id: string, day: string, kind: ServiceKind = 'group', minutes = 180): BookedService => ({ id, day, kind, minutes });
const auth = (over: Partial<AuthorizationFacts> = {}): AuthorizationFacts => ({
  id: 'a1',
  payer: 'Acme Health',
  serviceCodes: [],
  unitsAuthorized: 10,
  unitsUsed: 0,
  startsOn: '2026-11-01',
  endsOn: '2026-12-31',
  ...over,
});

describe('billableUnits', () => {
  it('makes one per-diem unit of two groups on one day, and one unit per individual session', () => {
    const units = billableUnits([s('g1', '2026-12-01'), s('g2', '2026-12-01'), s('i1', '2026-12-01', 'individual', 50)], iop);
    expect(units).toEqual([
      { code: 'H0015', day: '2026-12-01', serviceIds: ['g1', 'g2'] },
      { code: '90834', day: '2026-12-01', serviceIds: ['i1'] },
    ]);
  });
  it('makes one unit per group when the person is not billed per diem', () =>
    expect(billableUnits([s('g1', '2026-12-01'), s('g2', '2026-12-01')], iopNotPerDiem).map((u) => u.code)).toEqual(['90853', '90853']));
  it('leaves out a session too short to bill', () => expect(billableUnits([s('i1', '2026-12-01', 'individual', 10)], iop)).toEqual([]));
});

describe('authorizationUse', () => {
  const today = '2026-12-02';
  const week = [s('g1', '2026-11-30'), s('g2', '2026-12-01'), s('g3', '2026-12-02'), s('g4', '2026-12-03'), s('g5', '2026-12-04')];
  const cases: [
    string,
    AuthorizationFacts[],
    BookedService[],
    BillingFacts,
    { used: number; scheduled: number; left: number | null; over: number }[],
  ][] = [
    ['past sessions count as used, today and later as scheduled', [auth()], week, iop, [{ used: 2, scheduled: 3, left: 8, over: 0 }]],
    ['units recorded as used add to past sessions', [auth({ unitsUsed: 5 })], week, iop, [{ used: 7, scheduled: 3, left: 3, over: 0 }]],
    ['more scheduled than left', [auth({ unitsAuthorized: 4 })], week, iop, [{ used: 2, scheduled: 3, left: 2, over: 1 }]],
    ['left never goes below 0', [auth({ unitsAuthorized: 1 })], week, iop, [{ used: 2, scheduled: 3, left: 0, over: 3 }]],
    ['no unit limit: dates only', [auth({ unitsAuthorized: null })], week, iop, [{ used: 2, scheduled: 3, left: null, over: 0 }]],
    ['another code is not counted', [auth({ serviceCodes: ['90837'] })], week, iop, [{ used: 0, scheduled: 0, left: 10, over: 0 }]],
    [
      'sessions outside its dates are not counted',
      [auth({ endsOn: '2026-12-02' })],
      week,
      iop,
      [{ used: 2, scheduled: 1, left: 8, over: 0 }],
    ],
    [
      'two that cover the same code: the one ending first takes the units',
      [auth({ id: 'late', endsOn: '2027-01-31' }), auth({ id: 'early', endsOn: '2026-12-03' })],
      week,
      iop,
      [
        { used: 0, scheduled: 1, left: 10, over: 0 },
        { used: 2, scheduled: 2, left: 8, over: 0 },
      ],
    ],
    [
      'individual and group authorizations each take their own',
      [auth({ id: 'grp', serviceCodes: ['90853'] }), auth({ id: 'ind', serviceCodes: ['90834', '90837'], unitsAuthorized: 1 })],
      [s('g1', '2026-12-03'), s('i1', '2026-12-03', 'individual', 50), s('i2', '2026-12-04', 'individual', 60)],
      php,
      [
        { used: 0, scheduled: 1, left: 10, over: 0 },
        { used: 0, scheduled: 2, left: 1, over: 1 },
      ],
    ],
  ];
  it.each(cases)('%s', (_name, auths, services, facts, expected) =>
    expect(
      authorizationUse(auths, services, facts, today).map((u) => ({
        used: u.unitsUsed,
        scheduled: u.unitsScheduled,
        left: u.unitsLeft,
        over: u.overBy,
      })),
    ).toEqual(expected),
  );
});

describe('authorizationWarnings', () => {
  const today = '2026-12-02';
  const range = { from: '2026-11-30', to: '2026-12-06' };
  const week = [s('g1', '2026-11-30'), s('g2', '2026-12-01'), s('g3', '2026-12-02'), s('g4', '2026-12-03'), s('g5', '2026-12-04')];
  const cases: [string, AuthorizationFacts[], BookedService[], string[]][] = [
    ['enough units: nothing', [auth()], week, []],
    [
      '3 units left, 4 scheduled',
      [auth({ unitsAuthorized: 5 })],
      [...week, s('g6', '2026-12-05')],
      ['Acme Health: 3 units left, 4 scheduled'],
    ],
    ['1 unit left, singular', [auth({ unitsAuthorized: 3 })], week, ['Acme Health: 1 unit left, 3 scheduled']],
    ['exactly enough: nothing', [auth({ unitsAuthorized: 5 })], week, []],
    ['ends mid-week', [auth({ endsOn: '2026-12-02' })], week, ["Acme Health: past the authorization's end (ends 2026-12-02)"]],
    ['starts mid-week', [auth({ startsOn: '2026-12-03' })], week, ['Acme Health: before the authorization starts (starts 2026-12-03)']],
    ['a code no authorization covers warns nothing', [auth({ serviceCodes: ['90847'], endsOn: '2026-11-15' })], week, []],
    [
      'a newer authorization covers what the older does not',
      [auth({ id: 'old', endsOn: '2026-12-01' }), auth({ id: 'new', startsOn: '2026-12-02', endsOn: '2027-01-31' })],
      week,
      [],
    ],
    [
      'used up in an earlier week, more in this one',
      [auth({ unitsAuthorized: 2, startsOn: '2026-11-01' })],
      [s('p1', '2026-11-20'), s('p2', '2026-11-21'), s('g4', '2026-12-03')],
      ['Acme Health: 0 units left, 1 scheduled'],
    ],
    [
      'over, but only in a later week: not this week\u2019s warning',
      [auth({ unitsAuthorized: 3 })],
      [s('g1', '2026-11-30'), s('n1', '2026-12-08'), s('n2', '2026-12-09'), s('n3', '2026-12-10')],
      [],
    ],
  ];
  it.each(cases)('%s', (_name, auths, services, expected) =>
    expect(authorizationWarnings(auths, services, iop, today, range).map((w) => w.message)).toEqual(expected),
  );

  it('lists the days past the end once each', () => {
    const [w] = authorizationWarnings([auth({ endsOn: '2026-12-02' })], [...week, s('g4b', '2026-12-03', 'group', 60)], iop, today, range);
    expect(w).toMatchObject({ kind: 'ended', endsOn: '2026-12-02', days: ['2026-12-03', '2026-12-04'] });
  });

  it('a change that adds a session over the units is a new warning; a change that adds nothing is not', () => {
    const a = [auth({ unitsAuthorized: 5 })];
    const before = authorizationWarnings(a, week, iop, today, range);
    const after = authorizationWarnings(a, [...week, s('g6', '2026-12-05')], iop, today, range);
    expect(newAuthorizationWarnings(before, after).map((w) => w.message)).toEqual(['Acme Health: 3 units left, 4 scheduled']);
    expect(newAuthorizationWarnings(after, after)).toEqual([]);
  });
});
