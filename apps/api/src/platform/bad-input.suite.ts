import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  authorizationCreate,
  authorizationUpdate,
  availabilityUpdate,
  meAvailabilityUpdate,
  staffLeaveCreate,
  staffScheduleUpdate,
  noConcernAnswers,
  consentCreate,
  consentRevoke,
  consentSign,
  consentUpdate,
  disclosureCreate,
  isoDate,
  administrationAnswers,
  administrationCreate,
  administrationSubmit,
  fillSubmit,
  instrumentLinkCreate,
  taskResolve,
  assignmentCreate,
  assignmentStop,
  checkinSubmit,
  measureSettingsUpdate,
  measuresLinkCreate,
  admissionCreate,
  apiTokenCreate,
  coverageInput,
  followUpCreate,
  followUpUpdate,
  inquiryCreate,
  inquiryStageMove,
  inquiryUpdate,
  prescreenCreate,
  publicHelpRequest,
  publicIntakeSettings,
  breakGlassRequest,
  breakGlassReview,
  caseloadAssign,
  episodeCreate,
  episodeUpdate,
  locationInput,
  locationUpdate,
  login,
  mfaEnrolConfirm,
  mfaVerify,
  passwordResetComplete,
  passwordResetRequest,
  patientCreate,
  patientUpdate,
  settingsUpdate,
  userCreate,
  userUpdate,
  intakeCreate,
  intakeSave,
  signatureConfirm,
  addendumCreate,
  assessmentCreate,
  assessmentSave,
  assessmentFinalise,
  recommendationRequest,
  diagnosisCreate,
  diagnosisStatusChange,
  medicationCreate,
  medicationStop,
  adherenceNoteCreate,
  allergyCreate,
  chartAlertCreate,
  recordStatusChange,
  relapsePlanCreate,
  noteAddendumCreate,
  noteCosign,
  noteCreate,
  noteSave,
  noteSign,
  supervisionCreate,
  supervisionUpdate,
  relapsePlanSave,
  interventionCreate,
  interventionUpdate,
  planContentInput,
  planCreate,
  planSign,
  planSignLinkCreate,
  progressCreate,
  publicPlanSign,
  attendeeChange,
  occurrenceMove,
  sessionAdd,
  solveRequest,
  seriesCreate,
  seriesEnd,
  seriesException,
  closureInput,
  phaseInput,
  phaseUpdate,
  roomInput,
  roomUpdate,
  schedulingSettingsInput,
  templateInput,
  templateUpdate,
  trackInput,
  trackUpdate,
  drugTestCollectionCreate,
  drugTestCollectionUpdate,
  drugTestDrawRequest,
  drugTestForCauseCreate,
  drugTestResultsCreate,
  drugTestReviewCreate,
  drugTestSelectionUpdate,
  drugTestSettingsInput,
  attendanceRecord,
  meCheckIn,
  type Role,
  videoSettingsUpdate,
} from '@openiop/core';
import { setupOrg, signIn, type Agent, type TestApp, type TestOrg } from '../../test/harness';
import { orgSnapshot } from '../../test/db-state';
import { seedSignedIntake } from '../../test/intake-fixtures';

/** The app under test: the shard file's own (each file builds one, and its files run one after another per worker). */
let t: TestApp;

interface World {
  org: TestOrg;
  patient: { id: string; mrn: string };
  fresh: { id: string };
  withEpisode: { id: string; episodeId: string };
  elsewhere: { id: string; mrn: string };
  grantId: string;
  inquiry: { id: string; followUpId: string; slug: string };
}

/** Intake and assessment records the intake targets write to (filled after the world exists). */
const iw = { draftIntake: '', signedIntake: '', draftAssessment: '' };

const version = async (
  table: 'patients' | 'users' | 'locations' | 'organizations' | 'episodes' | 'intakes' | 'dimensional_assessments',
  id: string,
) =>
  `"${(await t.database.query<{ v: number }>(sql`select version as v from ${sql.identifier(table)} where id = ${id}::uuid`))[0]?.v ?? 0}"`;

interface Target {
  /** Who sends it: a fresh session of one of the test org's users, or nobody (public routes). */
  as: Role | 'otherClinician' | 'anonymous';
  /** The contract; a body it accepts could legitimately write, so generated bodies it accepts are skipped. */
  body: z.ZodType;
  /** A body the contract accepts (for actions that take none, `{}`), to turn into near misses. */
  valid(w: World): Record<string, unknown>;
  url(w: World): string;
  headers?(w: World): Promise<Record<string, string>>;
}

/** Actions that take no body still refuse one they do not understand. */
const noBody = z.strictObject({}).nullish();
const address = { line1: '1 Fuzz St', city: 'Bend', region: 'OR', postalCode: '97701', country: 'US' };
const person = (w: World) => ({
  legalGivenName: 'Fuzz',
  legalFamilyName: 'Target',
  dateOfBirth: '1990-01-01',
  sexAssignedAtBirth: 'female',
  locationId: w.org.locations.main,
});

