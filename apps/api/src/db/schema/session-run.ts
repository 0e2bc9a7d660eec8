import { boolean, date, index, integer, jsonb, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant, pk, tenantId, versioned } from './columns';
import { locations, organizations, users } from './organizations';
import { patients } from './patients';
import { sessionOccurrences } from './scheduling';

/**
 * Issue 6: running the sessions — attendance with minutes, self check-in, group and individual notes with signatures
 * and addenda, co-signature, drug testing (random selection, collection, results, review) and video rooms.
 */

export type AttendanceStatus = 'present' | 'late' | 'left_early' | 'absent_excused' | 'absent_unexcused';

/**
 * A person's attendance at one held session, with the minutes they attended. One row per person per occurrence; a
 * later correction updates it (If-Match on `version`). `source` says who set it last.
 */
export const sessionAttendance = pgTable(
  'session_attendance',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    occurrenceId: uuid('occurrence_id')
      .notNull()
      .references(() => sessionOccurrences.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    status: text('status').$type<AttendanceStatus>().notNull(),
    minutesAttended: integer('minutes_attended').notNull(),
    arrivedAt: instant('arrived_at'),
    leftAt: instant('left_at'),
    source: text('source').$type<'staff' | 'check_in' | 'video'>().notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('session_attendance_occurrence_patient').on(t.organizationId, t.occurrenceId, t.patientId),
    index('session_attendance_patient').on(t.organizationId, t.patientId),
  ],
);

/**
 * A session opened for self check-in: the rotating code shown in the room is derived from `secret` and the time
 * window (never stored), so a photo of yesterday's code is useless. Only one open row per occurrence.
 */
export const checkInWindows = pgTable(
  'check_in_windows',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    occurrenceId: uuid('occurrence_id')
      .notNull()
      .references(() => sessionOccurrences.id),
    secret: text('secret').notNull(),
    openedBy: uuid('opened_by')
      .notNull()
      .references(() => users.id),
    openedAt: instant('opened_at').notNull(),
    closedAt: instant('closed_at'),
  },
  (t) => [uniqueIndex('check_in_windows_occurrence').on(t.organizationId, t.occurrenceId)],
);

/** A person's self check-in to a session. Unique per person and session: a double submit counts once. */
export const sessionCheckIns = pgTable(
  'session_check_ins',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    occurrenceId: uuid('occurrence_id')
      .notNull()
      .references(() => sessionOccurrences.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    method: text('method').$type<'qr' | 'code'>().notNull(),
    checkedInAt: instant('checked_in_at').notNull(),
  },
  (t) => [uniqueIndex('session_check_ins_occurrence_patient').on(t.organizationId, t.occurrenceId, t.patientId)],
);

export type NoteKind = 'group' | 'individual' | 'family';
export type NoteTemplate = 'group' | 'dap' | 'birp' | 'soap';
export type NoteStatus = 'draft' | 'awaiting_cosign' | 'signed';

/**
 * A session note. A group note has a shared part (topic, curriculum unit, interventions) in `shared` and one
 * individualized part per attendee in `note_parts`; an individual or family note has one part, laid out by its
 * template (DAP, BIRP, SOAP). Drafts change (If-Match); signing locks the note for good; later changes are addenda.
 */
export const sessionNotes = pgTable(
  'session_notes',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    occurrenceId: uuid('occurrence_id')
      .notNull()
      .references(() => sessionOccurrences.id),
    kind: text('kind').$type<NoteKind>().notNull(),
    template: text('template').$type<NoteTemplate>().notNull(),
    /** `{ topic, curriculumUnit, interventions: string[] }` for a group; `{}` otherwise. No person is named here. */
    shared: jsonb('shared').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').$type<NoteStatus>().notNull().default('draft'),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    signedAt: instant('signed_at'),
    signedBy: uuid('signed_by').references(() => users.id),
    /** The supervisor whose co-signature the author needs, if any; the note waits in their queue. */
    cosignerId: uuid('cosigner_id').references(() => users.id),
    cosignedAt: instant('cosigned_at'),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('session_notes_occurrence').on(t.organizationId, t.occurrenceId),
    index('session_notes_author').on(t.organizationId, t.authorId, t.status),
    index('session_notes_cosigner').on(t.organizationId, t.cosignerId, t.status),
  ],
);

