import {
  consentTemplates,
  DomainError,
  isPart2Kind,
  localDate,
  missingElements,
  signatureErrors,
  type ConsentCreate,
  type ConsentListItem,
  type ConsentRevoke,
  type ConsentSign,
  type ConsentView,
  type Part2Fields,
} from '@openiop/core';
import type { Db } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import { actorCan, assertCan, type Ctx } from '../../platform/context';
import { loadVisible } from '../patients/patients.service';
import * as repo from './consents.repo';
import { factsOf, patientNameOf, toListItem, toView, type PatientFacts } from './consents.views';

/** Loads the patient (scope → 404) and the clinic-local date the consent rules are decided on. */
export async function loadPatient(tx: Db, ctx: Ctx, patientId: string) {
  const { row, breakGlass } = await loadVisible(tx, ctx, patientId);
  return { patient: row as PatientFacts & typeof row, breakGlass, today: localDate(ctx.clock.now(), row.locationTimeZone) };
}

export async function loadConsent(tx: Db, ctx: Ctx, patientId: string, consentId: string): Promise<repo.ConsentRecord> {
  const found = await repo.findConsent(tx, ctx.actor.organizationId, patientId, consentId);
  if (!found) throw new DomainError('NOT_FOUND', 'No such consent');
  return found;
}

/**
 * The patient's consents. Billing holds only `consent.status`: they see that a consent exists, its kind, status and
 * purposes (e.g. whether a TPO consent covers payment), never to whom it discloses or what it says.
 */
export async function listConsents(ctx: Ctx, patientId: string): Promise<ConsentListItem[]> {
  assertCan(ctx.actor, 'consent.status');
  const showContent = actorCan(ctx.actor, 'consent.read');
  return ctx.db.transaction(async (tx) => {
    const { patient, breakGlass, today } = await loadPatient(tx, ctx, patientId);
    const items = (await repo.listConsents(tx, ctx.actor.organizationId, patientId)).map((r) => toListItem(r, patient, today, showContent));
    await recordAudit(tx, ctx, {
      action: 'consent.list',
      resourceType: 'consent',
      patientId,
      breakGlass,
      details: { count: items.length, content: showContent },
    });
    return items;
  });
}

export async function getConsent(ctx: Ctx, patientId: string, consentId: string): Promise<ConsentView> {
  assertCan(ctx.actor, 'consent.read');
  return ctx.db.transaction(async (tx) => {
    const { patient, breakGlass, today } = await loadPatient(tx, ctx, patientId);
    const r = await loadConsent(tx, ctx, patientId, consentId);
    await recordAudit(tx, ctx, { action: 'consent.read', resourceType: 'consent', resourceId: consentId, patientId, breakGlass });
    return toView(r, patient, today);
  });
}

function part2Of(kind: ConsentCreate['kind'], part2: Part2Fields | undefined, defaultDiscloser: string | null): Part2Fields | null {
  if (!isPart2Kind(kind)) {
    if (part2)
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'part2', message: 'only Part 2 consents carry these fields' }]);
    return null;
  }
  const base: Part2Fields = part2 ?? {
    discloser: null,
    informationCategories: [],
    informationDescription: null,
    recipients: [],
    purposes: [],
    purposeDetail: null,
    expiration: null,
  };
  return { ...base, discloser: base.discloser ?? defaultDiscloser, expiration: base.expiration ?? null };
}

