import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { normalizeName, phoneDigits, type PersonKeys } from '@openiop/core';
import type { Db } from '../../db/database';
import type { Ctx } from '../../platform/context';
import { patients } from '../../db/schema/index';
import { scopePredicates } from './patients.scope';

const FROM = 'áàâäãåāéèêëēíìîïīóòôöõøōúùûüūñçýÿ';
const TO = 'aaaaaaaeeeeeiiiiiooooooouuuuuncyy';

export interface DuplicateCandidate {
  id: string;
  mrn: string;
  keys: PersonKeys;
  careStatus: string;
  /** Whether the actor's normal scope (or a live break-the-glass grant) covers this patient. */
  visible: boolean;
}

/**
 * Patients anywhere in the organization who share a birth date, phone, e-mail or family name with someone not
 * yet admitted. It looks beyond the actor's scope on purpose (a duplicate is a duplicate wherever it is), so each
 * candidate says whether the actor may see it; callers must show nothing identifying about the others. Callers
 * audit, in the same transaction.
 */
export async function findDuplicateCandidates(tx: Db, ctx: Ctx, keys: PersonKeys): Promise<DuplicateCandidate[]> {
  const { visible } = scopePredicates(ctx.actor, ctx.clock.now());
  const any: SQL[] = [];
  if (keys.dateOfBirth) any.push(eq(patients.dateOfBirth, keys.dateOfBirth));
  const digits = phoneDigits(keys.phone);
  if (digits) any.push(sql`right(regexp_replace(coalesce(${patients.phone}, ''), '[^0-9]', '', 'g'), 10) = ${digits}`);
  if (keys.email) any.push(sql`lower(${patients.email}) = ${keys.email.trim().toLowerCase()}`);
  const family = normalizeName(keys.familyName);
  // The same folding as normalizeName for Latin letters: accents off, then letters only.
  if (family) any.push(sql`regexp_replace(translate(lower(${patients.legalFamilyName}), ${FROM}, ${TO}), '[^a-z]', '', 'g') = ${family}`);
  if (!any.length) return [];
  const rows = await tx
    .select({
      id: patients.id,
      mrn: patients.mrn,
      givenName: patients.legalGivenName,
      familyName: patients.legalFamilyName,
      preferredName: patients.preferredName,
      dateOfBirth: patients.dateOfBirth,
      phone: patients.phone,
      email: patients.email,
      careStatus: patients.careStatus,
      visible: sql<boolean>`${visible}`,
    })
    .from(patients)
    .where(and(eq(patients.organizationId, ctx.actor.organizationId), or(...any)))
    .limit(50);
  return rows.map((r) => ({
    id: r.id,
    mrn: r.mrn,
    careStatus: r.careStatus,
    visible: Boolean(r.visible),
    keys: {
      givenName: r.givenName,
      familyName: r.familyName,
      otherGivenNames: [r.preferredName],
      dateOfBirth: r.dateOfBirth,
      phone: r.phone,
      email: r.email,
    },
  }));
}
