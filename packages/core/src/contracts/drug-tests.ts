import { z } from 'zod';
import { custodyActions, resultMethods, resultOutcomes, specimenTypes } from '../drug-testing/validity';
import { MAX_RATE_PER_WEEK } from '../drug-testing/selection';
import { substanceClasses } from '../drug-testing/substances';
import { id, isoDate, optionalText, text } from './common';

const rate = z
  .number({ message: 'must be a number' })
  .min(0, 'must be 0 or more')
  .max(MAX_RATE_PER_WEEK, `must be at most ${MAX_RATE_PER_WEEK} a week`);

/** A location's drug-testing rates: tests per person per week by phase number, a default, and the collection weekdays. */
export const drugTestSettingsInput = z.strictObject({
  ratesByPhase: z
    .record(z.string().regex(/^[1-9][0-9]?$/, 'must be a phase number'), rate)
    .refine((r) => Object.keys(r).length <= 20, 'must have at most 20 phases'),
  defaultRatePerWeek: rate,
  collectionWeekdays: z
    .array(z.number().int('must be a whole number').min(0, 'must be 0 (Monday) to 6 (Sunday)').max(6, 'must be 0 (Monday) to 6 (Sunday)'))
    .min(1, 'must have at least one collection day')
    .max(7)
    .refine((a) => new Set(a).size === a.length, 'must not repeat a weekday'),
});
export type DrugTestSettingsInput = z.infer<typeof drugTestSettingsInput>;
export const drugTestSettingsView = drugTestSettingsInput.extend({
  locationId: id,
  /** False until a director first saves the rates; no draw runs before then. */
  configured: z.boolean(),
  /** Phases of the location's program, to label the rates. */
  phases: z.array(z.object({ number: z.number().int(), name: z.string() })),
  version: z.number().int(),
});
export type DrugTestSettingsView = z.infer<typeof drugTestSettingsView>;

export const drugTestDrawRequest = z.strictObject({ day: isoDate });
export const drugTestDayParams = z.strictObject({ id, day: isoDate });

const person = z.object({ id, name: z.string().nullable(), mrn: z.string().nullable() });

export const drugTestDrawView = z.object({
  id,
  locationId: id,
  day: z.string(),
  drawnAt: z.string(),
  /** Null for the automatic draw at the start of the clinic day. */
  drawnBy: z.object({ id, name: z.string() }).nullable(),
  collectionDay: z.boolean(),
  /** Every eligible person with their chance that day; names only for people the reader may see. */
  entries: z.array(
    z.object({ patient: person, phase: z.number().int().nullable(), ratePerWeek: z.number(), p: z.number(), selected: z.boolean() }),
  ),
  eligibleCount: z.number().int(),
  selectedCount: z.number().int(),
});
export type DrugTestDrawView = z.infer<typeof drugTestDrawView>;

export const selectionStatuses = ['pending', 'collected', 'missed', 'refused', 'excused'] as const;
export const drugTestSelectionView = z.object({
  id,
  patient: z.object({ id, name: z.string(), mrn: z.string() }),
  day: z.string(),
  reason: z.enum(['random', 'for_cause', 'scheduled']),
  status: z.enum(selectionStatuses),
  collectionId: id.nullable(),
  /** Why a person was selected for cause; null for random and scheduled selections. */
  cause: z.string().nullable(),
  /** What the staff member who marked it missed, refused or excused wrote. */
  note: z.string().nullable(),
  version: z.number().int(),
});
export type DrugTestSelectionView = z.infer<typeof drugTestSelectionView>;

/** How far ahead a for-cause test may be set: a cause is about now, not next month. */
export const FOR_CAUSE_MAX_DAYS_AHEAD = 14;

/** A person selected for a test for cause (what the staff member saw, e.g. signs of use), today or on a day ahead. */
export const drugTestForCauseCreate = z.strictObject({ day: isoDate, cause: text(500) });
export type DrugTestForCauseCreate = z.infer<typeof drugTestForCauseCreate>;

/** What became of a selection no specimen came for: missed, refused or excused (which needs why); `pending` corrects it. */
export const selectionOutcomes = ['pending', 'missed', 'refused', 'excused'] as const;
export const drugTestSelectionUpdate = z
  .strictObject({ status: z.enum(selectionOutcomes), note: optionalText(500).default(null) })
  .refine((v) => v.status !== 'excused' || v.note !== null, { path: ['note'], message: 'must say why the test is excused' });
export type DrugTestSelectionUpdate = z.infer<typeof drugTestSelectionUpdate>;
export const drugTestSelectionList = z.object({
  day: z.string(),
  drawn: z.boolean(),
  collectionDay: z.boolean(),
  items: z.array(drugTestSelectionView),
});
export type DrugTestSelectionList = z.infer<typeof drugTestSelectionList>;
export const drugTestSelectionsQuery = z.strictObject({ day: isoDate });

const measured = (min: number, max: number) =>
  z.number({ message: 'must be a number' }).min(min, `must be ${min} or more`).max(max, `must be ${max} or less`);

export const drugTestValidityInput = z.strictObject({
  creatinine: measured(0, 1000).nullable().default(null),
  specificGravity: measured(1, 1.2).nullable().default(null),
  ph: measured(0, 14).nullable().default(null),
  oxidants: z.boolean().nullable().default(null),
});