/** Every POST/PATCH route of the api, keyed as the OpenAPI document names it. */
const TARGETS: Record<string, Target> = {
  'POST /api/v1/auth/login': {
    as: 'anonymous',
    body: login,
    valid: (w) => ({ email: w.org.users.peer.email, password: 'x' }),
    url: () => '/api/v1/auth/login',
  },
  'POST /api/v1/auth/logout': { as: 'peer', body: noBody, valid: () => ({}), url: () => '/api/v1/auth/logout' },
  'POST /api/v1/auth/heartbeat': { as: 'peer', body: noBody, valid: () => ({}), url: () => '/api/v1/auth/heartbeat' },
  'POST /api/v1/auth/mfa/verify': { as: 'peer', body: mfaVerify, valid: () => ({ code: '123456' }), url: () => '/api/v1/auth/mfa/verify' },
  'POST /api/v1/auth/mfa/enrol': { as: 'peer', body: noBody, valid: () => ({}), url: () => '/api/v1/auth/mfa/enrol' },
  'POST /api/v1/auth/mfa/enrol/confirm': {
    as: 'peer',
    body: mfaEnrolConfirm,
    valid: () => ({ code: '123456' }),
    url: () => '/api/v1/auth/mfa/enrol/confirm',
  },
  'POST /api/v1/auth/password-reset': {
    as: 'anonymous',
    body: passwordResetRequest,
    valid: (w) => ({ email: w.org.users.peer.email }),
    url: () => '/api/v1/auth/password-reset',
  },
  'POST /api/v1/auth/password-reset/complete': {
    as: 'anonymous',
    body: passwordResetComplete,
    valid: () => ({ token: 'x'.repeat(43), password: 'a long enough password' }),
    url: () => '/api/v1/auth/password-reset/complete',
  },
  'POST /api/v1/patients': { as: 'admin', body: patientCreate, valid: person, url: () => '/api/v1/patients' },
  'PATCH /api/v1/patients/{id}': {
    as: 'admin',
    body: patientUpdate,
    valid: () => ({ pronouns: 'they/them', preferredLanguage: 'es-MX' }),
    url: (w) => `/api/v1/patients/${w.patient.id}`,
    headers: async (w) => ({ 'if-match': await version('patients', w.patient.id) }),
  },
  'POST /api/v1/patients/{id}/episodes': {
    as: 'admin',
    body: episodeCreate,
    valid: (w) => ({ levelOfCare: '2.1', locationId: w.org.locations.main, status: 'active', admittedOn: '2026-11-02', plannedWeeks: 10 }),
    url: (w) => `/api/v1/patients/${w.fresh.id}/episodes`,
  },
  'PATCH /api/v1/patients/{id}/episodes/{episodeId}': {
    as: 'admin',
    body: episodeUpdate,
    valid: () => ({ levelOfCare: '2.5', plannedWeeks: 12 }),
    url: (w) => `/api/v1/patients/${w.withEpisode.id}/episodes/${w.withEpisode.episodeId}`,
    headers: async (w) => ({ 'if-match': await version('episodes', w.withEpisode.episodeId) }),
  },
  'POST /api/v1/patients/{id}/caseload': {
    as: 'admin',
    body: caseloadAssign,
    valid: (w) => ({ userId: w.org.users.peer.id }),
    url: (w) => `/api/v1/patients/${w.fresh.id}/caseload`,
  },
  'POST /api/v1/break-glass': {
    as: 'otherClinician',
    body: breakGlassRequest,
    valid: (w) => ({ mrn: w.patient.mrn, reason: 'Crisis walk-in at the other clinic' }),
    url: () => '/api/v1/break-glass',
  },
  'POST /api/v1/break-glass/{id}/review': {
    as: 'director',
    body: breakGlassReview,
    valid: () => ({ note: 'Reviewed' }),
    url: (w) => `/api/v1/break-glass/${w.grantId}/review`,
  },
  'POST /api/v1/admin/users': {
    as: 'admin',
    body: userCreate,
    valid: (w) => ({
      email: `fuzz.${w.org.id.slice(0, 8)}@test.openiop.test`,
      name: 'Fuzz User',
      roles: ['peer'],
      locationIds: [w.org.locations.main],
      credentials: [],
      phone: '+1 503 555 0100',
    }),
    url: () => '/api/v1/admin/users',
  },
  'PATCH /api/v1/admin/users/{id}': {
    as: 'admin',
    body: userUpdate,
    valid: (w) => ({ name: 'Renamed', roles: ['peer'], locationIds: [w.org.locations.other], active: true }),
    url: (w) => `/api/v1/admin/users/${w.org.users.peer.id}`,
    headers: async (w) => ({ 'if-match': await version('users', w.org.users.peer.id) }),
  },
  'POST /api/v1/admin/users/{id}/unlock': {
    as: 'admin',
    body: noBody,
    valid: () => ({}),
    url: (w) => `/api/v1/admin/users/${w.org.users.peer.id}/unlock`,
  },
  'POST /api/v1/admin/locations': {
    as: 'admin',
    body: locationInput,
    valid: () => ({ name: 'Fuzz annex', timeZone: 'America/Denver', address, phone: '+1 303 555 0100' }),
    url: () => '/api/v1/admin/locations',
  },
  'PATCH /api/v1/admin/locations/{id}': {
    as: 'admin',
    body: locationUpdate,
    valid: () => ({ name: 'Renamed clinic', active: false }),
    url: (w) => `/api/v1/admin/locations/${w.org.locations.other}`,
    headers: async (w) => ({ 'if-match': await version('locations', w.org.locations.other) }),
  },
  'PATCH /api/v1/admin/settings': {
    as: 'admin',
    body: settingsUpdate,
    valid: () => ({ idleTimeoutMinutes: 30, caseloadOnly: true, mfaRequiredRoles: ['admin'], breakGlassMinutes: 30, name: 'Renamed org' }),
    url: () => '/api/v1/admin/settings',
    headers: async (w) => ({ 'if-match': await version('organizations', w.org.id) }),
  },
  'POST /api/v1/patients/{id}/intakes': {
    as: 'clinician',
    body: intakeCreate,
    valid: () => ({ document: { strengths: { strengths: 'Curious' } } }),
    url: (w) => `/api/v1/patients/${w.patient.id}/intakes`,
  },
  'PATCH /api/v1/patients/{id}/intakes/{intakeId}': {
    as: 'clinician',
    body: intakeSave,
    valid: () => ({ document: { housing: { situation: 'stable' } } }),
    url: (w) => `/api/v1/patients/${w.patient.id}/intakes/${iw.draftIntake}`,
    headers: async () => ({ 'if-match': await version('intakes', iw.draftIntake) }),
  },
  'POST /api/v1/patients/{id}/intakes/{intakeId}/sign': {
    as: 'clinician',
    body: signatureConfirm,
    valid: () => ({ password: 'not the password' }),
    url: (w) => `/api/v1/patients/${w.patient.id}/intakes/${iw.draftIntake}/sign`,
    headers: async () => ({ 'if-match': await version('intakes', iw.draftIntake) }),
  },
  'POST /api/v1/patients/{id}/intakes/{intakeId}/addenda': {
    as: 'clinician',
    body: addendumCreate,
    valid: () => ({ text: 'Correction', password: 'not the password' }),
    url: (w) => `/api/v1/patients/${w.patient.id}/intakes/${iw.signedIntake}/addenda`,
  },
  'POST /api/v1/patients/{id}/assessments': {
    as: 'clinician',
    body: assessmentCreate,
    valid: () => ({ ratings: { 1: { rating: 2, evidence: 'x', instrumentAdministrationIds: [] } }, flags: ['unsafeHousing'] }),
    url: (w) => `/api/v1/patients/${w.patient.id}/assessments`,
  },
  'PATCH /api/v1/patients/{id}/assessments/{assessmentId}': {
    as: 'clinician',
    body: assessmentSave,
    valid: () => ({ ratings: { 3: { rating: 1 } }, flags: [] }),
    url: (w) => `/api/v1/patients/${w.patient.id}/assessments/${iw.draftAssessment}`,
    headers: async () => ({ 'if-match': await version('dimensional_assessments', iw.draftAssessment) }),
  },
  'POST /api/v1/patients/{id}/assessments/{assessmentId}/finalise': {
    as: 'clinician',
    body: assessmentFinalise,
    valid: () => ({ chosenLevel: '2.1', differenceReason: 'Preference' }),
    url: (w) => `/api/v1/patients/${w.patient.id}/assessments/${iw.draftAssessment}/finalise`,
    headers: async () => ({ 'if-match': await version('dimensional_assessments', iw.draftAssessment) }),
  },
  'POST /api/v1/placement/recommendation': {
    as: 'clinician',
    body: recommendationRequest,
    valid: () => ({ ratings: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0 }, flags: [] }),
    url: () => '/api/v1/placement/recommendation',
  },
  'POST /api/v1/admin/api-tokens': {
    as: 'admin',
    body: apiTokenCreate,
    valid: () => ({ name: 'fuzz', scopes: ['patients:read'], expiresInDays: 30 }),
    url: () => '/api/v1/admin/api-tokens',
  },
  // Instruments and tasks: a body the contract refuses is answered before any record is looked up.
  'POST /api/v1/patients/{id}/administrations': {
    as: 'clinician',
    body: administrationCreate,
    valid: () => ({ instrumentId: 'phq9', items: { q1: 1 }, submit: false }),
    url: (w) => `/api/v1/patients/${w.patient.id}/administrations`,
  },
  'PUT /api/v1/patients/{id}/administrations/{administrationId}/answers': {
    as: 'clinician',
    body: administrationAnswers,
    valid: () => ({ items: { q1: 1 } }),
    url: (w) => `/api/v1/patients/${w.patient.id}/administrations/${w.patient.id}/answers`,
    headers: async () => ({ 'if-match': '"1"' }),
  },
  'POST /api/v1/patients/{id}/administrations/{administrationId}/submit': {
    as: 'clinician',
    body: administrationSubmit,
    valid: () => ({ items: { q1: 1 } }),
    url: (w) => `/api/v1/patients/${w.patient.id}/administrations/${w.patient.id}/submit`,
    headers: async () => ({ 'if-match': '"1"' }),
  },
  // Consents and disclosures: a refused body is answered before the consent is looked up, so any id will do.
  'POST /api/v1/patients/{id}/consents': {
    as: 'clinician',
    body: consentCreate,
    valid: () => ({ kind: 'treatment' }),
    url: (w) => `/api/v1/patients/${w.patient.id}/consents`,
  },
  'PATCH /api/v1/patients/{id}/consents/{consentId}': {
    as: 'clinician',
    body: consentUpdate,
    valid: () => ({ part2: { purposes: ['treatment'] } }),
    url: (w) => `/api/v1/patients/${w.patient.id}/consents/${w.patient.id}`,
    headers: async () => ({ 'if-match': '"1"' }),
  },
  'POST /api/v1/patients/{id}/consents/{consentId}/sign': {
    as: 'clinician',
    body: consentSign,
    valid: () => ({ method: 'typed', typedName: 'Fuzz Person', signer: { kind: 'patient' } }),
    url: (w) => `/api/v1/patients/${w.patient.id}/consents/${w.patient.id}/sign`,
    headers: async () => ({ 'if-match': '"1"' }),
  },
  'POST /api/v1/patients/{id}/consents/{consentId}/revoke': {
    as: 'clinician',
    body: consentRevoke,
    valid: () => ({ receivedVia: 'in_writing' }),
    url: (w) => `/api/v1/patients/${w.patient.id}/consents/${w.patient.id}/revoke`,
  },
  'POST /api/v1/patients/{id}/consents/{consentId}/expiry-event': {
    as: 'clinician',
    body: z.strictObject({ occurredOn: isoDate }),
    valid: () => ({ occurredOn: '2026-11-01' }),
    url: (w) => `/api/v1/patients/${w.patient.id}/consents/${w.patient.id}/expiry-event`,
  },
  'POST /api/v1/patients/{id}/disclosures': {
    as: 'clinician',
    body: disclosureCreate,
    valid: (w) => ({
      consentId: w.patient.id,
      recipient: { name: 'Fuzz Clinic' },
      disclosedOn: '2026-11-01',
      informationCategories: ['all_sud_records'],
      informationDescription: 'Attendance',
      purpose: 'treatment',
    }),
    url: (w) => `/api/v1/patients/${w.patient.id}/disclosures`,
  },
  'POST /api/v1/patients/{id}/instrument-links': {
    as: 'clinician',
    body: instrumentLinkCreate,
    valid: () => ({ instrumentId: 'gad7', expiresInHours: 24 }),
    url: (w) => `/api/v1/patients/${w.patient.id}/instrument-links`,
  },
  'POST /api/v1/fill/{token}': {
    as: 'anonymous',
    body: fillSubmit,
    valid: () => ({ items: { q1: 1 } }),
    url: () => `/api/v1/fill/${'t'.repeat(43)}`,
  },
  'POST /api/v1/patients/{id}/measure-assignments': {
    as: 'clinician',
    body: assignmentCreate,
    valid: () => ({
      measure: 'gad7',
      cadence: { kind: 'every_n_days', days: 10 },
      startDate: '2026-11-16',
      endDate: '2026-12-31',
      graceDays: 2,
    }),
    url: (w) => `/api/v1/patients/${w.patient.id}/measure-assignments`,
  },
  'POST /api/v1/patients/{id}/measure-assignments/{assignmentId}/stop': {
    as: 'clinician',
    body: assignmentStop,
    valid: () => ({ endDate: '2026-11-20' }),
    url: (w) => `/api/v1/patients/${w.patient.id}/measure-assignments/${w.patient.id}/stop`,
    headers: async () => ({ 'if-match': '"1"' }),
  },
  'PUT /api/v1/patients/{id}/measure-settings': {
    as: 'clinician',
    body: measureSettingsUpdate,
    valid: () => ({ cravingThreshold: 8 }),
    url: (w) => `/api/v1/patients/${w.patient.id}/measure-settings`,
    headers: async () => ({ 'if-match': '"0"' }),
  },
  'POST /api/v1/patients/{id}/measures-link': {
    as: 'clinician',
    body: measuresLinkCreate,
    valid: () => ({ expiresInDays: 14 }),
    url: (w) => `/api/v1/patients/${w.patient.id}/measures-link`,
  },
  'POST /api/v1/me/{token}/measures/{assignmentId}': {
    as: 'anonymous',
    body: fillSubmit,
    valid: () => ({ items: { q1: 1 } }),
    url: (w) => `/api/v1/me/${'t'.repeat(43)}/measures/${w.patient.id}`,
  },
  'POST /api/v1/me/{token}/checkins': {
    as: 'anonymous',
    body: checkinSubmit,
    valid: (w) => ({
      clientId: w.patient.id,
      mood: 3,
      craving: 4,
      sleepHours: 6.5,
      sleepQuality: 3,
      usedSinceLast: true,
      usedWhat: 'alcohol',
      note: 'Fuzz note',
    }),
    url: () => `/api/v1/me/${'t'.repeat(43)}/checkins`,
  },
  'POST /api/v1/tasks/{id}/resolve': {
    as: 'clinician',
    body: taskResolve,
    valid: () => ({ note: 'Called the person; safe.' }),
    url: (w) => `/api/v1/tasks/${w.patient.id}/resolve`,
  },
  ...inquiryTargets(),
  ...recordTargets(),
  ...planTargets(),
  ...scheduleTargets(),
  ...sessionTargets(),
  ...availabilityTargets(),
  ...programTargets(),
  ...drugTestTargets(),
  ...noteTargets(),
  ...attendanceTargets(),
  ...videoTargets(),
  ...authorizationTargets(),
};

