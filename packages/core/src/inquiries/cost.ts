/**
 * What the program will cost the person, estimated before admission so nobody starts care blind to the bill.
 * Money is integer cents throughout; the arithmetic is returned line by line so the estimate can be printed and
 * checked by hand. The model is deliberately simple and documented: each program day is charged at the
 * program's day rate; the unmet deductible is paid first, then the copay per day, then coinsurance on what is
 * left, and the person's total is capped at what remains of the out-of-pocket maximum.
 */

export interface InsuranceTerms {
  kind: 'insurance';
  iopCovered: boolean;
  copayPerDayCents: number | null;
  /** Whole percent, 0–100. */
  coinsurancePercent: number | null;
  deductibleCents: number;
  deductibleMetCents: number;
  outOfPocketMaxCents: number | null;
  outOfPocketMetCents: number;
}

export interface SelfPayTerms {
  kind: 'self_pay';
}

export interface ProgramLength {
  weeks: number;
  daysPerWeek: number;
  /** What the program charges (or the plan allows) for one IOP day. */
  dayRateCents: number;
  /** Self-pay only: a discounted day rate, when the program offers one. */
  selfPayDayRateCents?: number | null;
}

export interface CostLine {
  label: string;
  /** The arithmetic in words and numbers, e.g. "30 days × $450.00". */
  working: string;
  amountCents: number;
}

export interface CostEstimate {
  days: number;
  chargesCents: number;
  lines: CostLine[];
  personPaysCents: number;
  planPaysCents: number;
  notes: string[];
}

export const formatCents = (c: number): string => {
  const sign = c < 0 ? '-' : '';
  const abs = Math.abs(c);
  return `${sign}$${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
};

/** Half-up rounding of `cents × percent / 100` in integers, so no floating-point cent ever appears. */
export const percentOf = (cents: number, percent: number): number => Math.floor((cents * percent + 50) / 100);

export function estimateCost(terms: InsuranceTerms | SelfPayTerms, program: ProgramLength): CostEstimate {
  const days = program.weeks * program.daysPerWeek;
  const notes: string[] = [
    'An estimate, not a bill: the final amount depends on the days actually attended and on the plan’s claims decisions.',
  ];
  if (terms.kind === 'self_pay' || !terms.iopCovered) {
    const rate = terms.kind === 'self_pay' ? (program.selfPayDayRateCents ?? program.dayRateCents) : program.dayRateCents;
    const total = days * rate;
    if (terms.kind === 'insurance') notes.push('The plan does not cover IOP, so the estimate uses the program’s day rate.');
    return {
      days,
      chargesCents: total,
      lines: [
        {
          label: terms.kind === 'self_pay' ? 'Self-pay' : 'Not covered by the plan',
          working: `${days} days (${program.weeks} weeks × ${program.daysPerWeek} days) × ${formatCents(rate)}`,
          amountCents: total,
        },
      ],
      personPaysCents: total,
      planPaysCents: 0,
      notes,
    };
  }

  const rate = program.dayRateCents;
  const charges = days * rate;
  let deductibleLeft = Math.max(0, terms.deductibleCents - terms.deductibleMetCents);
  const deductibleAtStart = deductibleLeft;
  let copay = 0;
  let copayDays = 0;
  let coinsuranceBase = 0;
  for (let d = 0; d < days; d += 1) {
    const toDeductible = Math.min(rate, deductibleLeft);
    deductibleLeft -= toDeductible;
    let rest = rate - toDeductible;
    if (terms.copayPerDayCents !== null && rest > 0) {
      const c = Math.min(terms.copayPerDayCents, rest);
      copay += c;
      copayDays += 1;
      rest -= c;
    }
    coinsuranceBase += rest;
  }
  const deductible = deductibleAtStart - deductibleLeft;
  const percent = terms.coinsurancePercent ?? 0;
  const coinsurance = percentOf(coinsuranceBase, percent);
  const lines: CostLine[] = [
    {
      label: 'Program charges',
      working: `${days} days (${program.weeks} weeks × ${program.daysPerWeek} days) × ${formatCents(rate)} — for reference, not all paid by the person`,
      amountCents: charges,
    },
    {
      label: 'Deductible',
      working: `${formatCents(terms.deductibleCents)} deductible − ${formatCents(terms.deductibleMetCents)} already met = ${formatCents(deductibleAtStart)} left; ${formatCents(deductible)} falls in this program`,
      amountCents: deductible,
    },
  ];
  if (terms.copayPerDayCents !== null)
    lines.push({
      label: 'Copays',
      working: `${copayDays} days × up to ${formatCents(terms.copayPerDayCents)} per day (after the deductible)`,
      amountCents: copay,
    });
  if (terms.coinsurancePercent !== null)
    lines.push({
      label: 'Coinsurance',
      working: `${percent}% of ${formatCents(coinsuranceBase)} (what is left after deductible and copays)`,
      amountCents: coinsurance,
    });
  let person = deductible + copay + coinsurance;
  if (terms.outOfPocketMaxCents !== null) {
    const oopLeft = Math.max(0, terms.outOfPocketMaxCents - terms.outOfPocketMetCents);
    if (person > oopLeft) {
      lines.push({
        label: 'Out-of-pocket maximum',
        working: `${formatCents(terms.outOfPocketMaxCents)} maximum − ${formatCents(terms.outOfPocketMetCents)} already paid this year = ${formatCents(oopLeft)}: the person pays no more than that`,
        amountCents: oopLeft - person,
      });
      person = oopLeft;
      notes.push('The out-of-pocket maximum caps what the person pays this plan year.');
    }
  }
  return { days, chargesCents: charges, lines, personPaysCents: person, planPaysCents: charges - person, notes };
}

export interface Instalment {
  number: number;
  dueOn: string;
  amountCents: number;
}

function addMonths(isoDay: string, months: number, dayOfMonth: number): string {
  const [y, m] = isoDay.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(dayOfMonth, last)).padStart(2, '0')}`;
}

/**
 * A monthly self-pay plan whose instalments add up exactly to the total: the cents that do not divide evenly
 * go on the first instalments, one each, so no amount differs from another by more than a cent. A due day that
 * a short month lacks (the 31st) falls on that month's last day.
 */
export function paymentPlan(totalCents: number, instalments: number, firstDueOn: string): Instalment[] {
  if (!Number.isInteger(totalCents) || totalCents < 0) throw new RangeError('total must be whole, non-negative cents');
  if (!Number.isInteger(instalments) || instalments < 1) throw new RangeError('at least one instalment');
  const base = Math.floor(totalCents / instalments);
  const extra = totalCents - base * instalments;
  const day = Number(firstDueOn.slice(8, 10));
  return Array.from({ length: instalments }, (_, i) => ({
    number: i + 1,
    dueOn: addMonths(firstDueOn, i, day),
    amountCents: base + (i < extra ? 1 : 0),
  }));
}
