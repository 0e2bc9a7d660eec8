import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '@openiop/core';
import { findApiTokenByHash, findSessionByHash, revokeSession, touchSession, touchApiToken } from '../features/auth/auth.repo';
import type { Actor } from './context';
import { safeEqual, sha256 } from './crypto';

export const SESSION_COOKIE = 'openiop_session';
/** How often a busy session's last-seen time is written back; idle checks are exact to this much. */
const TOUCH_EVERY_MS = 15_000;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type SessionRow = NonNullable<Awaited<ReturnType<typeof findSessionByHash>>>;
type PrincipalRow = Pick<
  SessionRow,
  | 'userId'
  | 'organizationId'
  | 'name'
  | 'email'
  | 'roles'
  | 'locationIds'
  | 'orgName'
  | 'idleTimeoutMinutes'
  | 'caseloadOnly'
  | 'breakGlassMinutes'
>;

/** The actor a session or API-token row stands for. */
export const actorFrom = (row: PrincipalRow, extra: Pick<Actor, 'kind' | 'tokenId' | 'sessionId' | 'scopes'>): Actor => ({
  ...extra,
  userId: row.userId,
  organizationId: row.organizationId,
  name: row.name,
  email: row.email,
  roles: row.roles,
  locationIds: row.locationIds,
  settings: {
    name: row.orgName,
    idleTimeoutMinutes: row.idleTimeoutMinutes,
    caseloadOnly: row.caseloadOnly,
    breakGlassMinutes: row.breakGlassMinutes,
  },
});

/** The session a cookie names, if it is live; exposes `mfaPending` for the sign-in steps. */
export interface SessionState {
  actor: Actor;
  csrfToken: string;
  mfaPending: boolean;
  mfaEnrolmentRequired: boolean;
  expiresAt: Date;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionState | null;
  }
}

async function resolveSession(req: FastifyRequest, token: string): Promise<SessionState> {
  const { database, clock } = req.server.deps;
  const row = await findSessionByHash(database.db, sha256(token));
  const now = clock.now();
  if (!row || row.revokedAt || !row.active) throw new DomainError('UNAUTHENTICATED');
  if (row.expiresAt <= now) throw new DomainError('SESSION_EXPIRED', 'The session has reached its maximum length; sign in again');
  if (now.getTime() - row.lastSeenAt.getTime() > row.idleTimeoutMinutes * 60_000) {
    await revokeSession(database.db, row.sessionId, now);
    throw new DomainError('SESSION_EXPIRED', `Signed out after ${row.idleTimeoutMinutes} minutes of inactivity`);
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(database.db, row.sessionId, now);
  return {
    actor: actorFrom(row, { kind: 'user', tokenId: null, sessionId: row.sessionId, scopes: null }),
    csrfToken: row.csrfToken,
    mfaPending: row.mfaPending || row.mfaEnrolmentRequired,
    mfaEnrolmentRequired: row.mfaEnrolmentRequired,
    expiresAt: row.expiresAt,
  };
}

async function resolveApiToken(req: FastifyRequest, token: string): Promise<Actor> {
  const { database, clock } = req.server.deps;
  const row = await findApiTokenByHash(database.db, sha256(token));
  const now = clock.now();
  if (!row || row.revokedAt || row.expiresAt <= now || !row.active) throw new DomainError('UNAUTHENTICATED', 'The API token is not valid');
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) await touchApiToken(database.db, row.tokenId, now);
  return actorFrom(row, { kind: 'token', tokenId: row.tokenId, sessionId: null, scopes: row.scopes });
}

/**
 * Deny by default: every route needs a fully signed-in actor unless its config says `auth: 'public'` (or
 * `'partial'` for the second sign-in step). Cookie-authenticated writes must echo the session's CSRF token.
 */
export function registerAuthentication(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req) => {
    // The web app's files and the API docs are public; everything under /api/ is not unless its route says so.
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    const mode = req.routeOptions.config.auth;
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      if (mode === 'public') return;
      req.actor = await resolveApiToken(req, bearer);
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) {
      if (mode === 'public') return;
      throw new DomainError('UNAUTHENTICATED');
    }
    let state: SessionState;
    try {
      state = await resolveSession(req, cookie);
    } catch (err) {
      if (mode === 'public') return;
      throw err;
    }
    req.session = state;
    if (UNSAFE.has(req.method) && mode !== 'public') {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, state.csrfToken)) throw new DomainError('CSRF_FAILED');
    }
    if (state.mfaPending && mode !== 'partial') {
      if (mode === 'public') return;
      throw new DomainError('MFA_REQUIRED', 'Finish signing in with your second factor');
    }
    req.actor = state.actor;
  });
}
