import { z } from 'zod';
import { id, isoDate, text } from './common';

/**
 * A payer's authorization for a person's services (issue 5 item 6). `unitsUsed` is what billing recorded as used
 * outside the schedule; the view adds the units of sessions before today (see core `authorizationUse`).
 */
const serviceCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{5}$/, 'must be a 5-character HCPCS or CPT code, e.g. H0015 or 90853');
const units = z.number().int('must be whole units').min(0, 'must be 0 or more').max(100000, 'must be at most 100000');

const fields = {
  payer: text(120),
  reference: text(60),
  serviceCodes: z.array(serviceCode).max(20, 'must have at most 20 codes').default([]),
  unitsAuthorized: units.nullable().default(null),
  unitsUsed: units.default(0),
  startsOn: isoDate,
  endsOn: isoDate,
};

export const authorizationCreate = z
  .strictObject(fields)
  .refine((a) => a.endsOn >= a.startsOn, { message: 'must be on or after the start date', path: ['endsOn'] });
export type AuthorizationCreate = z.infer<typeof authorizationCreate>;

/** A change: any of the fields; the dates are checked together with the stored ones. */
export const authorizationUpdate = z
  .strictObject({
    payer: fields.payer.optional(),
    reference: fields.reference.optional(),
    serviceCodes: z.array(serviceCode).max(20, 'must have at most 20 codes').optional(),
    unitsAuthorized: units.nullable().optional(),
    unitsUsed: units.optional(),
    startsOn: isoDate.optional(),
    endsOn: isoDate.optional(),
  })
  .refine((a) => !a.startsOn || !a.endsOn || a.endsOn >= a.startsOn, { message: 'must be on or after the start date', path: ['endsOn'] });
export type AuthorizationUpdate = z.infer<typeof authorizationUpdate>;

export const authorizationView = z.object({
  id,
  patientId: id,
  payer: z.string(),
  reference: z.string(),
  serviceCodes: z.array(z.string()),
  unitsAuthorized: z.number().int().nullable(),
  /** As billing recorded it. */
  unitsRecorded: z.number().int(),
  /** Recorded plus sessions before today inside its dates. */
  unitsUsed: z.number().int(),
  /** Sessions from today to its end. */
  unitsScheduled: z.number().int(),
  unitsLeft: z.number().int().nullable(),
  startsOn: isoDate,
  endsOn: isoDate,
  status: z.enum(['upcoming', 'current', 'ended']),
  /** E.g. "2 units left, 3 scheduled"; empty when scheduling keeps within it. */
  warnings: z.array(z.string()),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type AuthorizationView = z.infer<typeof authorizationView>;

export const authorizationList = z.object({ items: z.array(authorizationView) });

/** A scheduling warning about a person's authorization: never a refusal. */
export const authorizationWarningView = z.object({
  patientId: id,
  kind: z.enum(['units', 'ended', 'not_started']),
  authorizationId: id,
  message: z.string(),
});
export type AuthorizationWarningView = z.infer<typeof authorizationWarningView>;
