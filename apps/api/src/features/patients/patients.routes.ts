import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  caseloadAssign,
  caseloadView,
  chartHeader,
  episodeCreate,
  episodeUpdate,
  episodeView,
  id,
  page,
  patientCreate,
  patientListItem,
  patientSearch,
  patientUpdate,
  patientView,
} from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { expectedVersion, sendWithEtag } from '../../platform/http';
import * as episodes from '../episodes/episodes.service';
import { openChart } from './chart.service';
import * as patients from './patients.service';

const params = z.strictObject({ id });

export async function patientRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['patients'];

  r.get('/', { schema: { tags, querystring: patientSearch, response: { 200: page(patientListItem) } } }, async (req) =>
    patients.listPatients(ctxOf(req), req.query),
  );

  r.post('/', { schema: { tags, body: patientCreate, response: { 201: patientView } } }, async (req, reply) =>
    reply.status(201).send(sendWithEtag(reply, await patients.createPatient(ctxOf(req), req.body))),
  );

  r.get('/:id', { schema: { tags, params, response: { 200: patientView } } }, async (req, reply) =>
    sendWithEtag(reply, await patients.getPatient(ctxOf(req), req.params.id)),
  );

  r.patch('/:id', { schema: { tags, params, body: patientUpdate, response: { 200: patientView } } }, async (req, reply) =>
    sendWithEtag(reply, await patients.updatePatient(ctxOf(req), req.params.id, expectedVersion(req), req.body)),
  );

  r.get('/:id/chart', { schema: { tags, params, response: { 200: chartHeader } } }, async (req) => openChart(ctxOf(req), req.params.id));

  r.get('/:id/episodes', { schema: { tags, params, response: { 200: z.object({ items: z.array(episodeView) }) } } }, async (req) => ({
    items: await episodes.listEpisodes(ctxOf(req), req.params.id),
  }));

  r.post('/:id/episodes', { schema: { tags, params, body: episodeCreate, response: { 201: episodeView } } }, async (req, reply) =>
    reply.status(201).send(await episodes.openEpisode(ctxOf(req), req.params.id, req.body)),
  );

  r.patch(
    '/:id/episodes/:episodeId',
    { schema: { tags, params: z.strictObject({ id, episodeId: id }), body: episodeUpdate, response: { 200: episodeView } } },
    async (req, reply) =>
      sendWithEtag(reply, await episodes.updateEpisode(ctxOf(req), req.params.id, req.params.episodeId, expectedVersion(req), req.body)),
  );

  r.get('/:id/caseload', { schema: { tags, params, response: { 200: caseloadView } } }, async (req) => ({
    items: await episodes.listCaseload(ctxOf(req), req.params.id),
  }));

  r.post('/:id/caseload', { schema: { tags, params, body: caseloadAssign, response: { 201: caseloadView } } }, async (req, reply) =>
    reply.status(201).send({ items: await episodes.assignCaseload(ctxOf(req), req.params.id, req.body.userId) }),
  );

  r.delete('/:id/caseload/:userId', { schema: { tags, params: z.strictObject({ id, userId: id }) } }, async (req, reply) => {
    await episodes.unassignCaseload(ctxOf(req), req.params.id, req.params.userId);
    return reply.status(204).send();
  });
}
