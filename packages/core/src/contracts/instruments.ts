import { z } from 'zod';
import { instrumentIds, type InstrumentDefinition } from '../instruments/types';
import { id } from './common';

const answerOption = z.object({ value: z.number(), label: z.string() });
const band = z.object({ code: z.string(), label: z.string(), min: z.number(), max: z.number() });

/** A questionnaire definition as the api serves it (the same data as `packages/core/src/instruments`). */
export const instrumentDefinitionView = z.object({
  id: z.enum(instrumentIds),
  name: z.string(),
  shortName: z.string(),
  version: z.string(),
  description: z.string(),
  instructions: z.string(),
  recallPeriod: z.string(),
  administeredBy: z.enum(['self', 'clinician']),
  items: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      loinc: z.string().nullable(),
      options: z.array(answerOption),
      reverse: z.boolean().optional(),
      scored: z.boolean().optional(),
      askWhen: z.object({ anyOf: z.array(z.string()), values: z.array(z.number()) }).optional(),
      lead: z.string().optional(),
    }),
  ),
  bandSets: z.array(z.object({ id: z.string(), label: z.string(), source: z.string(), bands: z.array(band) })),
  loinc: z.object({ panel: z.string().nullable(), total: z.string().nullable() }),
  licence: z.string(),
});
export type InstrumentDefinitionView = z.infer<typeof instrumentDefinitionView>;

/** The definition as served and rendered: the data, with its band sets lifted out of the scoring rule. */
export function definitionViewOf(def: InstrumentDefinition): InstrumentDefinitionView {
  const { scoring, ...rest } = def;
  return { ...rest, bandSets: scoring.kind === 'sum' ? scoring.bandSets : [] };
}

/**
 * Answers keyed by item id under `items`, so an error about one names `items.<itemId>`. Values are checked
 * against the item's own options by the scorer, not here.
 */
export const answerMap = z
  .record(z.string().regex(/^q[0-9]{1,2}[a-z]?$/, 'must be an item id such as q1'), z.number())
  .refine((m) => Object.keys(m).length <= 60, 'has too many answers');

export const administrationCreate = z.strictObject({
  instrumentId: z.enum(instrumentIds),
  items: answerMap.default({}),
  /** Submit at once (score and close) instead of keeping a draft. */
  submit: z.boolean().default(false),
  /** A named band set for instruments whose sources disagree (CIWA-Ar, COWS). */
  bandSet: z.string().max(40).nullish(),
  /** A program's own cut-off where one is configurable (PCL-5: 31–33). */
  cutoff: z.number().int().nullish(),
});
export type AdministrationCreate = z.infer<typeof administrationCreate>;

/** Replaces the draft's answers (the whole set: an item left out is unanswered). */
export const administrationAnswers = z.strictObject({ items: answerMap });
export const administrationSubmit = z.strictObject({ items: answerMap.optional() });

export const administrationStatuses = ['in_progress', 'completed', 'incomplete'] as const;
export type AdministrationStatus = (typeof administrationStatuses)[number];

export const administrationListItem = z.object({
  id,
  patientId: id,
  episodeId: id.nullable(),
  instrumentId: z.enum(instrumentIds),
  instrumentName: z.string(),
  definitionVersion: z.string(),
  status: z.enum(administrationStatuses),
  source: z.enum(['staff', 'phone_link']),
  total: z.number().nullable(),
  band: z.object({ code: z.string(), label: z.string(), bandSet: z.string() }).nullable(),
  subscales: z.record(z.string(), z.number()).nullable(),
  positive: z.boolean().nullable(),
  screen: z.string().nullable(),
  safetyFlags: z.array(z.object({ kind: z.string(), summary: z.string() })),
  administeredBy: z.object({ id, name: z.string() }).nullable(),
  answeredCount: z.number().int(),
  missingItems: z.array(z.string()),
  notes: z.array(z.string()),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  version: z.number().int(),
});
export type AdministrationListItem = z.infer<typeof administrationListItem>;

export const administrationView = administrationListItem.extend({
  answers: z.array(z.object({ itemId: z.string(), value: z.number(), points: z.number() })),
});
export type AdministrationView = z.infer<typeof administrationView>;

export const instrumentLinkCreate = z.strictObject({
  instrumentId: z.enum(instrumentIds),
  expiresInHours: z.number().int().min(1).max(168).default(72),
});
export type InstrumentLinkCreate = z.infer<typeof instrumentLinkCreate>;

export const instrumentLinkView = z.object({
  id,
  instrumentId: z.enum(instrumentIds),
  /** Shown once: only the token's hash is stored. */
  url: z.string(),
  qrSvg: z.string(),
  expiresAt: z.string(),
});
export type InstrumentLinkView = z.infer<typeof instrumentLinkView>;

export const fillToken = z.strictObject({ token: z.string().min(20).max(100) });

/** What the public fill page sees: the questionnaire and a first name, nothing else about the person. */
export const fillView = z.object({
  firstName: z.string(),
  organizationName: z.string(),
  expiresAt: z.string(),
  instrument: instrumentDefinitionView,
});
export type FillView = z.infer<typeof fillView>;

export const fillSubmit = z.strictObject({ items: answerMap });
export const fillResult = z.object({ status: z.enum(['completed', 'incomplete']) });
