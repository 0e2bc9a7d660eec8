import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { worklistCounts, worklistQuery, worklistView } from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { getWorklist, getWorklistCounts } from './worklist.service';

export async function worklistRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['worklist'];
  r.get('/worklist', { schema: { tags, querystring: worklistQuery, response: { 200: worklistView } } }, async (req) => ({
    items: await getWorklist(ctxOf(req), req.query.kind),
  }));
  r.get('/worklist/counts', { schema: { tags, response: { 200: worklistCounts } } }, async (req) => getWorklistCounts(ctxOf(req)));
}
