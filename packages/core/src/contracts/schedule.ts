import { z } from 'zod';
import { id, isoDate } from './common';
import { levelsOfCare } from './patients';
import { authorizationWarningView } from './authorizations';
import { isMonday } from '../schedule/week-dates';

/** The Monday a planned week starts on. */
export const weekStart = isoDate.refine(isMonday, 'must be a Monday (weeks start on Monday)');

export const scheduleWeekParams = z.strictObject({ locationId: id, weekStart });

const named = z.object({ id, name: z.string() });
const violationKinds = [
  'unknown_reference',
  'patient_double_booked',
  'staff_double_booked',
  'room_double_booked',
  'group_over_capacity',
  'room_too_small',
  'missing_credential',
  'outside_availability',
  'outside_staff_hours',
  'below_hour_floor',
  'short_service_day',
  'wrong_age_group',
  'staff_over_session_cap',
  'closure',
] as const;

export const weekProblemView = z.object({
  /** A hard limit broken (see core `validateWeek`), or `closure`: a session on a holiday or closure. */
  kind: z.enum(violationKinds),
  severity: z.enum(['hard', 'floor']),
  message: z.string(),
  itemIds: z.array(z.string()),
  patientId: id.nullable(),
});
export type WeekProblemView = z.infer<typeof weekProblemView>;

export const scheduleAttendee = z.object({
  /** Null for a person the reader may not see: counted, never named. */
  patientId: id.nullable(),
  name: z.string(),
  source: z.enum(['solver', 'manual', 'series']),
});

export const scheduleOccurrenceView = z.object({
  /** Null while the week is not planned yet (the program's templates, shown as they would run). */
  id: id.nullable(),
  kind: z.enum(['group', 'individual', 'family', 'drug_test']),
  title: z.string(),
  templateId: id.nullable(),
  track: named.nullable(),
  day: isoDate,
  weekday: z.number().int().min(0).max(6),
  startMinute: z.number().int(),
  endMinute: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  room: named.nullable(),
  modality: z.enum(['in_person', 'virtual']),
  capacity: z.number().int(),
  staff: named,
  attendees: z.array(scheduleAttendee),
  status: z.enum(['draft', 'scheduled', 'cancelled']),
});
export type ScheduleOccurrenceView = z.infer<typeof scheduleOccurrenceView>;

export const schedulePersonView = z.object({
  patientId: id,
  name: z.string(),
  levelOfCare: z.enum(levelsOfCare),
  phase: z.string().nullable(),
  floorHours: z.number(),
  scheduledHours: z.number(),
  availableHours: z.number(),
  /**
   * Why they fall short of their floor or have no individual session this week, and the smallest change that would
   * fix it, in words; null when neither.
   */
  explanation: z.string().nullable(),
  /** Their primary clinician, who sees them first for individual and family sessions. */
  primaryClinicianId: id.nullable(),
  /**
   * Where this week's sessions go past one of their payer's authorizations: units left against units scheduled, or
   * past its end date. Warnings, never refusals.
   */
  authorizationWarnings: z.array(authorizationWarningView.omit({ patientId: true })),
});
export type SchedulePersonView = z.infer<typeof schedulePersonView>;

