import { createHmac } from 'node:crypto';
import { callBackDueAt, DomainError, type PublicHelpRequest, type PublicIntakeSettings } from '@openiop/core';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context';
import { appendAudit, recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { randomToken, safeEqual } from '../../platform/crypto';
import { isUniqueViolation } from '../../platform/errors';
import { organizations } from '../../db/schema/index';
import { getLocationForActor } from '../admin/locations.service';
import * as repo from './inquiries.repo';

/** People take longer than this to read and fill the form; scripts that post at once are refused. */
export const MIN_FILL_MS = 3_000;
/** A form left open longer than this is reloaded, so old tokens cannot be replayed for ever. */
export const MAX_FORM_AGE_MS = 24 * 60 * 60 * 1000;

export const CRISIS_LINE =
  'If you are thinking about suicide or are in crisis, call or text 988 (the 988 Suicide & Crisis Lifeline), any time.';
export const EMERGENCY = 'If you or someone else is in danger right now, call 911.';

const sign = (secret: string, slug: string, issuedAt: number) =>
  createHmac('sha256', secret).update(`${slug}.${issuedAt}`).digest('base64url');

async function enabledPage(deps: AppDeps, slug: string) {
  const page = await repo.findPublicPageBySlug(deps.database.db, slug.toLowerCase());
  if (!page || !page.enabled) throw new DomainError('NOT_FOUND', 'No such page');
  return page;
}

/** What the form needs: whose page it is and a signed note of when it was shown. */
export async function openHelpForm(deps: AppDeps, slug: string) {
  const page = await enabledPage(deps, slug);
  const [org] = await deps.database.db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, page.organizationId));
  const issuedAt = deps.clock.now().getTime();
  return {
    organizationName: org?.name ?? '',
    formToken: `${issuedAt}.${sign(page.formSecret, page.slug, issuedAt)}`,
    crisisLine: CRISIS_LINE,
  };
}

function checkToken(token: string, secret: string, slug: string, now: number): void {
  const [at, mac] = token.split('.');
  const issuedAt = Number(at);
  const reject = (why: string) => new DomainError('FORM_REJECTED', why, [{ path: 'formToken', message: why }]);
  if (!at || !mac || !Number.isSafeInteger(issuedAt) || !safeEqual(mac, sign(secret, slug, issuedAt)))
    throw reject('reload the page and send the form again');
  if (now - issuedAt < MIN_FILL_MS) throw reject('was sent too quickly; take a moment and send it again');
  if (now - issuedAt > MAX_FORM_AGE_MS) throw reject('the page is too old; reload it and send the form again');
}

/**
 * A request from the public page becomes a new inquiry with a call-back follow-up one business day out. Spam
 * defences: the honeypot field must be empty, the signed token must be at least a few seconds old, the route is
 * rate-limited per address and its body size capped. Nothing the person typed is logged or audited.
 */
export async function submitHelpRequest(
  deps: AppDeps,
  slug: string,
  input: PublicHelpRequest,
  client: { ip: string | null; userAgent: string | null },
) {
  const page = await enabledPage(deps, slug);
  if (input.website)
    throw new DomainError('FORM_REJECTED', 'The form could not be accepted', [{ path: 'website', message: 'must be left empty' }]);
  const now = deps.clock.now();
  checkToken(input.formToken, page.formSecret, page.slug, now.getTime());
  await deps.database.db.transaction(async (tx) => {
    const relationship = input.forSelf ? 'self' : (input.callerRelationship ?? 'other');
    const id = await repo.insertInquiry(tx, {
      organizationId: page.organizationId,
      stage: 'new',
      channel: 'web_form',
      callerName: input.forSelf ? null : (input.callerName ?? null),
      callerRelationship: relationship,
      givenName: input.givenName,
      familyName: input.familyName ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      referralSource: input.forSelf ? 'self' : relationship === 'professional' ? 'other' : 'family',
      substances: input.substances,
      urgency: 'routine',
      bestTimeToCall: input.bestTimeToCall ?? null,
      notes: input.message ?? null,
      locationId: page.locationId,
      stageChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertFollowUp(tx, {
      organizationId: page.organizationId,
      inquiryId: id,
      what: 'Call back the web request',
      dueAt: callBackDueAt(now),
      createdAt: now,
      updatedAt: now,
    });
    await appendAudit(tx, {
      organizationId: page.organizationId,
      actorUserId: null,
      actorTokenId: null,
      occurredAt: now,
      ip: client.ip,
      userAgent: client.userAgent,
      action: 'inquiry.public_submit',
      resourceType: 'inquiry',
      resourceId: id,
      details: { channel: 'web_form' },
    });
  });
  return {
    nextSteps: `Thank you. Someone from our admissions team will call you within one business day${input.bestTimeToCall ? ', at the time you gave' : ''}. Everything you told us stays private.`,
    crisisLine: CRISIS_LINE,
    emergency: EMERGENCY,
  };
}

export async function getPublicPageSettings(ctx: Ctx) {
  assertCan(ctx.actor, 'inquiry.read');
  const row = await repo.findPublicPage(ctx.db, ctx.actor.organizationId);
  return row ? { slug: row.slug, enabled: row.enabled, locationId: row.locationId, version: row.version } : null;
}

export async function savePublicPageSettings(ctx: Ctx, input: PublicIntakeSettings) {
  assertCan(ctx.actor, 'settings.manage');
  try {
    await ctx.db.transaction(async (tx) => {
      if (input.locationId) await getLocationForActor(tx, ctx, input.locationId, 'locationId');
      const now = ctx.clock.now();
      await repo.upsertPublicPage(tx, {
        organizationId: ctx.actor.organizationId,
        slug: input.slug,
        enabled: input.enabled,
        locationId: input.locationId ?? null,
        formSecret: randomToken(32),
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(tx, ctx, {
        action: 'settings.public_intake',
        resourceType: 'settings',
        details: { slug: input.slug, enabled: input.enabled },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new DomainError('DUPLICATE', 'Another organization uses this address', [{ path: 'slug', message: 'is already in use' }]);
    throw err;
  }
  const saved = await getPublicPageSettings(ctx);
  if (!saved) throw new Error('public page vanished after saving');
  return saved;
}
