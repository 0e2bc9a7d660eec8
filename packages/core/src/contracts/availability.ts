import { z } from 'zod';
import { WINDOW_STEP_MINUTES } from '../availability/windows';
import type { Weekday } from '../scheduling/week';
import { id, isoDate } from './common';
import { levelsOfCare } from './patients';

/** A weekday, 0 = Monday … 6 = Sunday. */
export const weekday = z
  .number()
  .int('must be a whole number')
  .min(0, 'must be 0 (Monday) to 6 (Sunday)')
  .max(6, 'must be 0 (Monday) to 6 (Sunday)')
  .transform((d) => d as Weekday);

const minute = z
  .number()
  .int('must be whole minutes')
  .min(0, 'must be 0–1440 minutes after midnight')
  .max(1440, 'must be 0–1440 minutes after midnight')
  .refine((m) => m % WINDOW_STEP_MINUTES === 0, `must be on a ${WINDOW_STEP_MINUTES}-minute step`);

/** One weekly window: a weekday and clinic-local minutes after midnight, in 15-minute steps, ending after it starts. */
export const weeklyWindow = z
  .strictObject({ weekday, start: minute, end: minute })
  .refine((w) => w.end > w.start, { message: 'must be after the start', path: ['end'] });
export type WeeklyWindowInput = z.infer<typeof weeklyWindow>;

const windows = z.array(weeklyWindow).max(100, 'must be at most 100 windows');
const dayList = z
  .array(weekday)
  .max(7)
  .refine((d) => new Set(d).size === d.length, 'must not repeat a day');
const trackIds = z
  .array(id)
  .max(20, 'must be at most 20 tracks')
  .refine((d) => new Set(d).size === d.length, 'must not repeat a track');
export const availabilityModality = z.enum(['in_person', 'virtual', 'any']);
const constraintsNote = z.string().trim().max(2000, 'must be at most 2000 characters');

/** What the person may choose themself: tracks, days, modality and their own words. */
const personPrefs = {
  preferredTrackIds: trackIds,
  modality: availabilityModality,
  preferredDays: dayList,
  constraintsNote,
};

/** Staff replace a person's windows and preferences in one write (If-Match on the version the GET returned; 0 before the first). */
export const availabilityUpdate = z.strictObject({
  windows,
  preferences: z.strictObject({
    phaseId: id.nullable(),
    phaseStartedOn: isoDate.nullable(),
    perDiem: z.boolean(),
    /** Family sessions are wanted (planned every `familyEveryWeeks` weeks); false when left out. */
    familySessions: z.boolean().default(false),
    ...personPrefs,
  }),
});
export type AvailabilityUpdate = z.infer<typeof availabilityUpdate>;

export const busyKind = z.enum(['work', 'school', 'childcare', 'transport', 'other']);
export type BusyKind = z.infer<typeof busyKind>;

/**
 * The person on their phone: either the times they are busy (each labelled work, school, childcare, transport or
 * other; their free time is the session hours around them) or directly the times they are free.
 */
export const meAvailabilityUpdate = z
  .strictObject({
    busy: z
      .array(
        z
          .strictObject({ kind: busyKind, weekday, start: minute, end: minute })
          .refine((w) => w.end > w.start, { message: 'must be after the start', path: ['end'] }),
      )
      .max(100, 'must be at most 100 blocks')
      .optional(),
    windows: windows.optional(),
    ...personPrefs,
  })
  .refine((b) => (b.busy === undefined) !== (b.windows === undefined), {
    message: 'send either busy blocks or free windows',
    path: ['windows'],
  });
export type MeAvailabilityUpdate = z.infer<typeof meAvailabilityUpdate>;

const windowView = z.object({ weekday: z.number().int(), start: z.number().int(), end: z.number().int() });
const choice = z.object({ id, name: z.string() });

