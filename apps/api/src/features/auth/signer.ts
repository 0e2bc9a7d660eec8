import { DomainError, type Reauth } from '@openiop/core';
import type { Db } from '../../db/database';
import type { Ctx } from '../../platform/context';
import * as repo from './auth.repo';
import { lockedError, recordFailure } from './auth.service';
import { totpStep } from './mfa';
import { verifyPassword } from './passwords';

/** Re-entries that did not match: counted once the transaction that carried them has rolled back. */
const mismatches = new WeakSet<DomainError>();
const mismatch = (e: DomainError): DomainError => {
  mismatches.add(e);
  return e;
};

/**
 * A signature is an act of the person, not of whoever holds their open session: they re-enter their password, or a
 * fresh code from their authenticator when they use MFA (a code is accepted once: the step is recorded, so it cannot
 * be replayed for a second signature). API tokens cannot sign. Runs inside the signature's transaction, so the code's
 * step is spent only when the signature is written; call it within `countingSignerFailures`, which counts a wrong
 * entry toward the account's lockout like a failed sign-in.
 */
export async function reauthenticate(tx: Db, ctx: Ctx, input: Reauth): Promise<'password' | 'totp'> {
  const secrets = await signer(tx, ctx, 'Sign in as yourself to sign');
  if (secrets.mfaEnabled && secrets.mfaSecret) {
    if (!input.code)
      throw new DomainError('VALIDATION_FAILED', 'Enter a code from your authenticator app to sign', [
        { path: 'code', message: 'is needed to sign' },
      ]);
    const step = totpStep(input.code, secrets.mfaSecret, ctx.clock.now());
    if (step === null || step <= (secrets.mfaLastStep ?? -1))
      throw mismatch(
        new DomainError('MFA_INVALID', 'That code is not valid; wait for the next one', [{ path: 'code', message: 'is not valid' }]),
      );
    await repo.updateUserSecurity(tx, secrets.organizationId, secrets.id, { mfaLastStep: step, ...cleared(secrets) });
    return 'totp';
  }
  if (!input.password)
    throw new DomainError('VALIDATION_FAILED', 'Re-enter your password to sign', [{ path: 'password', message: 'is needed to sign' }]);
  if (!(await verifyPassword(secrets.passwordHash, input.password)))
    throw mismatch(
      new DomainError('INVALID_CREDENTIALS', 'That is not your password', [{ path: 'password', message: 'is not your password' }]),
    );
  if (secrets.failedSignIns > 0) await repo.updateUserSecurity(tx, secrets.organizationId, secrets.id, cleared(secrets));
  return 'password';
}

/**
 * The password-only re-entry (intake and assessment signatures), checked before their transaction: a wrong password
 * writes nothing but the failure's count. Call it within `countingSignerFailures`, with the signer it passes.
 */
export async function confirmPassword(ctx: Ctx, secrets: Signer, password: string): Promise<void> {
  if (!(await verifyPassword(secrets.passwordHash, password)))
    throw mismatch(new DomainError('VALIDATION_FAILED', undefined, [{ path: 'password', message: 'is not your current password' }]));
  if (secrets.failedSignIns > 0) await repo.updateUserSecurity(ctx.db, secrets.organizationId, secrets.id, cleared(secrets));
}

/**
 * Runs a signature with its re-entry counted like a sign-in: a locked account cannot sign (423, as sign-in answers),
 * and a wrong password or code, once `work`'s transaction has rolled back, counts toward the lockout in a
 * transaction of its own with a security audit event (`auth.reauth_failed`). The attempt that reaches the lock
 * answers 423; the ones before it keep their own error. Someone at an unattended screen cannot guess a password
 * through the signature dialog more often than through the sign-in page.
 */
export async function countingSignerFailures<T>(ctx: Ctx, work: (signer: Signer) => Promise<T>): Promise<T> {
  const now = ctx.clock.now();
  const before = await signer(ctx.db, ctx, 'Sign in as yourself to sign');
  if (before.lockedUntil && before.lockedUntil > now) throw lockedError(before.lockedUntil, now);
  try {
    return await work(before);
  } catch (e) {
    if (!(e instanceof DomainError && mismatches.has(e))) throw e;
    // Read again: the count may have moved since (another tab, a sign-in attempt).
    const user = await signer(ctx.db, ctx, 'Sign in as yourself to sign');
    const lockMs = await recordFailure(ctx.db, ctx.clock, { ip: ctx.ip, userAgent: ctx.userAgent }, user, 'auth.reauth_failed');
    if (lockMs) throw lockedError(new Date(now.getTime() + lockMs), now);
    throw e;
  }
}

type Signer = NonNullable<Awaited<ReturnType<typeof repo.signerSecrets>>>;

async function signer(db: Db, ctx: Ctx, notAUser: string): Promise<Signer> {
  if (ctx.actor.kind !== 'user') throw new DomainError('FORBIDDEN', notAUser);
  const secrets = await repo.signerSecrets(db, ctx.actor.organizationId, ctx.actor.userId);
  if (!secrets) throw new DomainError('UNAUTHENTICATED');
  return secrets;
}

/** A re-entry that matched proves the person, as a sign-in does: their failure count starts again. */
const cleared = (s: { failedSignIns: number }) => (s.failedSignIns > 0 ? { failedSignIns: 0, lockedUntil: null } : {});
