import {
  DomainError,
  externalRoomUrl,
  roomWindow,
  type VideoRoomView,
  type VideoSettingsUpdate,
  type VideoSettingsView,
} from '@openiop/core';
import type { Db } from '../../db/database';
import { appendAudit, type RawAuditInput } from '../../platform/audit';
import { actorCan, assertCan, type Actor, type Ctx } from '../../platform/context';
import { findMeLink } from '../measures/me-link';
import { publicWho, type PublicClient } from '../instruments/phone-links.service';
import { assertLocationAccess } from '../schedule/schedule.service';
import { whoOf } from '../tasks/tasks.service';
import * as repo from './video.repo';

const NO_ROOM = 'No such video session';

/**
 * Staff may open a session's room when they run it, or when they hold `video.host` and work at its location.
 * Anything else (another organization's, a draft, a cancelled one, out of scope) answers the same 404.
 */
export function mayHost(actor: Actor, occ: repo.RoomOccurrence): boolean {
  if (occ.organizationId !== actor.organizationId || occ.status !== 'scheduled') return false;
  return occ.staffId === actor.userId || (actorCan(actor, 'video.host') && actor.locationIds.includes(occ.locationId));
}

/** The session a staff member may host, or 404. An in-person session has no room (409). */
export async function hostableOccurrence(tx: Db, actor: Actor, occurrenceId: string): Promise<repo.RoomOccurrence> {
  const occ = await repo.findRoomOccurrence(tx, actor.organizationId, occurrenceId);
  if (!occ || !mayHost(actor, occ)) throw new DomainError('NOT_FOUND', NO_ROOM);
  if (occ.modality !== 'virtual') throw new DomainError('SESSION_NOT_HELD', 'This session is in person; it has no video room');
  return occ;
}

export interface RoomPerson {
  linkId: string;
  organizationId: string;
  patientId: string;
  firstName: string;
}

/**
 * The person behind a phone-link token, when they are on the session's roster. An unknown, revoked or expired link,
 * a session of another organization and a session they are not booked on all answer the same 404.
 */
export async function personOccurrence(
  tx: Db,
  token: string,
  occurrenceId: string,
  now: Date,
): Promise<{ occ: repo.RoomOccurrence; person: RoomPerson }> {
  const link = await findMeLink(tx, token);
  if (!link || link.revokedAt || link.expiresAt <= now) throw new DomainError('NOT_FOUND', NO_ROOM);
  const occ = await repo.findRoomOccurrence(tx, link.organizationId, occurrenceId);
  if (!occ || occ.status !== 'scheduled') throw new DomainError('NOT_FOUND', NO_ROOM);
  const onRoster = await repo.findRosterPerson(tx, link.organizationId, occurrenceId, link.patientId);
  if (!onRoster) throw new DomainError('NOT_FOUND', NO_ROOM);
  if (occ.modality !== 'virtual') throw new DomainError('SESSION_NOT_HELD', 'This session is in person; it has no video room');
  return {
    occ,
    person: { linkId: link.id, organizationId: link.organizationId, patientId: link.patientId, firstName: onRoster.firstName },
  };
}

/** What a join page shows; staff also see the roster size. */
export function roomView(occ: repo.RoomOccurrence, now: Date, forStaff: boolean): VideoRoomView {
  const w = roomWindow(occ.startsAt, occ.endsAt, now);
  return {
    occurrenceId: occ.id,
    title: forStaff ? occ.title : 'Video session',
    startsAt: occ.startsAt.toISOString(),
    endsAt: occ.endsAt.toISOString(),
    opensAt: w.opensAt.toISOString(),
    closesAt: w.closesAt.toISOString(),
    state: w.state,
    timeZone: occ.timeZone,
    staffName: occ.staffName,
    meshLimit: occ.meshLimit,
    externalUrl: externalRoomUrl(occ.externalUrlTemplate, occ.id, occ.rosterSize, occ.meshLimit),
    ...(forStaff ? { rosterSize: occ.rosterSize } : {}),
  };
}

/** The staff join page's view of a room. No patient data in it, so nothing to audit. */
export async function staffRoom(ctx: Ctx, occurrenceId: string): Promise<VideoRoomView> {
  return ctx.db.transaction(async (tx) => roomView(await hostableOccurrence(tx, ctx.actor, occurrenceId), ctx.clock.now(), true));
}

