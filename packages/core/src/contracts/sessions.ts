import { z } from 'zod';
import { parseRrule, seriesErrors } from '../sessions/rrule';
import { id, isoDate, optionalText } from './common';

/** An RRULE in the subset `parseRrule` reads; the message names what is wrong (`rrule: unsupported FREQ=…`). */
export const rruleText = z
  .string()
  .trim()
  .max(200, 'must be at most 200 characters')
  .superRefine((value, ctx) => {
    const parsed = parseRrule(value);
    if ('errors' in parsed) for (const e of parsed.errors) ctx.addIssue({ code: 'custom', message: e.message });
  });

const joinUrl = z
  .string()
  .trim()
  .max(500)
  .pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) link' }));

/**
 * A recurring individual or family session for one person: their staff member, a room (in person) or a join link
 * (video), the rule, first day, start (minutes after midnight, clinic-local) and length. The title defaults to
 * "Individual session" / "Family session".
 */
export const seriesCreate = z
  .strictObject({
    kind: z.enum(['individual', 'family']),
    staffId: id,
    modality: z.enum(['in_person', 'virtual']),
    roomId: id.nullish(),
    videoUrl: joinUrl.nullish(),
    rrule: rruleText,
    firstDay: isoDate,
    startMinute: z.number().int().min(0).max(1439),
    durationMinutes: z.number().int().min(10).max(480),
    title: optionalText(120),
  })
  .superRefine((v, ctx) => {
    if (v.modality === 'in_person' && !v.roomId)
      ctx.addIssue({ code: 'custom', path: ['roomId'], message: 'an in-person session needs a room' });
    if (v.modality === 'virtual' && v.roomId) ctx.addIssue({ code: 'custom', path: ['roomId'], message: 'a video session has no room' });
    if (v.modality === 'in_person' && v.videoUrl)
      ctx.addIssue({ code: 'custom', path: ['videoUrl'], message: 'an in-person session has no join link' });
    for (const e of seriesErrors(v)) if (e.path !== 'rrule') ctx.addIssue({ code: 'custom', path: [e.path], message: e.message });
  });
export type SeriesCreate = z.infer<typeof seriesCreate>;

/** Skip one date of a series: its occurrence is cancelled and the date joins the exceptions. */
export const seriesException = z.strictObject({ day: isoDate });
export type SeriesException = z.infer<typeof seriesException>;

/** End a series: every occurrence from `fromDay` (default today, clinic-local) on is cancelled. */
export const seriesEnd = z.strictObject({ fromDay: isoDate.optional() });
export type SeriesEnd = z.infer<typeof seriesEnd>;

const occurrenceStatus = z.enum(['draft', 'scheduled', 'cancelled']);

/** One session as the chart, the person's page and the calendar show it: where and when, nothing clinical. */
export const sessionOccurrenceView = z.object({
  id,
  seriesId: id.nullable(),
  kind: z.enum(['group', 'individual', 'family', 'drug_test']),
  title: z.string(),
  day: z.string(),
  startMinute: z.number(),
  endMinute: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: occurrenceStatus,
  modality: z.enum(['in_person', 'virtual']),
  locationName: z.string(),
  roomName: z.string().nullable(),
  videoUrl: z.string().nullable(),
  staffName: z.string(),
  timeZone: z.string(),
});
export type SessionOccurrenceView = z.infer<typeof sessionOccurrenceView>;

export const seriesView = z.object({
  id,
  kind: z.enum(['group', 'individual', 'family', 'drug_test']),
  title: z.string(),
  staffId: id,
  staffName: z.string(),
  roomId: id.nullable(),
  roomName: z.string().nullable(),
  modality: z.enum(['in_person', 'virtual']),
  rrule: z.string(),
  firstDay: z.string(),
  startMinute: z.number(),
  durationMinutes: z.number(),
  exceptDays: z.array(z.string()),
  /** Scheduled occurrences still ahead; 0 once the series has ended. */
  upcoming: z.number(),
  version: z.number(),
  /** On creation: where the new sessions go past the person's authorizations (units or dates). Never a refusal. */
  authorizationWarnings: z.array(z.string()).optional(),
});
export type SeriesView = z.infer<typeof seriesView>;

/** What a refused booking clashed with: times only, never who else is booked. */
export const sessionConflict = z.object({
  day: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  with: z.enum(['person', 'staff', 'room', 'closure']),
});
export type SessionConflict = z.infer<typeof sessionConflict>;

export const sessionsOverview = z.object({
  upcoming: z.array(sessionOccurrenceView),
  series: z.array(seriesView),
});
export type SessionsOverview = z.infer<typeof sessionsOverview>;

/** A feed's state; `url` only in the answer that created it (the token is never stored). */
export const calendarFeedView = z.object({
  active: z.boolean(),
  createdAt: z.string().nullable(),
  lastFetchedAt: z.string().nullable(),
  url: z.string().optional(),
});
export type CalendarFeedView = z.infer<typeof calendarFeedView>;

/** A reminder shown on the person's page. */
export const inAppReminderView = z.object({ id, occurrenceId: id, offsetMinutes: z.number(), sentAt: z.string() });

/** The person's page: their sessions in the next 14 days and the reminders that went out for them. */
export const meSessionsView = z.object({
  upcoming: z.array(sessionOccurrenceView),
  reminders: z.array(inAppReminderView),
});
export type MeSessionsView = z.infer<typeof meSessionsView>;

const option = z.object({ id, name: z.string() });
/** The choices of the new-series form: staff and rooms at the person's location, and the clinic's today. */
export const seriesOptions = z.object({ staff: z.array(option), rooms: z.array(option), timeZone: z.string(), today: z.string() });
export type SeriesOptions = z.infer<typeof seriesOptions>;