/** Payers' authorizations on the chart (an id that names none for the PATCH: an accepted body answers 404). */
function authorizationTargets(): Record<string, Target> {
  const valid = () => ({
    payer: 'Fuzz Health',
    reference: 'PA-1',
    serviceCodes: ['H0015'],
    unitsAuthorized: 10,
    startsOn: '2026-11-01',
    endsOn: '2026-12-31',
  });
  return {
    'POST /api/v1/patients/{id}/authorizations': {
      as: 'billing',
      body: authorizationCreate,
      valid,
      url: (w) => `/api/v1/patients/${w.patient.id}/authorizations`,
    },
    'PATCH /api/v1/patients/{id}/authorizations/{authorizationId}': {
      as: 'billing',
      body: authorizationUpdate,
      valid: () => ({ unitsAuthorized: 12, endsOn: '2027-01-31' }),
      url: (w) => `/api/v1/patients/${w.patient.id}/authorizations/${w.fresh.id}`,
      headers: async () => ({ 'if-match': '"1"' }),
    },
  };
}

/** The optimiser's weeks (a week that is not planned, and a session id that names none: nothing accepted writes). */
function scheduleTargets(): Record<string, Target> {
  const week = (w: World) => `/api/v1/locations/${w.org.locations.main}/schedule/2026-11-23`;
  return {
    'POST /api/v1/locations/{locationId}/schedule/{weekStart}/solve': {
      as: 'clinician',
      body: solveRequest,
      valid: () => ({ timeLimitSeconds: 5 }),
      url: (w) => `${week(w)}/solve`,
    },
    'POST /api/v1/locations/{locationId}/schedule/{weekStart}/publish': {
      as: 'director',
      body: noBody,
      valid: () => ({}),
      url: (w) => `${week(w)}/publish`,
      headers: async () => ({ 'if-match': '"1"' }),
    },
    'POST /api/v1/schedule/occurrences/{occurrenceId}/move': {
      as: 'clinician',
      body: occurrenceMove,
      valid: () => ({ day: '2026-11-24', startMinute: 540, dryRun: true }),
      url: (w) => `/api/v1/schedule/occurrences/${w.fresh.id}/move`,
      headers: async () => ({ 'if-match': '"1"' }),
    },
    'POST /api/v1/schedule/occurrences/{occurrenceId}/attendees': {
      as: 'clinician',
      body: attendeeChange,
      valid: (w) => ({ patientId: w.patient.id }),
      url: (w) => `/api/v1/schedule/occurrences/${w.fresh.id}/attendees`,
      headers: async () => ({ 'if-match': '"1"' }),
    },
    'POST /api/v1/locations/{locationId}/schedule/{weekStart}/sessions': {
      as: 'clinician',
      body: sessionAdd,
      valid: (w) => ({
        kind: 'group',
        title: 'Make-up group',
        day: '2026-11-24',
        startMinute: 600,
        endMinute: 780,
        staffId: w.org.users.clinician.id,
        roomId: null,
        dryRun: true,
      }),
      url: (w) => `${week(w)}/sessions`,
    },
  };
}

