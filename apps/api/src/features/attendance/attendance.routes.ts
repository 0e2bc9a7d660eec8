import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  attendanceRecord,
  attendanceView,
  checkInCodeView,
  hoursQuery,
  id,
  locationHoursParams,
  locationHoursView,
  meCheckIn,
  meCheckInView,
  meToken,
  occurrenceParams,
  occurrencePatientParams,
  patientHoursView,
  runSheetView,
  todaySessionsView,
} from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { expectedVersion, sendWithEtag } from '../../platform/http';
import type { PublicClient } from '../instruments/phone-links.service';
import * as attendance from './attendance.service';
import { meCheckIn as checkIn } from './check-in.service';
import * as hours from './hours.service';

const noBody = z.strictObject({}).nullish();
const checkInState = runSheetView.shape.checkIn;

const publicClient = (req: FastifyRequest): PublicClient => ({
  database: req.server.deps.database,
  clock: req.server.deps.clock,
  ip: req.ip ?? null,
  userAgent: req.headers['user-agent']?.slice(0, 400) ?? null,
});

/** If-Match is needed to correct a recorded attendance, not to record the first one. */
const optionalVersion = (req: FastifyRequest): number | null => (req.headers['if-match'] ? expectedVersion(req) : null);

/** Running a session: its run sheet, attendance with minutes, self check-in, and the hours ledger (issue 6). Under /api/v1. */
export async function attendanceRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['attendance'];
  const { max, timeWindowMs } = app.deps.authRateLimit;
  const publicLimited = { auth: 'public' as const, rateLimit: { max, timeWindow: timeWindowMs } };
  const session = '/sessions/:occurrenceId';

  r.get('/sessions/today', { schema: { tags, response: { 200: todaySessionsView } } }, async (req) => attendance.todaySessions(ctxOf(req)));
  r.get(`${session}/run-sheet`, { schema: { tags, params: occurrenceParams, response: { 200: runSheetView } } }, async (req) =>
    attendance.runSheet(ctxOf(req), req.params.occurrenceId),
  );
  r.put(
    `${session}/attendance/:patientId`,
    { schema: { tags, params: occurrencePatientParams, body: attendanceRecord, response: { 200: attendanceView } } },
    async (req, reply) =>
      sendWithEtag(
        reply,
        await attendance.recordAttendance(ctxOf(req), req.params.occurrenceId, req.params.patientId, optionalVersion(req), req.body),
      ),
  );
  r.post(
    `${session}/check-in/open`,
    { schema: { tags, params: occurrenceParams, body: noBody, response: { 200: checkInState } } },
    async (req) => attendance.openCheckIn(ctxOf(req), req.params.occurrenceId),
  );
  r.post(
    `${session}/check-in/close`,
    { schema: { tags, params: occurrenceParams, body: noBody, response: { 200: checkInState } } },
    async (req) => attendance.closeCheckIn(ctxOf(req), req.params.occurrenceId),
  );
  r.get(
    `${session}/check-in/code`,
    { schema: { tags, params: occurrenceParams, response: { 200: checkInCodeView } } },
    async (req, reply) => {
      void reply.header('cache-control', 'no-store');
      const ctx = ctxOf(req);
      return attendance.checkInCode(ctx, req.params.occurrenceId, ctx.publicUrl.replace(/\/$/, ''));
    },
  );

  r.get(
    '/patients/:id/hours',
    { schema: { tags, params: z.strictObject({ id }), querystring: hoursQuery, response: { 200: patientHoursView } } },
    async (req) => hours.patientHours(ctxOf(req), req.params.id, req.query.week),
  );
  r.get(
    '/locations/:id/hours',
    { schema: { tags, params: locationHoursParams, querystring: hoursQuery, response: { 200: locationHoursView } } },
    async (req) => hours.locationHours(ctxOf(req), req.params.id, req.query.week),
  );

  r.post(
    '/me/:token/check-in',
    { config: publicLimited, schema: { tags, params: meToken, body: meCheckIn, response: { 200: meCheckInView } } },
    async (req) => checkIn(publicClient(req), req.params.token, req.body),
  );
}