/** Starts a draft from the current template of its kind, copying the words so later template versions change nothing. */
export async function createConsent(ctx: Ctx, patientId: string, input: ConsentCreate): Promise<ConsentView> {
  assertCan(ctx.actor, 'consent.write');
  return ctx.db.transaction(async (tx) => {
    const { patient, breakGlass, today } = await loadPatient(tx, ctx, patientId);
    const template = consentTemplates[input.kind];
    const now = ctx.clock.now();
    const id = await repo.insertConsent(tx, {
      organizationId: ctx.actor.organizationId,
      patientId,
      kind: input.kind,
      templateVersion: template.version,
      title: template.title,
      body: template.body,
      statements: template.statements,
      part2: part2Of(input.kind, input.part2, ctx.actor.settings.name),
      createdById: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'consent.create',
      resourceType: 'consent',
      resourceId: id,
      patientId,
      breakGlass,
      details: { kind: input.kind, templateVersion: template.version },
    });
    return toView(await loadConsent(tx, ctx, patientId, id), patient, today);
  });
}

function assertDraft(r: repo.ConsentRecord, version: number): void {
  if (r.row.signedAt) throw new DomainError('CONSENT_SIGNED', 'A signed consent cannot change; revoke it and start a new one');
  if (r.row.version !== version)
    throw new DomainError('PRECONDITION_FAILED', 'The consent was changed by someone else; reload and try again');
}

/** Replaces the Part 2 fields of a draft (If-Match). */
export async function updateDraft(
  ctx: Ctx,
  patientId: string,
  consentId: string,
  version: number,
  part2: Part2Fields,
): Promise<ConsentView> {
  assertCan(ctx.actor, 'consent.write');
  return ctx.db.transaction(async (tx) => {
    const { patient, breakGlass, today } = await loadPatient(tx, ctx, patientId);
    const r = await loadConsent(tx, ctx, patientId, consentId);
    assertDraft(r, version);
    // No default here: a draft whose discloser was cleared stays without one until someone names it.
    const next = part2Of(r.row.kind, part2, null);
    if (
      !(await repo.updateConsent(
        tx,
        ctx.actor.organizationId,
        consentId,
        version,
        { part2: next, updatedAt: ctx.clock.now() },
        { unsignedOnly: true },
      ))
    )
      throw new DomainError('PRECONDITION_FAILED', 'The consent was changed by someone else; reload and try again');
    await recordAudit(tx, ctx, {
      action: 'consent.update',
      resourceType: 'consent',
      resourceId: consentId,
      patientId,
      breakGlass,
      details: { fields: ['part2'] },
    });
    return toView(await loadConsent(tx, ctx, patientId, consentId), patient, today);
  });
}

/**
 * Signs a draft. Every missing §2.31 element and every signature problem is reported at once (400) and nothing is
 * written. The signed-in staff member is the witness (ADR 0014): they are at the patient's side with an MFA-protected,
 * idle-limited session, and the audit row records them with the IP address and user agent of the signing device.
 */
export async function signConsent(
  ctx: Ctx,
  patientId: string,
  consentId: string,
  version: number,
  input: ConsentSign,
): Promise<ConsentView> {
  assertCan(ctx.actor, 'consent.write');
  return ctx.db.transaction(async (tx) => {
    const { patient, breakGlass, today } = await loadPatient(tx, ctx, patientId);
    const r = await loadConsent(tx, ctx, patientId, consentId);
    assertDraft(r, version);
    const patientName = patientNameOf(patient);
    const errors = [...missingElements({ ...factsOf(r, patient), patientName }, today), ...signatureErrors(input)];
    if (errors.length) throw new DomainError('VALIDATION_FAILED', 'The consent is missing required elements', errors);
    const now = ctx.clock.now();
    const signer = input.signer;
    const ok = await repo.updateConsent(
      tx,
      ctx.actor.organizationId,
      consentId,
      version,
      {
        patientName,
        signedAt: now,
        signatureMethod: input.method,
        typedName: input.typedName ?? null,
        drawing: input.method === 'drawn' ? (input.drawing ?? null) : null,
        signerKind: signer.kind,
        signerName: signer.kind === 'representative' ? (signer.name ?? null) : (input.typedName ?? patientName),
        signerRelationship: signer.kind === 'representative' ? (signer.relationship ?? null) : null,
        signerAuthority: signer.kind === 'representative' ? (signer.authority ?? null) : null,
        witnessId: ctx.actor.userId,
        updatedAt: now,
      },
      { unsignedOnly: true },
    );
    if (!ok) throw new DomainError('CONSENT_SIGNED', 'The consent was signed or changed meanwhile; reload it');
    await recordAudit(tx, ctx, {
      action: 'consent.sign',
      resourceType: 'consent',
      resourceId: consentId,
      patientId,
      breakGlass,
      details: { kind: r.row.kind, method: input.method, signerKind: signer.kind, templateVersion: r.row.templateVersion },
    });
    return toView(await loadConsent(tx, ctx, patientId, consentId), patient, today);
  });
}

