import {
  reviewDue,
  signReadiness,
  type InterventionView,
  type LevelOfCare,
  type PlanSignatureView,
  type PlanSummary,
  type PlanVersionView,
  type ReviewView,
} from '@openiop/core';
import { iso } from '../../platform/http';
import type { InterventionRow, PlanRow, SignatureRow, VersionRow } from './plans.repo';

export const toInterventionView = (r: InterventionRow & { inUse?: number }): InterventionView => ({
  id: r.id,
  key: r.key,
  name: r.name,
  category: r.category,
  defaultDelivererRole: r.defaultDelivererRole,
  defaultFrequency: r.defaultFrequency,
  active: r.active,
  inUse: r.inUse ?? 0,
  version: r.version,
});

export const toSignatureView = (s: SignatureRow): PlanSignatureView => ({
  signer: s.signer,
  method: s.method,
  name: s.name,
  signedAt: s.signedAt.toISOString(),
  contentHash: s.contentHash,
});

export function toVersionView(v: VersionRow, signatures: SignatureRow[], createdByName: string): PlanVersionView {
  return {
    planId: v.planId,
    patientId: v.patientId,
    number: v.number,
    status: v.status,
    content: v.content,
    contentHash: v.contentHash,
    signatures: signatures.filter((s) => s.versionId === v.id).map(toSignatureView),
    readiness: v.status === 'draft' || v.status === 'signing' ? signReadiness(v.content) : [],
    levelOfCareAtSigning: v.levelOfCareAtSigning,
    lockedAt: iso(v.lockedAt),
    createdBy: { id: v.createdBy, name: createdByName },
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    version: v.version,
  };
}

export interface ReviewFacts {
  currentLevel: LevelOfCare;
  reviewDays: number;
  timeZone: string;
  now: Date;
}

/** The review state of a plan from its newest signed version. */
export function reviewOf(versions: VersionRow[], facts: ReviewFacts): ReviewView {
  const signed = versions.filter((v) => v.status === 'signed').at(-1);
  return reviewDue({
    lockedAt: signed?.lockedAt ?? null,
    levelAtSigning: signed?.levelOfCareAtSigning ?? null,
    currentLevel: facts.currentLevel,
    reviewDays: facts.reviewDays,
    timeZone: facts.timeZone,
    now: facts.now,
  });
}

export function toSummary(plan: PlanRow, versions: VersionRow[], facts: ReviewFacts): PlanSummary {
  const current = versions.at(-1);
  if (!current) throw new Error('a plan always has a version');
  return {
    id: plan.id,
    patientId: plan.patientId,
    episodeId: plan.episodeId,
    currentVersion: current.number,
    currentStatus: current.status,
    signedVersion: versions.filter((v) => v.status === 'signed').at(-1)?.number ?? null,
    review: reviewOf(versions, facts),
    versions: versions.map((v) => ({
      number: v.number,
      status: v.status,
      createdAt: v.createdAt.toISOString(),
      lockedAt: iso(v.lockedAt),
    })),
  };
}
