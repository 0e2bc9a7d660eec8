import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  attendeeChange,
  id,
  moveCheckView,
  occurrenceMove,
  scheduleWeekParams,
  scheduleWeekView,
  sessionAdd,
  sessionAddedView,
  solveRequest,
  solveView,
} from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { etagOf, expectedVersion, sendWithEtag } from '../../platform/http';
import * as schedule from './schedule.service';
import { getSolve, settleSolves, startSolve } from './solve-job';

const noBody = z.strictObject({}).nullish();
const occurrenceParams = z.strictObject({ occurrenceId: id });
const attendeeParams = z.strictObject({ occurrenceId: id, patientId: id });

/** The optimiser's weeks: the calendar's view of a location's week, solving, moving, rosters and publishing (issue 5). */
export async function scheduleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['schedule'];
  const week = '/locations/:locationId/schedule/:weekStart';
  app.addHook('onClose', settleSolves);

  r.get(week, { schema: { tags, params: scheduleWeekParams, response: { 200: scheduleWeekView } } }, async (req, reply) =>
    sendWithEtag(reply, await schedule.getWeek(ctxOf(req), req.params.locationId, req.params.weekStart)),
  );
  r.post(
    `${week}/solve`,
    { schema: { tags, params: scheduleWeekParams, body: solveRequest, response: { 202: solveView } } },
    async (req, reply) => reply.status(202).send(await startSolve(ctxOf(req), req.params.locationId, req.params.weekStart, req.body)),
  );
  r.post(
    `${week}/publish`,
    { schema: { tags, params: scheduleWeekParams, body: noBody, response: { 200: scheduleWeekView } } },
    async (req, reply) =>
      sendWithEtag(reply, await schedule.publishWeek(ctxOf(req), req.params.locationId, req.params.weekStart, expectedVersion(req))),
  );
  r.post(
    `${week}/sessions`,
    {
      schema: {
        tags,
        params: scheduleWeekParams,
        body: sessionAdd,
        response: { 200: moveCheckView, 201: sessionAddedView },
      },
    },
    async (req, reply) => {
      const out = await schedule.addSession(
        ctxOf(req),
        req.params.locationId,
        req.params.weekStart,
        req.headers['if-match'] === undefined ? null : expectedVersion(req),
        req.body,
      );
      if (!('week' in out)) return out;
      void reply.header('etag', etagOf(out.week.version));
      return reply.status(201).send(out);
    },
  );
  r.get(
    '/schedule/solves/:solveId',
    { schema: { tags, params: z.strictObject({ solveId: id }), response: { 200: solveView } } },
    async (req) => getSolve(ctxOf(req), req.params.solveId),
  );
  r.post(
    '/schedule/occurrences/:occurrenceId/move',
    { schema: { tags, params: occurrenceParams, body: occurrenceMove, response: { 200: z.union([scheduleWeekView, moveCheckView]) } } },
    async (req, reply) => {
      const expected = req.body.dryRun ? null : expectedVersion(req);
      const out = await schedule.moveOccurrence(ctxOf(req), req.params.occurrenceId, expected, req.body);
      return 'occurrences' in out ? sendWithEtag(reply, out) : out;
    },
  );
  r.post(
    '/schedule/occurrences/:occurrenceId/attendees',
    { schema: { tags, params: occurrenceParams, body: attendeeChange, response: { 200: z.union([scheduleWeekView, moveCheckView]) } } },
    async (req, reply) => {
      const expected = req.body.dryRun ? null : expectedVersion(req);
      const out = await schedule.addAttendee(ctxOf(req), req.params.occurrenceId, expected, req.body);
      return 'occurrences' in out ? sendWithEtag(reply, out) : out;
    },
  );
  r.delete(
    '/schedule/occurrences/:occurrenceId/attendees/:patientId',
    { schema: { tags, params: attendeeParams, response: { 200: scheduleWeekView } } },
    async (req, reply) =>
      sendWithEtag(reply, await schedule.removeAttendee(ctxOf(req), req.params.occurrenceId, req.params.patientId, expectedVersion(req))),
  );
}
