import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id, page, safetyBanner, taskQuery, taskResolve, taskView } from '@openiop/core';
import { ctxOf } from '../../platform/context';
import * as tasks from './tasks.service';

export async function taskRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tasks'];

  r.get('/tasks', { schema: { tags, querystring: taskQuery, response: { 200: page(taskView) } } }, async (req) =>
    tasks.listTasks(ctxOf(req), req.query),
  );

  r.post(
    '/tasks/:id/resolve',
    { schema: { tags, params: z.strictObject({ id }), body: taskResolve, response: { 200: taskView } } },
    async (req) => tasks.resolveTask(ctxOf(req), req.params.id, req.body.note),
  );

  r.get('/patients/:id/safety', { schema: { tags, params: z.strictObject({ id }), response: { 200: safetyBanner } } }, async (req) => ({
    items: await tasks.patientSafety(ctxOf(req), req.params.id),
  }));
}
