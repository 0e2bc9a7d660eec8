import { and, eq, gt, isNull } from 'drizzle-orm';
import { DomainError, permissions, type Me } from '@openiop/core';
import type { Db } from '../../db/database';
import { passwordResetTokens, users } from '../../db/schema/index';
import { appendAudit } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { actorPermissions, type Actor, type AppDeps } from '../../platform/context';
import { randomToken, sha256 } from '../../platform/crypto';
import type { SessionState } from '../../platform/auth';
import * as repo from './auth.repo';
import { enrolmentPayload, hashRecoveryCode, newMfaSecret, newRecoveryCodes, totpStep } from './mfa';
import { hashPassword, verifyPassword } from './passwords';

/** Failed attempts before the account backs off, then locks. */
const FREE_ATTEMPTS = 4;
const MAX_LOCK_MS = 15 * 60_000;
const SESSION_MAX_MS = 12 * 3600_000;
const RESET_TTL_MS = 60 * 60_000;

export interface Client {
  ip: string | null;
  userAgent: string | null;
}

/** Lock for 30 s after the 5th failure, doubling each time, capped at 15 minutes. */
export function lockoutFor(failures: number): number {
  if (failures <= FREE_ATTEMPTS) return 0;
  return Math.min(MAX_LOCK_MS, 30_000 * 2 ** (failures - FREE_ATTEMPTS - 1));
}

const securityAudit = (
  db: Db,
  clock: Clock,
  client: Client,
  organizationId: string,
  userId: string,
  action: string,
  details: Record<string, unknown> = {},
) =>
  appendAudit(db, {
    organizationId,
    actorUserId: userId,
    actorTokenId: null,
    occurredAt: clock.now(),
    ip: client.ip,
    userAgent: client.userAgent,
    action,
    resourceType: 'user',
    resourceId: userId,
    details,
  });

/** Counts a failed attempt (sign-in, MFA code or a signature's re-entry) in its own transaction; the lock it sets, in ms. */
export async function recordFailure(
  db: Db,
  clock: Clock,
  client: Client,
  user: { id: string; organizationId: string; failedSignIns: number },
  action: string,
) {
  const failures = user.failedSignIns + 1;
  const lockMs = lockoutFor(failures);
  const now = clock.now();
  await db.transaction(async (tx) => {
    await repo.updateUserSecurity(tx, user.organizationId, user.id, {
      failedSignIns: failures,
      lockedUntil: lockMs ? new Date(now.getTime() + lockMs) : null,
    });
    await securityAudit(tx, clock, client, user.organizationId, user.id, action, { failures, lockedSeconds: lockMs / 1000 });
  });
  return lockMs;
}

export function lockedError(until: Date, now: Date): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new DomainError('ACCOUNT_LOCKED', `Too many failed attempts; try again in ${retryAfterSeconds} seconds`, [], {
    retryAfterSeconds,
  });
}

export interface NewSession {
  token: string;
  csrfToken: string;
  status: 'signed-in' | 'mfa-required' | 'mfa-enrolment-required';
}

export async function signIn(deps: AppDeps, client: Client, email: string, password: string): Promise<NewSession> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const user = await repo.findUserForSignIn(db, email);
  if (user?.lockedUntil && user.lockedUntil > now) throw lockedError(user.lockedUntil, now);
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !user.active) throw new DomainError('INVALID_CREDENTIALS');
  if (!ok) {
    const lockMs = await recordFailure(db, deps.clock, client, user, 'auth.sign_in_failed');
    if (lockMs) throw lockedError(new Date(now.getTime() + lockMs), now);
    throw new DomainError('INVALID_CREDENTIALS');
  }
  const mfaPending = user.mfaEnabled;
  const mfaEnrolmentRequired = !user.mfaEnabled && repo.needsMfa(user.roles, user.mfaRequiredRoles);
  const token = randomToken();
  const csrfToken = randomToken(24);
  await db.transaction(async (tx) => {
    await repo.updateUserSecurity(tx, user.organizationId, user.id, {
      failedSignIns: 0,
      lockedUntil: null,
      ...(mfaPending || mfaEnrolmentRequired ? {} : { lastSignInAt: now }),
    });
    await repo.insertSession(tx, {
      organizationId: user.organizationId,
      userId: user.id,
      tokenHash: sha256(token),
      csrfToken,
      mfaPending,
      mfaEnrolmentRequired,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_MS),
      ip: client.ip,
      userAgent: client.userAgent,
    });
    await securityAudit(tx, deps.clock, client, user.organizationId, user.id, mfaPending ? 'auth.password_accepted' : 'auth.sign_in');
  });
  const status = mfaPending ? 'mfa-required' : mfaEnrolmentRequired ? 'mfa-enrolment-required' : 'signed-in';
  return { token, csrfToken, status };
}