/** The availability feature's write routes (If-Match "0": a valid body would create the first record). */
function availabilityTargets(): Record<string, Target> {
  const ifZero = async () => ({ 'if-match': '"0"' });
  const prefs = { preferredTrackIds: [], modality: 'any', preferredDays: [1], constraintsNote: 'Fuzz' };
  return {
    'PUT /api/v1/patients/{id}/availability': {
      as: 'clinician',
      body: availabilityUpdate,
      valid: () => ({
        windows: [{ weekday: 0, start: 1080, end: 1260 }],
        preferences: { phaseId: null, phaseStartedOn: null, perDiem: false, ...prefs },
      }),
      url: (w) => `/api/v1/patients/${w.patient.id}/availability`,
      headers: ifZero,
    },
    'PUT /api/v1/me/{token}/availability': {
      as: 'anonymous',
      body: meAvailabilityUpdate,
      valid: () => ({ busy: [{ kind: 'work', weekday: 0, start: 540, end: 1020 }], ...prefs }),
      url: () => `/api/v1/me/${'t'.repeat(43)}/availability`,
      headers: ifZero,
    },
    'PUT /api/v1/staff/{userId}/schedule': {
      as: 'clinician',
      body: staffScheduleUpdate,
      valid: (w) => ({
        hours: [{ locationId: w.org.locations.main, weekday: 0, start: 540, end: 1020 }],
        caseloadCap: null,
        weeklySessionCap: null,
      }),
      url: (w) => `/api/v1/staff/${w.org.users.clinician.id}/schedule`,
      headers: ifZero,
    },
    'POST /api/v1/staff/{userId}/leave': {
      as: 'clinician',
      body: staffLeaveCreate,
      valid: () => ({ startsOn: '2026-12-21', endsOn: '2026-12-24', reason: 'Fuzz' }),
      url: (w) => `/api/v1/staff/${w.org.users.clinician.id}/leave`,
    },
  };
}

/** The treatment plan feature's write routes (ids that name no plan: every accepted body would answer 404). */
function planTargets(): Record<string, Target> {
  const plan = (w: World) => `/api/v1/patients/${w.patient.id}/plans/${w.fresh.id}`;
  const hash = 'a'.repeat(64);
  return {
    'POST /api/v1/interventions': {
      as: 'admin',
      body: interventionCreate,
      valid: () => ({ name: 'Fuzz therapy', category: 'therapy', defaultDelivererRole: 'clinician', defaultFrequency: 'Weekly' }),
      url: () => '/api/v1/interventions',
    },
    'PATCH /api/v1/interventions/{id}': {
      as: 'admin',
      body: interventionUpdate,
      valid: () => ({ name: 'Renamed' }),
      url: (w) => `/api/v1/interventions/${w.patient.id}`,
      headers: async () => ({ 'if-match': '"1"' }),
    },
    'POST /api/v1/patients/{id}/plans': {
      as: 'clinician',
      body: planCreate,
      valid: (w) => ({ episodeId: w.fresh.id }),
      url: (w) => `/api/v1/patients/${w.patient.id}/plans`,
    },
    'POST /api/v1/patients/{id}/plans/{planId}/versions': {
      as: 'clinician',
      body: noBody,
      valid: () => ({}),
      url: (w) => `${plan(w)}/versions`,
    },
    'PUT /api/v1/patients/{id}/plans/{planId}/versions/{number}': {
      as: 'clinician',
      body: z.strictObject({ content: planContentInput }),
      valid: () => ({
        content: {
          problems: [
            { source: 'other', statement: 'Fuzz', goals: [{ text: 'Goal', objectives: [{ text: 'O', targetDate: '2026-12-01' }] }] },
          ],
        },
      }),
      url: (w) => `${plan(w)}/versions/1`,
      headers: async () => ({ 'if-match': '"1"' }),
    },
    'POST /api/v1/patients/{id}/plans/{planId}/versions/{number}/sign': {
      as: 'clinician',
      body: planSign,
      valid: () => ({ signer: 'person', method: 'tablet', typedName: 'Fuzz Person', agree: true, contentHash: hash }),
      url: (w) => `${plan(w)}/versions/1/sign`,
    },
    'POST /api/v1/patients/{id}/plans/{planId}/versions/{number}/sign-link': {
      as: 'clinician',
      body: planSignLinkCreate,
      valid: () => ({ expiresInHours: 24 }),
      url: (w) => `${plan(w)}/versions/1/sign-link`,
    },
    'POST /api/v1/patients/{id}/plans/{planId}/progress': {
      as: 'clinician',
      body: progressCreate,
      valid: (w) => ({ targetKind: 'goal', targetId: w.fresh.id, rating: 'met', note: 'Fuzz' }),
      url: (w) => `${plan(w)}/progress`,
    },
    'POST /api/v1/sign/{token}': {
      as: 'anonymous',
      body: publicPlanSign,
      valid: () => ({ typedName: 'Fuzz Person', agree: true, contentHash: hash }),
      url: () => `/api/v1/sign/${'t'.repeat(43)}`,
    },
  };
}

/** Recurring series and calendar feeds (issue 5); ids that name no series answer 404 to an accepted body. */
function sessionTargets(): Record<string, Target> {
  const series = (w: World) => `/api/v1/patients/${w.patient.id}/series/${w.fresh.id}`;
  return {
    'POST /api/v1/patients/{id}/series': {
      as: 'clinician',
      body: seriesCreate,
      valid: (w) => ({
        kind: 'individual',
        staffId: w.org.users.clinician.id,
        modality: 'in_person',
        roomId: w.fresh.id,
        rrule: 'FREQ=WEEKLY;COUNT=4',
        firstDay: '2030-01-07',
        startMinute: 600,
        durationMinutes: 50,
      }),
      url: (w) => `/api/v1/patients/${w.patient.id}/series`,
    },
    'POST /api/v1/patients/{id}/series/{seriesId}/exceptions': {
      as: 'clinician',
      body: seriesException,
      valid: () => ({ day: '2030-01-14' }),
      url: (w) => `${series(w)}/exceptions`,
      headers: async () => ({ 'if-match': '"1"' }),
    },
    'POST /api/v1/patients/{id}/series/{seriesId}/end': {
      as: 'clinician',
      body: seriesEnd,
      valid: () => ({ fromDay: '2030-01-14' }),
      url: (w) => `${series(w)}/end`,
      headers: async () => ({ 'if-match': '"1"' }),
    },
    'POST /api/v1/patients/{id}/calendar-feed': {
      as: 'clinician',
      body: noBody,
      valid: () => ({}),
      url: (w) => `/api/v1/patients/${w.patient.id}/calendar-feed`,
    },
    'POST /api/v1/account/calendar-feed': {
      as: 'clinician',
      body: noBody,
      valid: () => ({}),
      url: () => '/api/v1/account/calendar-feed',
    },
  };
}

