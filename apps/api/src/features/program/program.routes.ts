import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  closureInput,
  closureQuery,
  closureView,
  emptyBody,
  id,
  list,
  phaseInput,
  phaseUpdate,
  phaseView,
  programQuery,
  programView,
  roomInput,
  roomUpdate,
  roomView,
  schedulingSettingsInput,
  schedulingSettingsView,
  templateInput,
  templateUpdate,
  templateView,
  trackInput,
  trackUpdate,
  trackView,
} from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { expectedVersion, sendWithEtag } from '../../platform/http';
import * as program from './program.service';

const atLocation = z.strictObject({ locationId: id });
const atItem = z.strictObject({ locationId: id, id });

/** Issue 5: a location's program structure, under `/api/v1/locations/:locationId`. */
export async function programRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['program'];

  r.get(
    '/:locationId/program',
    { schema: { tags, params: atLocation, querystring: programQuery, response: { 200: programView } } },
    async (req) => program.getProgram(ctxOf(req), req.params.locationId, req.query),
  );
  r.post(
    '/:locationId/program/defaults',
    { schema: { tags, params: atLocation, body: emptyBody, response: { 201: programView } } },
    async (req, reply) => reply.status(201).send(await program.applyDefaults(ctxOf(req), req.params.locationId)),
  );

  r.get('/:locationId/rooms', { schema: { tags, params: atLocation, response: { 200: list(roomView) } } }, async (req) => ({
    items: await program.listRooms(ctxOf(req), req.params.locationId),
  }));
  r.post('/:locationId/rooms', { schema: { tags, params: atLocation, body: roomInput, response: { 201: roomView } } }, async (req, reply) =>
    reply.status(201).send(sendWithEtag(reply, await program.createRoom(ctxOf(req), req.params.locationId, req.body))),
  );
  r.patch(
    '/:locationId/rooms/:id',
    { schema: { tags, params: atItem, body: roomUpdate, response: { 200: roomView } } },
    async (req, reply) =>
      sendWithEtag(reply, await program.updateRoom(ctxOf(req), req.params.locationId, req.params.id, expectedVersion(req), req.body)),
  );

  r.get('/:locationId/tracks', { schema: { tags, params: atLocation, response: { 200: list(trackView) } } }, async (req) => ({
    items: await program.listTracks(ctxOf(req), req.params.locationId),
  }));
  r.post(
    '/:locationId/tracks',
    { schema: { tags, params: atLocation, body: trackInput, response: { 201: trackView } } },
    async (req, reply) =>
      reply.status(201).send(sendWithEtag(reply, await program.createTrack(ctxOf(req), req.params.locationId, req.body))),
  );
  r.patch(
    '/:locationId/tracks/:id',
    { schema: { tags, params: atItem, body: trackUpdate, response: { 200: trackView } } },
    async (req, reply) =>
      sendWithEtag(reply, await program.updateTrack(ctxOf(req), req.params.locationId, req.params.id, expectedVersion(req), req.body)),
  );

  r.get('/:locationId/phases', { schema: { tags, params: atLocation, response: { 200: list(phaseView) } } }, async (req) => ({
    items: await program.listPhases(ctxOf(req), req.params.locationId),
  }));
  r.post(
    '/:locationId/phases',
    { schema: { tags, params: atLocation, body: phaseInput, response: { 201: phaseView } } },
    async (req, reply) =>
      reply.status(201).send(sendWithEtag(reply, await program.createPhase(ctxOf(req), req.params.locationId, req.body))),
  );
  r.patch(
    '/:locationId/phases/:id',
    { schema: { tags, params: atItem, body: phaseUpdate, response: { 200: phaseView } } },
    async (req, reply) =>
      sendWithEtag(reply, await program.updatePhase(ctxOf(req), req.params.locationId, req.params.id, expectedVersion(req), req.body)),
  );
  r.delete('/:locationId/phases/:id', { schema: { tags, params: atItem } }, async (req, reply) => {
    await program.deletePhase(ctxOf(req), req.params.locationId, req.params.id, expectedVersion(req));
    return reply.status(204).send();
  });

  r.get('/:locationId/group-templates', { schema: { tags, params: atLocation, response: { 200: list(templateView) } } }, async (req) => ({
    items: await program.listTemplates(ctxOf(req), req.params.locationId),
  }));
  r.post(
    '/:locationId/group-templates',
    { schema: { tags, params: atLocation, body: templateInput, response: { 201: templateView } } },
    async (req, reply) =>
      reply.status(201).send(sendWithEtag(reply, await program.createTemplate(ctxOf(req), req.params.locationId, req.body))),
  );
  r.patch(
    '/:locationId/group-templates/:id',
    { schema: { tags, params: atItem, body: templateUpdate, response: { 200: templateView } } },
    async (req, reply) =>
      sendWithEtag(reply, await program.updateTemplate(ctxOf(req), req.params.locationId, req.params.id, expectedVersion(req), req.body)),
  );

  r.get(
    '/:locationId/closures',
    { schema: { tags, params: atLocation, querystring: closureQuery, response: { 200: list(closureView) } } },
    async (req) => ({ items: await program.listClosures(ctxOf(req), req.params.locationId, req.query) }),
  );
  r.post(
    '/:locationId/closures',
    { schema: { tags, params: atLocation, body: closureInput, response: { 201: closureView } } },
    async (req, reply) =>
      reply.status(201).send(sendWithEtag(reply, await program.createClosure(ctxOf(req), req.params.locationId, req.body))),
  );
  r.delete('/:locationId/closures/:id', { schema: { tags, params: atItem } }, async (req, reply) => {
    await program.deleteClosure(ctxOf(req), req.params.locationId, req.params.id);
    return reply.status(204).send();
  });

  r.get(
    '/:locationId/scheduling-settings',
    { schema: { tags, params: atLocation, response: { 200: schedulingSettingsView } } },
    async (req, reply) => sendWithEtag(reply, await program.getSettings(ctxOf(req), req.params.locationId)),
  );
  r.put(
    '/:locationId/scheduling-settings',
    { schema: { tags, params: atLocation, body: schedulingSettingsInput, response: { 200: schedulingSettingsView } } },
    async (req, reply) => sendWithEtag(reply, await program.putSettings(ctxOf(req), req.params.locationId, expectedVersion(req), req.body)),
  );
}