/** Second step: a TOTP code or a single-use recovery code. Rotates the session token on success. */
export async function verifyMfa(deps: AppDeps, client: Client, session: SessionState, code: string): Promise<NewSession> {
  const { db } = deps.database;
  const { actor } = session;
  const now = deps.clock.now();
  const user = await repo.findUserForSignIn(db, actor.email);
  if (!user || !user.mfaEnabled || !user.mfaSecret || !session.mfaPending || session.mfaEnrolmentRequired) {
    throw new DomainError('CONFLICT', 'This session is not waiting for a second factor');
  }
  if (user.lockedUntil && user.lockedUntil > now) throw lockedError(user.lockedUntil, now);
  let remainingRecovery = user.mfaRecoveryHashes;
  let usedRecovery = false;
  let ok = false;
  let step: number | null = null;
  if (/^\d{6}$/.test(code)) {
    step = totpStep(code, user.mfaSecret, now);
    ok = step !== null && step > (user.mfaLastStep ?? -1);
  } else {
    const h = hashRecoveryCode(code);
    if (user.mfaRecoveryHashes.includes(h)) {
      ok = true;
      usedRecovery = true;
      remainingRecovery = user.mfaRecoveryHashes.filter((x) => x !== h);
    }
  }
  if (!ok) {
    const lockMs = await recordFailure(db, deps.clock, client, user, 'auth.mfa_failed');
    if (lockMs) throw lockedError(new Date(now.getTime() + lockMs), now);
    throw new DomainError('MFA_INVALID', undefined, [{ path: 'code', message: 'is not a valid code' }]);
  }
  const token = randomToken();
  await db.transaction(async (tx) => {
    await repo.updateUserSecurity(tx, user.organizationId, user.id, {
      failedSignIns: 0,
      lockedUntil: null,
      lastSignInAt: now,
      mfaRecoveryHashes: remainingRecovery,
      ...(step !== null ? { mfaLastStep: step } : {}),
    });
    await repo.updateSession(tx, actor.sessionId ?? '', { tokenHash: sha256(token), mfaPending: false, lastSeenAt: now });
    await securityAudit(tx, deps.clock, client, user.organizationId, user.id, 'auth.sign_in', {
      factor: usedRecovery ? 'recovery-code' : 'totp',
      recoveryCodesLeft: remainingRecovery.length,
    });
  });
  return { token, csrfToken: session.csrfToken, status: 'signed-in' };
}

/**
 * Starts enrolling an authenticator: first-time set-up (also when the organization requires it at sign-in), or
 * moving to a new phone. The new secret waits beside the old one, which keeps working until a code from the new
 * one is confirmed.
 */
export async function startMfaEnrolment(deps: AppDeps, session: SessionState) {
  const { db } = deps.database;
  const { actor } = session;
  const user = await repo.getUserSecurity(db, actor.organizationId, actor.userId);
  if (!user) throw new DomainError('UNAUTHENTICATED');
  if (session.mfaPending && !session.mfaEnrolmentRequired) throw new DomainError('MFA_REQUIRED');
  const secret = newMfaSecret();
  await repo.updateUserSecurity(db, actor.organizationId, actor.userId, { mfaPendingSecret: secret });
  return enrolmentPayload(user.email, secret);
}

export async function confirmMfaEnrolment(deps: AppDeps, client: Client, session: SessionState, code: string) {
  const { db } = deps.database;
  const { actor } = session;
  const now = deps.clock.now();
  if (session.mfaPending && !session.mfaEnrolmentRequired) throw new DomainError('MFA_REQUIRED');
  const user = await repo.getUserSecurity(db, actor.organizationId, actor.userId);
  if (!user?.mfaPendingSecret) throw new DomainError('CONFLICT', 'Start enrolment first');
  const step = totpStep(code, user.mfaPendingSecret, now);
  if (step === null) {
    throw new DomainError('MFA_INVALID', undefined, [
      { path: 'code', message: 'does not match; check the time on your phone and try again' },
    ]);
  }
  const recoveryCodes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await repo.updateUserSecurity(tx, actor.organizationId, actor.userId, {
      mfaEnabled: true,
      mfaSecret: user.mfaPendingSecret,
      mfaPendingSecret: null,
      mfaLastStep: step,
      mfaRecoveryHashes: recoveryCodes.map(hashRecoveryCode),
      lastSignInAt: now,
    });
    await repo.updateSession(tx, actor.sessionId ?? '', { mfaPending: false, mfaEnrolmentRequired: false });
    await securityAudit(
      tx,
      deps.clock,
      client,
      actor.organizationId,
      actor.userId,
      user.mfaEnabled ? 'auth.mfa_replaced' : 'auth.mfa_enrolled',
    );
  });
  return { recoveryCodes };
}

