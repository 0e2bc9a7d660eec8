import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  admissionCreate,
  admissionResult,
  costEstimateView,
  coverageInput,
  coverageView,
  duplicateList,
  followUpCreate,
  followUpUpdate,
  followUpView,
  id,
  inquiryBoardPage,
  inquiryBoardQuery,
  inquiryCreate,
  inquiryStageMove,
  inquiryUpdate,
  inquiryView,
  prescreenCreate,
  prescreenView,
  publicHelpForm,
  publicHelpReceipt,
  publicHelpRequest,
  publicIntakeSettings,
  publicIntakeSettingsView,
} from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { expectedVersion, sendWithEtag } from '../../platform/http';
import { admitInquiry } from './admission.service';
import { costEstimate, getCoverage, saveCoverage } from './coverage.service';
import { listDuplicates } from './duplicates.service';
import * as inquiries from './inquiries.service';
import { listPrescreens, recordPrescreen } from './prescreen.service';
import { getPublicPageSettings, openHelpForm, savePublicPageSettings, submitHelpRequest } from './public-intake.service';

const params = z.strictObject({ id });

export async function inquiryRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inquiries'];

  r.get('/', { schema: { tags, querystring: inquiryBoardQuery, response: { 200: inquiryBoardPage } } }, async (req) =>
    inquiries.listBoard(ctxOf(req), req.query),
  );
  r.post('/', { schema: { tags, body: inquiryCreate, response: { 201: inquiryView } } }, async (req, reply) =>
    reply.status(201).send(sendWithEtag(reply, await inquiries.createInquiry(ctxOf(req), req.body))),
  );

  r.get('/public-page', { schema: { tags, response: { 200: z.object({ page: publicIntakeSettingsView.nullable() }) } } }, async (req) => ({
    page: await getPublicPageSettings(ctxOf(req)),
  }));
  r.put('/public-page', { schema: { tags, body: publicIntakeSettings, response: { 200: publicIntakeSettingsView } } }, async (req) =>
    savePublicPageSettings(ctxOf(req), req.body),
  );

  r.get('/:id', { schema: { tags, params, response: { 200: inquiryView } } }, async (req, reply) =>
    sendWithEtag(reply, await inquiries.getInquiry(ctxOf(req), req.params.id)),
  );
  r.patch('/:id', { schema: { tags, params, body: inquiryUpdate, response: { 200: inquiryView } } }, async (req, reply) =>
    sendWithEtag(reply, await inquiries.updateInquiry(ctxOf(req), req.params.id, expectedVersion(req), req.body)),
  );
  r.post('/:id/stage', { schema: { tags, params, body: inquiryStageMove, response: { 200: inquiryView } } }, async (req, reply) =>
    sendWithEtag(reply, await inquiries.moveInquiry(ctxOf(req), req.params.id, expectedVersion(req), req.body)),
  );

  r.post('/:id/follow-ups', { schema: { tags, params, body: followUpCreate, response: { 201: followUpView } } }, async (req, reply) =>
    reply.status(201).send(await inquiries.addFollowUp(ctxOf(req), req.params.id, req.body)),
  );
  r.patch(
    '/:id/follow-ups/:followUpId',
    { schema: { tags, params: z.strictObject({ id, followUpId: id }), body: followUpUpdate, response: { 200: followUpView } } },
    async (req) => inquiries.updateFollowUp(ctxOf(req), req.params.id, req.params.followUpId, req.body),
  );

  r.get('/:id/prescreens', { schema: { tags, params, response: { 200: z.object({ items: z.array(prescreenView) }) } } }, async (req) => ({
    items: await listPrescreens(ctxOf(req), req.params.id),
  }));
  r.post('/:id/prescreens', { schema: { tags, params, body: prescreenCreate, response: { 201: prescreenView } } }, async (req, reply) =>
    reply.status(201).send(await recordPrescreen(ctxOf(req), req.params.id, req.body)),
  );

  r.get('/:id/coverage', { schema: { tags, params, response: { 200: coverageView } } }, async (req, reply) =>
    sendWithEtag(reply, await getCoverage(ctxOf(req), req.params.id)),
  );
  r.put('/:id/coverage', { schema: { tags, params, body: coverageInput, response: { 200: coverageView } } }, async (req, reply) =>
    sendWithEtag(reply, await saveCoverage(ctxOf(req), req.params.id, expectedVersion(req), req.body)),
  );
  r.get('/:id/cost-estimate', { schema: { tags, params, response: { 200: costEstimateView } } }, async (req) =>
    costEstimate(ctxOf(req), req.params.id),
  );

  r.get('/:id/duplicates', { schema: { tags, params, response: { 200: duplicateList } } }, async (req) => ({
    items: await listDuplicates(ctxOf(req), req.params.id),
  }));

  r.post('/:id/admit', { schema: { tags, params, body: admissionCreate, response: { 201: admissionResult } } }, async (req, reply) =>
    reply.status(201).send(await admitInquiry(ctxOf(req), req.params.id, expectedVersion(req), req.body)),
  );
}

/** The public "request help" page: no sign-in, rate-limited per address, small bodies only. */
export async function publicIntakeRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['public'];
  const { max, timeWindowMs } = app.deps.authRateLimit;
  const config = { auth: 'public' as const, rateLimit: { max, timeWindow: timeWindowMs } };
  const slugParams = z.strictObject({ slug: z.string().min(3).max(60) });

  r.get('/:slug', { config, schema: { tags, params: slugParams, response: { 200: publicHelpForm } } }, async (req) =>
    openHelpForm(app.deps, req.params.slug),
  );
  r.post(
    '/:slug',
    { config, bodyLimit: 16 * 1024, schema: { tags, params: slugParams, body: publicHelpRequest, response: { 201: publicHelpReceipt } } },
    async (req, reply) =>
      reply.status(201).send(
        await submitHelpRequest(app.deps, req.params.slug, req.body, {
          ip: req.ip ?? null,
          userAgent: req.headers['user-agent']?.slice(0, 400) ?? null,
        }),
      ),
  );
}
