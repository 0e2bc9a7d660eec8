import { DomainError, type Reauth } from '@openiop/core';
import type { Db } from '../../db/database';
import type { Ctx } from '../../platform/context';
import { totpStep } from '../auth/mfa';
import { verifyPassword } from '../auth/passwords';
import * as repo from './notes.repo';

/**
 * A signature is an act of the person, not of whoever holds their open session: they re-enter their password, or a
 * fresh code from their authenticator when they use MFA (a code is accepted once: the step is recorded, so it cannot
 * be replayed for a second signature). API tokens cannot sign.
 */
export async function reauthenticate(tx: Db, ctx: Ctx, input: Reauth): Promise<'password' | 'totp'> {
  if (ctx.actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'Sign in as yourself to sign');
  const secrets = await repo.signerSecrets(tx, ctx.actor.organizationId, ctx.actor.userId);
  if (!secrets) throw new DomainError('UNAUTHENTICATED');
  if (secrets.mfaEnabled && secrets.mfaSecret) {
    if (!input.code)
      throw new DomainError('VALIDATION_FAILED', 'Enter a code from your authenticator app to sign', [
        { path: 'code', message: 'is needed to sign' },
      ]);
    const step = totpStep(input.code, secrets.mfaSecret, ctx.clock.now());
    if (step === null || step <= (secrets.mfaLastStep ?? -1))
      throw new DomainError('MFA_INVALID', 'That code is not valid; wait for the next one', [{ path: 'code', message: 'is not valid' }]);
    await repo.setMfaLastStep(tx, ctx.actor.organizationId, ctx.actor.userId, step);
    return 'totp';
  }
  if (!input.password)
    throw new DomainError('VALIDATION_FAILED', 'Re-enter your password to sign', [{ path: 'password', message: 'is needed to sign' }]);
  if (!(await verifyPassword(secrets.passwordHash, input.password)))
    throw new DomainError('INVALID_CREDENTIALS', 'That is not your password', [{ path: 'password', message: 'is not your password' }]);
  return 'password';
}
