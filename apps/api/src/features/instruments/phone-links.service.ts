import QRCode from 'qrcode';
import { DomainError, instruments, type Answers, type FillView, type InstrumentLinkCreate, type InstrumentLinkView } from '@openiop/core';
import type { Database } from '../../db/database';
import { appendAudit } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { assertCan, type Ctx } from '../../platform/context';
import { randomToken, sha256 } from '../../platform/crypto';
import { loadVisible } from '../patients/patients.service';
import { whoOf, type AuditWho } from '../tasks/tasks.service';
import * as repo from './instruments.repo';
import { definitionView, finalize, pointsOf, scoreOrThrow } from './instruments.service';

/** Where a phone link points; the token travels only in this URL and is stored as its hash. */
export const fillUrl = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/$/, '')}/fill/${token}`;

/** Staff create a single-use, expiring link for the person to fill one instrument on their phone. */
export async function createLink(ctx: Ctx, patientId: string, input: InstrumentLinkCreate): Promise<InstrumentLinkView> {
  assertCan(ctx.actor, 'instrument.administer');
  const token = randomToken(32);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + input.expiresInHours * 3600_000);
  const id = await ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadVisible(tx, ctx, patientId);
    const linkId = await repo.insertLink(tx, {
      organizationId: ctx.actor.organizationId,
      patientId,
      instrumentId: input.instrumentId,
      tokenHash: sha256(token),
      createdBy: ctx.actor.userId,
      createdAt: now,
      expiresAt,
    });
    await appendAudit(tx, {
      ...whoOf(ctx),
      action: 'instrument_link.create',
      resourceType: 'instrument_link',
      resourceId: linkId,
      patientId,
      breakGlass,
      details: { instrumentId: input.instrumentId, expiresAt: expiresAt.toISOString() },
    });
    return linkId;
  });
  const url = fillUrl(ctx.publicUrl, token);
  const qrSvg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { id, instrumentId: input.instrumentId, url, qrSvg, expiresAt: expiresAt.toISOString() };
}

export interface PublicClient {
  database: Database;
  clock: Clock;
  ip: string | null;
  userAgent: string | null;
}

type LinkRow = NonNullable<Awaited<ReturnType<typeof repo.findLinkByHash>>>;

function usable(found: LinkRow | undefined, now: Date): LinkRow {
  if (!found) throw new DomainError('TOKEN_INVALID');
  if (found.link.usedAt) throw new DomainError('LINK_USED', 'This link has already been used. Thank you — your answers were received.');
  if (found.link.expiresAt <= now) throw new DomainError('LINK_EXPIRED', 'This link has expired. Please ask your care team for a new one.');
  return found;
}

/** A submission from a link on the person's phone has no signed-in actor: the audit event says so and names the link. */
export const publicWho = (c: PublicClient, organizationId: string): AuditWho => ({
  organizationId,
  actorUserId: null,
  actorTokenId: null,
  occurredAt: c.clock.now(),
  ip: c.ip,
  userAgent: c.userAgent,
});

/** What the fill page shows: the questionnaire and the person's first name, nothing more. */
export async function openLink(c: PublicClient, token: string): Promise<FillView> {
  return c.database.db.transaction(async (tx) => {
    const found = usable(await repo.findLinkByHash(tx, sha256(token), false), c.clock.now());
    await appendAudit(tx, {
      ...publicWho(c, found.link.organizationId),
      action: 'instrument_link.open',
      resourceType: 'instrument_link',
      resourceId: found.link.id,
      patientId: found.link.patientId,
      details: { via: 'phone-link', linkId: found.link.id, instrumentId: found.link.instrumentId },
    });
    return {
      firstName: found.preferredName ?? found.givenName,
      organizationName: found.organizationName,
      expiresAt: found.link.expiresAt.toISOString(),
      instrument: definitionView(instruments[found.link.instrumentId]),
    };
  });
}

/**
 * The person's answers from a phone link: scored like a staff submission, safety task included, in one
 * transaction that also spends the link (its row is locked, so two submissions cannot both succeed).
 */
export async function submitLink(c: PublicClient, token: string, answers: Answers): Promise<{ status: 'completed' | 'incomplete' }> {
  return c.database.db.transaction(async (tx) => {
    const found = usable(await repo.findLinkByHash(tx, sha256(token), true), c.clock.now());
    const { link } = found;
    const def = instruments[link.instrumentId];
    const score = scoreOrThrow(def, answers, { sexAssignedAtBirth: found.sexAssignedAtBirth });
    const who = publicWho(c, link.organizationId);
    const id = await repo.insertAdministration(tx, {
      organizationId: link.organizationId,
      patientId: link.patientId,
      episodeId: found.currentEpisodeId,
      instrumentId: def.id,
      definitionVersion: def.version,
      status: 'in_progress',
      source: 'phone_link',
      administeredBy: null,
      createdAt: who.occurredAt,
      updatedAt: who.occurredAt,
    });
    await repo.replaceAnswers(tx, link.organizationId, id, answers, pointsOf(def), who.occurredAt);
    await repo.markLinkUsed(tx, link.organizationId, link.id, id, who.occurredAt);
    await finalize(tx, who, { id, version: 1, patientId: link.patientId, instrumentId: def.id }, score, {
      details: { via: 'phone-link', linkId: link.id },
    });
    return { status: score.complete ? 'completed' : 'incomplete' };
  });
}
