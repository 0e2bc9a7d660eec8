import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  fillToken,
  id,
  interventionCreate,
  interventionUpdate,
  interventionView,
  planCreate,
  planDiffQuery,
  planDiffView,
  planSign,
  planSignLinkCreate,
  planSignLinkView,
  planSummary,
  planVersionUpdate,
  planVersionView,
  progressCreate,
  progressView,
  publicPlanSign,
  publicPlanView,
} from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { expectedVersion, sendWithEtag } from '../../platform/http';
import { sendPdf } from '../../platform/pdf';
import type { PublicClient } from '../instruments/phone-links.service';
import * as catalogue from './interventions.service';
import * as plans from './plans.service';
import * as signing from './plans.signing';
import * as progress from './progress.service';
import { planPdf } from './plans.pdf';

const patientParams = z.strictObject({ id });
const planParams = z.strictObject({ id, planId: id });
const versionParams = z.strictObject({ id, planId: id, number: z.coerce.number().int().min(1).max(10_000) });

const publicClient = (req: FastifyRequest): PublicClient => ({
  database: req.server.deps.database,
  clock: req.server.deps.clock,
  ip: req.ip ?? null,
  userAgent: req.headers['user-agent']?.slice(0, 400) ?? null,
});

/** Treatment plans, their versions, signatures, progress and PDFs, the interventions catalogue and the public signing link. */
export async function planRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['plans'];
  const { max, timeWindowMs } = app.deps.authRateLimit;
  const publicLimited = { auth: 'public' as const, rateLimit: { max, timeWindow: timeWindowMs } };
  const base = '/patients/:id/plans';
  const version = `${base}/:planId/versions/:number`;

  // Catalogue
  r.get('/interventions', { schema: { tags, response: { 200: z.object({ items: z.array(interventionView) }) } } }, async (req) => ({
    items: await catalogue.listInterventions(ctxOf(req)),
  }));
  r.post('/interventions', { schema: { tags, body: interventionCreate, response: { 201: interventionView } } }, async (req, reply) =>
    reply.status(201).send(sendWithEtag(reply, await catalogue.createIntervention(ctxOf(req), req.body))),
  );
  r.patch(
    '/interventions/:id',
    { schema: { tags, params: patientParams, body: interventionUpdate, response: { 200: interventionView } } },
    async (req, reply) =>
      sendWithEtag(reply, await catalogue.updateIntervention(ctxOf(req), req.params.id, expectedVersion(req), req.body)),
  );
  r.delete('/interventions/:id', { schema: { tags, params: patientParams } }, async (req, reply) => {
    await catalogue.deleteIntervention(ctxOf(req), req.params.id);
    return reply.status(204).send();
  });

  // Plans and versions
  r.get(base, { schema: { tags, params: patientParams, response: { 200: z.object({ items: z.array(planSummary) }) } } }, async (req) => ({
    items: await plans.listPlans(ctxOf(req), req.params.id),
  }));
  r.post(base, { schema: { tags, params: patientParams, body: planCreate, response: { 201: planVersionView } } }, async (req, reply) =>
    reply.status(201).send(sendWithEtag(reply, await plans.createPlan(ctxOf(req), req.params.id, req.body))),
  );
  r.get(`${base}/:planId`, { schema: { tags, params: planParams, response: { 200: planSummary } } }, async (req) =>
    plans.getPlan(ctxOf(req), req.params.id, req.params.planId),
  );
  r.post(
    `${base}/:planId/versions`,
    { schema: { tags, params: planParams, body: z.strictObject({}).nullish(), response: { 201: planVersionView } } },
    async (req, reply) => reply.status(201).send(sendWithEtag(reply, await plans.newVersion(ctxOf(req), req.params.id, req.params.planId))),
  );
  r.get(version, { schema: { tags, params: versionParams, response: { 200: planVersionView } } }, async (req, reply) =>
    sendWithEtag(reply, await plans.getVersion(ctxOf(req), req.params.id, req.params.planId, req.params.number)),
  );
  r.put(
    version,
    { schema: { tags, params: versionParams, body: planVersionUpdate, response: { 200: planVersionView } } },
    async (req, reply) =>
      sendWithEtag(
        reply,
        await plans.updateVersion(ctxOf(req), req.params.id, req.params.planId, req.params.number, expectedVersion(req), req.body.content),
      ),
  );
  r.post(
    `${version}/sign`,
    { schema: { tags, params: versionParams, body: planSign, response: { 200: planVersionView } } },
    async (req, reply) =>
      sendWithEtag(reply, await signing.signVersion(ctxOf(req), req.params.id, req.params.planId, req.params.number, req.body)),
  );
  r.post(
    `${version}/sign-link`,
    { schema: { tags, params: versionParams, body: planSignLinkCreate, response: { 201: planSignLinkView } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await signing.createSignLink(ctxOf(req), req.params.id, req.params.planId, req.params.number, req.body.expiresInHours)),
  );
  r.get(`${version}/pdf`, { schema: { tags, params: versionParams } }, async (req, reply) =>
    sendPdf(
      reply,
      await planPdf(ctxOf(req), req.params.id, req.params.planId, req.params.number),
      `plan-${req.params.planId}-v${req.params.number}`,
    ),
  );
  r.get(
    `${base}/:planId/diff`,
    { schema: { tags, params: planParams, querystring: planDiffQuery, response: { 200: planDiffView } } },
    async (req) => plans.diffVersions(ctxOf(req), req.params.id, req.params.planId, req.query.from, req.query.to),
  );

  // Goal progress
  r.get(
    `${base}/:planId/progress`,
    { schema: { tags, params: planParams, response: { 200: z.object({ items: z.array(progressView) }) } } },
    async (req) => ({
      items: await progress.listProgress(ctxOf(req), req.params.id, req.params.planId),
    }),
  );
  r.post(
    `${base}/:planId/progress`,
    { schema: { tags, params: planParams, body: progressCreate, response: { 201: progressView } } },
    async (req, reply) => reply.status(201).send(await progress.recordProgress(ctxOf(req), req.params.id, req.params.planId, req.body)),
  );

  // The person's signing link (no sign-in)
  r.get('/sign/:token', { config: publicLimited, schema: { tags, params: fillToken, response: { 200: publicPlanView } } }, async (req) =>
    signing.openSignLink(publicClient(req), req.params.token),
  );
  r.post(
    '/sign/:token',
    {
      config: publicLimited,
      schema: {
        tags,
        params: fillToken,
        body: publicPlanSign,
        response: { 201: z.object({ status: z.enum(['signed', 'awaiting_clinician']) }) },
      },
    },
    async (req, reply) => reply.status(201).send(await signing.submitSignLink(publicClient(req), req.params.token, req.body)),
  );
}
