import { bigint, boolean, integer, jsonb, pgTable, text, uniqueIndex, uuid, index, primaryKey } from 'drizzle-orm/pg-core';
import type { Address, Credential, Role } from '@openiop/core';
import { instant, pk, tenantId, versioned } from './columns';

export const organizations = pgTable('organizations', {
  id: pk(),
  name: text('name').notNull(),
  idleTimeoutMinutes: integer('idle_timeout_minutes').notNull().default(15),
  caseloadOnly: boolean('caseload_only').notNull().default(false),
  mfaRequiredRoles: text('mfa_required_roles').array().$type<Role[]>().notNull().default([]),
  breakGlassMinutes: integer('break_glass_minutes').notNull().default(60),
  /** Days between treatment plan reviews (a level-of-care change makes one due at once). */
  planReviewDays: integer('plan_review_days').notNull().default(30),
  isDemo: boolean('is_demo').notNull().default(false),
  ...versioned(),
});

export const locations = pgTable(
  'locations',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull(),
    address: jsonb('address').$type<Address>().notNull(),
    phone: text('phone').notNull(),
    active: boolean('active').notNull().default(true),
    ...versioned(),
  },
  (t) => [uniqueIndex('locations_org_name').on(t.organizationId, t.name)],
);

export const users = pgTable(
  'users',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    roles: text('roles').array().$type<Role[]>().notNull(),
    phone: text('phone'),
    credentials: jsonb('credentials').$type<Credential[]>().notNull().default([]),
    active: boolean('active').notNull().default(true),
    mfaSecret: text('mfa_secret'),
    /** A secret being enrolled; it replaces `mfaSecret` only when a code from it is confirmed. */
    mfaPendingSecret: text('mfa_pending_secret'),
    /** The last TOTP time step accepted: a code is good once, never replayed within its window. */
    mfaLastStep: bigint('mfa_last_step', { mode: 'number' }),
    mfaEnabled: boolean('mfa_enabled').notNull().default(false),
    mfaRecoveryHashes: text('mfa_recovery_hashes').array().notNull().default([]),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: instant('locked_until'),
    lastSignInAt: instant('last_sign_in_at'),
    ...versioned(),
  },
  (t) => [uniqueIndex('users_email').on(t.email), index('users_org').on(t.organizationId)],
);

export const userLocations = pgTable(
  'user_locations',
  {
    organizationId: tenantId().references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.locationId] }), index('user_locations_org').on(t.organizationId)],
);