/** The attendance feature's write routes: attendance with minutes, check-in open/close, the phone check-in. */
function attendanceTargets(): Record<string, Target> {
  return {
    'PUT /api/v1/sessions/{occurrenceId}/attendance/{patientId}': {
      as: 'clinician',
      body: attendanceRecord,
      valid: () => ({ status: 'late', minutesAttended: 30 }),
      url: (w) => `/api/v1/sessions/${w.fresh.id}/attendance/${w.patient.id}`,
    },
    'POST /api/v1/sessions/{occurrenceId}/check-in/open': {
      as: 'clinician',
      body: noBody,
      valid: () => ({}),
      url: (w) => `/api/v1/sessions/${w.fresh.id}/check-in/open`,
    },
    'POST /api/v1/sessions/{occurrenceId}/check-in/close': {
      as: 'clinician',
      body: noBody,
      valid: () => ({}),
      url: (w) => `/api/v1/sessions/${w.fresh.id}/check-in/close`,
    },
    'POST /api/v1/me/{token}/check-in': {
      as: 'anonymous',
      body: meCheckIn,
      valid: () => ({ code: '123456' }),
      url: () => `/api/v1/me/${'t'.repeat(43)}/check-in`,
    },
  };
}

/** The inquiries feature's write routes (admissions board, pre-screen, coverage, admission, public page). */
function inquiryTargets(): Record<string, Target> {
  const base = (w: World) => `/api/v1/inquiries/${w.inquiry.id}`;
  const ifMatch = async (w: World) => ({
    'if-match': `"${(await t.database.query<{ v: number }>(sql`select version as v from inquiries where id = ${w.inquiry.id}::uuid`))[0]?.v ?? 0}"`,
  });
  return {
    'POST /api/v1/inquiries': {
      as: 'admissions',
      body: inquiryCreate,
      valid: () => ({ givenName: 'Fuzz', urgency: 'soon' }),
      url: () => '/api/v1/inquiries',
    },
    'PATCH /api/v1/inquiries/{id}': {
      as: 'admissions',
      body: inquiryUpdate,
      valid: () => ({ urgency: 'urgent' }),
      url: base,
      headers: ifMatch,
    },
    'POST /api/v1/inquiries/{id}/stage': {
      as: 'admissions',
      body: inquiryStageMove,
      valid: () => ({ to: 'lost', reason: 'cost' }),
      url: (w) => `${base(w)}/stage`,
      headers: ifMatch,
    },
    'POST /api/v1/inquiries/{id}/follow-ups': {
      as: 'admissions',
      body: followUpCreate,
      valid: () => ({ what: 'Call', dueAt: '2026-11-17T15:00:00Z' }),
      url: (w) => `${base(w)}/follow-ups`,
    },
    'PATCH /api/v1/inquiries/{id}/follow-ups/{followUpId}': {
      as: 'admissions',
      body: followUpUpdate,
      valid: () => ({ done: true }),
      url: (w) => `${base(w)}/follow-ups/${w.inquiry.followUpId}`,
    },
    'POST /api/v1/inquiries/{id}/prescreens': {
      as: 'admissions',
      body: prescreenCreate,
      valid: () => ({
        answers: noConcernAnswers,
      }),
      url: (w) => `${base(w)}/prescreens`,
    },
    'PUT /api/v1/inquiries/{id}/coverage': {
      as: 'admissions',
      body: coverageInput,
      valid: () => ({ kind: 'self_pay' }),
      url: (w) => `${base(w)}/coverage`,
      headers: async () => ({ 'if-match': '"0"' }),
    },
    'POST /api/v1/inquiries/{id}/admit': {
      as: 'admissions',
      body: admissionCreate,
      valid: (w) => ({ patient: { mode: 'existing', patientId: w.fresh.id }, levelOfCare: '2.1', locationId: w.org.locations.main }),
      url: (w) => `${base(w)}/admit`,
      headers: ifMatch,
    },
    'PUT /api/v1/inquiries/public-page': {
      as: 'admin',
      body: publicIntakeSettings,
      valid: (w) => ({ slug: w.inquiry.slug, enabled: true }),
      url: () => '/api/v1/inquiries/public-page',
    },
    'POST /api/v1/public/help/{slug}': {
      as: 'anonymous',
      body: publicHelpRequest,
      valid: () => ({ formToken: '1.forged', forSelf: true, givenName: 'Fuzz', phone: '503 555 0100' }),
      url: (w) => `/api/v1/public/help/${w.inquiry.slug}`,
    },
  };
}

/**
 * Problem list, medications, allergies and alerts, relapse-prevention plans (issue 4). A refused body is answered
 * before the record is looked up, so the patient's id stands in for the record's.
 */
function recordTargets(): Record<string, Target> {
  const base = (w: World) => `/api/v1/patients/${w.patient.id}`;
  const ifMatch = async () => ({ 'if-match': '"1"' });
  return {
    'POST /api/v1/patients/{id}/diagnoses': {
      as: 'clinician',
      body: diagnosisCreate,
      valid: () => ({ code: 'F10.20', isPrimary: false }),
      url: (w) => `${base(w)}/diagnoses`,
    },
    'POST /api/v1/patients/{id}/diagnoses/{diagnosisId}/primary': {
      as: 'clinician',
      body: noBody,
      valid: () => ({}),
      url: (w) => `${base(w)}/diagnoses/${w.patient.id}/primary`,
      headers: ifMatch,
    },
    'POST /api/v1/patients/{id}/diagnoses/{diagnosisId}/status': {
      as: 'clinician',
      body: diagnosisStatusChange,
      valid: () => ({ status: 'resolved' }),
      url: (w) => `${base(w)}/diagnoses/${w.patient.id}/status`,
      headers: ifMatch,
    },
    'POST /api/v1/patients/{id}/medications': {
      as: 'medical',
      body: medicationCreate,
      valid: () => ({ name: 'Naltrexone', dose: '50 mg', route: 'oral', frequency: 'daily', matKind: 'naltrexone_oral' }),
      url: (w) => `${base(w)}/medications`,
    },
    'POST /api/v1/patients/{id}/medications/{medicationId}/stop': {
      as: 'medical',
      body: medicationStop,
      valid: () => ({ stopDate: '2026-11-01', reason: 'Completed' }),
      url: (w) => `${base(w)}/medications/${w.patient.id}/stop`,
      headers: ifMatch,
    },
    'POST /api/v1/patients/{id}/medications/{medicationId}/adherence-notes': {
      as: 'medical',
      body: adherenceNoteCreate,
      valid: () => ({ notedOn: '2026-11-01', text: 'Took every dose' }),
      url: (w) => `${base(w)}/medications/${w.patient.id}/adherence-notes`,
    },
    'POST /api/v1/patients/{id}/allergies': {
      as: 'clinician',
      body: allergyCreate,
      valid: () => ({ kind: 'allergy', substance: 'Penicillin', severity: 'moderate' }),
      url: (w) => `${base(w)}/allergies`,
    },
    'POST /api/v1/patients/{id}/allergies/{allergyId}/status': {
      as: 'clinician',
      body: recordStatusChange,
      valid: () => ({ status: 'inactive' }),
      url: (w) => `${base(w)}/allergies/${w.patient.id}/status`,
      headers: ifMatch,
    },
    'POST /api/v1/patients/{id}/alerts': {
      as: 'clinician',
      body: chartAlertCreate,
      valid: () => ({ kind: 'fall_risk', severity: 'warning' }),
      url: (w) => `${base(w)}/alerts`,
    },
    'POST /api/v1/patients/{id}/alerts/{alertId}/status': {
      as: 'clinician',
      body: recordStatusChange,
      valid: () => ({ status: 'inactive' }),
      url: (w) => `${base(w)}/alerts/${w.patient.id}/status`,
      headers: ifMatch,
    },
    'POST /api/v1/patients/{id}/relapse-plans': {
      as: 'peer',
      body: relapsePlanCreate,
      valid: () => ({ content: { warningSigns: ['isolating'] } }),
      url: (w) => `${base(w)}/relapse-plans`,
    },
    'PATCH /api/v1/patients/{id}/relapse-plans/{planId}': {
      as: 'peer',
      body: relapsePlanSave,
      valid: () => ({ content: { reasons: ['my family'] } }),
      url: (w) => `${base(w)}/relapse-plans/${w.patient.id}`,
      headers: ifMatch,
    },
    'POST /api/v1/patients/{id}/relapse-plans/{planId}/finalise': {
      as: 'peer',
      body: noBody,
      valid: () => ({}),
      url: (w) => `${base(w)}/relapse-plans/${w.patient.id}/finalise`,
      headers: ifMatch,
    },
  };
}

