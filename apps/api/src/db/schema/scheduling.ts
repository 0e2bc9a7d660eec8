import { boolean, date, index, integer, jsonb, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant, pk, tenantId, versioned } from './columns';
import { locations, organizations, users } from './organizations';
import { patients } from './patients';

/**
 * Issue 5: the program's structure per location, availability, the weeks the optimiser plans, the session
 * occurrences a published week becomes, calendar feeds and reminders. Times of day are clinic-local wall-clock
 * minutes after midnight (0–1440) on a weekday (0 = Monday … 6 = Sunday); instants exist only on occurrences.
 */

export type TrackKind = 'morning' | 'afternoon' | 'evening' | 'weekend';
export type Modality = 'in_person' | 'virtual' | 'hybrid';
export type SessionKind = 'group' | 'individual' | 'family' | 'drug_test';

/** A room at a location, with the most people it holds. */
export const rooms = pgTable(
  'rooms',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    name: text('name').notNull(),
    capacity: integer('capacity').notNull(),
    active: boolean('active').notNull().default(true),
    ...versioned(),
  },
  (t) => [uniqueIndex('rooms_location_name').on(t.organizationId, t.locationId, t.name)],
);

/** A track people attend: morning, afternoon, evening or weekend; in person, virtual or hybrid. */
export const tracks = pgTable(
  'tracks',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    name: text('name').notNull(),
    kind: text('kind').$type<TrackKind>().notNull(),
    modality: text('modality').$type<Modality>().notNull(),
    active: boolean('active').notNull().default(true),
    ...versioned(),
  },
  (t) => [uniqueIndex('tracks_location_name').on(t.organizationId, t.locationId, t.name)],
);

/**
 * A phase of the program: the weekly hours and days it asks for, tapering (phase 1 ≥ 12 h over 4 days, phase 2 ≥ 9 h
 * over 3, phase 3 6 h over 2 as step-down). `stepDown` marks the configured step-down period, when the level of
 * care's floor (9 h adults, 6 h adolescents at 2.1) no longer applies.
 */
export const programPhases = pgTable(
  'program_phases',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    weeklyHours: real('weekly_hours').notNull(),
    daysPerWeek: integer('days_per_week').notNull(),
    /** Weeks a person usually spends in it; null for open-ended. */
    typicalWeeks: integer('typical_weeks'),
    stepDown: boolean('step_down').notNull().default(false),
    ...versioned(),
  },
  (t) => [uniqueIndex('program_phases_location_number').on(t.organizationId, t.locationId, t.number)],
);

/**
 * A weekly group: topic and curriculum, its day and time, length, capacity (default 12), the fewest it runs with, the
 * credential its facilitator must hold, and its room (null: virtual). Each week without a closure on its day gets
 * one occurrence of it.
 */
export const groupTemplates = pgTable(
  'group_templates',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    trackId: uuid('track_id')
      .notNull()
      .references(() => tracks.id),
    topic: text('topic').notNull(),
    curriculum: text('curriculum').notNull().default(''),
    weekday: integer('weekday').notNull(),
    startMinute: integer('start_minute').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    capacity: integer('capacity').notNull().default(12),
    minToRun: integer('min_to_run').notNull().default(3),
    credential: text('credential'),
    roomId: uuid('room_id').references(() => rooms.id),
    /** Who usually runs it; the optimiser keeps them where it can (cohort continuity). */
    facilitatorId: uuid('facilitator_id').references(() => users.id),
    active: boolean('active').notNull().default(true),
    ...versioned(),
  },
  (t) => [index('group_templates_location').on(t.organizationId, t.locationId)],
);

/**
 * A location's scheduling defaults: individual sessions (weekly, 50 min), family sessions (every other week),
 * drug-test collection windows, and when reminders go out. A location without a row has the defaults.
 */
export const schedulingSettings = pgTable(
  'scheduling_settings',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    individualMinutes: integer('individual_minutes').notNull().default(50),
    individualEveryWeeks: integer('individual_every_weeks').notNull().default(1),
    familyMinutes: integer('family_minutes').notNull().default(50),
    familyEveryWeeks: integer('family_every_weeks').notNull().default(2),
    /** Drug-test collection windows: `{ weekday, start, end }` wall-clock slots. */
    collectionSlots: jsonb('collection_slots').$type<{ weekday: number; start: number; end: number }[]>().notNull().default([]),
    /** Minutes before a session that reminders go out (default 24 h and 2 h). */
    reminderOffsetsMinutes: integer('reminder_offsets_minutes').array().notNull().default([1440, 120]),
    ...versioned(),
  },
  (t) => [uniqueIndex('scheduling_settings_location').on(t.organizationId, t.locationId)],
);