export async function signOut(deps: AppDeps, client: Client, session: SessionState | null): Promise<void> {
  if (!session?.actor.sessionId) return;
  const { actor } = session;
  await deps.database.db.transaction(async (tx) => {
    await repo.revokeSession(tx, actor.sessionId ?? '', deps.clock.now());
    await securityAudit(tx, deps.clock, client, actor.organizationId, actor.userId, 'auth.sign_out');
  });
}

export async function heartbeat(deps: AppDeps, actor: Actor): Promise<void> {
  if (actor.sessionId) await repo.touchSession(deps.database.db, actor.sessionId, deps.clock.now());
}

export function meOf(actor: Actor, session: SessionState | null, mfaEnabled: boolean): Me {
  const idle = actor.settings.idleTimeoutMinutes;
  return {
    user: { id: actor.userId, email: actor.email, name: actor.name, roles: actor.roles, locationIds: actor.locationIds, mfaEnabled },
    organization: { id: actor.organizationId, name: actor.settings.name },
    session: {
      csrfToken: session?.csrfToken ?? '',
      idleTimeoutMinutes: idle,
      expiresAt: (session?.expiresAt ?? new Date(0)).toISOString(),
      mfaPending: session?.mfaPending ?? false,
      mfaEnrolmentRequired: session?.mfaEnrolmentRequired ?? false,
    },
    permissions: actorPermissions(actor, permissions),
  };
}

export async function mfaEnabledOf(db: Db, actor: Actor): Promise<boolean> {
  return (await repo.getUserSecurity(db, actor.organizationId, actor.userId))?.mfaEnabled ?? false;
}

/** Always answers the same way, whether or not the address is known, so it reveals no accounts. */
export async function requestPasswordReset(
  deps: Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'publicUrl'>,
  client: Client,
  email: string,
): Promise<void> {
  const { db } = deps.database;
  const user = await repo.findUserForSignIn(db, email);
  if (!user || !user.active) return;
  const now = deps.clock.now();
  const token = randomToken();
  await db.transaction(async (tx) => {
    await tx.insert(passwordResetTokens).values({
      organizationId: user.organizationId,
      userId: user.id,
      tokenHash: sha256(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + RESET_TTL_MS),
    });
    await securityAudit(tx, deps.clock, client, user.organizationId, user.id, 'auth.password_reset_requested');
  });
  await deps.mailer.send({
    organizationId: user.organizationId,
    to: user.email,
    subject: 'Reset your openiop password',
    text: [
      'Someone asked to reset the password of your openiop account.',
      '',
      `Choose a new password here (the link works once, for one hour):`,
      `${deps.publicUrl}/reset-password?token=${token}`,
      '',
      'If it was not you, ignore this message; your password stays as it is.',
    ].join('\n'),
  });
}

export async function completePasswordReset(deps: AppDeps, client: Client, token: string, password: string): Promise<void> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(
        and(eq(passwordResetTokens.tokenHash, sha256(token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)),
      )
      .returning({ userId: passwordResetTokens.userId, organizationId: passwordResetTokens.organizationId });
    if (!row)
      throw new DomainError('TOKEN_INVALID', 'The reset link is not valid, was already used, or has expired', [
        { path: 'token', message: 'is not valid' },
      ]);
    await tx
      .update(users)
      .set({ passwordHash, failedSignIns: 0, lockedUntil: null })
      .where(and(eq(users.organizationId, row.organizationId), eq(users.id, row.userId)));
    await repo.revokeUserSessions(tx, row.organizationId, row.userId, now);
    await securityAudit(tx, deps.clock, client, row.organizationId, row.userId, 'auth.password_reset');
  });
}
