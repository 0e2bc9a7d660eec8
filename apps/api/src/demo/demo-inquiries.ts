import {
  evaluatePrescreen,
  type CoverageInput,
  type InquiryStage,
  type PrescreenAnswers,
  type PrescreenSubstance,
  type ReferralSource,
  noConcernAnswers,
} from '@openiop/core';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { inquiries, inquiryCoverages, inquiryFollowUps, inquiryPrescreens, publicIntakePages } from '../db/schema/index';
import { familyNames, givenFemale, givenMale } from './names';
import { Rng } from './random';

/** The demo organization's public "request help" page lives at /help/riverbend. */
export const DEMO_HELP_SLUG = 'riverbend';

const STAGES: InquiryStage[] = [
  ...Array<InquiryStage>(6).fill('new'),
  ...Array<InquiryStage>(5).fill('pre_screened'),
  ...Array<InquiryStage>(5).fill('intake_booked'),
  'referred_elsewhere',
  'referred_elsewhere',
  'lost',
  'lost',
];
const SOURCES: ReferralSource[] = ['self', 'self', 'family', 'hospital', 'court', 'employer', 'treatment_provider', 'health_provider'];
const PAYERS = ['Cascade Health Plan', 'Summit Mutual', 'Evergreen Medicaid', 'Front Range Care'];
const calm = noConcernAnswers;

/**
 * About twenty inquiries across the board with follow-ups (some overdue), pre-screens judged by the real rules,
 * and insurance or self-pay terms. Its own generator, so adding it leaves the rest of the demo unchanged.
 */
