import QRCode from 'qrcode';
import { DomainError, signReadiness, type PlanSign, type PlanVersionView, type PublicPlanView } from '@openiop/core';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { patients } from '../../db/schema/index';
import { appendAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { randomToken, sha256 } from '../../platform/crypto';
import { publicWho, type PublicClient } from '../instruments/phone-links.service';
import { whoOf, type AuditWho } from '../tasks/tasks.service';
import * as repo from './plans.repo';
import { loadPatient, loadPlan, loadVersion, versionView } from './plans.service';

/** Where a signing link points; the token travels only in this URL and is stored as its hash. */
export const signUrl = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/$/, '')}/sign/${token}`;

/** The checks every signature passes: the version is open for signing, complete, and exactly what the signer saw. */
function assertSignable(v: repo.VersionRow, contentHash: string | null): void {
  if (v.status === 'signed') throw new DomainError('PLAN_VERSION_SIGNED');
  if (v.status === 'superseded') throw new DomainError('CONFLICT', 'A newer version replaced this one');
  const problems = signReadiness(v.content);
  if (problems.length)
    throw new DomainError(
      'PLAN_NOT_READY',
      'Every goal needs an objective and every objective a target date',
      problems.map(({ path, message }) => ({ path, message })),
      { reasons: [...new Set(problems.map((p) => p.code))] },
    );
  if (contentHash !== null && contentHash !== v.contentHash) throw new DomainError('PLAN_CHANGED');
}

interface SignatureInput {
  signer: 'person' | 'clinician';
  method: 'link' | 'tablet' | 'staff';
  name: string;
  userId: string | null;
}

/**
 * Records one signature with the hash of the content signed. The second of the two locks the version (`signed`) at
 * the episode's current level of care; the first freezes the content (`signing`). The plan row is locked first, so
 * two signatures arriving together cannot both think they were first.
 */
async function recordSignature(
  tx: Db,
  who: AuditWho,
  plan: repo.PlanRow,
  v: repo.VersionRow,
  s: SignatureInput,
  via: object,
  breakGlass = false,
): Promise<repo.VersionRow> {
  const org = plan.organizationId;
  await repo.lockPlan(tx, org, plan.id);
  const fresh = await repo.findVersion(tx, org, plan.id, v.number);
  if (!fresh || fresh.version !== v.version) throw new DomainError('PLAN_CHANGED');
  const ok = await repo.insertSignature(tx, {
    organizationId: org,
    versionId: v.id,
    signer: s.signer,
    method: s.method,
    name: s.name,
    userId: s.userId,
    contentHash: v.contentHash,
    signedAt: who.occurredAt,
    ip: who.ip,
    userAgent: who.userAgent,
  });
  if (!ok) throw new DomainError('PLAN_ALREADY_SIGNED_BY');
  const signers = new Set((await repo.listSignatures(tx, org, [v.id])).map((x) => x.signer));
  const complete = signers.has('person') && signers.has('clinician');
  const episode = await repo.findEpisode(tx, org, plan.patientId, plan.episodeId);
  const next = await repo.updateVersion(
    tx,
    org,
    v.id,
    v.version,
    complete
      ? { status: 'signed', lockedAt: who.occurredAt, levelOfCareAtSigning: episode?.levelOfCare ?? null, updatedAt: who.occurredAt }
      : { status: 'signing', updatedAt: who.occurredAt },
    { unsignedOnly: true },
  );
  if (!next) throw new DomainError('PLAN_CHANGED');
  await appendAudit(tx, {
    ...who,
    action: complete ? 'plan.lock' : 'plan.sign',
    resourceType: 'treatment_plan',
    resourceId: plan.id,
    patientId: plan.patientId,
    breakGlass,
    details: { version: v.number, signer: s.signer, method: s.method, contentHash: v.contentHash, ...via },
  });
  return next;
}

/**
 * A signature in the session: the clinician's own (`plan.sign`), or the person's on a tablet the clinician handed
 * over (`plan.write`; method `tablet`, the clinician's session is the witness).
 */
export async function signVersion(ctx: Ctx, patientId: string, planId: string, number: number, input: PlanSign): Promise<PlanVersionView> {
  assertCan(ctx.actor, input.signer === 'clinician' ? 'plan.sign' : 'plan.write');
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadPatient(tx, ctx, patientId);
    const plan = await loadPlan(tx, ctx, patientId, planId);
    const v = await loadVersion(tx, ctx, plan, number);
    assertSignable(v, input.contentHash);
    const who = whoOf(ctx);
    const s: SignatureInput =
      input.signer === 'clinician'
        ? { signer: 'clinician', method: 'staff', name: ctx.actor.name, userId: ctx.actor.userId }
        : { signer: 'person', method: 'tablet', name: input.typedName, userId: null };
    const next = await recordSignature(tx, who, plan, v, s, { witnessId: s.signer === 'person' ? ctx.actor.userId : null }, breakGlass);
    return versionView(tx, ctx, next);
  });
}

/** A single-use, expiring link for the person to read and sign this version on their phone. */
export async function createSignLink(
  ctx: Ctx,
  patientId: string,
  planId: string,
  number: number,
  expiresInHours: number,
): Promise<{ url: string; qrSvg: string; expiresAt: string }> {
  assertCan(ctx.actor, 'plan.write');
  const token = randomToken(32);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + expiresInHours * 3600_000);
  await ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadPatient(tx, ctx, patientId);
    const plan = await loadPlan(tx, ctx, patientId, planId);
    const v = await loadVersion(tx, ctx, plan, number);
    assertSignable(v, null);
    if ((await repo.listSignatures(tx, ctx.actor.organizationId, [v.id])).some((s) => s.signer === 'person'))
      throw new DomainError('PLAN_ALREADY_SIGNED_BY');
    const linkId = await repo.insertLink(tx, {
      organizationId: ctx.actor.organizationId,
      patientId,
      versionId: v.id,
      tokenHash: sha256(token),
      contentHash: v.contentHash,
      createdBy: ctx.actor.userId,
      createdAt: now,
      expiresAt,
    });
    await appendAudit(tx, {
      ...whoOf(ctx),
      action: 'plan_link.create',
      resourceType: 'plan_sign_link',
      resourceId: linkId,
      patientId,
      breakGlass,
      details: { planId, version: number, expiresAt: expiresAt.toISOString() },
    });
  });
  const url = signUrl(ctx.publicUrl, token);
  const qrSvg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { url, qrSvg, expiresAt: expiresAt.toISOString() };
}

type LinkRow = NonNullable<Awaited<ReturnType<typeof repo.findLinkByHash>>>;

function usable(found: LinkRow | undefined, now: Date): LinkRow {
  if (!found) throw new DomainError('TOKEN_INVALID');
  if (found.link.usedAt) throw new DomainError('LINK_USED', 'This link has already been used. Thank you — your signature was received.');
  if (found.link.expiresAt <= now) throw new DomainError('LINK_EXPIRED', 'This link has expired. Please ask your care team for a new one.');
  return found;
}

async function linkContext(tx: Db, found: LinkRow) {
  const { link } = found;
  const v = await repo.findVersionById(tx, link.organizationId, link.versionId);
  if (!v) throw new DomainError('TOKEN_INVALID');
  const plan = await repo.findPlan(tx, link.organizationId, link.patientId, v.planId);
  if (!plan) throw new DomainError('TOKEN_INVALID');
  // A link is for the content it was made for: after an edit it no longer signs (the team sends a new one).
  if (v.contentHash !== link.contentHash || v.status === 'superseded') throw new DomainError('PLAN_CHANGED');
  if (v.status === 'signed') throw new DomainError('PLAN_VERSION_SIGNED');
  const [p] = await tx
    .select({ givenName: patients.legalGivenName, preferredName: patients.preferredName })
    .from(patients)
    .where(and(eq(patients.organizationId, link.organizationId), eq(patients.id, link.patientId)));
  return { v, plan, firstName: p?.preferredName ?? p?.givenName ?? '' };
}

/** What the person's phone shows: the plan in plain words and their first name; opening is audited. */
export async function openSignLink(c: PublicClient, token: string): Promise<PublicPlanView> {
  return c.database.db.transaction(async (tx) => {
    const found = usable(await repo.findLinkByHash(tx, sha256(token), false), c.clock.now());
    const { v, firstName } = await linkContext(tx, found);
    await appendAudit(tx, {
      ...publicWho(c, found.link.organizationId),
      action: 'plan_link.open',
      resourceType: 'plan_sign_link',
      resourceId: found.link.id,
      patientId: found.link.patientId,
      details: { via: 'sign-link', linkId: found.link.id, version: v.number },
    });
    return {
      firstName,
      organizationName: found.organizationName,
      expiresAt: found.link.expiresAt.toISOString(),
      content: v.content,
      contentHash: v.contentHash,
    };
  });
}

/** The person's signature from the link: spends the link and records the signature in one transaction. */
export async function submitSignLink(
  c: PublicClient,
  token: string,
  input: { typedName: string; contentHash: string },
): Promise<{ status: 'signed' | 'awaiting_clinician' }> {
  return c.database.db.transaction(async (tx) => {
    const found = usable(await repo.findLinkByHash(tx, sha256(token), true), c.clock.now());
    const { v, plan } = await linkContext(tx, found);
    assertSignable(v, input.contentHash);
    const who = publicWho(c, found.link.organizationId);
    await repo.markLinkUsed(tx, found.link.organizationId, found.link.id, who.occurredAt);
    const next = await recordSignature(
      tx,
      who,
      plan,
      v,
      { signer: 'person', method: 'link', name: input.typedName, userId: null },
      {
        via: 'sign-link',
        linkId: found.link.id,
      },
    );
    return { status: next.status === 'signed' ? 'signed' : 'awaiting_clinician' };
  });
}
