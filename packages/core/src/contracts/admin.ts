import { z } from 'zod';
import { roles } from '../access/roles';
import { address, email, ianaTimeZone, id, optionalText, phone, text } from './common';

export const locationInput = z.strictObject({
  name: text(120),
  timeZone: ianaTimeZone,
  address,
  phone,
});
export const locationUpdate = locationInput.partial().extend({ active: z.boolean().optional() });
export const locationView = z.object({
  id,
  name: z.string(),
  timeZone: z.string(),
  address,
  phone: z.string(),
  active: z.boolean(),
  version: z.number().int(),
});
export type LocationView = z.infer<typeof locationView>;

export const credential = z.strictObject({
  kind: text(40),
  number: optionalText(60),
  state: optionalText(2),
  expiresOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
    .nullish(),
});
export type Credential = z.infer<typeof credential>;

export const userCreate = z.strictObject({
  email,
  name: text(120),
  roles: z.array(z.enum(roles)).min(1, 'choose at least one role').max(roles.length),
  locationIds: z.array(id).max(100).default([]),
  credentials: z.array(credential).max(20).default([]),
  phone: phone.nullish(),
  /** When absent the user gets an e-mailed link to set their own password. */
  password: z.string().min(12, 'must be at least 12 characters').max(200).optional(),
});
export const userUpdate = z
  .strictObject({
    name: text(120),
    roles: z.array(z.enum(roles)).min(1, 'choose at least one role').max(roles.length),
    locationIds: z.array(id).max(100),
    credentials: z.array(credential).max(20),
    phone: phone.nullish(),
    active: z.boolean(),
  })
  .partial();
export const userView = z.object({
  id,
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(roles)),
  locationIds: z.array(id),
  credentials: z.array(credential),
  phone: z.string().nullable(),
  active: z.boolean(),
  mfaEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
  version: z.number().int(),
});
export type UserView = z.infer<typeof userView>;

export const settingsView = z.object({
  name: z.string(),
  idleTimeoutMinutes: z.number().int(),
  caseloadOnly: z.boolean(),
  mfaRequiredRoles: z.array(z.enum(roles)),
  breakGlassMinutes: z.number().int(),
  planReviewDays: z.number().int(),
  version: z.number().int(),
});
export type SettingsView = z.infer<typeof settingsView>;
export const settingsUpdate = z
  .strictObject({
    name: text(120),
    idleTimeoutMinutes: z
      .number()
      .int('must be whole minutes')
      .min(2, 'must be at least 2 minutes')
      .max(240, 'must be at most 240 minutes'),
    caseloadOnly: z.boolean(),
    mfaRequiredRoles: z.array(z.enum(roles)).max(roles.length),
    breakGlassMinutes: z
      .number()
      .int('must be whole minutes')
      .min(5, 'must be at least 5 minutes')
      .max(720, 'must be at most 720 minutes (12 hours)'),
    /** Days between treatment plan reviews. */
    planReviewDays: z.number().int('must be whole days').min(7, 'must be at least 7 days').max(180, 'must be at most 180 days'),
  })
  .partial();

export const breakGlassRequest = z.strictObject({
  mrn: z.string().trim().min(3).max(20),
  reason: text(500).refine((s) => s.length >= 10, 'must explain the reason in at least 10 characters'),
});
export const breakGlassView = z.object({
  id,
  patientId: id,
  userId: id,
  userName: z.string(),
  reason: z.string(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewNote: z.string().nullable(),
});
export const breakGlassReview = z.strictObject({ note: text(500) });

export const apiTokenScopes = ['patients:read', 'patients:write', 'audit:read'] as const;
export const apiTokenCreate = z.strictObject({
  name: text(80),
  scopes: z.array(z.enum(apiTokenScopes)).min(1, 'choose at least one scope').max(apiTokenScopes.length),
  expiresInDays: z.number().int('must be whole days').min(1, 'must be at least 1 day').max(730, 'must be at most 730 days').default(90),
});
export const apiTokenView = z.object({
  id,
  name: z.string(),
  scopes: z.array(z.enum(apiTokenScopes)),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
/** Returned once, at creation; only a hash is stored. */
export const apiTokenCreated = apiTokenView.extend({ token: z.string() });

export const auditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(64).optional(),
  userId: id.optional(),
  patientId: id.optional(),
  action: z.string().max(60).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export const auditEventView = z.object({
  seq: z.number().int(),
  occurredAt: z.string(),
  actorUserId: id.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  patientId: id.nullable(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  breakGlass: z.boolean(),
});
export type AuditEventView = z.infer<typeof auditEventView>;

/** What every staff member may know of a colleague: for pickers and filters. */
export const staffMember = z.object({ id, name: z.string(), roles: z.array(z.enum(roles)) });
export type StaffMember = z.infer<typeof staffMember>;

export const breakGlassGranted = z.object({ patientId: id, expiresAt: z.string().nullable(), needed: z.boolean() });

/** A message in the development outbox (when no SMTP server is configured). */
export const outboxMessage = z.object({ id: z.string(), to: z.string(), subject: z.string(), text: z.string(), sentAt: z.string() });
export type OutboxMessage = z.infer<typeof outboxMessage>;

/** Actions bodies that take no input still refuse a body they do not understand. */
export const emptyBody = z.strictObject({}).nullish();

/** `{ items: [...] }`, the shape of every unpaged list. */
export const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