export async function seedInquiries(
  tx: Db,
  o: { organizationId: string; slug: string; now: Date; locationIds: string[]; admissionsId: string; directorId: string; seed: number },
): Promise<void> {
  const rng = new Rng(o.seed);
  const hour = 3_600_000;
  await tx.insert(publicIntakePages).values({
    organizationId: o.organizationId,
    slug: o.slug,
    enabled: true,
    locationId: o.locationIds[0] ?? null,
    formSecret: rng.uuid() + rng.uuid(),
    createdAt: o.now,
    updatedAt: o.now,
  });
  for (const [n, stage] of STAGES.entries()) {
    const id = rng.uuid();
    const female = rng.chance(0.5);
    const given = rng.pick(female ? givenFemale : givenMale);
    const family = rng.pick(familyNames);
    const source = rng.pick(SOURCES);
    const web = stage === 'new' && n % 3 === 0;
    const substances = [rng.pick<PrescreenSubstance>(['alcohol', 'alcohol', 'opioids', 'stimulants', 'cannabis', 'benzodiazepines'])];
    const createdAt = new Date(o.now.getTime() - rng.int(2, 24 * 12) * hour);
    const forOther = source === 'family';
    await tx.insert(inquiries).values({
      id,
      organizationId: o.organizationId,
      stage,
      channel: web ? 'web_form' : 'phone',
      callerName: forOther ? `${rng.pick(female ? givenMale : givenFemale)} ${family}` : null,
      callerRelationship: forOther ? rng.pick(['parent', 'partner', 'sibling']) : source === 'self' ? 'self' : 'professional',
      givenName: given,
      familyName: web ? null : family,
      dateOfBirth: web
        ? null
        : `${rng.int(1965, 2004)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      phone: `+1 555 01${rng.int(10, 99)} ${rng.int(1000, 9999)}`,
      referralSource: web ? 'self' : source,
      referralDetail: source === 'court' ? 'Drug court, Judge Alvarez' : source === 'hospital' ? 'ED discharge planner' : null,
      substances,
      urgency: rng.pick(['routine', 'routine', 'soon', 'urgent']),
      insuranceSummary: rng.chance(0.7) ? rng.pick(PAYERS) : 'Not sure',
      bestTimeToCall: rng.pick(['Mornings', 'After 5 pm', 'Lunch break', 'Any time']),
      notes: web ? 'Sent from the request-help page.' : null,
      locationId: o.locationIds[rng.int(0, o.locationIds.length - 1)] ?? null,
      assigneeId: stage === 'new' && n % 2 ? null : o.admissionsId,
      prescreenVerdict: null,
      stageReason: stage === 'lost' ? rng.pick(['unreachable', 'cost']) : stage === 'referred_elsewhere' ? 'higher_level_of_care' : null,
      referredTo: stage === 'referred_elsewhere' ? 'Mercy Hospital inpatient withdrawal unit' : null,
      stageChangedAt: createdAt,
      createdAt,
      updatedAt: createdAt,
    });
    // A call-back for every open inquiry; about a third are overdue so the board shows them.
    if (stage === 'new' || stage === 'pre_screened' || stage === 'intake_booked') {
      const overdue = n % 3 === 1;
      await tx.insert(inquiryFollowUps).values({
        organizationId: o.organizationId,
        inquiryId: id,
        what:
          stage === 'intake_booked' ? 'Confirm intake appointment' : stage === 'pre_screened' ? 'Verify insurance benefits' : 'Call back',
        dueAt: new Date(o.now.getTime() + (overdue ? -rng.int(2, 30) : rng.int(1, 48)) * hour),
        assigneeId: o.admissionsId,
        createdAt,
        updatedAt: createdAt,
      });
    }
    if (stage === 'new') continue;
    const days = rng.int(3, 60);
    const answers: PrescreenAnswers =
      stage === 'referred_elsewhere'
        ? { ...calm, substances: [{ substance: 'alcohol', dailyUse: true, daysOfUse: days + 10 }], pastWithdrawalSeizures: true }
        : {
            ...calm,
            substances: substances.map((s) => ({ substance: s, dailyUse: rng.chance(0.4), daysOfUse: days })),
            housing: rng.chance(0.15) ? 'unstable' : 'stable',
            canAttendSchedule: rng.chance(0.85),
          };
    const result = evaluatePrescreen(answers);
    await tx.insert(inquiryPrescreens).values({
      organizationId: o.organizationId,
      inquiryId: id,
      number: 1,
      answers,
      verdict: result.verdict,
      flags: result.flags,
      ruleVersion: result.ruleVersion,
      recordedAt: new Date(createdAt.getTime() + hour),
      recordedBy: o.admissionsId,
    });
    await tx.update(inquiries).set({ prescreenVerdict: result.verdict }).where(eq(inquiries.id, id));
    if (stage === 'intake_booked' || stage === 'pre_screened') {
      const selfPay = rng.chance(0.25);
      const terms: CoverageInput = selfPay
        ? {
            kind: 'self_pay',
            programWeeks: 10,
            daysPerWeek: 3,
            dayRateCents: 45_000,
            selfPayDayRateCents: 30_000,
            paymentPlan: { instalments: 6, firstDueOn: o.now.toISOString().slice(0, 10) },
          }
        : {
            kind: 'insurance',
            payerName: rng.pick(PAYERS),
            planName: rng.pick(['PPO Gold', 'HMO Select', 'Standard']),
            memberId: `M${rng.int(1_000_000, 9_999_999)}`,
            groupId: `G${rng.int(1000, 9999)}`,
            subscriberRelationship: 'self',
            subscriberName: null,
            subscriberDateOfBirth: null,
            iopCovered: rng.chance(0.9),
            authorizationRequired: rng.chance(0.6),
            copayPerDayCents: rng.chance(0.5) ? rng.pick([2_000, 3_500, 5_000]) : null,
            coinsurancePercent: rng.chance(0.5) ? rng.pick([10, 20, 30]) : null,
            deductibleCents: rng.pick([50_000, 150_000, 300_000]),
            deductibleMetCents: rng.pick([0, 25_000, 100_000]),
            outOfPocketMaxCents: rng.pick([300_000, 600_000, null]),
            outOfPocketMetCents: 0,
            programWeeks: 10,
            daysPerWeek: 3,
            dayRateCents: 45_000,
          };
      await tx.insert(inquiryCoverages).values({
        organizationId: o.organizationId,
        inquiryId: id,
        kind: terms.kind,
        payerName: terms.kind === 'insurance' ? terms.payerName : null,
        terms,
        createdAt,
        updatedAt: createdAt,
      });
    }
  }
}
