import { DomainError } from '@openiop/core';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { measureLinks } from '../../db/schema/index';
import { sha256 } from '../../platform/crypto';

/**
 * The person a `/me/:token` link names, by the token's hash (this feature issues and revokes the links; sessions,
 * check-in and video rooms read them). Only the hash is stored.
 */
export async function findMeLink(tx: Db, token: string) {
  const [row] = await tx
    .select({
      id: measureLinks.id,
      organizationId: measureLinks.organizationId,
      patientId: measureLinks.patientId,
      expiresAt: measureLinks.expiresAt,
      revokedAt: measureLinks.revokedAt,
    })
    .from(measureLinks)
    .where(eq(measureLinks.tokenHash, sha256(token)));
  return row;
}

/** A link the person can use now: unknown or revoked → 404, expired → 410, as on the person's own page. */
export async function usableMeLink(tx: Db, token: string, now: Date) {
  const link = await findMeLink(tx, token);
  if (!link || link.revokedAt) throw new DomainError('NOT_FOUND', 'This link is not valid. Please ask your care team for a new one.');
  if (link.expiresAt <= now) throw new DomainError('LINK_EXPIRED', 'This link has expired. Please ask your care team for a new one.');
  return link;
}
