import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  drugTestCollectionCreate,
  drugTestCollectionUpdate,
  drugTestCollectionView,
  drugTestDayParams,
  drugTestDrawRequest,
  drugTestDrawView,
  drugTestForCauseCreate,
  drugTestHistory,
  drugTestResultsCreate,
  drugTestReviewCreate,
  drugTestSelectionList,
  drugTestSelectionUpdate,
  drugTestSelectionView,
  drugTestSelectionsQuery,
  drugTestSettingsInput,
  drugTestSettingsView,
  id,
} from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { expectedVersion, sendWithEtag } from '../../platform/http';
import * as collections from './drug-test-collections.service';
import * as draws from './drug-test-draws.service';
import * as selections from './drug-test-selections.service';

const atLocation = z.strictObject({ id });
const atPatient = z.strictObject({ id });
const atCollection = z.strictObject({ id, collectionId: id });
const atSelection = z.strictObject({ id, selectionId: id });

/** Drug testing: per-location settings, the daily draw and its log, and per-person specimens, results and reviews. */
export async function drugTestRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['drug-tests'];

  r.get(
    '/locations/:id/drug-tests/settings',
    { schema: { tags, params: atLocation, response: { 200: drugTestSettingsView } } },
    async (req, reply) => sendWithEtag(reply, await draws.getSettings(ctxOf(req), req.params.id)),
  );
  r.put(
    '/locations/:id/drug-tests/settings',
    { schema: { tags, params: atLocation, body: drugTestSettingsInput, response: { 200: drugTestSettingsView } } },
    async (req, reply) => sendWithEtag(reply, await draws.putSettings(ctxOf(req), req.params.id, expectedVersion(req), req.body)),
  );
  r.post(
    '/locations/:id/drug-tests/draws',
    { schema: { tags, params: atLocation, body: drugTestDrawRequest, response: { 201: drugTestDrawView } } },
    async (req, reply) => reply.status(201).send(await draws.draw(ctxOf(req), req.params.id, req.body.day)),
  );
  r.get(
    '/locations/:id/drug-tests/draws/:day',
    { schema: { tags, params: drugTestDayParams, response: { 200: drugTestDrawView } } },
    async (req) => draws.getDraw(ctxOf(req), req.params.id, req.params.day),
  );
  r.get(
    '/locations/:id/drug-tests/selections',
    { schema: { tags, params: atLocation, querystring: drugTestSelectionsQuery, response: { 200: drugTestSelectionList } } },
    async (req) => draws.listSelections(ctxOf(req), req.params.id, req.query.day),
  );

  r.get('/patients/:id/drug-tests', { schema: { tags, params: atPatient, response: { 200: drugTestHistory } } }, async (req) =>
    collections.history(ctxOf(req), req.params.id),
  );
  r.post(
    '/patients/:id/drug-tests/selections',
    { schema: { tags, params: atPatient, body: drugTestForCauseCreate, response: { 201: drugTestSelectionView } } },
    async (req, reply) => reply.status(201).send(sendWithEtag(reply, await selections.selectForCause(ctxOf(req), req.params.id, req.body))),
  );
  r.patch(
    '/patients/:id/drug-tests/selections/:selectionId',
    { schema: { tags, params: atSelection, body: drugTestSelectionUpdate, response: { 200: drugTestSelectionView } } },
    async (req, reply) =>
      sendWithEtag(
        reply,
        await selections.updateSelection(ctxOf(req), req.params.id, req.params.selectionId, expectedVersion(req), req.body),
      ),
  );
  r.post(
    '/patients/:id/drug-tests/collections',
    { schema: { tags, params: atPatient, body: drugTestCollectionCreate, response: { 201: drugTestCollectionView } } },
    async (req, reply) =>
      reply.status(201).send(sendWithEtag(reply, await collections.recordCollection(ctxOf(req), req.params.id, req.body))),
  );
  r.get(
    '/patients/:id/drug-tests/collections/:collectionId',
    { schema: { tags, params: atCollection, response: { 200: drugTestCollectionView } } },
    async (req, reply) => sendWithEtag(reply, await collections.getCollection(ctxOf(req), req.params.id, req.params.collectionId)),
  );
  r.patch(
    '/patients/:id/drug-tests/collections/:collectionId',
    { schema: { tags, params: atCollection, body: drugTestCollectionUpdate, response: { 200: drugTestCollectionView } } },
    async (req, reply) =>
      sendWithEtag(
        reply,
        await collections.updateCollection(ctxOf(req), req.params.id, req.params.collectionId, expectedVersion(req), req.body),
      ),
  );
  r.post(
    '/patients/:id/drug-tests/collections/:collectionId/results',
    { schema: { tags, params: atCollection, body: drugTestResultsCreate, response: { 201: drugTestCollectionView } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(sendWithEtag(reply, await collections.recordResults(ctxOf(req), req.params.id, req.params.collectionId, req.body))),
  );
  r.post(
    '/patients/:id/drug-tests/collections/:collectionId/reviews',
    { schema: { tags, params: atCollection, body: drugTestReviewCreate, response: { 201: drugTestCollectionView } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(sendWithEtag(reply, await collections.recordReview(ctxOf(req), req.params.id, req.params.collectionId, req.body.note))),
  );
}