/** A holiday or closure: no sessions at the location (or, with no location, anywhere in the organization) that day. */
export const closures = pgTable(
  'closures',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    locationId: uuid('location_id').references(() => locations.id),
    day: date('day', { mode: 'string' }).notNull(),
    name: text('name').notNull(),
    ...versioned(),
  },
  (t) => [index('closures_org_day').on(t.organizationId, t.day)],
);

/** A staff member's weekly working hours at a location. */
export const staffHours = pgTable(
  'staff_hours',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    weekday: integer('weekday').notNull(),
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('staff_hours_user').on(t.organizationId, t.userId)],
);

/** Leave: whole days a staff member does not work, first and last day inclusive. */
export const staffLeave = pgTable(
  'staff_leave',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    ...versioned(),
  },
  (t) => [index('staff_leave_user').on(t.organizationId, t.userId, t.startsOn)],
);

/** Per staff member: the most people on their caseload and individual sessions a week (null: no cap). */
export const staffScheduling = pgTable(
  'staff_scheduling',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    caseloadCap: integer('caseload_cap'),
    weeklySessionCap: integer('weekly_session_cap'),
    ...versioned(),
  },
  (t) => [uniqueIndex('staff_scheduling_user').on(t.organizationId, t.userId)],
);

/**
 * When a person can attend: weekly windows around work, school, childcare and transport, entered by staff or by the
 * person on their phone. A person with no windows has not told us yet (the optimiser places nobody without them).
 */
export const patientAvailability = pgTable(
  'patient_availability',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    weekday: integer('weekday').notNull(),
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('patient_availability_patient').on(t.organizationId, t.patientId)],
);

/**
 * A person's scheduling facts and preferences: their phase (and since when), per-diem billing, the tracks, modality
 * and days they prefer, and what they told us about their constraints (work, school, childcare, transport). One row
 * per person; versioned for If-Match.
 */
export const patientSchedulePrefs = pgTable(
  'patient_schedule_prefs',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    phaseId: uuid('phase_id').references(() => programPhases.id),
    phaseStartedOn: date('phase_started_on', { mode: 'string' }),
    perDiem: boolean('per_diem').notNull().default(false),
    /** Family sessions are wanted: the week asks the optimiser for one every `familyEveryWeeks` weeks. */
    familySessions: boolean('family_sessions').notNull().default(false),
    preferredTrackIds: jsonb('preferred_track_ids').$type<string[]>().notNull().default([]),
    modality: text('modality').$type<'in_person' | 'virtual' | 'any'>().notNull().default('any'),
    preferredDays: integer('preferred_days').array().notNull().default([]),
    /** Work, school, childcare, transport: the person's words, for the scheduler to read. */
    constraintsNote: text('constraints_note').notNull().default(''),
    /** Who last changed them: staff, or the person themself on their link (`updated_by` null). */
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedByPerson: boolean('updated_by_person').notNull().default(false),
    ...versioned(),
  },
  (t) => [uniqueIndex('patient_schedule_prefs_patient').on(t.organizationId, t.patientId)],
);

/**
 * An authorization from a payer: units or dates the person's sessions are covered for. Scheduling past its end date
 * or beyond its units warns and shows the units left.
 */
export const serviceAuthorizations = pgTable(
  'service_authorizations',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    payer: text('payer').notNull(),
    reference: text('reference').notNull(),
    /** What it covers, e.g. `['H0015']` or `['90853', '90837']`; empty: every scheduled service. */
    serviceCodes: jsonb('service_codes').$type<string[]>().notNull().default([]),
    unitsAuthorized: integer('units_authorized'),
    unitsUsed: integer('units_used').notNull().default(0),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    ...versioned(),
  },
  (t) => [index('service_authorizations_patient').on(t.organizationId, t.patientId)],
);

/** A location's week as the optimiser plans it: a draft until published, then its occurrences are the schedule. */
export const scheduleWeeks = pgTable(
  'schedule_weeks',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    /** The Monday the week starts on, clinic-local. */
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    status: text('status').$type<'draft' | 'published'>().notNull().default('draft'),
    publishedAt: instant('published_at'),
    publishedBy: uuid('published_by').references(() => users.id),
    ...versioned(),
  },
  (t) => [uniqueIndex('schedule_weeks_location_week').on(t.organizationId, t.locationId, t.weekStart)],
);

/** One run of the optimiser on a week: its progress while it runs and what it found. */
export const scheduleSolves = pgTable(
  'schedule_solves',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    weekId: uuid('week_id')
      .notNull()
      .references(() => scheduleWeeks.id),
    status: text('status').$type<'running' | 'done' | 'failed'>().notNull(),
    /** `{ stage, percent }` while running. */
    progress: jsonb('progress').$type<{ stage: string; percent: number }>().notNull(),
    /** Objective, proven gap, solver status, counts, shortfalls and explanations (ids only, no names). */
    result: jsonb('result').$type<Record<string, unknown>>(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    startedAt: instant('started_at').notNull(),
    finishedAt: instant('finished_at'),
  },
  (t) => [index('schedule_solves_week').on(t.organizationId, t.weekId, t.startedAt)],
);

