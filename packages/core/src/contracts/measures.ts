import { z } from 'zod';
import { instrumentDefinitionView } from './instruments';
import { id, isoDate, optionalText } from './common';
import { personTreatmentPlan } from './plans';
import { personRelapsePlan } from './relapse-plans';

/**
 * Measurement-based care: instruments (and the daily check-in) assigned to a person on a cadence, answered on the
 * person's standing measures link, with scores charted in the chart.
 */
export const assignableInstruments = ['phq9', 'gad7', 'bam', 'pcl5', 'audit', 'auditc', 'dast10'] as const;
export type AssignableInstrument = (typeof assignableInstruments)[number];
export const measureKinds = [...assignableInstruments, 'daily_checkin'] as const;
export type MeasureKind = (typeof measureKinds)[number];
export const isInstrumentMeasure = (m: MeasureKind): m is AssignableInstrument => m !== 'daily_checkin';

export const cadenceInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('daily') }),
  z.strictObject({ kind: z.literal('weekly') }),
  z.strictObject({ kind: z.literal('biweekly') }),
  z.strictObject({ kind: z.literal('monthly') }),
  z.strictObject({ kind: z.literal('every_n_days'), days: z.number().int().min(1, 'must be at least 1').max(365, 'must be at most 365') }),
]);
export type CadenceInput = z.infer<typeof cadenceInput>;

export const assignmentCreate = z
  .strictObject({
    measure: z.enum(measureKinds),
    cadence: cadenceInput,
    startDate: isoDate,
    endDate: isoDate.nullish(),
    /** Days after a due date before it counts as missed; the cadence's default when left out. */
    graceDays: z.number().int().min(0).max(30).nullish(),
  })
  .refine((a) => !a.endDate || a.endDate >= a.startDate, { path: ['endDate'], message: 'must be on or after the start date' });
export type AssignmentCreate = z.infer<typeof assignmentCreate>;

/** Stops an assignment: it runs through `endDate` (the clinic's today when left out) and is then ended. */
export const assignmentStop = z.strictObject({ endDate: isoDate.optional() });

export const measureStates = ['scheduled', 'done', 'due', 'missed', 'ended'] as const;
export const measureStatusView = z.object({
  state: z.enum(measureStates),
  dueDate: z.string().nullable(),
  graceUntil: z.string().nullable(),
  nextDueDate: z.string().nullable(),
});

