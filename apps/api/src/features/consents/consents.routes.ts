import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountingQuery,
  accountingView,
  consentCreate,
  consentListItem,
  consentRevoke,
  consentSign,
  consentUpdate,
  consentView,
  disclosureCreate,
  disclosureView,
  id,
  isoDate,
} from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { expectedVersion, sendWithEtag } from '../../platform/http';
import * as consents from './consents.service';
import * as disclosures from './disclosures.service';
import { consentPdf, disclosurePdf } from './consents.pdf';
import { sendPdf } from '../../platform/pdf';

const patientParams = z.strictObject({ id });
const consentParams = z.strictObject({ id, consentId: id });
const disclosureParams = z.strictObject({ id, disclosureId: id });

/** PDFs are patient records: never cached, named by id only (no PHI in a file name). */
/** Consents and disclosures, under /api/v1/patients/:id (registered with that prefix beside the patient routes). */
export async function consentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['consents'];

  r.get(
    '/:id/consents',
    { schema: { tags, params: patientParams, response: { 200: z.object({ items: z.array(consentListItem) }) } } },
    async (req) => ({
      items: await consents.listConsents(ctxOf(req), req.params.id),
    }),
  );

  r.post(
    '/:id/consents',
    { schema: { tags, params: patientParams, body: consentCreate, response: { 201: consentView } } },
    async (req, reply) => reply.status(201).send(sendWithEtag(reply, await consents.createConsent(ctxOf(req), req.params.id, req.body))),
  );

  r.get('/:id/consents/:consentId', { schema: { tags, params: consentParams, response: { 200: consentView } } }, async (req, reply) =>
    sendWithEtag(reply, await consents.getConsent(ctxOf(req), req.params.id, req.params.consentId)),
  );

  r.patch(
    '/:id/consents/:consentId',
    { schema: { tags, params: consentParams, body: consentUpdate, response: { 200: consentView } } },
    async (req, reply) =>
      sendWithEtag(
        reply,
        await consents.updateDraft(ctxOf(req), req.params.id, req.params.consentId, expectedVersion(req), req.body.part2),
      ),
  );

  r.post(
    '/:id/consents/:consentId/sign',
    { schema: { tags, params: consentParams, body: consentSign, response: { 200: consentView } } },
    async (req, reply) =>
      sendWithEtag(reply, await consents.signConsent(ctxOf(req), req.params.id, req.params.consentId, expectedVersion(req), req.body)),
  );

  r.post(
    '/:id/consents/:consentId/revoke',
    { schema: { tags, params: consentParams, body: consentRevoke, response: { 200: consentView } } },
    async (req, reply) => sendWithEtag(reply, await consents.revokeConsent(ctxOf(req), req.params.id, req.params.consentId, req.body)),
  );

  r.post(
    '/:id/consents/:consentId/expiry-event',
    { schema: { tags, params: consentParams, body: z.strictObject({ occurredOn: isoDate }), response: { 200: consentView } } },
    async (req, reply) =>
      sendWithEtag(reply, await consents.recordExpiryEvent(ctxOf(req), req.params.id, req.params.consentId, req.body.occurredOn)),
  );

  r.get('/:id/consents/:consentId/pdf', { schema: { tags, params: consentParams } }, async (req, reply) =>
    sendPdf(reply, await consentPdf(ctxOf(req), req.params.id, req.params.consentId), `consent-${req.params.consentId}`),
  );

  r.get(
    '/:id/disclosures',
    { schema: { tags, params: patientParams, querystring: accountingQuery, response: { 200: accountingView } } },
    async (req) => disclosures.accountDisclosures(ctxOf(req), req.params.id, req.query),
  );

  r.post(
    '/:id/disclosures',
    { schema: { tags, params: patientParams, body: disclosureCreate, response: { 201: disclosureView } } },
    async (req, reply) => reply.status(201).send(await disclosures.recordDisclosure(ctxOf(req), req.params.id, req.body)),
  );

  r.get('/:id/disclosures/:disclosureId/pdf', { schema: { tags, params: disclosureParams } }, async (req, reply) =>
    sendPdf(reply, await disclosurePdf(ctxOf(req), req.params.id, req.params.disclosureId), `disclosure-${req.params.disclosureId}`),
  );
}
