import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  calendarFeedView,
  emptyBody,
  id,
  meSessionsView,
  meToken,
  seriesCreate,
  seriesEnd,
  seriesException,
  seriesOptions,
  seriesView,
  sessionsOverview,
} from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { expectedVersion, sendWithEtag } from '../../platform/http';
import type { PublicClient } from '../instruments/phone-links.service';
import * as feeds from './feeds.service';
import { meSessions } from './me-sessions.service';
import * as sessions from './sessions.service';

const patientParams = z.strictObject({ id });
const seriesParams = z.strictObject({ id, seriesId: id });
const feedParams = z.strictObject({ file: z.string().regex(/^[\w-]{20,100}\.ics$/, 'must be a calendar file name') });

const publicClient = (req: FastifyRequest): PublicClient => ({
  database: req.server.deps.database,
  clock: req.server.deps.clock,
  ip: req.ip ?? null,
  userAgent: req.headers['user-agent']?.slice(0, 400) ?? null,
});

/** A person's recurring sessions, calendar feeds (theirs and a staff member's own) and the public feed. Under /api/v1. */
export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sessions'];
  const { max, timeWindowMs } = app.deps.authRateLimit;
  const publicLimited = { auth: 'public' as const, rateLimit: { max, timeWindow: timeWindowMs } };
  const base = '/patients/:id';

  r.get(`${base}/sessions`, { schema: { tags, params: patientParams, response: { 200: sessionsOverview } } }, async (req) =>
    sessions.sessionsOverview(ctxOf(req), req.params.id),
  );
  r.get(`${base}/series-options`, { schema: { tags, params: patientParams, response: { 200: seriesOptions } } }, async (req) =>
    sessions.seriesOptions(ctxOf(req), req.params.id),
  );
  r.post(
    `${base}/series`,
    { schema: { tags, params: patientParams, body: seriesCreate, response: { 201: seriesView } } },
    async (req, reply) => reply.status(201).send(sendWithEtag(reply, await sessions.createSeries(ctxOf(req), req.params.id, req.body))),
  );
  r.post(
    `${base}/series/:seriesId/exceptions`,
    { schema: { tags, params: seriesParams, body: seriesException, response: { 200: seriesView } } },
    async (req, reply) =>
      sendWithEtag(reply, await sessions.skipDate(ctxOf(req), req.params.id, req.params.seriesId, expectedVersion(req), req.body)),
  );
  r.post(
    `${base}/series/:seriesId/end`,
    { schema: { tags, params: seriesParams, body: seriesEnd, response: { 200: seriesView } } },
    async (req, reply) =>
      sendWithEtag(reply, await sessions.endSeries(ctxOf(req), req.params.id, req.params.seriesId, expectedVersion(req), req.body)),
  );

  r.get(`${base}/calendar-feed`, { schema: { tags, params: patientParams, response: { 200: calendarFeedView } } }, async (req) =>
    feeds.patientFeed(ctxOf(req), req.params.id),
  );
  r.post(
    `${base}/calendar-feed`,
    { schema: { tags, params: patientParams, body: emptyBody, response: { 201: calendarFeedView } } },
    async (req, reply) => reply.status(201).send(await feeds.createPatientFeed(ctxOf(req), req.params.id)),
  );
  r.delete(`${base}/calendar-feed`, { schema: { tags, params: patientParams } }, async (req, reply) => {
    await feeds.revokePatientFeed(ctxOf(req), req.params.id);
    return reply.status(204).send();
  });

  r.get('/account/calendar-feed', { schema: { tags, response: { 200: calendarFeedView } } }, async (req) => feeds.ownFeed(ctxOf(req)));
  r.post('/account/calendar-feed', { schema: { tags, body: emptyBody, response: { 201: calendarFeedView } } }, async (req, reply) =>
    reply.status(201).send(await feeds.createOwnFeed(ctxOf(req))),
  );
  r.delete('/account/calendar-feed', { schema: { tags } }, async (req, reply) => {
    await feeds.revokeOwnFeed(ctxOf(req));
    return reply.status(204).send();
  });

  r.get('/public/calendar/:file', { config: publicLimited, schema: { tags, params: feedParams } }, async (req, reply) => {
    const text = await feeds.readFeed(publicClient(req), req.params.file.slice(0, -'.ics'.length));
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', 'inline; filename="sessions.ics"')
      .send(text);
  });

  r.get(
    '/me/:token/sessions',
    { config: publicLimited, schema: { tags, params: meToken, response: { 200: meSessionsView } } },
    async (req) => meSessions(publicClient(req), req.params.token),
  );
}
