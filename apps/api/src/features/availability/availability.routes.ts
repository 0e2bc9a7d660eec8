import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  availabilityUpdate,
  availabilityView,
  id,
  meAvailabilityUpdate,
  meAvailabilityView,
  meToken,
  staffLeaveCreate,
  staffLeaveParams,
  staffLeaveView,
  staffParams,
  staffScheduleUpdate,
  staffScheduleView,
} from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { expectedVersion, sendWithEtag } from '../../platform/http';
import type { PublicClient } from '../instruments/phone-links.service';
import * as svc from './availability.service';
import * as me from './me-availability.service';
import * as staff from './staff-schedule.service';

const patient = z.strictObject({ id });

const publicClient = (req: FastifyRequest): PublicClient => ({
  database: req.server.deps.database,
  clock: req.server.deps.clock,
  ip: req.ip ?? null,
  userAgent: req.headers['user-agent']?.slice(0, 400) ?? null,
});

/**
 * A person's weekly availability and preferences (staff in the chart, the person on their link) and staff working
 * hours, caps and leave. Writes replace the whole record and need If-Match with the version the GET returned
 * (`"0"` before anything was saved). Registered under /api/v1.
 */
export async function availabilityRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['availability'];
  const { max, timeWindowMs } = app.deps.authRateLimit;
  const publicLimited = { auth: 'public' as const, rateLimit: { max, timeWindow: timeWindowMs } };

  r.get('/patients/:id/availability', { schema: { tags, params: patient, response: { 200: availabilityView } } }, async (req, reply) =>
    sendWithEtag(reply, await svc.getAvailability(ctxOf(req), req.params.id)),
  );
  r.put(
    '/patients/:id/availability',
    { schema: { tags, params: patient, body: availabilityUpdate, response: { 200: availabilityView } } },
    async (req, reply) => sendWithEtag(reply, await svc.updateAvailability(ctxOf(req), req.params.id, expectedVersion(req), req.body)),
  );

  r.get(
    '/me/:token/availability',
    { config: publicLimited, schema: { tags, params: meToken, response: { 200: meAvailabilityView } } },
    async (req, reply) => sendWithEtag(reply, await me.openMeAvailability(publicClient(req), req.params.token)),
  );
  r.put(
    '/me/:token/availability',
    { config: publicLimited, schema: { tags, params: meToken, body: meAvailabilityUpdate, response: { 200: meAvailabilityView } } },
    async (req, reply) =>
      sendWithEtag(reply, await me.saveMeAvailability(publicClient(req), req.params.token, expectedVersion(req), req.body)),
  );

  r.get('/staff/:userId/schedule', { schema: { tags, params: staffParams, response: { 200: staffScheduleView } } }, async (req, reply) =>
    sendWithEtag(reply, await staff.getSchedule(ctxOf(req), req.params.userId)),
  );
  r.put(
    '/staff/:userId/schedule',
    { schema: { tags, params: staffParams, body: staffScheduleUpdate, response: { 200: staffScheduleView } } },
    async (req, reply) => sendWithEtag(reply, await staff.updateSchedule(ctxOf(req), req.params.userId, expectedVersion(req), req.body)),
  );
  r.post(
    '/staff/:userId/leave',
    { schema: { tags, params: staffParams, body: staffLeaveCreate, response: { 201: staffLeaveView } } },
    async (req, reply) => reply.status(201).send(await staff.addLeave(ctxOf(req), req.params.userId, req.body)),
  );
  r.delete('/staff/:userId/leave/:leaveId', { schema: { tags, params: staffLeaveParams } }, async (req, reply) => {
    await staff.removeLeave(ctxOf(req), req.params.userId, req.params.leaveId);
    return reply.status(204).send();
  });
}
