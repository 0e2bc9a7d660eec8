import { z } from 'zod';
import { callerRelationships } from './inquiries';
import { email, id, isoDate, optionalText, phone, text } from './common';
import { episodeView } from './episodes';
import { levelsOfCare, patientCreate } from './patients';
import { prescreenSubstances } from '../inquiries/prescreen';

const cents = (what: string) => z.number().int(`${what} must be whole cents`).min(0, 'must be 0 or more').max(100_000_000, 'is too large');

const programAssumptions = {
  programWeeks: z.number().int().min(1).max(52).default(10),
  daysPerWeek: z.number().int().min(1).max(7).default(3),
  dayRateCents: cents('dayRateCents').default(45_000),
};

export const subscriberRelationships = ['self', 'spouse', 'parent', 'other'] as const;

const insurance = z
  .strictObject({
    kind: z.literal('insurance'),
    payerName: text(200),
    planName: optionalText(200),
    memberId: text(60),
    groupId: optionalText(60),
    subscriberRelationship: z.enum(subscriberRelationships),
    subscriberName: optionalText(200),
    subscriberDateOfBirth: isoDate.nullish(),
    iopCovered: z.boolean().nullable(),
    authorizationRequired: z.boolean().nullable(),
    copayPerDayCents: cents('copayPerDayCents').nullable(),
    coinsurancePercent: z.number().int().min(0).max(100).nullable(),
    deductibleCents: cents('deductibleCents'),
    deductibleMetCents: cents('deductibleMetCents'),
    outOfPocketMaxCents: cents('outOfPocketMaxCents').nullable(),
    outOfPocketMetCents: cents('outOfPocketMetCents').default(0),
    ...programAssumptions,
  })
  .superRefine((c, ctx) => {
    if (c.subscriberRelationship !== 'self') {
      if (!c.subscriberName)
        ctx.addIssue({ code: 'custom', path: ['subscriberName'], message: 'is required when the subscriber is someone else' });
      if (!c.subscriberDateOfBirth)
        ctx.addIssue({ code: 'custom', path: ['subscriberDateOfBirth'], message: 'is required when the subscriber is someone else' });
    }
  });

const selfPay = z.strictObject({
  kind: z.literal('self_pay'),
  selfPayDayRateCents: cents('selfPayDayRateCents').nullish(),
  paymentPlan: z.strictObject({ instalments: z.number().int().min(1).max(24), firstDueOn: isoDate }).nullish(),
  ...programAssumptions,
});

export const coverageInput = z.discriminatedUnion('kind', [insurance, selfPay]);
export type CoverageInput = z.infer<typeof coverageInput>;

export const coverageView = z.object({ coverage: coverageInput.nullable(), version: z.number().int() });
export type CoverageView = z.infer<typeof coverageView>;

export const costEstimateView = z.object({
  personName: z.string(),
  organizationName: z.string(),
  kind: z.enum(['insurance', 'self_pay']),
  payerName: z.string().nullable(),
  authorizationRequired: z.boolean().nullable(),
  iopCoveredKnown: z.boolean(),
  days: z.number().int(),
  chargesCents: z.number().int(),
  personPaysCents: z.number().int(),
  planPaysCents: z.number().int(),
  lines: z.array(z.object({ label: z.string(), working: z.string(), amountCents: z.number().int() })),
  notes: z.array(z.string()),
  paymentPlan: z.array(z.object({ number: z.number().int(), dueOn: z.string(), amountCents: z.number().int() })).nullable(),
  computedAt: z.string(),
});
export type CostEstimateView = z.infer<typeof costEstimateView>;

const newPatient = patientCreate.omit({ locationId: true }).extend({ mode: z.literal('new') });
const existingPatient = z.strictObject({ mode: z.literal('existing'), patientId: id });

export const admissionCreate = z.strictObject({
  patient: z.discriminatedUnion('mode', [newPatient, existingPatient]),
  levelOfCare: z.enum(levelsOfCare),
  locationId: id,
  primaryClinicianId: id.nullish(),
  /** Programs usually plan 8–12 weeks; 10 is the default. */
  plannedWeeks: z.number().int().min(1).max(52).default(10),
  track: optionalText(100),
  /** Set when the person starts today; left out, the episode is pending until the first session. */
  admittedOn: isoDate.nullish(),
  /** A new patient although a possible existing record was found: staff have checked it is someone else. */
  confirmedNotDuplicate: z.boolean().default(false),
  /** Needed when the pre-screen said IOP is not safe: why the team admits anyway. */
  clinicalOverride: optionalText(1000),
});
export type AdmissionCreate = z.infer<typeof admissionCreate>;

export const admissionResult = z.object({ inquiryId: id, patientId: id, episode: episodeView });
export type AdmissionResult = z.infer<typeof admissionResult>;

/** The public "request help" form: few fields, all optional but a way to reach the person. */
export const publicHelpRequest = z
  .strictObject({
    formToken: z.string().max(200),
    /** Honeypot: hidden from people, filled in by bots. Must stay empty. */
    website: z.string().max(200).optional(),
    forSelf: z.boolean(),
    callerName: optionalText(200),
    callerRelationship: z.enum(callerRelationships).nullish(),
    givenName: text(100),
    familyName: optionalText(100),
    phone: phone.nullish(),
    email: email.nullish(),
    bestTimeToCall: optionalText(200),
    substances: z.array(z.enum(prescreenSubstances)).max(prescreenSubstances.length).default([]),
    message: optionalText(2000),
  })
  .superRefine((r, ctx) => {
    if (!r.phone && !r.email)
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'give a phone number or an e-mail so we can reach you' });
    if (!r.forSelf && !r.callerName)
      ctx.addIssue({ code: 'custom', path: ['callerName'], message: 'is required when asking for someone else' });
  });
export type PublicHelpRequest = z.infer<typeof publicHelpRequest>;

export const publicHelpForm = z.object({ organizationName: z.string(), formToken: z.string(), crisisLine: z.string() });
export const publicHelpReceipt = z.object({ nextSteps: z.string(), crisisLine: z.string(), emergency: z.string() });
