import { describe, expect, it } from 'vitest';
import { estimateCost, formatCents, paymentPlan, percentOf, type InsuranceTerms } from './cost';

const program = { weeks: 10, daysPerWeek: 3, dayRateCents: 45_000 }; // 30 days × $450 = $13,500
const plan: InsuranceTerms = {
  kind: 'insurance',
  iopCovered: true,
  copayPerDayCents: null,
  coinsurancePercent: null,
  deductibleCents: 0,
  deductibleMetCents: 0,
  outOfPocketMaxCents: null,
  outOfPocketMetCents: 0,
};

describe('estimateCost', () => {
  const cases: [string, Partial<InsuranceTerms>, number][] = [
    ['fully covered, nothing owed', {}, 0],
    ['copay only: 30 × $40', { copayPerDayCents: 4_000 }, 120_000],
    ['coinsurance 20% of $13,500', { coinsurancePercent: 20 }, 270_000],
    ['whole deductible unmet, then 20%', { deductibleCents: 100_000, coinsurancePercent: 20 }, 100_000 + 250_000],
    // $1,500 deductible with $1,200 met: $300 left, paid on day 1; day 1's remaining $150 then takes the copay.
    [
      'deductible partly met, then copay',
      { deductibleCents: 150_000, deductibleMetCents: 120_000, copayPerDayCents: 2_500 },
      30_000 + 30 * 2_500,
    ],
    // Deductible $900 eats days 1–2 entirely: copay applies on the 28 days that still have a balance.
    ['deductible covers whole days, copay only after', { deductibleCents: 90_000, copayPerDayCents: 5_000 }, 90_000 + 28 * 5_000],
    ['met more than the deductible', { deductibleCents: 50_000, deductibleMetCents: 80_000, copayPerDayCents: 1_000 }, 30_000],
    [
      'OOP max caps the total',
      { deductibleCents: 300_000, coinsurancePercent: 30, outOfPocketMaxCents: 400_000, outOfPocketMetCents: 50_000 },
      350_000,
    ],
    ['OOP max already reached', { coinsurancePercent: 30, outOfPocketMaxCents: 400_000, outOfPocketMetCents: 400_000 }, 0],
    ['OOP max above the total does not cap', { coinsurancePercent: 10, outOfPocketMaxCents: 900_000 }, 135_000],
    ['copay then coinsurance on the rest', { copayPerDayCents: 5_000, coinsurancePercent: 10 }, 150_000 + 120_000],
    ['not covered → program rate', { iopCovered: false, copayPerDayCents: 4_000 }, 1_350_000],
  ];
  it.each(cases)('%s', (_name, change, person) => {
    const e = estimateCost({ ...plan, ...change }, program);
    expect(e.personPaysCents).toBe(person);
    expect(e.planPaysCents).toBe(e.chargesCents - person);
    expect(e.days).toBe(30);
    // The lines after "Program charges" add up to what the person pays.
    const paid = e.lines.filter((l) => l.label !== 'Program charges').reduce((s, l) => s + l.amountCents, 0);
    expect(paid).toBe(person);
  });

  it('rounds coinsurance half up in whole cents', () => {
    const e = estimateCost({ ...plan, coinsurancePercent: 15 }, { weeks: 1, daysPerWeek: 1, dayRateCents: 333 });
    expect(e.personPaysCents).toBe(50); // 15% of 333 = 49.95
  });

  it('self-pay uses the self-pay rate when there is one', () => {
    const e = estimateCost({ kind: 'self_pay' }, { ...program, selfPayDayRateCents: 30_000 });
    expect(e.personPaysCents).toBe(900_000);
    expect(e.lines[0]?.working).toBe('30 days (10 weeks × 3 days) × $300.00');
  });

  it('shows the arithmetic', () => {
    const e = estimateCost({ ...plan, deductibleCents: 150_000, deductibleMetCents: 120_000, coinsurancePercent: 20 }, program);
    expect(e.lines.map((l) => l.label)).toEqual(['Program charges', 'Deductible', 'Coinsurance']);
    expect(e.lines[1]?.working).toContain('$1,500.00 deductible − $1,200.00 already met = $300.00 left');
  });
});

describe('paymentPlan', () => {
  const cases: [string, number, number, string, number[], string[]][] = [
    ['even split', 90_000, 3, '2026-12-01', [30_000, 30_000, 30_000], ['2026-12-01', '2027-01-01', '2027-02-01']],
    ['leftover cents go first', 100_000, 3, '2026-12-15', [33_334, 33_333, 33_333], ['2026-12-15', '2027-01-15', '2027-02-15']],
    ['two leftover cents', 101, 3, '2026-01-10', [34, 34, 33], ['2026-01-10', '2026-02-10', '2026-03-10']],
    ['31st falls on month end', 300, 3, '2027-01-31', [100, 100, 100], ['2027-01-31', '2027-02-28', '2027-03-31']],
    ['leap February', 200, 2, '2028-01-30', [100, 100], ['2028-01-30', '2028-02-29']],
    ['one instalment', 12_345, 1, '2026-12-01', [12_345], ['2026-12-01']],
    ['more instalments than cents', 2, 4, '2026-12-01', [1, 1, 0, 0], ['2026-12-01', '2027-01-01', '2027-02-01', '2027-03-01']],
  ];
  it.each(cases)('%s', (_name, total, n, first, amounts, dates) => {
    const p = paymentPlan(total, n, first);
    expect(p.map((i) => i.amountCents)).toEqual(amounts);
    expect(p.map((i) => i.dueOn)).toEqual(dates);
    expect(p.reduce((s, i) => s + i.amountCents, 0)).toBe(total);
  });
  it('refuses fractional cents and zero instalments', () => {
    expect(() => paymentPlan(10.5, 2, '2026-12-01')).toThrow(RangeError);
    expect(() => paymentPlan(100, 0, '2026-12-01')).toThrow(RangeError);
  });
});

describe('money helpers', () => {
  it.each([
    [0, '$0.00'],
    [5, '$0.05'],
    [123_456, '$1,234.56'],
    [-250, '-$2.50'],
  ])('formatCents(%i) = %s', (c, s) => expect(formatCents(c)).toBe(s));
  it.each([
    [333, 15, 50],
    [100, 33, 33],
    [150, 1, 2],
    [149, 1, 1],
  ])('percentOf(%i, %i) = %i', (c, p, r) => expect(percentOf(c, p)).toBe(r));
});
