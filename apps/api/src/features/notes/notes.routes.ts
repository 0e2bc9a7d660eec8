import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  chartNotes as chartNotesView,
  cosignQueue as cosignQueueView,
  id,
  myNotes as myNotesView,
  noteAddendumCreate,
  noteCosign,
  noteCreate,
  noteSave,
  noteSign,
  noteView,
  supervisionCreate,
  supervisionList,
  supervisionUpdate,
  supervisionView,
} from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { expectedVersion, sendWithEtag } from '../../platform/http';
import * as lists from './notes.lists';
import * as notes from './notes.service';
import * as supervision from './supervision.service';

const occurrenceParams = z.strictObject({ occurrenceId: id });
const noteParams = z.strictObject({ id });

/**
 * Session notes: a session's note (`/sessions/:occurrenceId/note`), saving, signing, co-signing and addenda
 * (`/notes/:id/...`), the author's list and the supervisor's queue, a person's notes in their chart, and supervision.
 */
export async function noteRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notes'];

  r.get('/sessions/:occurrenceId/note', { schema: { tags, params: occurrenceParams, response: { 200: noteView } } }, async (req, reply) =>
    sendWithEtag(reply, await notes.getNote(ctxOf(req), req.params.occurrenceId)),
  );
  r.post(
    '/sessions/:occurrenceId/note',
    { schema: { tags, params: occurrenceParams, body: noteCreate, response: { 200: noteView, 201: noteView } } },
    async (req, reply) => {
      const { created, view } = await notes.openNote(ctxOf(req), req.params.occurrenceId, req.body.template);
      return reply.status(created ? 201 : 200).send(sendWithEtag(reply, view));
    },
  );
  r.patch('/notes/:id', { schema: { tags, params: noteParams, body: noteSave, response: { 200: noteView } } }, async (req, reply) =>
    sendWithEtag(reply, await notes.saveNote(ctxOf(req), req.params.id, expectedVersion(req), req.body)),
  );
  r.post('/notes/:id/sign', { schema: { tags, params: noteParams, body: noteSign, response: { 200: noteView } } }, async (req, reply) =>
    sendWithEtag(reply, await notes.signNote(ctxOf(req), req.params.id, expectedVersion(req), req.body)),
  );
  r.post('/notes/:id/cosign', { schema: { tags, params: noteParams, body: noteCosign, response: { 200: noteView } } }, async (req, reply) =>
    sendWithEtag(reply, await notes.cosignNote(ctxOf(req), req.params.id, expectedVersion(req), req.body)),
  );
  r.post(
    '/notes/:id/addenda',
    { schema: { tags, params: noteParams, body: noteAddendumCreate, response: { 201: noteView } } },
    async (req, reply) => reply.status(201).send(sendWithEtag(reply, await notes.addAddendum(ctxOf(req), req.params.id, req.body))),
  );
  r.get('/notes/mine', { schema: { tags, response: { 200: myNotesView } } }, async (req) => lists.myNotes(ctxOf(req)));
  r.get('/notes/cosign-queue', { schema: { tags, response: { 200: cosignQueueView } } }, async (req) => lists.cosignQueue(ctxOf(req)));
  r.get('/patients/:id/notes', { schema: { tags, params: noteParams, response: { 200: chartNotesView } } }, async (req) =>
    lists.chartNotes(ctxOf(req), req.params.id),
  );

  r.get('/supervision', { schema: { tags, response: { 200: supervisionList } } }, async (req) => supervision.listSupervision(ctxOf(req)));
  r.post('/supervision', { schema: { tags, body: supervisionCreate, response: { 201: supervisionView } } }, async (req, reply) =>
    reply.status(201).send(sendWithEtag(reply, await supervision.createSupervision(ctxOf(req), req.body))),
  );
  r.patch(
    '/supervision/:id',
    { schema: { tags, params: noteParams, body: supervisionUpdate, response: { 200: supervisionView } } },
    async (req, reply) =>
      sendWithEtag(reply, await supervision.updateSupervision(ctxOf(req), req.params.id, expectedVersion(req), req.body)),
  );
  r.delete('/supervision/:id', { schema: { tags, params: noteParams } }, async (req, reply) => {
    await supervision.endSupervision(ctxOf(req), req.params.id, expectedVersion(req));
    return reply.status(204).send();
  });
}