/** The person's join page: their session's room, audited against their link as their page is. */
export async function meRoom(c: PublicClient, token: string, occurrenceId: string): Promise<VideoRoomView> {
  return c.database.db.transaction(async (tx) => {
    const now = c.clock.now();
    const { occ, person } = await personOccurrence(tx, token, occurrenceId, now);
    await appendAudit(tx, {
      ...publicWho(c, person.organizationId),
      action: 'video.room.read',
      resourceType: 'session_occurrence',
      resourceId: occ.id,
      patientId: person.patientId,
      details: { via: 'measures-link', linkId: person.linkId },
    });
    return roomView(occ, now, false);
  });
}

/** A location's video settings (defaults when none are saved: version 0). The TURN secret is never in the view. */
export async function getSettings(ctx: Ctx, locationId: string): Promise<VideoSettingsView> {
  assertCan(ctx.actor, 'video.settings');
  assertLocationAccess(ctx, locationId);
  return ctx.db.transaction(async (tx) => {
    if (!(await repo.locationExists(tx, ctx.actor.organizationId, locationId))) throw new DomainError('NOT_FOUND', 'No such location');
    const row = await repo.findSettings(tx, ctx.actor.organizationId, locationId);
    return {
      locationId,
      externalUrlTemplate: row?.externalUrlTemplate ?? null,
      meshLimit: row?.meshLimit ?? repo.DEFAULT_MESH_LIMIT,
      stunUrls: row?.stunUrls ?? [],
      turnUrls: row?.turnUrls ?? [],
      turnSecretSet: row?.turnSecretSet ?? false,
      version: row?.version ?? 0,
    };
  });
}

/**
 * TURN servers only work with the shared secret they were configured with: listing them with no secret stored (or
 * clearing the secret while they are listed) is refused, naming the field, rather than handing out relays every
 * call would wait on in vain.
 */
function assertTurnHasSecret(input: VideoSettingsUpdate, storedSecret: boolean): void {
  if (input.turnUrls.length === 0) return;
  if (input.turnSecret === null)
    throw new DomainError('TURN_SECRET_REQUIRED', 'The TURN secret cannot be cleared while TURN servers are listed', [
      { path: 'turnSecret', message: 'cannot be cleared while TURN servers are listed' },
    ]);
  if (input.turnSecret === undefined && !storedSecret)
    throw new DomainError('TURN_SECRET_REQUIRED', 'TURN servers need the shared secret they were configured with', [
      { path: 'turnUrls', message: 'need the TURN shared secret' },
    ]);
}

export async function updateSettings(
  ctx: Ctx,
  locationId: string,
  version: number,
  input: VideoSettingsUpdate,
): Promise<VideoSettingsView> {
  assertCan(ctx.actor, 'video.settings');
  assertLocationAccess(ctx, locationId);
  return ctx.db.transaction(async (tx) => {
    if (!(await repo.locationExists(tx, ctx.actor.organizationId, locationId))) throw new DomainError('NOT_FOUND', 'No such location');
    const current = await repo.findSettings(tx, ctx.actor.organizationId, locationId);
    assertTurnHasSecret(input, current?.turnSecretSet ?? false);
    const next = await repo.saveSettings(tx, ctx.actor.organizationId, locationId, version, { ...input, at: ctx.clock.now() });
    if (next === undefined) throw new DomainError('PRECONDITION_FAILED', 'The settings were changed by someone else; reload and try again');
    await appendAudit(tx, {
      ...whoOf(ctx),
      action: 'video_settings.update',
      resourceType: 'video_settings',
      resourceId: locationId,
      // Counts and what happened to the secret; never the secret.
      details: {
        external: input.externalUrlTemplate !== null,
        meshLimit: input.meshLimit,
        stunServers: input.stunUrls.length,
        turnServers: input.turnUrls.length,
        turnSecret: input.turnSecret === undefined ? 'kept' : input.turnSecret === null ? 'cleared' : 'set',
      },
    });
    return {
      locationId,
      externalUrlTemplate: input.externalUrlTemplate,
      meshLimit: input.meshLimit,
      stunUrls: input.stunUrls,
      turnUrls: input.turnUrls,
      turnSecretSet: next.turnSecretSet,
      version: next.version,
    };
  });
}

/** Who a room event is by, for the audit trail: the staff member's own request, or the person's link. */
export type RoomWho = Omit<RawAuditInput, 'action' | 'resourceType'>;
