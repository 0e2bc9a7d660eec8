import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { breakGlassGranted, breakGlassRequest, breakGlassReview, breakGlassView, id } from '@openiop/core';
import { ctxOf } from '../../platform/context';
import * as service from './break-glass.service';

export async function breakGlassRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['break-glass'];
  r.post(
    '/',
    {
      schema: {
        tags,
        body: breakGlassRequest,
        response: { 201: breakGlassGranted },
      },
    },
    async (req, reply) => reply.status(201).send(await service.breakGlass(ctxOf(req), req.body.mrn, req.body.reason)),
  );
  r.get(
    '/',
    {
      schema: {
        tags,
        querystring: z.strictObject({ status: z.enum(['unreviewed', 'all']).default('unreviewed') }),
        response: { 200: z.object({ items: z.array(breakGlassView) }) },
      },
    },
    async (req) => ({ items: await service.listGrants(ctxOf(req), req.query.status) }),
  );
  r.post('/:id/review', { schema: { tags, params: z.strictObject({ id }), body: breakGlassReview } }, async (req, reply) => {
    await service.reviewGrant(ctxOf(req), req.params.id, req.body.note);
    return reply.status(204).send();
  });
}
