import {
  consentStatus,
  describeExpiration,
  describeRecipients,
  missingElements,
  type ConsentFacts,
  type ConsentListItem,
  type ConsentView,
  type DisclosureView,
  type StatementId,
} from '@openiop/core';
import { iso } from '../../platform/http';
import type { ConsentRecord, DisclosureRecord } from './consents.repo';

/** What the consent rules need to know about the patient, taken from the row `loadVisible` returns. */
export interface PatientFacts {
  legalGivenName: string;
  legalFamilyName: string;
  locationTimeZone: string;
  episodeStatus: string | null;
  episodeDischargedOn: string | null;
}

export const patientNameOf = (p: PatientFacts): string => `${p.legalGivenName} ${p.legalFamilyName}`;

/**
 * The consent as the pure rules see it. "End of treatment" is the discharge date of the patient's current
 * episode, so discharging a patient ends such a consent everywhere at once, without a job; other events are the
 * date staff recorded.
 */
export function factsOf(r: ConsentRecord, p: PatientFacts): ConsentFacts {
  const x = r.row.part2?.expiration;
  const endOfTreatment = p.episodeStatus === 'discharged' ? p.episodeDischargedOn : null;
  return {
    kind: r.row.kind,
    patientName: r.row.patientName ?? patientNameOf(p),
    statementIds: r.row.statements.map((s) => s.id as StatementId),
    part2: r.row.part2 ?? null,
    signedAt: r.row.signedAt,
    revokedAt: r.row.revokedAt,
    expiryEventOn: x?.kind === 'event' ? (x.event === 'end_of_treatment' ? endOfTreatment : r.row.expiryEventOn) : null,
  };
}

export function toListItem(r: ConsentRecord, p: PatientFacts, today: string, showContent: boolean): ConsentListItem {
  const part2 = r.row.part2 ?? null;
  return {
    id: r.row.id,
    kind: r.row.kind,
    title: r.row.title,
    status: consentStatus(factsOf(r, p), today),
    createdAt: r.row.createdAt.toISOString(),
    signedAt: iso(r.row.signedAt),
    revokedAt: iso(r.row.revokedAt),
    expiresDescription: describeExpiration(part2?.expiration),
    purposes: part2?.purposes ?? [],
    recipientSummary: showContent && part2 ? describeRecipients(part2) || null : null,
  };
}

export function toView(r: ConsentRecord, p: PatientFacts, today: string): ConsentView {
  const row = r.row;
  const facts = factsOf(r, p);
  return {
    id: row.id,
    patientId: row.patientId,
    kind: row.kind,
    status: consentStatus(facts, today),
    templateVersion: row.templateVersion,
    title: row.title,
    body: row.body,
    statements: row.statements,
    part2: row.part2 ?? null,
    missing: row.signedAt ? [] : missingElements(facts, today),
    signature:
      row.signedAt && row.signatureMethod && row.signerKind && row.witnessId
        ? {
            method: row.signatureMethod,
            typedName: row.typedName,
            hasDrawing: Boolean(row.drawing),
            drawing: row.drawing,
            signedAt: row.signedAt.toISOString(),
            signerKind: row.signerKind,
            signerName: row.signerName ?? row.patientName ?? '',
            relationship: row.signerRelationship,
            authority: row.signerAuthority,
            witness: { id: row.witnessId, name: r.witnessName ?? '' },
          }
        : null,
    revocation:
      row.revokedAt && row.revocationVia && row.revokedById
        ? {
            revokedAt: row.revokedAt.toISOString(),
            receivedVia: row.revocationVia,
            reason: row.revocationReason,
            recordedBy: { id: row.revokedById, name: r.revokerName ?? '' },
          }
        : null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

export function toDisclosureView(d: DisclosureRecord): DisclosureView {
  const row = d.row;
  return {
    id: row.id,
    patientId: row.patientId,
    consentId: row.consentId,
    recipientName: row.recipientName,
    recipientClass: row.recipientClass,
    disclosedOn: row.disclosedOn,
    informationCategories: row.informationCategories,
    informationDescription: row.informationDescription,
    purpose: row.purpose,
    disclosedBy: { id: row.disclosedById, name: d.disclosedByName },
    noticeVersion: row.noticeVersion,
    noticeForm: row.noticeForm,
    noticeText: row.noticeText,
    consentScope: row.consentScope,
    recordedAt: row.recordedAt.toISOString(),
  };
}
