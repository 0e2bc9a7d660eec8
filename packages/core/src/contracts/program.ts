import { z } from 'zod';
import { id, isoDate, optionalText, text } from './common';

/** Issue 5: a location's program structure — rooms, tracks, phases, weekly group templates, closures, settings. */

export const trackKinds = ['morning', 'afternoon', 'evening', 'weekend'] as const;
export const modalities = ['in_person', 'virtual', 'hybrid'] as const;

const count = (min: number, max: number, what = '') =>
  z.number().int('must be a whole number').min(min, `must be at least ${min}${what}`).max(max, `must be at most ${max}${what}`);
/** Minutes after clinic-local midnight. */
const minuteOfDay = count(0, 1439, ' (minutes after midnight)');
const weekday = count(0, 6, ' (0 = Monday … 6 = Sunday)');

export const roomInput = z.strictObject({ name: text(80), capacity: count(1, 200) });
export const roomUpdate = roomInput.partial().extend({ active: z.boolean().optional() });
export const roomView = z.object({
  id,
  locationId: id,
  name: z.string(),
  capacity: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type RoomView = z.infer<typeof roomView>;

export const trackInput = z.strictObject({ name: text(80), kind: z.enum(trackKinds), modality: z.enum(modalities) });
export const trackUpdate = trackInput.partial().extend({ active: z.boolean().optional() });
export const trackView = z.object({
  id,
  locationId: id,
  name: z.string(),
  kind: z.enum(trackKinds),
  modality: z.enum(modalities),
  active: z.boolean(),
  version: z.number().int(),
});
export type TrackView = z.infer<typeof trackView>;

export const phaseInput = z.strictObject({
  number: count(1, 20),
  name: text(80),
  weeklyHours: z.number().min(0.5, 'must be at least 0.5 hours').max(56, 'must be at most 56 hours'),
  daysPerWeek: count(1, 7),
  typicalWeeks: count(1, 104).nullish(),
  stepDown: z.boolean().default(false),
});
export const phaseUpdate = z
  .strictObject({
    number: count(1, 20),
    name: text(80),
    weeklyHours: z.number().min(0.5, 'must be at least 0.5 hours').max(56, 'must be at most 56 hours'),
    daysPerWeek: count(1, 7),
    typicalWeeks: count(1, 104).nullable(),
    stepDown: z.boolean(),
  })
  .partial();
export const phaseView = z.object({
  id,
  locationId: id,
  number: z.number().int(),
  name: z.string(),
  weeklyHours: z.number(),
  daysPerWeek: z.number().int(),
  typicalWeeks: z.number().int().nullable(),
  stepDown: z.boolean(),
  version: z.number().int(),
});
export type PhaseView = z.infer<typeof phaseView>;

const templateFields = {
  trackId: id,
  topic: text(120),
  curriculum: z.string().trim().max(200, 'must be at most 200 characters'),
  weekday,
  startMinute: minuteOfDay,
  durationMinutes: count(15, 1440),
  capacity: count(1, 50),
  minToRun: count(1, 50),
  /** The credential its facilitator must hold (e.g. LADC); empty: none. */
  credential: optionalText(40),
  /** Null for a virtual group. */
  roomId: id.nullable(),
  facilitatorId: id.nullable(),
};
export const templateInput = z.strictObject({
  ...templateFields,
  curriculum: templateFields.curriculum.default(''),
  capacity: templateFields.capacity.default(12),
  minToRun: templateFields.minToRun.default(3),
  roomId: templateFields.roomId.default(null),
  facilitatorId: templateFields.facilitatorId.default(null),
});
export const templateUpdate = z.strictObject({ ...templateFields, active: z.boolean() }).partial();
export const templateView = z.object({
  id,
  locationId: id,
  trackId: id,
  topic: z.string(),
  curriculum: z.string(),
  weekday: z.number().int(),
  startMinute: z.number().int(),
  durationMinutes: z.number().int(),
  capacity: z.number().int(),
  minToRun: z.number().int(),
  credential: z.string().nullable(),
  roomId: id.nullable(),
  facilitatorId: id.nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type TemplateView = z.infer<typeof templateView>;

export const closureInput = z.strictObject({
  day: isoDate,
  name: text(80),
  /** `organization`: closed at every location (a holiday); `location`: only here. */
  scope: z.enum(['location', 'organization']).default('location'),
});
export const closureQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });
export const closureView = z.object({
  id,
  locationId: id.nullable(),
  day: z.string(),
  name: z.string(),
  version: z.number().int(),
});
export type ClosureView = z.infer<typeof closureView>;

export const collectionSlot = z
  .strictObject({ weekday, start: minuteOfDay, end: count(1, 1440, ' (minutes after midnight)') })
  .refine((s) => s.end > s.start, { message: 'must end after it starts', path: ['end'] });
export const schedulingSettingsInput = z.strictObject({
  individualMinutes: count(15, 180, ' minutes'),
  individualEveryWeeks: count(1, 12, ' weeks'),
  familyMinutes: count(15, 180, ' minutes'),
  familyEveryWeeks: count(1, 12, ' weeks'),
  collectionSlots: z.array(collectionSlot).max(50),
  reminderOffsetsMinutes: z
    .array(count(5, 10080, ' minutes (a week)'))
    .max(5, 'must be at most 5 reminders')
    .refine((a) => new Set(a).size === a.length, 'must not repeat an offset'),
});
export const schedulingSettingsView = schedulingSettingsInput.extend({
  locationId: id,
  /** 0 until the location's defaults are first saved. */
  version: z.number().int(),
});
export type SchedulingSettingsView = z.infer<typeof schedulingSettingsView>;

export const programQuery = closureQuery;
export const programView = z.object({
  location: z.object({ id, name: z.string(), timeZone: z.string() }),
  rooms: z.array(roomView),
  tracks: z.array(trackView),
  phases: z.array(phaseView),
  templates: z.array(templateView),
  closures: z.array(closureView),
  settings: schedulingSettingsView,
});
export type ProgramView = z.infer<typeof programView>;