export const solveProgress = z.object({ stage: z.string(), percent: z.number() });
export const solveResultView = z.object({
  status: z.string(),
  objective: z.number(),
  /** Proven relative gap between the schedule found and the best possible (0 = proven optimal); null if unknown. */
  gap: z.number().nullable(),
  seconds: z.number(),
  people: z.number().int(),
  meetingFloor: z.number().int(),
  seatsChanged: z.number().int(),
});
export const solveView = z.object({
  id,
  status: z.enum(['running', 'done', 'failed']),
  progress: solveProgress,
  result: solveResultView.nullable(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type SolveView = z.infer<typeof solveView>;

export const scheduleWeekView = z.object({
  id: id.nullable(),
  locationId: id,
  locationName: z.string(),
  timeZone: z.string(),
  weekStart: isoDate,
  status: z.enum(['not_planned', 'draft', 'published']),
  version: z.number().int(),
  publishedAt: z.string().nullable(),
  occurrences: z.array(scheduleOccurrenceView),
  people: z.array(schedulePersonView),
  problems: z.array(weekProblemView),
  closures: z.array(z.object({ day: isoDate, name: z.string() })),
  solve: solveView.nullable(),
  /** Who may run sessions at the location this week, and its rooms: the choices for an ad hoc session. */
  staff: z.array(named),
  rooms: z.array(named.extend({ capacity: z.number().int() })),
});
export type ScheduleWeekView = z.infer<typeof scheduleWeekView>;

const minuteOfDay = z
  .number()
  .int('must be whole minutes')
  .min(0, 'must be 00:00 or later')
  .max(1435, 'must start by 23:55')
  .refine((m) => m % 5 === 0, 'must be on a 5-minute step');

/** Moving one session: a new day and start (its length is kept), and optionally another room or staff member. */
export const occurrenceMove = z.strictObject({
  day: isoDate,
  startMinute: minuteOfDay,
  roomId: id.nullable().optional(),
  staffId: id.optional(),
  /** Check only: answer what the move would break without saving it (for the calendar's live check while dragging). */
  dryRun: z.boolean().optional(),
  /** Save even though someone falls below their hour floor (hard limits are never overridable). */
  allowBelowFloor: z.boolean().optional(),
});
export type OccurrenceMove = z.infer<typeof occurrenceMove>;

/**
 * An ad hoc session added to a location's week by hand (a make-up group, an extra individual or family session): its
 * time, facilitator, room (or virtual) and roster, checked against every hard limit before it is saved. In a
 * published week it is scheduled at once (so it can be run); in a draft week it goes live with the week.
 */
export const sessionAdd = z
  .strictObject({
    kind: z.enum(['group', 'individual', 'family']),
    title: z.string().trim().min(1).max(120),
    day: isoDate,
    startMinute: z.number().int().min(0).max(1439),
    endMinute: z.number().int().min(1).max(1440),
    staffId: id,
    /** A room of the location, or null for a virtual session. */
    roomId: id.nullable(),
    capacity: z.number().int().min(1).max(60).optional(),
    patientIds: z.array(id).max(60).default([]),
    /** Check only: answer what adding it would break, without saving (for the form's live check). */
    dryRun: z.boolean().optional(),
  })
  .refine((v) => v.endMinute > v.startMinute, { path: ['endMinute'], message: 'must be after the start' })
  .refine((v) => v.kind === 'group' || v.patientIds.length >= 1, {
    path: ['patientIds'],
    message: 'an individual or family session needs its person',
  })
  .refine((v) => v.kind === 'group' || v.patientIds.length <= 1, {
    path: ['patientIds'],
    message: 'an individual or family session is for one person',
  });
export type SessionAdd = z.infer<typeof sessionAdd>;

export const moveCheckView = z.object({
  ok: z.boolean(),
  /** What the move would newly break. */
  problems: z.array(weekProblemView),
  /** Authorizations the change would newly go past (units or dates): it may still be saved. */
  warnings: z.array(authorizationWarningView),
});

/** An ad hoc session saved: its id and the week as it now stands. */
export const sessionAddedView = z.object({ occurrenceId: id, week: scheduleWeekView });
export type MoveCheckView = z.infer<typeof moveCheckView>;

export const attendeeChange = z.strictObject({
  patientId: id,
  allowBelowFloor: z.boolean().optional(),
  /** Check only: answer what seating them would break or warn about, without saving. */
  dryRun: z.boolean().optional(),
});
export const solveRequest = z.strictObject({
  /** Seconds HiGHS may take before it returns the best schedule found with its proven gap (default 20). */
  timeLimitSeconds: z.number().int().min(1, 'must be at least 1 second').max(120, 'must be at most 120 seconds').optional(),
});
