import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  administrationAnswers,
  administrationCreate,
  administrationListItem,
  administrationSubmit,
  administrationView,
  fillResult,
  fillSubmit,
  fillToken,
  fillView,
  id,
  instrumentDefinitionView,
  instrumentLinkCreate,
  instrumentLinkView,
} from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { expectedVersion, sendWithEtag } from '../../platform/http';
import * as links from './phone-links.service';
import * as svc from './instruments.service';

const patient = z.strictObject({ id });
const one = z.strictObject({ id, administrationId: id });

const publicClient = (req: FastifyRequest): links.PublicClient => ({
  database: req.server.deps.database,
  clock: req.server.deps.clock,
  ip: req.ip ?? null,
  userAgent: req.headers['user-agent']?.slice(0, 400) ?? null,
});

export async function instrumentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['instruments'];
  const { max, timeWindowMs } = app.deps.authRateLimit;
  const publicLimited = { auth: 'public' as const, rateLimit: { max, timeWindow: timeWindowMs } };

  r.get('/instruments', { schema: { tags, response: { 200: z.object({ items: z.array(instrumentDefinitionView) }) } } }, async (req) => ({
    items: svc.listDefinitions(ctxOf(req)),
  }));

  r.get(
    '/patients/:id/administrations',
    { schema: { tags, params: patient, response: { 200: z.object({ items: z.array(administrationListItem) }) } } },
    async (req) => ({ items: await svc.listAdministrations(ctxOf(req), req.params.id) }),
  );

  r.post(
    '/patients/:id/administrations',
    { schema: { tags, params: patient, body: administrationCreate, response: { 201: administrationView } } },
    async (req, reply) => reply.status(201).send(sendWithEtag(reply, await svc.createAdministration(ctxOf(req), req.params.id, req.body))),
  );

  r.get(
    '/patients/:id/administrations/:administrationId',
    { schema: { tags, params: one, response: { 200: administrationView } } },
    async (req, reply) => sendWithEtag(reply, await svc.getAdministration(ctxOf(req), req.params.id, req.params.administrationId)),
  );

  r.put(
    '/patients/:id/administrations/:administrationId/answers',
    { schema: { tags, params: one, body: administrationAnswers, response: { 200: administrationView } } },
    async (req, reply) =>
      sendWithEtag(
        reply,
        await svc.saveDraft(ctxOf(req), req.params.id, req.params.administrationId, expectedVersion(req), req.body.items),
      ),
  );

  r.post(
    '/patients/:id/administrations/:administrationId/submit',
    { schema: { tags, params: one, body: administrationSubmit, response: { 200: administrationView } } },
    async (req, reply) =>
      sendWithEtag(
        reply,
        await svc.submitAdministration(ctxOf(req), req.params.id, req.params.administrationId, expectedVersion(req), req.body.items),
      ),
  );

  r.post(
    '/patients/:id/instrument-links',
    { schema: { tags, params: patient, body: instrumentLinkCreate, response: { 201: instrumentLinkView } } },
    async (req, reply) => reply.status(201).send(await links.createLink(ctxOf(req), req.params.id, req.body)),
  );

  r.get('/fill/:token', { config: publicLimited, schema: { tags, params: fillToken, response: { 200: fillView } } }, async (req) =>
    links.openLink(publicClient(req), req.params.token),
  );

  r.post(
    '/fill/:token',
    { config: publicLimited, schema: { tags, params: fillToken, body: fillSubmit, response: { 201: fillResult } } },
    async (req, reply) => reply.status(201).send(await links.submitLink(publicClient(req), req.params.token, req.body.items)),
  );
}