/** Session notes and supervision (issue 6): a refused body is answered before the note or session is looked up. */
function noteTargets(): Record<string, Target> {
  const ifMatch = async () => ({ 'if-match': '"1"' });
  return {
    'POST /api/v1/sessions/{occurrenceId}/note': {
      as: 'clinician',
      body: noteCreate,
      valid: () => ({ template: 'birp' }),
      url: (w) => `/api/v1/sessions/${w.patient.id}/note`,
    },
    'PATCH /api/v1/notes/{id}': {
      as: 'clinician',
      body: noteSave,
      valid: (w) => ({ shared: { topic: 'Cravings', interventions: ['CBT'] }, parts: { [w.patient.id]: { participation: 'Active' } } }),
      url: (w) => `/api/v1/notes/${w.patient.id}`,
      headers: ifMatch,
    },
    'POST /api/v1/notes/{id}/sign': {
      as: 'clinician',
      body: noteSign,
      valid: () => ({ password: 'x' }),
      url: (w) => `/api/v1/notes/${w.patient.id}/sign`,
      headers: ifMatch,
    },
    'POST /api/v1/notes/{id}/cosign': {
      as: 'director',
      body: noteCosign,
      valid: () => ({ code: '123456' }),
      url: (w) => `/api/v1/notes/${w.patient.id}/cosign`,
      headers: ifMatch,
    },
    'POST /api/v1/notes/{id}/addenda': {
      as: 'clinician',
      body: noteAddendumCreate,
      valid: (w) => ({ patientId: w.patient.id, text: 'Phoned after group', password: 'x' }),
      url: (w) => `/api/v1/notes/${w.patient.id}/addenda`,
    },
    'POST /api/v1/supervision': {
      as: 'director',
      body: supervisionCreate,
      valid: (w) => ({ userId: w.org.users.peer.id, supervisorId: w.org.users.director.id, requiresCosign: true }),
      url: () => '/api/v1/supervision',
    },
    'PATCH /api/v1/supervision/{id}': {
      as: 'director',
      body: supervisionUpdate,
      valid: () => ({ requiresCosign: false }),
      url: (w) => `/api/v1/supervision/${w.patient.id}`,
      headers: ifMatch,
    },
  };
}

/** A location's program structure (issue 5): a refused body is answered before the record is looked up. */
function programTargets(): Record<string, Target> {
  const at = (w: World) => `/api/v1/locations/${w.org.locations.main}`;
  const ifMatch = async () => ({ 'if-match': '"1"' });
  const tpl = (w: World) => ({
    trackId: w.patient.id,
    topic: 'Fuzz group',
    weekday: 1,
    startMinute: 540,
    durationMinutes: 90,
    roomId: null,
  });
  return {
    'POST /api/v1/locations/{locationId}/program/defaults': {
      as: 'director',
      body: noBody,
      valid: () => ({}),
      url: (w) => `${at(w)}/program/defaults`,
    },
    'POST /api/v1/locations/{locationId}/rooms': {
      as: 'director',
      body: roomInput,
      valid: () => ({ name: 'Fuzz room', capacity: 10 }),
      url: (w) => `${at(w)}/rooms`,
    },
    'PATCH /api/v1/locations/{locationId}/rooms/{id}': {
      as: 'director',
      body: roomUpdate,
      valid: () => ({ capacity: 8, active: false }),
      url: (w) => `${at(w)}/rooms/${w.patient.id}`,
      headers: ifMatch,
    },
    'POST /api/v1/locations/{locationId}/tracks': {
      as: 'director',
      body: trackInput,
      valid: () => ({ name: 'Fuzz track', kind: 'evening', modality: 'virtual' }),
      url: (w) => `${at(w)}/tracks`,
    },
    'PATCH /api/v1/locations/{locationId}/tracks/{id}': {
      as: 'director',
      body: trackUpdate,
      valid: () => ({ kind: 'weekend', active: false }),
      url: (w) => `${at(w)}/tracks/${w.patient.id}`,
      headers: ifMatch,
    },
    'POST /api/v1/locations/{locationId}/phases': {
      as: 'director',
      body: phaseInput,
      valid: () => ({ number: 9, name: 'Fuzz phase', weeklyHours: 3, daysPerWeek: 1, typicalWeeks: 2, stepDown: true }),
      url: (w) => `${at(w)}/phases`,
    },
    'PATCH /api/v1/locations/{locationId}/phases/{id}': {
      as: 'director',
      body: phaseUpdate,
      valid: () => ({ weeklyHours: 8, stepDown: true }),
      url: (w) => `${at(w)}/phases/${w.patient.id}`,
      headers: ifMatch,
    },
    'POST /api/v1/locations/{locationId}/group-templates': {
      as: 'director',
      body: templateInput,
      valid: tpl,
      url: (w) => `${at(w)}/group-templates`,
    },
    'PATCH /api/v1/locations/{locationId}/group-templates/{id}': {
      as: 'director',
      body: templateUpdate,
      valid: () => ({ capacity: 10, startMinute: 600 }),
      url: (w) => `${at(w)}/group-templates/${w.patient.id}`,
      headers: ifMatch,
    },
    'POST /api/v1/locations/{locationId}/closures': {
      as: 'director',
      body: closureInput,
      valid: () => ({ day: '2026-12-25', name: 'Fuzz day', scope: 'location' }),
      url: (w) => `${at(w)}/closures`,
    },
    'PUT /api/v1/locations/{locationId}/scheduling-settings': {
      as: 'director',
      body: schedulingSettingsInput,
      valid: () => ({
        individualMinutes: 50,
        individualEveryWeeks: 1,
        familyMinutes: 50,
        familyEveryWeeks: 2,
        collectionSlots: [{ weekday: 0, start: 480, end: 600 }],
        reminderOffsetsMinutes: [1440],
      }),
      url: (w) => `${at(w)}/scheduling-settings`,
      headers: async () => ({ 'if-match': '"0"' }),
    },
  };
}

