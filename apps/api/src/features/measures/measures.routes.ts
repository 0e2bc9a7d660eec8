import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assignmentCreate,
  assignmentStop,
  assignmentView,
  checkinSubmit,
  fillResult,
  fillSubmit,
  id,
  meCheckinResult,
  meInstrumentParams,
  measureSettingsUpdate,
  measureSettingsView,
  measuresLinkCreate,
  measuresLinkView,
  measuresOverview,
  meToken,
  meView,
} from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { expectedVersion, sendWithEtag } from '../../platform/http';
import type { PublicClient } from '../instruments/phone-links.service';
import * as me from './me.service';
import * as svc from './measures.service';

const patient = z.strictObject({ id });
const oneAssignment = z.strictObject({ id, assignmentId: id });

const publicClient = (req: FastifyRequest): PublicClient => ({
  database: req.server.deps.database,
  clock: req.server.deps.clock,
  ip: req.ip ?? null,
  userAgent: req.headers['user-agent']?.slice(0, 400) ?? null,
});

/** Measurement-based care in the chart, and the person's own page under `/me/:token`. Registered under /api/v1. */
export async function measureRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['measures'];
  const { max, timeWindowMs } = app.deps.authRateLimit;
  const publicLimited = { auth: 'public' as const, rateLimit: { max, timeWindow: timeWindowMs } };

  r.get('/patients/:id/measures', { schema: { tags, params: patient, response: { 200: measuresOverview } } }, async (req) =>
    svc.getOverview(ctxOf(req), req.params.id),
  );

  r.post(
    '/patients/:id/measure-assignments',
    { schema: { tags, params: patient, body: assignmentCreate, response: { 201: assignmentView } } },
    async (req, reply) => reply.status(201).send(sendWithEtag(reply, await svc.assignMeasure(ctxOf(req), req.params.id, req.body))),
  );

  r.post(
    '/patients/:id/measure-assignments/:assignmentId/stop',
    { schema: { tags, params: oneAssignment, body: assignmentStop, response: { 200: assignmentView } } },
    async (req, reply) =>
      sendWithEtag(
        reply,
        await svc.stopMeasure(ctxOf(req), req.params.id, req.params.assignmentId, expectedVersion(req), req.body.endDate),
      ),
  );

  r.put(
    '/patients/:id/measure-settings',
    { schema: { tags, params: patient, body: measureSettingsUpdate, response: { 200: measureSettingsView } } },
    async (req, reply) =>
      sendWithEtag(reply, await svc.updateSettings(ctxOf(req), req.params.id, expectedVersion(req), req.body.cravingThreshold)),
  );

  r.post(
    '/patients/:id/measures-link',
    { schema: { tags, params: patient, body: measuresLinkCreate, response: { 201: measuresLinkView } } },
    async (req, reply) => reply.status(201).send(await svc.createMeasuresLink(ctxOf(req), req.params.id, req.body)),
  );

  r.delete(
    '/patients/:id/measures-link',
    { schema: { tags, params: patient, response: { 200: z.object({ revoked: z.number().int() }) } } },
    async (req) => svc.revokeMeasuresLink(ctxOf(req), req.params.id),
  );

  r.get('/me/:token', { config: publicLimited, schema: { tags, params: meToken, response: { 200: meView } } }, async (req) =>
    me.openMe(publicClient(req), req.params.token),
  );

  r.post(
    '/me/:token/measures/:assignmentId',
    { config: publicLimited, schema: { tags, params: meInstrumentParams, body: fillSubmit, response: { 201: fillResult } } },
    async (req, reply) =>
      reply.status(201).send(await me.submitMeInstrument(publicClient(req), req.params.token, req.params.assignmentId, req.body.items)),
  );

  r.post(
    '/me/:token/checkins',
    {
      config: publicLimited,
      schema: { tags, params: meToken, body: checkinSubmit, response: { 200: meCheckinResult, 201: meCheckinResult } },
    },
    async (req, reply) => {
      const out = await me.submitCheckin(publicClient(req), req.params.token, req.body);
      return reply.status(out.duplicate ? 200 : 201).send(out);
    },
  );
}
