import { z } from 'zod';
import { id, phone, text } from './common';

const entries = (max = 20) => z.array(text(300)).max(max, `must have at most ${max} entries`).default([]);

export const relapsePlanContent = z.strictObject({
  triggers: z
    .strictObject({ people: entries(), places: entries(), feelings: entries(), times: entries() })
    .default({ people: [], places: [], feelings: [], times: [] }),
  warningSigns: entries(),
  copingStrategies: entries(),
  contacts: z
    .array(
      z.strictObject({
        name: text(120),
        relationship: z
          .string()
          .trim()
          .max(80)
          .transform((s) => (s === '' ? null : s))
          .nullable()
          .default(null),
        phone,
      }),
    )
    .max(10, 'must have at most 10 entries')
    .default([]),
  afterLapse: entries(),
  reasons: entries(),
});

/** A new draft: from the given content, or (when omitted) a copy of the current finalised version. */
export const relapsePlanCreate = z.strictObject({ content: relapsePlanContent.optional() });
export const relapsePlanSave = z.strictObject({ content: relapsePlanContent });
export const relapsePlanFinalise = z.strictObject({});

const contentView = z.object({
  triggers: z.object({
    people: z.array(z.string()),
    places: z.array(z.string()),
    feelings: z.array(z.string()),
    times: z.array(z.string()),
  }),
  warningSigns: z.array(z.string()),
  copingStrategies: z.array(z.string()),
  contacts: z.array(z.object({ name: z.string(), relationship: z.string().nullable(), phone: z.string() })),
  afterLapse: z.array(z.string()),
  reasons: z.array(z.string()),
});

export const relapsePlanView = z.object({
  id,
  patientId: id,
  number: z.number().int(),
  status: z.enum(['draft', 'final']),
  content: contentView,
  createdBy: z.object({ id, name: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  finalisedBy: z.object({ id, name: z.string() }).nullable(),
  finalisedAt: z.string().nullable(),
  version: z.number().int(),
});
export type RelapsePlanView = z.infer<typeof relapsePlanView>;

export const relapsePlanListItem = relapsePlanView.omit({ content: true });
export const relapsePlanList = z.object({ items: z.array(relapsePlanListItem), currentId: id.nullable() });

/** What the person sees on their phone: the current finalised plan, with no staff names. */
export const personRelapsePlan = z.object({ number: z.number().int(), finalisedAt: z.string(), content: contentView });
export type PersonRelapsePlan = z.infer<typeof personRelapsePlan>;