/** A specimen collected. The custody id is the label on the cup and the requisition; `collected` is logged at once. */
export const drugTestCollectionCreate = z.strictObject({
  selectionId: id.nullable().default(null),
  specimenType: z.enum(specimenTypes),
  observed: z.boolean(),
  custodyId: text(60),
  temperatureC: measured(0, 50).nullable(),
  /** Minutes from voiding to the temperature reading (the reference asks for 4 or fewer). */
  temperatureMinutes: measured(0, 240).nullable(),
  validity: drugTestValidityInput.default({ creatinine: null, specificGravity: null, ph: null, oxidants: null }),
  /** When the specimen was collected; now when omitted. */
  collectedAt: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }).optional(),
});
export type DrugTestCollectionCreate = z.infer<typeof drugTestCollectionCreate>;

/** A custody hand-off (sealed, sent, received) or a problem (seal broken, id mismatch, unaccounted), and/or lab validity values. */
export const drugTestCollectionUpdate = z
  .strictObject({
    custodyEvent: z.strictObject({ action: z.enum(custodyActions).exclude(['collected']) }).optional(),
    /** Lab values as they arrive; fields left out keep their value. */
    validity: z
      .strictObject({
        creatinine: measured(0, 1000).nullable().optional(),
        specificGravity: measured(1, 1.2).nullable().optional(),
        ph: measured(0, 14).nullable().optional(),
        oxidants: z.boolean().nullable().optional(),
      })
      .optional(),
  })
  .refine((u) => u.custodyEvent !== undefined || u.validity !== undefined, {
    message: 'must give a custody event or validity values',
    path: ['custodyEvent'],
  });

export const drugTestResultsCreate = z.strictObject({
  results: z
    .array(
      z.strictObject({
        substanceClass: z.enum(substanceClasses),
        method: z.enum(resultMethods),
        outcome: z.enum(resultOutcomes),
      }),
    )
    .min(1, 'must have at least one result')
    .max(substanceClasses.length * 2)
    .refine((rs) => new Set(rs.map((r) => `${r.method}:${r.substanceClass}`)).size === rs.length, 'must not repeat a class for one method'),
});
export type DrugTestResultsCreate = z.infer<typeof drugTestResultsCreate>;

export const drugTestReviewCreate = z.strictObject({ note: text(4000) });

export const drugTestResultView = z.object({
  id,
  substanceClass: z.string(),
  method: z.enum(resultMethods),
  outcome: z.enum(resultOutcomes),
  expected: z.boolean(),
  /** Medications that explain an expected positive. */
  explainedBy: z.array(z.string()),
  flagged: z.string().nullable(),
  recordedBy: z.object({ id, name: z.string() }),
  resultedAt: z.string(),
});

export const drugTestCollectionView = z.object({
  id,
  patientId: id,
  locationId: id,
  selectionId: id.nullable(),
  collectedAt: z.string(),
  day: z.string(),
  collector: z.object({ id, name: z.string() }),
  specimenType: z.enum(specimenTypes),
  observed: z.boolean(),
  custodyId: z.string(),
  custodyEvents: z.array(z.object({ at: z.string(), by: z.string(), action: z.enum(custodyActions) })),
  custodyIntact: z.boolean(),
  custodyProblems: z.array(z.string()),
  temperatureC: z.number().nullable(),
  temperatureMinutes: z.number().nullable(),
  validity: z.object({
    creatinine: z.number().nullable(),
    specificGravity: z.number().nullable(),
    ph: z.number().nullable(),
    oxidants: z.boolean().nullable(),
  }),
  specimenStatus: z.enum(['valid', 'dilute', 'invalid']),
  validityFlags: z.array(z.string()),
  /** True when custody is broken or the specimen is not valid: every result for it is flagged. */
  flagged: z.boolean(),
  results: z.array(drugTestResultView),
  reviews: z.array(z.object({ id, note: z.string(), reviewedBy: z.object({ id, name: z.string() }), reviewedAt: z.string() })),
  version: z.number().int(),
});
export type DrugTestCollectionView = z.infer<typeof drugTestCollectionView>;

export const drugTestHistory = z.object({
  items: z.array(drugTestCollectionView),
  /** Days the person was selected, newest first: pending ones to collect, and the missed, refused and excused. */
  selections: z.array(drugTestSelectionView),
  trend: z.object({
    points: z.array(
      z.object({
        collectionId: id,
        collectedAt: z.string(),
        day: z.string(),
        unexpected: z.array(z.string()),
        expected: z.array(z.string()),
        negative: z.array(z.string()),
        flagged: z.boolean(),
        resulted: z.boolean(),
      }),
    ),
    byClass: z.array(
      z.object({ substanceClass: z.string(), unexpected: z.number().int(), expected: z.number().int(), tested: z.number().int() }),
    ),
  }),
  /** Classes the person's current medications explain, with the medication names. */
  expectedNow: z.array(z.object({ substanceClass: z.string(), medications: z.array(z.string()) })),
});
export type DrugTestHistory = z.infer<typeof drugTestHistory>;