/**
 * One attendee's part of a note: it lands in that person's chart only. `content` holds the template's fields
 * (participation, response, goal progress `[{ goalId, text }]`; or DAP/BIRP/SOAP sections).
 */
export const noteParts = pgTable(
  'note_parts',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    noteId: uuid('note_id')
      .notNull()
      .references(() => sessionNotes.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    content: jsonb('content').$type<Record<string, unknown>>().notNull().default({}),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('note_parts_note_patient').on(t.organizationId, t.noteId, t.patientId),
    index('note_parts_patient').on(t.organizationId, t.patientId),
  ],
);

/** A signed addendum to a signed note, for one person's part (or the shared part when `patientId` is null). */
export const noteAddenda = pgTable(
  'note_addenda',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    noteId: uuid('note_id')
      .notNull()
      .references(() => sessionNotes.id),
    patientId: uuid('patient_id').references(() => patients.id),
    text: text('text').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    signedAt: instant('signed_at').notNull(),
  },
  (t) => [index('note_addenda_note').on(t.organizationId, t.noteId)],
);

/** Who supervises a staff member, and whether their notes need the supervisor's co-signature. */
export const staffSupervision = pgTable(
  'staff_supervision',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    supervisorId: uuid('supervisor_id')
      .notNull()
      .references(() => users.id),
    requiresCosign: boolean('requires_cosign').notNull().default(true),
    ...versioned(),
  },
  (t) => [uniqueIndex('staff_supervision_user').on(t.organizationId, t.userId)],
);

/**
 * A location's drug-testing programme: tests per person per week by program phase (`{ "1": 1.5, "2": 1, "3": 0.5 }`,
 * phase order → expected tests a week), the default for people with no phase, the weekdays collection runs, and the
 * secret that makes the daily draw unpredictable until the day.
 */
export const drugTestSettings = pgTable(
  'drug_test_settings',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    ratesByPhase: jsonb('rates_by_phase').$type<Record<string, number>>().notNull().default({}),
    defaultRatePerWeek: real('default_rate_per_week').notNull().default(1),
    /** Weekdays with collection (0 = Monday … 6 = Sunday). */
    collectionWeekdays: integer('collection_weekdays').array().notNull().default([0, 1, 2, 3, 4]),
    secret: text('secret').notNull(),
    ...versioned(),
  },
  (t) => [uniqueIndex('drug_test_settings_location').on(t.organizationId, t.locationId)],
);

/**
 * One day's random draw at a location: who was eligible, the rates used and who was picked, kept as an auditable
 * log. Drawn at most once per location and day.
 */
export const drugTestDraws = pgTable(
  'drug_test_draws',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    day: date('day', { mode: 'string' }).notNull(),
    /** `{ eligible, selected, probabilities: { [patientId]: p } }` with ids only. */
    log: jsonb('log').$type<Record<string, unknown>>().notNull(),
    drawnBy: uuid('drawn_by').references(() => users.id),
    drawnAt: instant('drawn_at').notNull(),
  },
  (t) => [uniqueIndex('drug_test_draws_location_day').on(t.organizationId, t.locationId, t.day)],
);

/** A person selected for a test on a day, at random or for cause; one per person per day. */
export const drugTestSelections = pgTable(
  'drug_test_selections',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    drawId: uuid('draw_id').references(() => drugTestDraws.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    day: date('day', { mode: 'string' }).notNull(),
    reason: text('reason').$type<'random' | 'for_cause' | 'scheduled'>().notNull(),
    status: text('status').$type<'pending' | 'collected' | 'missed' | 'refused' | 'excused'>().notNull().default('pending'),
    /** Why, for a for-cause selection. */
    cause: text('cause'),
    /** Why it was missed, refused or excused, as the staff member wrote it. */
    note: text('note'),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('drug_test_selections_patient_day').on(t.organizationId, t.patientId, t.day),
    index('drug_test_selections_location_day').on(t.organizationId, t.locationId, t.day),
  ],
);