export const assignmentView = z.object({
  id,
  patientId: id,
  measure: z.enum(measureKinds),
  measureName: z.string(),
  cadence: cadenceInput,
  startDate: z.string(),
  endDate: z.string().nullable(),
  graceDays: z.number().int(),
  status: measureStatusView,
  lastAnsweredOn: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type AssignmentView = z.infer<typeof assignmentView>;

export const moods = [1, 2, 3, 4, 5] as const;

export const checkinSubmit = z
  .strictObject({
    /** Made by the person's device once per check-in: a retry with the same id is stored once. */
    clientId: id,
    /** 1 (very low) – 5 (very good). */
    mood: z.number().int().min(1, 'must be 1–5').max(5, 'must be 1–5'),
    craving: z.number().int().min(0, 'must be 0–10').max(10, 'must be 0–10'),
    sleepHours: z.number().min(0, 'must be 0–24').max(24, 'must be 0–24').multipleOf(0.5, 'must be in half hours').nullish(),
    /** 1 (very poor) – 5 (very good). */
    sleepQuality: z.number().int().min(1, 'must be 1–5').max(5, 'must be 1–5').nullish(),
    usedSinceLast: z.boolean(),
    usedWhat: optionalText(200),
    note: optionalText(2000),
  })
  .refine((c) => c.usedSinceLast || !c.usedWhat, { path: ['usedWhat'], message: 'only when use is reported' });
export type CheckinSubmit = z.infer<typeof checkinSubmit>;

export const checkinView = z.object({
  id,
  localDate: z.string(),
  submittedAt: z.string(),
  mood: z.number().int(),
  craving: z.number().int(),
  sleepHours: z.number().nullable(),
  sleepQuality: z.number().int().nullable(),
  usedSinceLast: z.boolean(),
  usedWhat: z.string().nullable(),
  note: z.string().nullable(),
  alertReasons: z.array(z.enum(['craving', 'use'])),
  alertTaskId: id.nullable(),
});
export type CheckinView = z.infer<typeof checkinView>;

export const measureSettingsUpdate = z.strictObject({
  cravingThreshold: z.number().int().min(1, 'must be 1–10').max(10, 'must be 1–10'),
});
export const measureSettingsView = z.object({ cravingThreshold: z.number().int(), version: z.number().int() });
export type MeasureSettingsView = z.infer<typeof measureSettingsView>;

export const measuresLinkCreate = z.strictObject({ expiresInDays: z.number().int().min(1).max(90).default(30) });
export type MeasuresLinkCreate = z.infer<typeof measuresLinkCreate>;
export const measuresLinkView = z.object({
  id,
  /** Shown once: only the token's hash is stored. */
  url: z.string(),
  qrSvg: z.string(),
  expiresAt: z.string(),
});
export type MeasuresLinkView = z.infer<typeof measuresLinkView>;
export const measuresLinkStatus = z.object({ id, createdAt: z.string(), expiresAt: z.string(), lastUsedAt: z.string().nullable() });
export type MeasuresLinkStatus = z.infer<typeof measuresLinkStatus>;

export const trendPointView = z.object({
  at: z.string(),
  total: z.number(),
  bandCode: z.string().nullable(),
  bandLabel: z.string().nullable(),
  baseline: z.boolean(),
  response: z.boolean(),
  remission: z.boolean(),
  reliableChange: z.enum(['improved', 'deteriorated', 'none']),
});
export const instrumentTrend = z.object({
  instrumentId: z.string(),
  instrumentName: z.string(),
  maxTotal: z.number(),
  bands: z.array(z.object({ code: z.string(), label: z.string(), min: z.number(), max: z.number() })),
  remissionBelow: z.number().nullable(),
  reliableChange: z.number().nullable(),
  points: z.array(trendPointView),
});
export type InstrumentTrend = z.infer<typeof instrumentTrend>;

/** The chart's measurement-based care section in one read. */
export const measuresOverview = z.object({
  today: z.string(),
  timeZone: z.string(),
  assignments: z.array(assignmentView),
  trends: z.array(instrumentTrend),
  checkins: z.array(checkinView),
  settings: measureSettingsView,
  link: measuresLinkStatus.nullable(),
});
export type MeasuresOverview = z.infer<typeof measuresOverview>;

export const meToken = z.strictObject({ token: z.string().min(20).max(100) });
export const meInstrumentParams = z.strictObject({ token: z.string().min(20).max(100), assignmentId: id });

/**
 * What the person's own page shows. More sections (the relapse-prevention plan) are added as keys beside
 * `measures`, each one loaded by its own feature.
 */
export const meView = z.object({
  firstName: z.string(),
  organizationName: z.string(),
  expiresAt: z.string(),
  today: z.string(),
  /** The person's current (latest finalised) relapse-prevention plan, or null when there is none yet. */
  relapsePlan: personRelapsePlan.nullable(),
  /** The person's signed treatment plan (the newest plan's signed version), or null before one is signed. */
  treatmentPlan: personTreatmentPlan.nullable(),
  measures: z.object({
    due: z.array(
      z.object({ assignmentId: id, state: z.enum(['due', 'missed']), dueDate: z.string(), instrument: instrumentDefinitionView }),
    ),
    checkin: z
      .object({ assignmentId: id, doneToday: z.boolean(), cravingScale: z.object({ min: z.number(), max: z.number() }) })
      .nullable(),
  }),
});
export type MeView = z.infer<typeof meView>;
export const meCheckinResult = z.object({ id, duplicate: z.boolean() });
