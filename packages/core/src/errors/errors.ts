/**
 * One error vocabulary for the whole product. Every failure the api reports carries one of these codes, and
 * the status map below makes a forgotten code a compile error rather than a silent 500.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'MFA_REQUIRED'
  | 'MFA_INVALID'
  | 'ACCOUNT_LOCKED'
  | 'SESSION_EXPIRED'
  | 'CSRF_FAILED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'DUPLICATE'
  | 'PRECONDITION_FAILED'
  | 'PRECONDITION_REQUIRED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'TOKEN_INVALID'
  | 'CONSENT_SIGNED'
  | 'CONSENT_NOT_SIGNED'
  | 'CONSENT_REVOKED'
  | 'DISCLOSURE_REFUSED'
  | 'RECORD_LOCKED'
  | 'RECORD_NOT_SIGNED'
  | 'ADMINISTRATION_CLOSED'
  | 'LINK_USED'
  | 'LINK_EXPIRED'
  | 'TASK_CLOSED'
  | 'STAGE_NOT_ALLOWED'
  | 'PRESCREEN_REQUIRED'
  | 'PRESCREEN_HIGHER_LEVEL'
  | 'POSSIBLE_DUPLICATE'
  | 'FORM_REJECTED'
  | 'PLAN_EXISTS'
  | 'PLAN_NOT_READY'
  | 'PLAN_VERSION_SIGNED'
  | 'PLAN_SIGNING_STARTED'
  | 'PLAN_ALREADY_SIGNED_BY'
  | 'PLAN_CHANGED'
  | 'PLAN_VERSION_OPEN'
  | 'INTERVENTION_IN_USE'
  | 'INTERVENTION_RETIRED'
  | 'SCHEDULE_CONFLICT'
  | 'BELOW_HOUR_FLOOR'
  | 'SOLVE_RUNNING'
  | 'WEEK_NOT_PLANNED'
  | 'NOTE_SIGNED'
  | 'NOT_ON_ROSTER'
  | 'SESSION_NOT_HELD'
  | 'NOTE_NAMES_OTHERS'
  | 'NOTE_INCOMPLETE'
  | 'CHECK_IN_CLOSED'
  | 'CODE_INVALID'
  | 'ALREADY_DRAWN'
  | 'ROOM_FULL'
  | 'TURN_SECRET_REQUIRED'
  | 'INTERNAL';

export const errorStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  MFA_REQUIRED: 401,
  MFA_INVALID: 401,
  ACCOUNT_LOCKED: 423,
  SESSION_EXPIRED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE: 409,
  PRECONDITION_FAILED: 412,
  PRECONDITION_REQUIRED: 428,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  TOKEN_INVALID: 400,
  CONSENT_SIGNED: 409,
  CONSENT_NOT_SIGNED: 409,
  CONSENT_REVOKED: 409,
  DISCLOSURE_REFUSED: 409,
  RECORD_LOCKED: 409,
  RECORD_NOT_SIGNED: 409,
  ADMINISTRATION_CLOSED: 409,
  LINK_USED: 409,
  LINK_EXPIRED: 410,
  TASK_CLOSED: 409,
  STAGE_NOT_ALLOWED: 409,
  PRESCREEN_REQUIRED: 409,
  PRESCREEN_HIGHER_LEVEL: 409,
  POSSIBLE_DUPLICATE: 409,
  FORM_REJECTED: 400,
  PLAN_EXISTS: 409,
  PLAN_NOT_READY: 422,
  PLAN_VERSION_SIGNED: 409,
  PLAN_SIGNING_STARTED: 409,
  PLAN_ALREADY_SIGNED_BY: 409,
  PLAN_CHANGED: 409,
  PLAN_VERSION_OPEN: 409,
  INTERVENTION_IN_USE: 409,
  INTERVENTION_RETIRED: 422,
  SCHEDULE_CONFLICT: 409,
  BELOW_HOUR_FLOOR: 409,
  SOLVE_RUNNING: 409,
  WEEK_NOT_PLANNED: 409,
  NOTE_SIGNED: 409,
  NOT_ON_ROSTER: 422,
  SESSION_NOT_HELD: 409,
  NOTE_NAMES_OTHERS: 422,
  NOTE_INCOMPLETE: 422,
  CHECK_IN_CLOSED: 409,
  CODE_INVALID: 400,
  ALREADY_DRAWN: 409,
  ROOM_FULL: 409,
  TURN_SECRET_REQUIRED: 422,
  INTERNAL: 500,
};

export const errorTitle: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'The request has invalid fields',
  BAD_REQUEST: 'The request could not be understood',
  UNAUTHENTICATED: 'Sign-in required',
  INVALID_CREDENTIALS: 'E-mail or password is incorrect',
  MFA_REQUIRED: 'A second factor is required',
  MFA_INVALID: 'The verification code is not valid',
  ACCOUNT_LOCKED: 'The account is temporarily locked',
  SESSION_EXPIRED: 'The session has ended',
  CSRF_FAILED: 'The request is missing its CSRF token',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  CONFLICT: 'The request conflicts with the current state',
  DUPLICATE: 'A record with the same identifier exists',
  PRECONDITION_FAILED: 'The record changed since it was read',
  PRECONDITION_REQUIRED: 'An If-Match header is required',
  IDEMPOTENCY_KEY_REUSED: 'The Idempotency-Key was used for a different request',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  UNSUPPORTED_MEDIA_TYPE: 'The request body must be JSON',
  RATE_LIMITED: 'Too many requests',
  TOKEN_INVALID: 'The link is not valid or has expired',
  CONSENT_SIGNED: 'A signed consent cannot change',
  CONSENT_NOT_SIGNED: 'The consent has not been signed',
  CONSENT_REVOKED: 'The consent is already revoked',
  DISCLOSURE_REFUSED: 'The consent does not allow this disclosure',
  RECORD_LOCKED: 'The record is signed or finalised and can no longer change',
  RECORD_NOT_SIGNED: 'The record must be signed first',
  ADMINISTRATION_CLOSED: 'This questionnaire was already submitted and cannot change',
  LINK_USED: 'This link has already been used',
  LINK_EXPIRED: 'This link has expired',
  TASK_CLOSED: 'This task is already resolved',
  STAGE_NOT_ALLOWED: 'The inquiry cannot move to that stage from where it is',
  PRESCREEN_REQUIRED: 'A pre-screen is needed first',
  PRESCREEN_HIGHER_LEVEL: 'The pre-screen says IOP is not safe now',
  POSSIBLE_DUPLICATE: 'This person may already have a record',
  FORM_REJECTED: 'The form could not be accepted',
  PLAN_EXISTS: 'This episode already has a treatment plan',
  PLAN_NOT_READY: 'The plan is not ready to be signed',
  PLAN_VERSION_SIGNED: 'A signed plan version cannot change; start a new version',
  PLAN_SIGNING_STARTED: 'This version has a signature; start a new version to change it',
  PLAN_ALREADY_SIGNED_BY: 'This signer has already signed this version',
  PLAN_CHANGED: 'The plan changed since it was shown; reload it before signing',
  PLAN_VERSION_OPEN: 'The newest version is still a draft; edit it instead',
  INTERVENTION_IN_USE: 'The intervention is named in a plan; retire it instead',
  INTERVENTION_RETIRED: 'A retired intervention cannot be added to a plan',
  SCHEDULE_CONFLICT: 'That would break a hard limit of the schedule',
  BELOW_HOUR_FLOOR: 'That would leave someone below the hours their level of care needs',
  SOLVE_RUNNING: 'This week is being planned right now',
  WEEK_NOT_PLANNED: 'Plan this week first',
  NOTE_SIGNED: 'A signed note cannot change; add an addendum',
  NOT_ON_ROSTER: "That person is not on this session's roster",
  SESSION_NOT_HELD: 'That session has not happened or was cancelled',
  NOTE_NAMES_OTHERS: "A person's part names or identifies someone else in the group",
  NOTE_INCOMPLETE: 'The note is not complete enough to sign',
  CHECK_IN_CLOSED: 'Check-in for this session is not open',
  CODE_INVALID: 'That check-in code is not valid now',
  ALREADY_DRAWN: "Today's random selection has already been drawn",
  ROOM_FULL: 'The video room is full',
  TURN_SECRET_REQUIRED: 'TURN servers need their shared secret',
  INTERNAL: 'Something went wrong',
};

export interface FieldError {
  /** JSON-pointer-like dotted path of the offending field, e.g. `address.postalCode`. */
  path: string;
  message: string;
}

/** A failure the product expects and explains. Messages must never contain PHI. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[];
  readonly extra: Record<string, unknown>;
  constructor(code: ErrorCode, message?: string, errors: FieldError[] = [], extra: Record<string, unknown> = {}) {
    super(message ?? errorTitle[code]);
    this.name = 'DomainError';
    this.code = code;
    this.errors = errors;
    this.extra = extra;
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/** RFC 9457 problem details as openiop sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode;
  errors: FieldError[];
  instance?: string;
  [extra: string]: unknown;
}
