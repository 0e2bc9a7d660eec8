import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Role } from '@openiop/core';
import type { Db } from '../../db/database';
import { apiTokens, organizations, sessions, users } from '../../db/schema/index';

const locationIdsOf = sql<
  string[]
>`coalesce((select array_agg(ul.location_id::text) from user_locations ul where ul.user_id = ${users.id}), '{}')`;

const principalColumns = {
  userId: users.id,
  organizationId: users.organizationId,
  name: users.name,
  email: users.email,
  roles: users.roles,
  active: users.active,
  locationIds: locationIdsOf,
  orgName: organizations.name,
  idleTimeoutMinutes: organizations.idleTimeoutMinutes,
  caseloadOnly: organizations.caseloadOnly,
  breakGlassMinutes: organizations.breakGlassMinutes,
};

function sessionLookup(db: Db) {
  return db
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      mfaPending: sessions.mfaPending,
      mfaEnrolmentRequired: sessions.mfaEnrolmentRequired,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      ...principalColumns,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organizations, eq(organizations.id, sessions.organizationId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('openiop_session_lookup');
}

// Every API request looks its session up: build that statement once per database, not once per request.
const preparedLookups = new WeakMap<Db, ReturnType<typeof sessionLookup>>();

/** The session behind a cookie, with its user and organization settings, in one round trip. */
export async function findSessionByHash(db: Db, tokenHash: string) {
  let lookup = preparedLookups.get(db);
  if (!lookup) {
    lookup = sessionLookup(db);
    preparedLookups.set(db, lookup);
  }
  const [row] = await lookup.execute({ tokenHash });
  return row;
}

export async function findApiTokenByHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      scopes: apiTokens.scopes,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      ...principalColumns,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(organizations, eq(organizations.id, apiTokens.organizationId))
    .where(eq(apiTokens.tokenHash, tokenHash));
  return row;
}

export async function touchSession(db: Db, sessionId: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, sessionId));
}

export async function touchApiToken(db: Db, tokenId: string, at: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, tokenId));
}

export async function revokeSession(db: Db, sessionId: string, at: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

export async function revokeUserSessions(db: Db, organizationId: string, userId: string, at: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.organizationId, organizationId), eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

/** Sign-in looks a user up by e-mail across organizations: e-mail addresses are unique product-wide. */
export async function findUserForSignIn(db: Db, email: string) {
  const [row] = await db
    .select({
      id: users.id,
      organizationId: users.organizationId,
      passwordHash: users.passwordHash,
      active: users.active,
      roles: users.roles,
      mfaEnabled: users.mfaEnabled,
      mfaSecret: users.mfaSecret,
      mfaLastStep: users.mfaLastStep,
      mfaRecoveryHashes: users.mfaRecoveryHashes,
      failedSignIns: users.failedSignIns,
      lockedUntil: users.lockedUntil,
      email: users.email,
      name: users.name,
      mfaRequiredRoles: organizations.mfaRequiredRoles,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.email, email));
  return row;
}

export async function getUserSecurity(db: Db, organizationId: string, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      roles: users.roles,
      mfaEnabled: users.mfaEnabled,
      mfaSecret: users.mfaSecret,
      mfaPendingSecret: users.mfaPendingSecret,
      mfaRecoveryHashes: users.mfaRecoveryHashes,
      mfaRequiredRoles: organizations.mfaRequiredRoles,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(users.organizationId, organizationId), eq(users.id, userId)));
  return row;
}

export type UserSecurityPatch = Partial<
  Pick<
    typeof users.$inferInsert,
    | 'failedSignIns'
    | 'lockedUntil'
    | 'lastSignInAt'
    | 'mfaSecret'
    | 'mfaPendingSecret'
    | 'mfaLastStep'
    | 'mfaEnabled'
    | 'mfaRecoveryHashes'
    | 'passwordHash'
  >
>;

/** What re-confirming a signed-in user's identity needs: their secrets, failures so far and any lock (active users only). */
export async function signerSecrets(db: Db, organizationId: string, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      organizationId: users.organizationId,
      passwordHash: users.passwordHash,
      mfaEnabled: users.mfaEnabled,
      mfaSecret: users.mfaSecret,
      mfaLastStep: users.mfaLastStep,
      failedSignIns: users.failedSignIns,
      lockedUntil: users.lockedUntil,
    })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.id, userId), eq(users.active, true)));
  return row;
}

export async function updateUserSecurity(db: Db, organizationId: string, userId: string, patch: UserSecurityPatch): Promise<void> {
  await db
    .update(users)
    .set(patch)
    .where(and(eq(users.organizationId, organizationId), eq(users.id, userId)));
}

export async function insertSession(db: Db, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

export async function updateSession(db: Db, sessionId: string, patch: Partial<typeof sessions.$inferInsert>): Promise<void> {
  await db.update(sessions).set(patch).where(eq(sessions.id, sessionId));
}

export const needsMfa = (roles: Role[], required: Role[]): boolean => roles.some((r) => required.includes(r));
