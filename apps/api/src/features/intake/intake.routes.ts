import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addendumCreate,
  assessmentCreate,
  assessmentFinalise,
  assessmentSave,
  assessmentView,
  id,
  intakeCreate,
  intakeListItem,
  intakeSave,
  intakeView,
  recommendationRequest,
  recommendationView,
  ruleSetView,
  signatureConfirm,
} from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { expectedVersion, sendWithEtag } from '../../platform/http';
import { sendPdf } from '../../platform/pdf';
import { intakePdf } from './intake.pdf';
import * as assessments from './assessments.service';
import * as intakes from './intake.service';

const patient = z.strictObject({ id });
const intake = z.strictObject({ id, intakeId: id });
const assessment = z.strictObject({ id, assessmentId: id });

/** Biopsychosocial intakes and dimensional assessments, under a patient (registered at /api/v1/patients). */
export async function intakeRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['intake'];
  // Signing checks a password: limited like sign-in, so a left-open session cannot be used to guess it.
  const { max, timeWindowMs } = app.deps.authRateLimit;
  const signing = { rateLimit: { max, timeWindow: timeWindowMs } };

  r.get(
    '/:id/intakes',
    { schema: { tags, params: patient, response: { 200: z.object({ items: z.array(intakeListItem) }) } } },
    async (req) => ({
      items: await intakes.listIntakes(ctxOf(req), req.params.id),
    }),
  );
  r.post('/:id/intakes', { schema: { tags, params: patient, body: intakeCreate, response: { 201: intakeView } } }, async (req, reply) =>
    reply.status(201).send(sendWithEtag(reply, await intakes.startIntake(ctxOf(req), req.params.id, req.body))),
  );
  r.get('/:id/intakes/:intakeId/pdf', { schema: { tags, params: intake } }, async (req, reply) =>
    sendPdf(reply, await intakePdf(ctxOf(req), req.params.id, req.params.intakeId), `intake-${req.params.intakeId}`),
  );

  r.get('/:id/intakes/:intakeId', { schema: { tags, params: intake, response: { 200: intakeView } } }, async (req, reply) =>
    sendWithEtag(reply, await intakes.getIntake(ctxOf(req), req.params.id, req.params.intakeId)),
  );
  r.patch(
    '/:id/intakes/:intakeId',
    { schema: { tags, params: intake, body: intakeSave, response: { 200: intakeView } } },
    async (req, reply) =>
      sendWithEtag(
        reply,
        await intakes.saveIntakeDraft(ctxOf(req), req.params.id, req.params.intakeId, expectedVersion(req), req.body.document),
      ),
  );
  r.post(
    '/:id/intakes/:intakeId/sign',
    { config: signing, schema: { tags, params: intake, body: signatureConfirm, response: { 200: intakeView } } },
    async (req, reply) =>
      sendWithEtag(
        reply,
        await intakes.signIntake(ctxOf(req), req.params.id, req.params.intakeId, expectedVersion(req), req.body.password),
      ),
  );
  r.post(
    '/:id/intakes/:intakeId/addenda',
    { config: signing, schema: { tags, params: intake, body: addendumCreate, response: { 201: intakeView } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          sendWithEtag(
            reply,
            await intakes.addIntakeAddendum(ctxOf(req), req.params.id, req.params.intakeId, req.body.text, req.body.password),
          ),
        ),
  );

  r.get(
    '/:id/assessments',
    { schema: { tags, params: patient, response: { 200: z.object({ items: z.array(assessmentView) }) } } },
    async (req) => ({ items: await assessments.listAssessments(ctxOf(req), req.params.id) }),
  );
  r.post(
    '/:id/assessments',
    { schema: { tags, params: patient, body: assessmentCreate, response: { 201: assessmentView } } },
    async (req, reply) =>
      reply.status(201).send(sendWithEtag(reply, await assessments.startAssessment(ctxOf(req), req.params.id, req.body))),
  );
  r.get('/:id/assessments/:assessmentId', { schema: { tags, params: assessment, response: { 200: assessmentView } } }, async (req, reply) =>
    sendWithEtag(reply, await assessments.getAssessment(ctxOf(req), req.params.id, req.params.assessmentId)),
  );
  r.patch(
    '/:id/assessments/:assessmentId',
    { schema: { tags, params: assessment, body: assessmentSave, response: { 200: assessmentView } } },
    async (req, reply) =>
      sendWithEtag(
        reply,
        await assessments.saveAssessment(ctxOf(req), req.params.id, req.params.assessmentId, expectedVersion(req), req.body),
      ),
  );
  r.post(
    '/:id/assessments/:assessmentId/finalise',
    { schema: { tags, params: assessment, body: assessmentFinalise, response: { 200: assessmentView } } },
    async (req, reply) =>
      sendWithEtag(reply, await assessments.finalise(ctxOf(req), req.params.id, req.params.assessmentId, expectedVersion(req), req.body)),
  );
}

/** The placement rules themselves and a pure preview (registered at /api/v1/placement). */
export async function placementRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['intake'];
  r.get('/rule-set', { schema: { tags, response: { 200: ruleSetView } } }, async () => assessments.activeRuleSetView());
  r.post('/recommendation', { schema: { tags, body: recommendationRequest, response: { 200: recommendationView } } }, async (req) =>
    assessments.previewRecommendation(ctxOf(req), req.body),
  );
}
