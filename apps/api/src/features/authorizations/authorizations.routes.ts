import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorizationCreate, authorizationList, authorizationUpdate, authorizationView, id } from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { expectedVersion, sendWithEtag } from '../../platform/http';
import * as authorizations from './authorizations.service';

const patientParams = z.strictObject({ id });
const itemParams = z.strictObject({ id, authorizationId: id });

/** Payers' authorizations under /api/v1/patients/:id, with units used, scheduled and left. */
export async function authorizationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['authorizations'];

  r.get('/:id/authorizations', { schema: { tags, params: patientParams, response: { 200: authorizationList } } }, async (req) =>
    authorizations.listAuthorizations(ctxOf(req), req.params.id),
  );
  r.post(
    '/:id/authorizations',
    { schema: { tags, params: patientParams, body: authorizationCreate, response: { 201: authorizationView } } },
    async (req, reply) =>
      reply.status(201).send(sendWithEtag(reply, await authorizations.createAuthorization(ctxOf(req), req.params.id, req.body))),
  );
  r.get(
    '/:id/authorizations/:authorizationId',
    { schema: { tags, params: itemParams, response: { 200: authorizationView } } },
    async (req, reply) => sendWithEtag(reply, await authorizations.getAuthorization(ctxOf(req), req.params.id, req.params.authorizationId)),
  );
  r.patch(
    '/:id/authorizations/:authorizationId',
    { schema: { tags, params: itemParams, body: authorizationUpdate, response: { 200: authorizationView } } },
    async (req, reply) =>
      sendWithEtag(
        reply,
        await authorizations.updateAuthorization(ctxOf(req), req.params.id, req.params.authorizationId, expectedVersion(req), req.body),
      ),
  );
}
