import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adherenceNoteCreate,
  allergyCreate,
  allergyView,
  chartAlertCreate,
  chartAlertView,
  chartFlagsView,
  diagnosisCreate,
  diagnosisStatusChange,
  diagnosisView,
  icd10SearchQuery,
  icd10SearchView,
  id,
  medicationCreate,
  medicationStop,
  medicationView,
  recordStatusChange,
} from '@openiop/core';
import { ctxOf } from '../../platform/context';
import { expectedVersion, sendWithEtag } from '../../platform/http';
import * as allergies from './allergies.service';
import * as diagnoses from './diagnoses.service';
import * as medications from './medications.service';

const patientParams = z.strictObject({ id });
const diagnosisParams = z.strictObject({ id, diagnosisId: id });
const medicationParams = z.strictObject({ id, medicationId: id });
const allergyParams = z.strictObject({ id, allergyId: id });
const alertParams = z.strictObject({ id, alertId: id });
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** The ICD-10-CM picker, at /api/v1/reference/icd10 (reference data, no patient). */
export async function icd10Routes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/icd10', { schema: { tags: ['diagnoses'], querystring: icd10SearchQuery, response: { 200: icd10SearchView } } }, async (req) =>
    diagnoses.searchCodes(ctxOf(req), req.query.q, req.query.limit),
  );
}

/** Problem list, medications, allergies and alerts under /api/v1/patients/:id. Nothing here deletes. */
export async function clinicalRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/:id/diagnoses',
    { schema: { tags: ['diagnoses'], params: patientParams, response: { 200: items(diagnosisView) } } },
    async (req) => ({
      items: await diagnoses.listDiagnoses(ctxOf(req), req.params.id),
    }),
  );
  r.post(
    '/:id/diagnoses',
    { schema: { tags: ['diagnoses'], params: patientParams, body: diagnosisCreate, response: { 201: diagnosisView } } },
    async (req, reply) => reply.status(201).send(sendWithEtag(reply, await diagnoses.addDiagnosis(ctxOf(req), req.params.id, req.body))),
  );
  r.post(
    '/:id/diagnoses/:diagnosisId/primary',
    { schema: { tags: ['diagnoses'], params: diagnosisParams, body: z.strictObject({}).optional(), response: { 200: diagnosisView } } },
    async (req, reply) =>
      sendWithEtag(reply, await diagnoses.setPrimary(ctxOf(req), req.params.id, req.params.diagnosisId, expectedVersion(req))),
  );
  r.post(
    '/:id/diagnoses/:diagnosisId/status',
    { schema: { tags: ['diagnoses'], params: diagnosisParams, body: diagnosisStatusChange, response: { 200: diagnosisView } } },
    async (req, reply) =>
      sendWithEtag(reply, await diagnoses.changeStatus(ctxOf(req), req.params.id, req.params.diagnosisId, expectedVersion(req), req.body)),
  );

  r.get(
    '/:id/medications',
    { schema: { tags: ['medications'], params: patientParams, response: { 200: items(medicationView) } } },
    async (req) => ({ items: await medications.listMedications(ctxOf(req), req.params.id) }),
  );
  r.post(
    '/:id/medications',
    { schema: { tags: ['medications'], params: patientParams, body: medicationCreate, response: { 201: medicationView } } },
    async (req, reply) => reply.status(201).send(sendWithEtag(reply, await medications.addMedication(ctxOf(req), req.params.id, req.body))),
  );
  r.post(
    '/:id/medications/:medicationId/stop',
    { schema: { tags: ['medications'], params: medicationParams, body: medicationStop, response: { 200: medicationView } } },
    async (req, reply) =>
      sendWithEtag(
        reply,
        await medications.stopMedication(ctxOf(req), req.params.id, req.params.medicationId, expectedVersion(req), req.body),
      ),
  );
  r.post(
    '/:id/medications/:medicationId/adherence-notes',
    { schema: { tags: ['medications'], params: medicationParams, body: adherenceNoteCreate, response: { 201: medicationView } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(sendWithEtag(reply, await medications.addAdherenceNote(ctxOf(req), req.params.id, req.params.medicationId, req.body))),
  );

  r.get('/:id/chart-flags', { schema: { tags: ['allergies'], params: patientParams, response: { 200: chartFlagsView } } }, async (req) =>
    allergies.chartFlags(ctxOf(req), req.params.id),
  );
  r.get(
    '/:id/allergies',
    { schema: { tags: ['allergies'], params: patientParams, response: { 200: items(allergyView) } } },
    async (req) => ({
      items: await allergies.listAllergies(ctxOf(req), req.params.id),
    }),
  );
  r.post(
    '/:id/allergies',
    { schema: { tags: ['allergies'], params: patientParams, body: allergyCreate, response: { 201: allergyView } } },
    async (req, reply) => reply.status(201).send(sendWithEtag(reply, await allergies.addAllergy(ctxOf(req), req.params.id, req.body))),
  );
  r.post(
    '/:id/allergies/:allergyId/status',
    { schema: { tags: ['allergies'], params: allergyParams, body: recordStatusChange, response: { 200: allergyView } } },
    async (req, reply) =>
      sendWithEtag(
        reply,
        await allergies.changeAllergyStatus(ctxOf(req), req.params.id, req.params.allergyId, expectedVersion(req), req.body.status),
      ),
  );
  r.get(
    '/:id/alerts',
    { schema: { tags: ['allergies'], params: patientParams, response: { 200: items(chartAlertView) } } },
    async (req) => ({
      items: await allergies.listAlerts(ctxOf(req), req.params.id),
    }),
  );
  r.post(
    '/:id/alerts',
    { schema: { tags: ['allergies'], params: patientParams, body: chartAlertCreate, response: { 201: chartAlertView } } },
    async (req, reply) => reply.status(201).send(sendWithEtag(reply, await allergies.addAlert(ctxOf(req), req.params.id, req.body))),
  );
  r.post(
    '/:id/alerts/:alertId/status',
    { schema: { tags: ['allergies'], params: alertParams, body: recordStatusChange, response: { 200: chartAlertView } } },
    async (req, reply) =>
      sendWithEtag(
        reply,
        await allergies.changeAlertStatus(ctxOf(req), req.params.id, req.params.alertId, expectedVersion(req), req.body.status),
      ),
  );
}
