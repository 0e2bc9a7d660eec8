import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, instrumentAdministrations, instrumentAnswers, tasks } from '../../db/schema/index';
import { buildTestApp, setupOrg, type TestOrg } from '../../../test/harness';

const t = await buildTestApp();
const db = t.database.db;

const phq = (q9 = 0, rest = 1) => ({ q1: rest, q2: rest, q3: rest, q4: rest, q5: rest, q6: rest, q7: rest, q8: rest, q9 });
const url = (p: string, rest = '') => `/api/v1/patients/${p}/administrations${rest}`;

async function auditActions(org: TestOrg, patientId: string) {
  const rows = await db
    .select({ action: auditEvents.action, actorUserId: auditEvents.actorUserId, details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.patientId, patientId)));
  return rows;
}

describe('administering instruments in the chart', () => {
  it('scores a submitted PHQ-9 end to end and stores it item by item', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const res = await clinician.post(url(p.id), { instrumentId: 'phq9', items: phq(0, 2), submit: true });
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      status: 'completed',
      total: 16,
      band: { code: 'moderately_severe', bandSet: 'standard' },
      positive: true,
      definitionVersion: '1',
      source: 'staff',
      administeredBy: { id: org.users.clinician.id },
      answeredCount: 9,
      safetyFlags: [],
    });
    expect(a.answers).toHaveLength(9);
    const rows = await db.select().from(instrumentAnswers).where(eq(instrumentAnswers.administrationId, a.id));
    expect(rows.map((r) => [r.itemId, r.value]).sort()).toEqual(Object.entries(phq(0, 2)).sort());

    const list = await clinician.get(url(p.id));
    expect(list.json().items).toMatchObject([{ id: a.id, instrumentName: 'PHQ-9', total: 16, band: { label: 'Moderately severe' } }]);
    const one = await clinician.get(url(p.id, `/${a.id}`));
    expect(one.json().answers.find((x: { itemId: string }) => x.itemId === 'q1')).toEqual({ itemId: 'q1', value: 2, points: 2 });
    const actions = (await auditActions(org, p.id)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['instrument.start', 'instrument.submit', 'instrument.list', 'instrument.read']));
    // No safety task for item 9 = 0.
    expect(await db.select().from(tasks).where(eq(tasks.patientId, p.id))).toHaveLength(0);
  });

  it('saves a draft, then stores a short submission as incomplete and unscored', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const admissions = await org.as('admissions');
    const draft = await admissions.post(url(p.id), { instrumentId: 'gad7', items: { q1: 3 } });
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ status: 'in_progress', total: null, answeredCount: 1 });
    const saved = await admissions.request({
      method: 'PUT',
      url: url(p.id, `/${draft.json().id}/answers`),
      payload: { items: { q1: 3, q2: 3, q3: 3 } },
      headers: { 'if-match': draft.headers.etag as string },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().answeredCount).toBe(3);
    const stale = await admissions.post(url(p.id, `/${draft.json().id}/submit`), {}, { 'if-match': draft.headers.etag as string });
    expect(stale.statusCode).toBe(412);
    const submitted = await admissions.post(url(p.id, `/${draft.json().id}/submit`), {}, { 'if-match': saved.headers.etag as string });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({
      status: 'incomplete',
      total: null,
      band: null,
      positive: null,
      missingItems: ['q4', 'q5', 'q6', 'q7'],
    });
    const again = await admissions.post(url(p.id, `/${draft.json().id}/submit`), {}, { 'if-match': submitted.headers.etag as string });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ADMINISTRATION_CLOSED');
  });

  it('refuses out-of-range answers naming the item, and writes nothing', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const before = (await auditActions(org, p.id)).length;
    const res = await clinician.post(url(p.id), { instrumentId: 'audit', items: { q1: 0, q9: 3 }, submit: true });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([{ path: 'items.q9', message: 'must be one of 0, 2, 4' }]);
    const unknown = await clinician.post(url(p.id), { instrumentId: 'phq9', items: { q10: 1 } });
    expect(unknown.json().errors).toEqual([{ path: 'items.q10', message: 'is not an item of PHQ-9' }]);
    const notAnInstrument = await clinician.post(url(p.id), { instrumentId: 'cssrs', items: {} });
    expect(notAnInstrument.statusCode).toBe(400);
    expect(notAnInstrument.json().errors[0].path).toBe('instrumentId');
    expect(await db.select().from(instrumentAdministrations).where(eq(instrumentAdministrations.patientId, p.id))).toHaveLength(0);
    expect((await auditActions(org, p.id)).length).toBe(before);

    // A bad answer to a draft leaves the draft as it was.
    const draft = await clinician.post(url(p.id), { instrumentId: 'phq9', items: { q1: 1 } });
    const bad = await clinician.request({
      method: 'PUT',
      url: url(p.id, `/${draft.json().id}/answers`),
      payload: { items: { q1: 2, q2: 7 } },
      headers: { 'if-match': draft.headers.etag as string },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'items.q2', message: 'must be one of 0, 1, 2, 3' }]);
    const unchanged = await clinician.get(url(p.id, `/${draft.json().id}`));
    expect(unchanged.json()).toMatchObject({ version: draft.json().version, answers: [{ itemId: 'q1', value: 1 }] });
  });

  it('uses sex assigned at birth for AUDIT-C and the chosen band set for CIWA-Ar', async () => {
    const org = await setupOrg(t);
    const male = await org.patient({ sexAssignedAtBirth: 'male' });
    const unknown = await org.patient({ sexAssignedAtBirth: 'unknown' });
    const medical = await org.as('medical');
    const items = { q1: 1, q2: 1, q3: 1 };
    const m = (await medical.post(url(male.id), { instrumentId: 'auditc', items, submit: true })).json();
    expect(m).toMatchObject({ total: 3, positive: false });
    const u = (await medical.post(url(unknown.id), { instrumentId: 'auditc', items, submit: true })).json();
    expect(u).toMatchObject({ total: 3, positive: true });
    expect(u.notes.join(' ')).toContain('lower, more sensitive cut-off (3)');

    const ciwa = { q1: 1, q2: 1, q3: 1, q4: 1, q5: 1, q6: 1, q7: 1, q8: 1, q9: 1, q10: 0 };
    const va = (await medical.post(url(male.id), { instrumentId: 'ciwaar', items: ciwa, submit: true })).json();
    expect(va.band).toMatchObject({ code: 'moderate', bandSet: 'va' });
    const asam = (await medical.post(url(male.id), { instrumentId: 'ciwaar', items: ciwa, submit: true, bandSet: 'asam2020' })).json();
    expect(asam.band).toMatchObject({ code: 'mild', bandSet: 'asam2020' });
    const bad = await medical.post(url(male.id), { instrumentId: 'ciwaar', items: ciwa, bandSet: 'other' });
    expect(bad.json().errors).toEqual([{ path: 'bandSet', message: 'must be one of va, asam2020' }]);
  });

  it('answers 404 for another location, another organization; 403 for billing', async () => {
    const org = await setupOrg(t);
    const other = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const made = (await clinician.post(url(p.id), { instrumentId: 'phq9', items: phq(), submit: true })).json();
    const away = await org.as('otherClinician');
    expect((await away.get(url(p.id))).statusCode).toBe(404);
    expect((await away.get(url(p.id, `/${made.id}`))).statusCode).toBe(404);
    expect((await away.post(url(p.id), { instrumentId: 'phq9', items: {} })).statusCode).toBe(404);
    const stranger = await other.as('director');
    expect((await stranger.get(url(p.id, `/${made.id}`))).statusCode).toBe(404);
    expect((await stranger.post(`/api/v1/patients/${p.id}/instrument-links`, { instrumentId: 'phq9' })).statusCode).toBe(404);
    const billing = await org.as('billing');
    expect((await billing.get(url(p.id))).statusCode).toBe(403);
    const peer = await org.as('peer');
    expect((await peer.get(url(p.id))).statusCode).toBe(200);
    expect((await peer.post(url(p.id), { instrumentId: 'bam', items: {} })).statusCode).toBe(403);
  });

  it('serves the definitions to staff', async () => {
    const org = await setupOrg(t);
    const res = await (await org.as('clinician')).get('/api/v1/instruments');
    const ids = res.json().items.map((d: { id: string }) => d.id);
    expect(ids).toEqual(['phq9', 'gad7', 'audit', 'auditc', 'dast10', 'ciwaar', 'cows', 'bam', 'pcl5', 'asq']);
    expect(
      res
        .json()
        .items.find((d: { id: string }) => d.id === 'cows')
        .bandSets.map((b: { id: string }) => b.id),
    ).toEqual(['wesson-ling', 'induction8']);
  });
});