/**
 * A recurring series of sessions (an RRULE from its first start, clinic-local, with exception dates), e.g. a weekly
 * individual session every Tuesday at 10:00. Its occurrences are expanded into `session_occurrences`.
 */
export const sessionSeries = pgTable(
  'session_series',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    kind: text('kind').$type<SessionKind>().notNull(),
    title: text('title').notNull(),
    patientId: uuid('patient_id').references(() => patients.id),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => users.id),
    roomId: uuid('room_id').references(() => rooms.id),
    modality: text('modality').$type<'in_person' | 'virtual'>().notNull(),
    /** RFC 5545 RRULE without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=TU;COUNT=10`. */
    rrule: text('rrule').notNull(),
    /** First occurrence: clinic-local date and start minute, in the location's time zone. */
    firstDay: date('first_day', { mode: 'string' }).notNull(),
    startMinute: integer('start_minute').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** Clinic-local dates skipped (EXDATE). */
    exceptDays: jsonb('except_days').$type<string[]>().notNull().default([]),
    createdBy: uuid('created_by').references(() => users.id),
    ...versioned(),
  },
  (t) => [index('session_series_location').on(t.organizationId, t.locationId)],
);

/**
 * One session at one time: a group occurrence, an individual or family session, or a drug-test collection. Drafts
 * belong to an unpublished week; publishing makes them `scheduled`. `day`/`startMinute` are the planned wall-clock
 * slot; `startsAt`/`endsAt` the instants in the location's zone (DST-correct).
 */
export const sessionOccurrences = pgTable(
  'session_occurrences',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    weekId: uuid('week_id').references(() => scheduleWeeks.id),
    seriesId: uuid('series_id').references(() => sessionSeries.id),
    templateId: uuid('template_id').references(() => groupTemplates.id),
    trackId: uuid('track_id').references(() => tracks.id),
    kind: text('kind').$type<SessionKind>().notNull(),
    title: text('title').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    roomId: uuid('room_id').references(() => rooms.id),
    modality: text('modality').$type<'in_person' | 'virtual'>().notNull(),
    /** The join link of a virtual session. */
    videoUrl: text('video_url'),
    capacity: integer('capacity').notNull(),
    credential: text('credential'),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => users.id),
    status: text('status').$type<'draft' | 'scheduled' | 'cancelled'>().notNull(),
    ...versioned(),
  },
  (t) => [
    index('session_occurrences_location_time').on(t.organizationId, t.locationId, t.startsAt),
    index('session_occurrences_staff_time').on(t.organizationId, t.staffId, t.startsAt),
    index('session_occurrences_week').on(t.organizationId, t.weekId),
  ],
);

/** A person on a session's roster: placed by the optimiser or by hand. */
export const sessionAttendees = pgTable(
  'session_attendees',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    occurrenceId: uuid('occurrence_id')
      .notNull()
      .references(() => sessionOccurrences.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    source: text('source').$type<'solver' | 'manual' | 'series'>().notNull(),
    status: text('status').$type<'scheduled' | 'cancelled'>().notNull().default('scheduled'),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('session_attendees_occurrence_patient').on(t.organizationId, t.occurrenceId, t.patientId),
    index('session_attendees_patient').on(t.organizationId, t.patientId),
  ],
);

/** A secret, revocable ICS feed URL for a person's or a staff member's sessions. Only the token's SHA-256 is kept. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id').references(() => patients.id),
    userId: uuid('user_id').references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: instant('created_at').notNull().defaultNow(),
    revokedAt: instant('revoked_at'),
    lastFetchedAt: instant('last_fetched_at'),
  },
  (t) => [uniqueIndex('calendar_feeds_token').on(t.tokenHash), index('calendar_feeds_org').on(t.organizationId)],
);

/**
 * A reminder sent (or shown in the app) for one session, one recipient and one offset: the row is the idempotency
 * key, so a reminder never goes twice. The e-mail carries only time, place and a link.
 */
export const sessionReminders = pgTable(
  'session_reminders',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    occurrenceId: uuid('occurrence_id')
      .notNull()
      .references(() => sessionOccurrences.id),
    patientId: uuid('patient_id').references(() => patients.id),
    userId: uuid('user_id').references(() => users.id),
    /** `patient:<id>` or `user:<id>`: who it went to, never null, so the unique index holds. */
    recipient: text('recipient').notNull(),
    offsetMinutes: integer('offset_minutes').notNull(),
    channel: text('channel').$type<'email' | 'in_app'>().notNull(),
    sentAt: instant('sent_at').notNull(),
    readAt: instant('read_at'),
  },
  (t) => [
    uniqueIndex('session_reminders_once').on(t.organizationId, t.occurrenceId, t.recipient, t.offsetMinutes, t.channel),
    index('session_reminders_patient').on(t.organizationId, t.patientId),
  ],
);