/**
 * A specimen collected: observed or not, type, chain-of-custody id and its events, temperature and validity checks,
 * collector. `custodyIntact` false flags every result for it.
 */
export const drugTestCollections = pgTable(
  'drug_test_collections',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    selectionId: uuid('selection_id').references(() => drugTestSelections.id),
    collectedAt: instant('collected_at').notNull(),
    collectorId: uuid('collector_id')
      .notNull()
      .references(() => users.id),
    specimenType: text('specimen_type').$type<'urine' | 'oral_fluid' | 'blood' | 'breath' | 'hair'>().notNull(),
    observed: boolean('observed').notNull(),
    custodyId: text('custody_id').notNull(),
    /** `[{ at, by, action }]`: collected, sealed, sent, received by the lab. */
    custodyEvents: jsonb('custody_events').$type<Record<string, unknown>[]>().notNull().default([]),
    custodyIntact: boolean('custody_intact').notNull().default(true),
    temperatureC: real('temperature_c'),
    /** `{ creatinine, specificGravity, ph, oxidants }` where measured. */
    validity: jsonb('validity').$type<Record<string, unknown>>().notNull().default({}),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('drug_test_collections_custody').on(t.organizationId, t.custodyId),
    index('drug_test_collections_patient').on(t.organizationId, t.patientId, t.collectedAt),
  ],
);

/** One result for one substance class of a specimen: presumptive (point of care) or definitive (lab). */
export const drugTestResults = pgTable(
  'drug_test_results',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => drugTestCollections.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    substanceClass: text('substance_class').notNull(),
    method: text('method').$type<'presumptive' | 'definitive'>().notNull(),
    outcome: text('outcome').$type<'positive' | 'negative' | 'invalid' | 'dilute'>().notNull(),
    /** Whether a prescribed medication explains a positive (e.g. buprenorphine); set when recorded. */
    expected: boolean('expected').notNull().default(false),
    /** Set when the specimen's chain of custody was broken: the result is kept but flagged. */
    flagged: text('flagged'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    resultedAt: instant('resulted_at').notNull(),
  },
  (t) => [index('drug_test_results_patient').on(t.organizationId, t.patientId, t.resultedAt)],
);

/** The review of a result with the person, kept as a note. */
export const drugTestReviews = pgTable(
  'drug_test_reviews',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => drugTestCollections.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    note: text('note').notNull(),
    reviewedBy: uuid('reviewed_by')
      .notNull()
      .references(() => users.id),
    reviewedAt: instant('reviewed_at').notNull(),
  },
  (t) => [index('drug_test_reviews_collection').on(t.organizationId, t.collectionId)],
);

/**
 * A location's video settings: built-in rooms (WebRTC mesh up to `meshLimit`), the STUN and TURN servers their
 * browsers use to connect across networks, and an optional external room URL template for larger groups, e.g.
 * `https://meet.example.org/openiop-{occurrenceId}`. `turnSecret` is the TURN server's shared secret (coturn
 * `static-auth-secret`): kept to sign short-lived credentials on join, never returned by the api (ADR 0029).
 */
export const videoSettings = pgTable(
  'video_settings',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    externalUrlTemplate: text('external_url_template'),
    meshLimit: integer('mesh_limit').notNull().default(6),
    stunUrls: text('stun_urls').array().notNull().default([]),
    turnUrls: text('turn_urls').array().notNull().default([]),
    turnSecret: text('turn_secret'),
    ...versioned(),
  },
  (t) => [uniqueIndex('video_settings_location').on(t.organizationId, t.locationId)],
);

/**
 * One stay in a video room: a person or a staff member joined (after the facilitator admitted them) and left.
 * Attendance minutes come from these rows.
 */
export const videoPresence = pgTable(
  'video_presence',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    occurrenceId: uuid('occurrence_id')
      .notNull()
      .references(() => sessionOccurrences.id),
    patientId: uuid('patient_id').references(() => patients.id),
    userId: uuid('user_id').references(() => users.id),
    waitingAt: instant('waiting_at').notNull(),
    joinedAt: instant('joined_at'),
    leftAt: instant('left_at'),
  },
  (t) => [index('video_presence_occurrence').on(t.organizationId, t.occurrenceId)],
);