/** Drug testing (issue 6): settings and the draw at a location, a person's specimens, results and reviews. */
function drugTestTargets(): Record<string, Target> {
  const at = (w: World) => `/api/v1/locations/${w.org.locations.main}/drug-tests`;
  const base = (w: World) => `/api/v1/patients/${w.patient.id}/drug-tests/collections`;
  return {
    'PUT /api/v1/locations/{id}/drug-tests/settings': {
      as: 'director',
      body: drugTestSettingsInput,
      valid: () => ({ ratesByPhase: { '1': 2 }, defaultRatePerWeek: 1, collectionWeekdays: [0, 2, 4] }),
      url: (w) => `${at(w)}/settings`,
      headers: async () => ({ 'if-match': '"0"' }),
    },
    'POST /api/v1/locations/{id}/drug-tests/draws': {
      as: 'director',
      body: drugTestDrawRequest,
      valid: () => ({ day: '2026-11-16' }),
      url: (w) => `${at(w)}/draws`,
    },
    'POST /api/v1/patients/{id}/drug-tests/collections': {
      as: 'peer',
      body: drugTestCollectionCreate,
      valid: () => ({ specimenType: 'urine', observed: true, custodyId: 'FUZZ-1', temperatureC: 34, temperatureMinutes: 2 }),
      url: base,
    },
    'PATCH /api/v1/patients/{id}/drug-tests/collections/{collectionId}': {
      as: 'peer',
      body: drugTestCollectionUpdate,
      valid: () => ({ custodyEvent: { action: 'sealed' } }),
      url: (w) => `${base(w)}/${w.patient.id}`,
      headers: async () => ({ 'if-match': '"1"' }),
    },
    'POST /api/v1/patients/{id}/drug-tests/collections/{collectionId}/results': {
      as: 'clinician',
      body: drugTestResultsCreate,
      valid: () => ({ results: [{ substanceClass: 'fentanyl', method: 'presumptive', outcome: 'negative' }] }),
      url: (w) => `${base(w)}/${w.patient.id}/results`,
    },
    'POST /api/v1/patients/{id}/drug-tests/collections/{collectionId}/reviews': {
      as: 'clinician',
      body: drugTestReviewCreate,
      valid: () => ({ note: 'Reviewed with the person.' }),
      url: (w) => `${base(w)}/${w.patient.id}/reviews`,
    },
    'POST /api/v1/patients/{id}/drug-tests/selections': {
      as: 'clinician',
      body: drugTestForCauseCreate,
      valid: () => ({ day: '2026-11-16', cause: 'Smelled of alcohol at group.' }),
      url: (w) => `/api/v1/patients/${w.patient.id}/drug-tests/selections`,
    },
    'PATCH /api/v1/patients/{id}/drug-tests/selections/{selectionId}': {
      as: 'peer',
      body: drugTestSelectionUpdate,
      valid: () => ({ status: 'excused', note: 'At a medical appointment.' }),
      url: (w) => `/api/v1/patients/${w.patient.id}/drug-tests/selections/${w.patient.id}`,
      headers: async () => ({ 'if-match': '"1"' }),
    },
  };
}

/**
 * The video feature's write route (If-Match "0": a valid body would create the location's settings). The valid body
 * carries STUN and TURN servers and the TURN secret, so near misses hit each list, its entries and the secret.
 */
function videoTargets(): Record<string, Target> {
  return {
    'PUT /api/v1/locations/{locationId}/video-settings': {
      as: 'admin',
      body: videoSettingsUpdate,
      valid: () => ({
        meshLimit: 4,
        externalUrlTemplate: 'https://meet.example.test/r-{occurrenceId}',
        stunUrls: ['stun:stun.example.test:3478'],
        turnUrls: ['turn:turn.example.test:3478?transport=udp', 'turns:turn.example.test:5349?transport=tcp'],
        turnSecret: 'fuzz-turn-shared-secret-0123456789',
      }),
      url: (w) => `/api/v1/locations/${w.org.locations.main}/video-settings`,
      headers: async () => ({ 'if-match': '"0"' }),
    },
  };
}

/** Every POST, PUT and PATCH route the OpenAPI document lists. */
function writeRoutes(): string[] {
  const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['post', 'put', 'patch'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}

let w: World;
/** The organization, people and records the targets write to, made afresh for each shard file. */
function worldHooks() {
  beforeAll(async () => {
    const org = await setupOrg(t);
    const patient = await org.patient();
    const fresh = await org.patient();
    const withEpisode = await org.patient();
    const elsewhere = await org.patient({ locationId: org.locations.other });
    const director = await org.as('director');
    const episode = await director.post(`/api/v1/patients/${withEpisode.id}/episodes`, {
      levelOfCare: '2.1',
      locationId: org.locations.main,
    });
    expect(episode.statusCode, episode.body).toBe(201);
    const glass = await (
      await org.as('otherClinician')
    ).post('/api/v1/break-glass', { mrn: patient.mrn, reason: 'Crisis walk-in at the other clinic' });
    expect(glass.statusCode, glass.body).toBe(201);
    const grantId = (await director.get('/api/v1/break-glass')).json().items[0].id as string;
    const inquiry = await (await org.as('admissions')).post('/api/v1/inquiries', { givenName: 'Fuzz' });
    expect(inquiry.statusCode, inquiry.body).toBe(201);
    const followUp = await (
      await org.as('admissions')
    ).post(`/api/v1/inquiries/${inquiry.json().id}/follow-ups`, { what: 'Call', dueAt: '2026-11-17T15:00:00Z' });
    const slug = `fuzz-${org.id.slice(0, 8)}`;
    expect(
      (await (await org.as('admin')).request({ method: 'PUT', url: '/api/v1/inquiries/public-page', payload: { slug, enabled: true } }))
        .statusCode,
    ).toBe(200);
    w = {
      org,
      patient,
      fresh,
      withEpisode: { id: withEpisode.id, episodeId: episode.json().id },
      elsewhere,
      grantId,
      inquiry: { id: inquiry.json().id, followUpId: followUp.json().id, slug },
    };
  });

  beforeAll(async () => {
    const clinician = await w.org.as('clinician');
    const base = `/api/v1/patients/${w.patient.id}`;
    iw.draftIntake = (await clinician.post(`${base}/intakes`, {})).json().id;
    iw.signedIntake = await seedSignedIntake(clinician, w.patient.id);
    iw.draftAssessment = (await clinician.post(`${base}/assessments`, {})).json().id;
  });
}

/** JSON that any client could send; `undefined` (no JSON form) becomes an empty body. */
const toJson = (v: unknown): string => {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
};

const junkValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ minLength: 1000, maxLength: 20_000 }),
  fc.constantFrom(null, true, 0, -1, 1e308, '', ' ', '\u0000', '<script>', "' or 1=1 --", '../../etc/passwd', '2026-02-30', 'NaN', [], {}),
);

