import { z } from 'zod';
import { id, isoDate, optionalText } from './common';
import { levelsOfCare } from './patients';

export const episodeStatuses = ['pending', 'active', 'discharged'] as const;
export type EpisodeStatus = (typeof episodeStatuses)[number];

export const episodeView = z.object({
  id,
  patientId: id,
  status: z.enum(episodeStatuses),
  levelOfCare: z.enum(levelsOfCare),
  locationId: id,
  locationName: z.string(),
  primaryClinician: z.object({ id, name: z.string() }).nullable(),
  admittedOn: z.string().nullable(),
  dischargedOn: z.string().nullable(),
  plannedWeeks: z.number().int(),
  /** Placeholder until scheduling lands: the track as free text. */
  track: z.string().nullable(),
  version: z.number().int(),
});
export type EpisodeView = z.infer<typeof episodeView>;

export const episodeCreate = z.strictObject({
  levelOfCare: z.enum(levelsOfCare),
  locationId: id,
  primaryClinicianId: id.nullish(),
  status: z.enum(['pending', 'active']).default('pending'),
  admittedOn: isoDate.nullish(),
  plannedWeeks: z.number().int().min(1).max(52).default(10),
  track: optionalText(100),
});
export type EpisodeCreate = z.infer<typeof episodeCreate>;

export const caseloadAssign = z.strictObject({ userId: id });
export const caseloadView = z.object({
  items: z.array(z.object({ userId: id, name: z.string(), roles: z.array(z.string()), assignedAt: z.string() })),
});

export const episodeUpdate = z
  .strictObject({
    status: z.enum(episodeStatuses),
    levelOfCare: z.enum(levelsOfCare),
    primaryClinicianId: id.nullable(),
    admittedOn: isoDate.nullable(),
    dischargedOn: isoDate.nullable(),
    plannedWeeks: z.number().int().min(1).max(52),
    track: optionalText(100),
  })
  .partial();
export type EpisodeUpdate = z.infer<typeof episodeUpdate>;
