import { boolean, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant, pk, tenantId } from './columns';
import { organizations, users } from './organizations';

export const sessions = pgTable(
  'sessions',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull().unique(),
    csrfToken: text('csrf_token').notNull(),
    mfaPending: boolean('mfa_pending').notNull(),
    mfaEnrolmentRequired: boolean('mfa_enrolment_required').notNull(),
    createdAt: instant('created_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    revokedAt: instant('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const passwordResetTokens = pgTable('password_reset_tokens', {
  id: pk(),
  organizationId: tenantId().references(() => organizations.id),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
  usedAt: instant('used_at'),
});

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: pk(),
    organizationId: tenantId().references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    scopes: text('scopes').array().notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    revokedAt: instant('revoked_at'),
    lastUsedAt: instant('last_used_at'),
  },
  (t) => [index('api_tokens_org').on(t.organizationId)],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    organizationId: tenantId().references(() => organizations.id),
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: text('status_code').notNull(),
    responseBody: text('response_body').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.principal, t.key] })],
);