function nearMisses(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const options: fc.Arbitrary<unknown>[] = [
    fc
      .record({ k: fc.string({ minLength: 1, maxLength: 24 }), v: fc.jsonValue({ maxDepth: 1 }) })
      .map(({ k, v }) => ({ ...valid, [k]: v })),
    fc.constant([valid]),
    fc.constant(null),
    fc.constant(JSON.stringify(valid)),
  ];
  if (keys.length) {
    options.push(
      fc.record({ k: fc.constantFrom(...keys), v: junkValue }).map(({ k, v }) => ({ ...valid, [k]: v })),
      fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))),
      fc.record({ k: fc.constantFrom(...keys), v: junkValue }).map(({ k, v }) => ({ ...valid, [k]: { nested: v } })),
    );
  }
  return fc.oneof(...options);
}

async function senderFor(target: Target): Promise<(opts: InjectOptions) => Promise<LightMyRequestResponse>> {
  if (target.as === 'anonymous') return (opts) => t.app.inject(opts);
  const agent: Agent = await signIn(t.app, w.org.users[target.as].email);
  return (opts) => agent.request(opts);
}

/**
 * Sends one body and checks the answer. Whether anything changed is checked once per batch (`unchanged`): a
 * snapshot of every table per request would cost more than the request itself, and a write by any one of the batch
 * still shows.
 */
async function refused(
  route: string,
  target: Target,
  send: (o: InjectOptions) => Promise<LightMyRequestResponse>,
  payload: string | Buffer,
  contentType: string | null,
) {
  const method = route.split(' ')[0] as 'POST' | 'PATCH';
  const headers: Record<string, string> = { ...(await target.headers?.(w)) };
  if (contentType) headers['content-type'] = contentType;
  const res = await send({ method, url: target.url(w), payload, headers });
  const what = `${method} ${target.url(w)} ${contentType} ${String(payload).slice(0, 200)}`;
  expect(res.statusCode, `${what} → ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, what).toBeLessThan(500);
  expect(res.headers['content-type'], what).toContain('application/problem+json');
  expect(res.json().code, what).toMatch(/^[A-Z_]+$/);
  return res;
}

/** Runs a batch of refused requests and then checks that the organization's data, audit trail included, is as before. */
async function unchanged(route: string, batch: () => Promise<void>) {
  const before = await orgSnapshot(t.database, w.org.id);
  await batch();
  expect(await orgSnapshot(t.database, w.org.id), `a refused ${route} wrote something`).toEqual(before);
}

const RUNS = { junk: 30, nearMiss: 40, raw: 20 };

/**
 * Throws junk at every write endpoint: whatever arrives, the api answers 4xx problem+json with a `code`, never a
 * 5xx, and the organization's data (audit trail included) is exactly as before. The routes are dealt to `shard.of`
 * files by turns (`shard.index` is this file's), so the fuzz runs on as many workers as the machine has.
 */
export function badInputSuite(app: TestApp, shard: { index: number; of: number }): void {
  t = app;
  worldHooks();
  describe(`bad input on every write endpoint (part ${shard.index + 1} of ${shard.of})`, () => {
    it('every POST/PATCH route in the OpenAPI document has a fuzz target (add new routes to TARGETS)', () => {
      const routes = writeRoutes();
      expect(routes.length).toBeGreaterThan(15);
      expect([...routes].sort()).toEqual(Object.keys(TARGETS).sort());
    });

    describe.each(Object.entries(TARGETS).filter((_, i) => i % shard.of === shard.index))('%s', (route, target) => {
      it('refuses arbitrary JSON values', async () => {
        const send = await senderFor(target);
        await unchanged(route, () =>
          fc.assert(
            fc.asyncProperty(
              fc.oneof(
                fc.jsonValue(),
                fc.anything({ withBigInt: false, withNullPrototype: true, withObjectString: true, withSparseArray: true }),
              ),
              async (body) => {
                const payload = toJson(body);
                fc.pre(payload !== '' && !target.body.safeParse(JSON.parse(payload)).success);
                await refused(route, target, send, payload, 'application/json');
              },
            ),
            { numRuns: RUNS.junk },
          ),
        );
      });

      it('refuses near misses: wrong types, huge strings, unknown and missing fields, arrays, nulls', async () => {
        const send = await senderFor(target);
        await unchanged(route, () =>
          fc.assert(
            fc.asyncProperty(nearMisses(target.valid(w)), async (body) => {
              fc.pre(!target.body.safeParse(body).success);
              await refused(route, target, send, JSON.stringify(body), 'application/json');
            }),
            { numRuns: RUNS.nearMiss },
          ),
        );
      });

      it('refuses raw non-JSON bodies, hostile JSON and wrong content types', async () => {
        const send = await senderFor(target);
        await unchanged(route, async () => {
          const valid = JSON.stringify(target.valid(w));
          const fixed: [string | Buffer, string | null][] = [
            ['', 'application/json'],
            ['{', 'application/json'],
            ['{"a":1,}', 'application/json'],
            [`${valid}trailing`, 'application/json'],
            [valid.replace(/^\{/, '{"__proto__":{"isAdmin":true},'), 'application/json'],
            [valid.replace(/^\{/, '{"constructor":{"prototype":{"isAdmin":true}},'), 'application/json'],
            ['['.repeat(5000) + ']'.repeat(5000), 'application/json'],
            ['{"a":'.repeat(3000) + '1' + '}'.repeat(3000), 'application/json'],
            [Buffer.from([0xff, 0xfe, 0x00, 0x7b]), 'application/json'],
            [valid, 'application/x-www-form-urlencoded'],
            [valid, 'multipart/form-data; boundary=xyz'],
            [valid, 'application/xml'],
            [valid, 'text/plain'],
            [valid, 'text/html'],
            [valid, 'application/octet-stream'],
            ['email=a%40b.c&password=x', 'application/x-www-form-urlencoded'],
          ];
          for (const [payload, type] of fixed) await refused(route, target, send, payload, type);
          await fc.assert(
            fc.asyncProperty(
              fc.oneof(
                fc.string({ unit: 'binary' }),
                fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
              ),
              async (raw) => {
                const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
                let parsed: { ok: boolean; value?: unknown } = { ok: false };
                try {
                  parsed = { ok: true, value: JSON.parse(text) };
                } catch {
                  /* not JSON: exactly what we want */
                }
                fc.pre(!parsed.ok || !target.body.safeParse(parsed.value).success);
                await refused(route, target, send, raw, 'application/json');
              },
            ),
            { numRuns: RUNS.raw },
          );
        });
      });

      it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
        const send = await senderFor(target);
        const huge = JSON.stringify({ ...target.valid(w), padding: 'x'.repeat(t.deps.bodyLimit) });
        await unchanged(route, async () => {
          const res = await refused(route, target, send, huge, 'application/json');
          expect(res.statusCode).toBe(413);
          expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
        });
      });
    });

    it('a well-formed body still works after all that (the fuzz targets are live, not dead ends)', async () => {
      const admin = await signIn(t.app, w.org.users.admin.email);
      const patch = await admin.patch(`/api/v1/patients/${w.patient.id}`, TARGETS['PATCH /api/v1/patients/{id}']?.valid(w), {
        'if-match': await version('patients', w.patient.id),
      });
      expect(patch.statusCode, patch.body).toBe(200);
      const caseload = await admin.post(`/api/v1/patients/${w.fresh.id}/caseload`, { userId: w.org.users.peer.id });
      expect(caseload.statusCode, caseload.body).toBe(201);
      const review = await (
        await signIn(t.app, w.org.users.director.email)
      ).post(`/api/v1/break-glass/${w.grantId}/review`, { note: 'Reviewed' });
      expect(review.statusCode, review.body).toBe(204);
    });
  });
}