/**
 * Records a revocation. It needs no If-Match: a patient's "stop" must never fail because a screen was stale. From
 * this commit on, `mayDisclose` refuses every disclosure under the consent.
 */
export async function revokeConsent(ctx: Ctx, patientId: string, consentId: string, input: ConsentRevoke): Promise<ConsentView> {
  assertCan(ctx.actor, 'consent.revoke');
  return ctx.db.transaction(async (tx) => {
    const { patient, breakGlass, today } = await loadPatient(tx, ctx, patientId);
    const r = await loadConsent(tx, ctx, patientId, consentId);
    if (!r.row.signedAt) throw new DomainError('CONSENT_NOT_SIGNED', 'A draft has nothing to revoke; it was never signed');
    if (r.row.revokedAt) throw new DomainError('CONSENT_REVOKED');
    const now = ctx.clock.now();
    const ok = await repo.updateConsent(
      tx,
      ctx.actor.organizationId,
      consentId,
      r.row.version,
      {
        revokedAt: now,
        revokedById: ctx.actor.userId,
        revocationVia: input.receivedVia,
        revocationReason: input.reason ?? null,
        updatedAt: now,
      },
      { unrevokedOnly: true },
    );
    if (!ok) throw new DomainError('CONSENT_REVOKED');
    await recordAudit(tx, ctx, {
      action: 'consent.revoke',
      resourceType: 'consent',
      resourceId: consentId,
      patientId,
      breakGlass,
      details: { kind: r.row.kind, receivedVia: input.receivedVia },
    });
    return toView(await loadConsent(tx, ctx, patientId, consentId), patient, today);
  });
}

/** Records that the event an "other" expiration names has happened (end of treatment follows the episode by itself). */
export async function recordExpiryEvent(ctx: Ctx, patientId: string, consentId: string, occurredOn: string): Promise<ConsentView> {
  assertCan(ctx.actor, 'consent.write');
  return ctx.db.transaction(async (tx) => {
    const { patient, breakGlass, today } = await loadPatient(tx, ctx, patientId);
    const r = await loadConsent(tx, ctx, patientId, consentId);
    const x = r.row.part2?.expiration;
    if (x?.kind !== 'event' || x.event !== 'other')
      throw new DomainError('VALIDATION_FAILED', undefined, [
        { path: 'occurredOn', message: 'this consent does not expire on a recorded event' },
      ]);
    if (!r.row.signedAt) throw new DomainError('CONSENT_NOT_SIGNED');
    if (occurredOn > today)
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'occurredOn', message: 'cannot be in the future' }]);
    if (r.row.expiryEventOn) throw new DomainError('CONFLICT', 'The expiring event is already recorded');
    if (
      !(await repo.updateConsent(tx, ctx.actor.organizationId, consentId, r.row.version, {
        expiryEventOn: occurredOn,
        updatedAt: ctx.clock.now(),
      }))
    )
      throw new DomainError('PRECONDITION_FAILED', 'The consent was changed by someone else; reload and try again');
    await recordAudit(tx, ctx, { action: 'consent.expire', resourceType: 'consent', resourceId: consentId, patientId, breakGlass });
    return toView(await loadConsent(tx, ctx, patientId, consentId), patient, today);
  });
}
