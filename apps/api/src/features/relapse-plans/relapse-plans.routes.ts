import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id, relapsePlanCreate, relapsePlanFinalise, relapsePlanList, relapsePlanSave, relapsePlanView } from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { expectedVersion, sendWithEtag } from '../../platform/http';
import { sendPdf } from '../../platform/pdf';
import { relapsePlanPdf } from './relapse-plans.pdf';
import * as plans from './relapse-plans.service';

const patientParams = z.strictObject({ id });
const planParams = z.strictObject({ id, planId: id });

/** Relapse-prevention plans under /api/v1/patients/:id; every version stays readable, finalised ones never change. */
export async function relapsePlanRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['relapse-plans'];

  r.get('/:id/relapse-plans', { schema: { tags, params: patientParams, response: { 200: relapsePlanList } } }, async (req) =>
    plans.listPlans(ctxOf(req), req.params.id),
  );
  r.post(
    '/:id/relapse-plans',
    { schema: { tags, params: patientParams, body: relapsePlanCreate, response: { 201: relapsePlanView } } },
    async (req, reply) => reply.status(201).send(sendWithEtag(reply, await plans.startPlan(ctxOf(req), req.params.id, req.body.content))),
  );
  r.get('/:id/relapse-plans/:planId', { schema: { tags, params: planParams, response: { 200: relapsePlanView } } }, async (req, reply) =>
    sendWithEtag(reply, await plans.getPlan(ctxOf(req), req.params.id, req.params.planId)),
  );
  r.patch(
    '/:id/relapse-plans/:planId',
    { schema: { tags, params: planParams, body: relapsePlanSave, response: { 200: relapsePlanView } } },
    async (req, reply) =>
      sendWithEtag(reply, await plans.saveDraft(ctxOf(req), req.params.id, req.params.planId, expectedVersion(req), req.body.content)),
  );
  r.post(
    '/:id/relapse-plans/:planId/finalise',
    { schema: { tags, params: planParams, body: relapsePlanFinalise.optional(), response: { 200: relapsePlanView } } },
    async (req, reply) => sendWithEtag(reply, await plans.finalisePlan(ctxOf(req), req.params.id, req.params.planId, expectedVersion(req))),
  );
  r.get('/:id/relapse-plans/:planId/pdf', { schema: { tags, params: planParams } }, async (req, reply) =>
    sendPdf(reply, await relapsePlanPdf(ctxOf(req), req.params.id, req.params.planId), `relapse-plan-${req.params.planId}`),
  );
}