/** The early warning: can these windows reach the person's weekly hour floor at all? */
export const availabilityFloorView = z.object({
  hoursPerWeek: z.number(),
  daysAvailable: z.number().int(),
  /** Null without a current episode at a level of care (nothing to reach yet). */
  floorHours: z.number().nullable(),
  daysNeeded: z.number().int(),
  levelOfCare: z.enum(levelsOfCare).nullable(),
  phaseHours: z.number().nullable(),
  reachable: z.boolean().nullable(),
  shortHours: z.number(),
});
export type AvailabilityFloorView = z.infer<typeof availabilityFloorView>;

export const availabilityView = z.object({
  patientId: id,
  windows: z.array(windowView),
  preferences: z.object({
    phaseId: id.nullable(),
    phaseStartedOn: z.string().nullable(),
    perDiem: z.boolean(),
    familySessions: z.boolean(),
    preferredTrackIds: z.array(id),
    modality: availabilityModality,
    preferredDays: z.array(z.number().int()),
    constraintsNote: z.string(),
    updatedByPerson: z.boolean(),
    updatedAt: z.string().nullable(),
  }),
  floor: availabilityFloorView,
  /** The person's location's phases and active tracks, for the form's choices. */
  phases: z.array(choice.extend({ number: z.number().int(), weeklyHours: z.number(), daysPerWeek: z.number().int() })),
  tracks: z.array(choice.extend({ kind: z.string(), modality: z.string() })),
  sessionHours: z.object({ start: z.number().int(), end: z.number().int() }),
  /** 0 before anything was saved: send it back in If-Match to create. */
  version: z.number().int(),
});
export type AvailabilityView = z.infer<typeof availabilityView>;

/** What the person's page shows: their windows and the choices they may make (not phase or per diem). */
export const meAvailabilityView = availabilityView.pick({ windows: true, tracks: true, sessionHours: true, version: true }).extend({
  firstName: z.string(),
  preferences: availabilityView.shape.preferences.pick({
    preferredTrackIds: true,
    modality: true,
    preferredDays: true,
    constraintsNote: true,
  }),
});
export type MeAvailabilityView = z.infer<typeof meAvailabilityView>;

// Staff working hours, caps and leave

export const staffParams = z.strictObject({ userId: id });
export const staffLeaveParams = z.strictObject({ userId: id, leaveId: id });

const cap = z.number().int('must be a whole number').min(0, 'must be 0 or more').max(1000, 'must be at most 1000').nullable();

export const staffScheduleUpdate = z.strictObject({
  hours: z
    .array(
      z
        .strictObject({ locationId: id, weekday, start: minute, end: minute })
        .refine((w) => w.end > w.start, { message: 'must be after the start', path: ['end'] }),
    )
    .max(100, 'must be at most 100 windows'),
  caseloadCap: cap,
  weeklySessionCap: cap,
});
export type StaffScheduleUpdate = z.infer<typeof staffScheduleUpdate>;

export const staffLeaveCreate = z
  .strictObject({ startsOn: isoDate, endsOn: isoDate, reason: z.string().trim().max(200, 'must be at most 200 characters').default('') })
  .refine((l) => l.endsOn >= l.startsOn, { message: 'must be on or after the first day', path: ['endsOn'] });
export type StaffLeaveCreate = z.infer<typeof staffLeaveCreate>;

export const staffLeaveView = z.object({ id, startsOn: z.string(), endsOn: z.string(), reason: z.string() });
export type StaffLeaveView = z.infer<typeof staffLeaveView>;

export const staffScheduleView = z.object({
  userId: id,
  name: z.string(),
  hours: z.array(windowView.extend({ locationId: id })),
  caseloadCap: z.number().int().nullable(),
  weeklySessionCap: z.number().int().nullable(),
  leave: z.array(staffLeaveView),
  /** The locations the staff member works at, for the form's choices. */
  locations: z.array(choice),
  /** Whether the reader may change them (their own, or `staff_hours.manage`). */
  canEdit: z.boolean(),
  version: z.number().int(),
});
export type StaffScheduleView = z.infer<typeof staffScheduleView>;
