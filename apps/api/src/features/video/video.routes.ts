import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { meVideoParams, videoParams, videoRoomView, videoSettingsParams, videoSettingsUpdate, videoSettingsView } from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { expectedVersion, sendWithEtag } from '../../platform/http';
import type { PublicClient } from '../instruments/phone-links.service';
import { VideoRooms, type RoomSocket } from './video.rooms';
import * as video from './video.service';

const publicClient = (req: FastifyRequest): PublicClient => ({
  database: req.server.deps.database,
  clock: req.server.deps.clock,
  ip: req.ip ?? null,
  userAgent: req.headers['user-agent']?.slice(0, 400) ?? null,
});

/**
 * A cookie-authenticated WebSocket is only trusted from our own pages: the browser always sends `Origin` on an
 * upgrade, and it must be this host (or the configured public address). This is the upgrade's CSRF check.
 */
export function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    const u = new URL(origin);
    return u.host === req.headers.host || u.origin === new URL(req.server.deps.publicUrl).origin;
  } catch {
    return false;
  }
}

/** Built-in video rooms: the signalling WebSocket, the join pages' views and a location's video settings. Under /api/v1. */
export async function videoRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['video'];
  const { max, timeWindowMs } = app.deps.authRateLimit;
  const publicLimited = { auth: 'public' as const, rateLimit: { max, timeWindow: timeWindowMs } };
  const rooms = new VideoRooms({ database: app.deps.database, clock: app.deps.clock });
  app.addHook('preClose', async () => rooms.closeAll());

  // Public at the HTTP layer: staff are known by their session cookie (same origin only), a person by the token in
  // their first message; anyone else is closed with one code that reveals nothing.
  // (`ws` ships no types, so the socket is declared by the little the rooms use.)
  const onSocket = (socket: RoomSocket, req: FastifyRequest<{ Params: { occurrenceId: string } }>): void =>
    rooms.accept(socket, {
      occurrenceId: req.params.occurrenceId,
      actor: req.actor,
      originOk: sameOrigin(req),
      ip: req.ip ?? null,
      userAgent: req.headers['user-agent']?.slice(0, 400) ?? null,
    });
  r.get('/video/:occurrenceId/ws', { websocket: true, config: publicLimited, schema: { params: videoParams } }, onSocket);

  r.get('/video/:occurrenceId', { schema: { tags, params: videoParams, response: { 200: videoRoomView } } }, async (req) =>
    video.staffRoom(ctxOf(req), req.params.occurrenceId),
  );
  r.get(
    '/me/:token/video/:occurrenceId',
    { config: publicLimited, schema: { tags, params: meVideoParams, response: { 200: videoRoomView } } },
    async (req) => video.meRoom(publicClient(req), req.params.token, req.params.occurrenceId),
  );

  r.get(
    '/locations/:locationId/video-settings',
    { schema: { tags, params: videoSettingsParams, response: { 200: videoSettingsView } } },
    async (req, reply) => sendWithEtag(reply, await video.getSettings(ctxOf(req), req.params.locationId)),
  );
  r.put(
    '/locations/:locationId/video-settings',
    { schema: { tags, params: videoSettingsParams, body: videoSettingsUpdate, response: { 200: videoSettingsView } } },
    async (req, reply) =>
      sendWithEtag(reply, await video.updateSettings(ctxOf(req), req.params.locationId, expectedVersion(req), req.body)),
  );
}
