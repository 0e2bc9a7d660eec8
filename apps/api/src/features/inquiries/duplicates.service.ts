import { displayName, scoreDuplicate, type DuplicateMatch, type PersonKeys } from '@openiop/core';
import type { Db } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { findDuplicateCandidates } from '../patients/duplicate-candidates.service';
import type { InquiryRow } from './inquiries.repo';
import { loadInquiry } from './inquiries.service';

/** Who can look into a possible record the asker may not see. */
export const RESOLVE_WITH = 'a program director or administrator';

export const keysOf = (i: InquiryRow['i']): PersonKeys => ({
  givenName: i.givenName,
  familyName: i.familyName,
  dateOfBirth: i.dateOfBirth,
  phone: i.phone,
  email: i.email,
});

/**
 * Possible existing patients for a person, strongest first. Matches the actor may see come with their details;
 * the others say only that a record may exist and who can resolve it — no name, no MRN, no id.
 */
export async function matchDuplicates(tx: Db, ctx: Ctx, keys: PersonKeys): Promise<(DuplicateMatch & { patientId: string })[]> {
  const candidates = await findDuplicateCandidates(tx, ctx, keys);
  return candidates
    .map((c) => ({ c, s: scoreDuplicate(keys, c.keys) }))
    .filter(({ s }) => s.strength !== 'none')
    .sort((a, b) => b.s.score - a.s.score)
    .map(({ c, s }) => {
      const strength = s.strength as 'strong' | 'possible';
      return c.visible
        ? {
            kind: 'visible' as const,
            strength,
            fields: s.fields,
            patientId: c.id,
            patient: {
              id: c.id,
              mrn: c.mrn,
              name: displayName({
                preferredName: c.keys.otherGivenNames?.[0] ?? null,
                legalGivenName: c.keys.givenName ?? '',
                legalFamilyName: c.keys.familyName ?? '',
              }),
              dateOfBirth: c.keys.dateOfBirth ?? '',
              careStatus: c.careStatus,
            },
          }
        : { kind: 'restricted' as const, strength, resolveWith: RESOLVE_WITH, patientId: c.id };
    });
}

export async function listDuplicates(ctx: Ctx, inquiryId: string): Promise<DuplicateMatch[]> {
  assertCan(ctx.actor, 'inquiry.read');
  return ctx.db.transaction(async (tx) => {
    const row = await loadInquiry(tx, ctx, inquiryId);
    const matches = await matchDuplicates(tx, ctx, keysOf(row.i));
    const shown = matches.filter((m) => m.kind === 'visible');
    await recordAudit(tx, ctx, {
      action: 'inquiry.duplicates',
      resourceType: 'inquiry',
      resourceId: inquiryId,
      // Which patients' details were shown; hidden matches are counted, never identified to the asker.
      details: { shownPatientIds: shown.map((m) => m.patientId), restricted: matches.length - shown.length },
    });
    return matches.map(({ patientId: _omit, ...m }) => m);
  });
}
