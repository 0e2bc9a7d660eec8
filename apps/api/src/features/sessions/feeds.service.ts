import { DomainError, writeIcs, type CalendarFeedView, type IcsEvent } from '@openiop/core';
import { appendAudit, recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { randomToken, sha256 } from '../../platform/crypto';
import type { PublicClient } from '../instruments/phone-links.service';
import { publicWho } from '../instruments/phone-links.service';
import * as repo from './sessions.repo';
import { inChart } from './sessions.service';

const DAY_MS = 86_400_000;
/** A feed shows sessions from 30 days back to 120 days ahead. */
export const FEED_BACK_DAYS = 30;
export const FEED_AHEAD_DAYS = 120;

/** Where a feed lives; the token travels only in this URL and is stored as its SHA-256. */
export const feedUrl = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/$/, '')}/api/v1/public/calendar/${token}.ics`;

const stateOf = (row: Awaited<ReturnType<typeof repo.activeFeed>>, url?: string): CalendarFeedView => ({
  active: Boolean(row),
  createdAt: row?.createdAt.toISOString() ?? null,
  lastFetchedAt: row?.lastFetchedAt?.toISOString() ?? null,
  ...(url ? { url } : {}),
});

export async function patientFeed(ctx: Ctx, patientId: string): Promise<CalendarFeedView> {
  return inChart(ctx, patientId, 'calendar_feed.manage', async ({ tx }) =>
    stateOf(await repo.activeFeed(tx, ctx.actor.organizationId, { patientId })),
  );
}

/** Creates the person's feed, or rotates it (the old URL stops working); the URL is shown this once. */
export async function createPatientFeed(ctx: Ctx, patientId: string): Promise<CalendarFeedView> {
  return inChart(ctx, patientId, 'calendar_feed.manage', async ({ tx, breakGlass }) => {
    const now = ctx.clock.now();
    const org = ctx.actor.organizationId;
    const revoked = await repo.revokeFeeds(tx, org, { patientId }, now);
    const token = randomToken(32);
    const row = await repo.insertFeed(tx, {
      organizationId: org,
      patientId,
      tokenHash: sha256(token),
      createdBy: ctx.actor.userId,
      createdAt: now,
    });
    await recordAudit(tx, ctx, {
      action: revoked.length ? 'calendar_feed.rotate' : 'calendar_feed.create',
      resourceType: 'calendar_feed',
      resourceId: row.id,
      patientId,
      breakGlass,
      details: { revoked },
    });
    return stateOf(row, feedUrl(ctx.publicUrl, token));
  });
}

export async function revokePatientFeed(ctx: Ctx, patientId: string): Promise<void> {
  await inChart(ctx, patientId, 'calendar_feed.manage', async ({ tx, breakGlass }) => {
    const revoked = await repo.revokeFeeds(tx, ctx.actor.organizationId, { patientId }, ctx.clock.now());
    if (!revoked.length) throw new DomainError('NOT_FOUND', 'There is no calendar feed to revoke');
    await recordAudit(tx, ctx, {
      action: 'calendar_feed.revoke',
      resourceType: 'calendar_feed',
      resourceId: revoked[0] ?? null,
      patientId,
      breakGlass,
      details: { revoked },
    });
  });
}

export async function ownFeed(ctx: Ctx): Promise<CalendarFeedView> {
  assertCan(ctx.actor, 'calendar_feed.manage');
  return stateOf(await repo.activeFeed(ctx.db, ctx.actor.organizationId, { userId: ctx.actor.userId }));
}

/** A staff member's own feed of the sessions they run. */
export async function createOwnFeed(ctx: Ctx): Promise<CalendarFeedView> {
  assertCan(ctx.actor, 'calendar_feed.manage');
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const org = ctx.actor.organizationId;
    const userId = ctx.actor.userId;
    const revoked = await repo.revokeFeeds(tx, org, { userId }, now);
    const token = randomToken(32);
    const row = await repo.insertFeed(tx, { organizationId: org, userId, tokenHash: sha256(token), createdBy: userId, createdAt: now });
    await recordAudit(tx, ctx, {
      action: revoked.length ? 'calendar_feed.rotate' : 'calendar_feed.create',
      resourceType: 'calendar_feed',
      resourceId: row.id,
      details: { revoked, owner: 'user' },
    });
    return stateOf(row, feedUrl(ctx.publicUrl, token));
  });
}

export async function revokeOwnFeed(ctx: Ctx): Promise<void> {
  assertCan(ctx.actor, 'calendar_feed.manage');
  await ctx.db.transaction(async (tx) => {
    const revoked = await repo.revokeFeeds(tx, ctx.actor.organizationId, { userId: ctx.actor.userId }, ctx.clock.now());
    if (!revoked.length) throw new DomainError('NOT_FOUND', 'There is no calendar feed to revoke');
    await recordAudit(tx, ctx, {
      action: 'calendar_feed.revoke',
      resourceType: 'calendar_feed',
      resourceId: revoked[0] ?? null,
      details: { revoked, owner: 'user' },
    });
  });
}

/**
 * What a feed says about one session: where and when, never what it is about. The summary is "Session at
 * <location>" (or "Video session"), whatever the session's title (a group topic can be clinical).
 */
export function feedEvent(r: repo.OccurrenceRow): IcsEvent {
  const video = r.modality === 'virtual';
  return {
    uid: `${r.id}@openiop`,
    sequence: Math.max(0, r.version - 1),
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    summary: video ? 'Video session' : `Session at ${r.locationName}`,
    location: video ? 'Video' : [r.locationName, r.roomName].filter(Boolean).join(', '),
    url: video ? r.videoUrl : null,
    status: r.status === 'cancelled' || r.attendeeStatus === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    lastModified: r.updatedAt,
  };
}

/**
 * The public feed: the sessions of the person (or staff member) a live token names, as RFC 5545 text. An unknown
 * or revoked token is 404. A person's feed is a read of their data by whoever holds the URL: audited as such.
 */
export async function readFeed(c: PublicClient, token: string): Promise<string> {
  return c.database.db.transaction(async (tx) => {
    const feed = await repo.findFeedByHash(tx, sha256(token));
    if (!feed) throw new DomainError('NOT_FOUND', 'This calendar link is not valid');
    const now = c.clock.now();
    const range = { from: new Date(now.getTime() - FEED_BACK_DAYS * DAY_MS), to: new Date(now.getTime() + FEED_AHEAD_DAYS * DAY_MS) };
    const rows = feed.patientId
      ? await repo.listForPatient(tx, feed.organizationId, feed.patientId, range, true)
      : feed.userId
        ? await repo.listForStaff(tx, feed.organizationId, feed.userId, range)
        : [];
    await repo.touchFeed(tx, feed.organizationId, feed.id, now);
    await appendAudit(tx, {
      ...publicWho(c, feed.organizationId),
      action: 'calendar_feed.read',
      resourceType: 'calendar_feed',
      resourceId: feed.id,
      patientId: feed.patientId,
      details: { via: 'calendar-feed', feedId: feed.id, events: rows.length, owner: feed.patientId ? 'patient' : 'user' },
    });
    return writeIcs({ prodId: '-//openiop//sessions//EN', name: 'Sessions', generatedAt: now, events: rows.map(feedEvent) });
  });
}
