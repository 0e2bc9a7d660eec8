import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema/index';
import { buildTestApp, setupOrg } from '../../../test/harness';
import { countRows, orgSnapshot } from '../../../test/db-state';
import { activeDiagnosesFor } from './diagnoses.service';

const t = await buildTestApp();

async function actions(orgId: string, patientId: string): Promise<string[]> {
  const rows = await t.database.db
    .select({ action: auditEvents.action, details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, orgId), eq(auditEvents.patientId, patientId)));
  return rows.map((r) => r.action);
}

describe('problem list', () => {
  it('adds curated and free-entry codes, keeps one active primary, resolves and marks entered in error; audited, no deletes', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const base = `/api/v1/patients/${p.id}/diagnoses`;

    const search = await clinician.get('/api/v1/reference/icd10?q=opioid%20remission');
    expect(search.statusCode).toBe(200);
    expect(search.json().items.map((i: { code: string }) => i.code)).toEqual(['F11.11', 'F11.21']);

    const oud = await clinician.post(base, { code: 'f1120', isPrimary: true });
    expect(oud.statusCode, oud.body).toBe(201);
    expect(oud.json()).toMatchObject({
      code: 'F11.20',
      description: 'Opioid dependence, uncomplicated',
      category: 'substance_use',
      isPrimary: true,
    });
    expect(oud.headers.etag).toBe('"1"');

    const free = await clinician.post(base, { code: 'K70.30' });
    expect(free.statusCode).toBe(400);
    expect(free.json().errors).toEqual([{ path: 'description', message: expect.any(String) }]);
    const liver = await clinician.post(base, { code: 'K70.30', description: 'Alcoholic cirrhosis of liver without ascites' });
    expect(liver.statusCode).toBe(201);
    expect(liver.json().category).toBe('medical');

    const gad = await clinician.post(base, { code: 'F41.1', isPrimary: true });
    expect(gad.statusCode).toBe(201);
    let list = (await clinician.get(base)).json().items as { id: string; isPrimary: boolean; status: string; version: number }[];
    expect(list.filter((d) => d.isPrimary).map((d) => d.id)).toEqual([gad.json().id]);

    const oudNow = list.find((d) => d.id === oud.json().id);
    if (!oudNow) throw new Error('missing');
    expect((await clinician.post(`${base}/${oudNow.id}/primary`, {}, { 'if-match': `"${oudNow.version - 1}"` })).statusCode).toBe(412);
    expect((await clinician.post(`${base}/${oudNow.id}/primary`, {})).statusCode).toBe(428);
    const back = await clinician.post(`${base}/${oudNow.id}/primary`, {}, { 'if-match': `"${oudNow.version}"` });
    expect(back.statusCode, back.body).toBe(200);
    list = (await clinician.get(base)).json().items;
    expect(list.filter((d) => d.isPrimary).map((d) => d.id)).toEqual([oudNow.id]);

    const gadNow = list.find((d) => d.id === gad.json().id);
    if (!gadNow) throw new Error('missing');
    const resolved = await clinician.post(`${base}/${gadNow.id}/status`, { status: 'resolved' }, { 'if-match': `"${gadNow.version}"` });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolvedAt: t.clock.now().toISOString() });
    const notPrimary = await clinician.post(`${base}/${gadNow.id}/primary`, {}, { 'if-match': `"${resolved.json().version}"` });
    expect(notPrimary.statusCode).toBe(409);

    const wrong = await clinician.post(`${base}/${liver.json().id}/status`, { status: 'entered_in_error' }, { 'if-match': '"1"' });
    expect(wrong.statusCode).toBe(200);
    const again = await clinician.post(
      `${base}/${liver.json().id}/status`,
      { status: 'active' },
      { 'if-match': `"${wrong.json().version}"` },
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].path).toBe('status');

    expect((await clinician.delete(`${base}/${liver.json().id}`)).statusCode).toBe(404);
    expect(await countRows(t.database, 'diagnoses', org.id)).toBe(3);
    expect((await clinician.get(base)).json().items).toHaveLength(3);

    const audit = await actions(org.id, p.id);
    for (const a of ['diagnosis.create', 'diagnosis.primary', 'diagnosis.status', 'diagnosis.list']) expect(audit).toContain(a);
    // What the treatment plan seeds its problems from: active only, primary first.
    expect((await activeDiagnosesFor(t.database.db, org.id, p.id)).map((d) => [d.code, d.isPrimary])).toEqual([['F11.20', true]]);
  });

  it('answers 404 for another organization and out of scope, 403 without the permission, and changes nothing', async () => {
    const org = await setupOrg(t);
    const other = await setupOrg(t);
    const p = await org.patient();
    const base = `/api/v1/patients/${p.id}`;
    const agents = [await other.as('clinician'), await org.as('otherClinician')];
    const billing = await org.as('billing');
    const peer = await org.as('peer');
    const before = await orgSnapshot(t.database, org.id);
    for (const agent of agents) {
      expect((await agent.get(`${base}/diagnoses`)).statusCode).toBe(404);
      expect((await agent.post(`${base}/diagnoses`, { code: 'F10.20' })).statusCode).toBe(404);
      expect((await agent.get(`${base}/medications`)).statusCode).toBe(404);
      expect((await agent.post(`${base}/medications`, { name: 'x', dose: '1', route: 'oral', frequency: 'daily' })).statusCode).toBe(404);
      expect((await agent.get(`${base}/chart-flags`)).statusCode).toBe(404);
      expect((await agent.post(`${base}/allergies`, { kind: 'no_known_allergies' })).statusCode).toBe(404);
      expect((await agent.post(`${base}/alerts`, { kind: 'fall_risk', severity: 'warning' })).statusCode).toBe(404);
    }
    expect((await billing.get(`${base}/diagnoses`)).statusCode).toBe(403);
    expect((await billing.get(`${base}/medications`)).statusCode).toBe(403);
    expect((await peer.post(`${base}/diagnoses`, { code: 'F10.20' })).statusCode).toBe(403);
    expect((await peer.post(`${base}/allergies`, { kind: 'no_known_allergies' })).statusCode).toBe(403);
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
  });

  it('record-level routes answer 404 for another organization, out of scope, and a record of another patient', async () => {
    const org = await setupOrg(t);
    const other = await setupOrg(t);
    const p = await org.patient();
    const q = await org.patient();
    const clinician = await org.as('clinician');
    const base = `/api/v1/patients/${p.id}`;
    const dx = (await clinician.post(`${base}/diagnoses`, { code: 'F10.20' })).json();
    const med = (
      await clinician.post(`${base}/medications`, {
        name: 'Acamprosate',
        dose: '666 mg',
        route: 'oral',
        frequency: 'tid',
        matKind: 'acamprosate',
      })
    ).json();
    const allergy = (await clinician.post(`${base}/allergies`, { kind: 'allergy', substance: 'Latex' })).json();
    const alert = (await clinician.post(`${base}/alerts`, { kind: 'seizure_risk', severity: 'high' })).json();
    const writes = (patientId: string): [string, unknown][] => [
      [`/api/v1/patients/${patientId}/diagnoses/${dx.id}/primary`, {}],
      [`/api/v1/patients/${patientId}/diagnoses/${dx.id}/status`, { status: 'resolved' }],
      [`/api/v1/patients/${patientId}/medications/${med.id}/stop`, { stopDate: '2026-11-16', reason: 'Done' }],
      [`/api/v1/patients/${patientId}/medications/${med.id}/adherence-notes`, { notedOn: '2026-11-16', text: 'ok' }],
      [`/api/v1/patients/${patientId}/allergies/${allergy.id}/status`, { status: 'inactive' }],
      [`/api/v1/patients/${patientId}/alerts/${alert.id}/status`, { status: 'inactive' }],
    ];
    const agents = [await other.as('clinician'), await org.as('otherClinician')];
    const before = await orgSnapshot(t.database, org.id);
    for (const agent of agents)
      for (const [url, body] of writes(p.id)) expect((await agent.post(url, body, { 'if-match': '"1"' })).statusCode, url).toBe(404);
    // The right patient's records under another patient's id are not found either.
    for (const [url, body] of writes(q.id)) expect((await clinician.post(url, body, { 'if-match': '"1"' })).statusCode, url).toBe(404);
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
    expect((await (await org.as('billing')).get('/api/v1/reference/icd10?q=F10')).statusCode).toBe(403);
    expect((await clinician.get('/api/v1/reference/icd10?q=F10&limit=500')).statusCode).toBe(400);
  });
});

describe('medications', () => {
  it('records MAT with the OTP rule, appends adherence notes, stops with a date and reason; never deletes', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const medical = await org.as('medical');
    const base = `/api/v1/patients/${p.id}/medications`;
    const methadone = {
      name: 'Methadone',
      dose: '80 mg',
      route: 'oral',
      frequency: 'daily',
      matKind: 'methadone',
      startDate: '2026-10-01',
    };

    const noOtp = await medical.post(base, methadone);
    expect(noOtp.statusCode).toBe(400);
    expect(noOtp.json().errors).toEqual([{ path: 'otp', message: expect.any(String) }]);
    const ok = await medical.post(base, { ...methadone, otp: { name: 'Eastside OTP', phone: '+1 503 555 0199' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ matKind: 'methadone', otp: { name: 'Eastside OTP' }, status: 'active', adherenceNotes: [] });

    const future = await medical.post(base, {
      name: 'Sertraline',
      dose: '50 mg',
      route: 'oral',
      frequency: 'daily',
      startDate: '2027-01-01',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].path).toBe('startDate');

    const id = ok.json().id as string;
    const note = await medical.post(`${base}/${id}/adherence-notes`, {
      notedOn: '2026-11-10',
      text: 'Missed one dose; dosing window reviewed.',
    });
    expect(note.statusCode).toBe(201);
    const note2 = await medical.post(`${base}/${id}/adherence-notes`, { notedOn: '2026-11-14', text: 'Took every dose.' });
    expect(note2.json().adherenceNotes.map((n: { notedOn: string }) => n.notedOn)).toEqual(['2026-11-14', '2026-11-10']);
    expect((await medical.post(`${base}/${id}/adherence-notes`, { notedOn: '2026-12-01', text: 'x' })).statusCode).toBe(400);

    const version = note2.json().version as number;
    expect(
      (await medical.post(`${base}/${id}/stop`, { stopDate: '2026-11-15', reason: 'Tapered' }, { 'if-match': `"${version + 5}"` }))
        .statusCode,
    ).toBe(412);
    const early = await medical.post(`${base}/${id}/stop`, { stopDate: '2026-09-01', reason: 'Tapered' }, { 'if-match': `"${version}"` });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].path).toBe('stopDate');
    const stopped = await medical.post(
      `${base}/${id}/stop`,
      { stopDate: '2026-11-15', reason: 'Tapered to completion' },
      { 'if-match': `"${version}"` },
    );
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect(stopped.json()).toMatchObject({ status: 'stopped', stopDate: '2026-11-15', stopReason: 'Tapered to completion' });
    const twice = await medical.post(
      `${base}/${id}/stop`,
      { stopDate: '2026-11-15', reason: 'again' },
      { 'if-match': `"${stopped.json().version}"` },
    );
    expect(twice.statusCode).toBe(409);

    expect((await medical.delete(`${base}/${id}`)).statusCode).toBe(404);
    const peer = await org.as('peer');
    const list = await peer.get(base);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    expect((await peer.post(base, { name: 'x', dose: '1', route: 'oral', frequency: 'daily' })).statusCode).toBe(403);
    const audit = await actions(org.id, p.id);
    for (const a of ['medication.create', 'medication.adherence_note', 'medication.stop', 'medication.list']) expect(audit).toContain(a);
  });
});

describe('allergies and chart alerts', () => {
  it('NKA and allergies exclude each other; alerts by severity; the chart-flags read shows the active ones', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const base = `/api/v1/patients/${p.id}`;

    expect((await clinician.get(`${base}/chart-flags`)).json()).toEqual({ allergies: [], alerts: [] });
    const nka = await clinician.post(`${base}/allergies`, { kind: 'no_known_allergies' });
    expect(nka.statusCode).toBe(201);
    expect((await clinician.post(`${base}/allergies`, { kind: 'no_known_allergies' })).statusCode).toBe(409);
    const pcn = await clinician.post(`${base}/allergies`, {
      kind: 'allergy',
      substance: 'Penicillin',
      reaction: 'Hives',
      severity: 'moderate',
    });
    expect(pcn.statusCode).toBe(201);
    let flags = (await clinician.get(`${base}/chart-flags`)).json();
    expect(flags.allergies.map((a: { substance: string | null }) => a.substance)).toEqual(['Penicillin']);
    const contradiction = await clinician.post(`${base}/allergies`, { kind: 'no_known_allergies' });
    expect(contradiction.statusCode).toBe(409);
    expect(contradiction.json().errors[0].path).toBe('kind');

    expect((await clinician.post(`${base}/alerts`, { kind: 'custom', severity: 'info' })).json().errors[0].path).toBe('label');
    const fall = await clinician.post(`${base}/alerts`, { kind: 'fall_risk', severity: 'warning' });
    const od = await clinician.post(`${base}/alerts`, { kind: 'overdose_history', severity: 'high', note: 'Naloxone kit given' });
    expect(od.statusCode).toBe(201);
    flags = (await clinician.get(`${base}/chart-flags`)).json();
    expect(flags.alerts.map((a: { kind: string }) => a.kind)).toEqual(['overdose_history', 'fall_risk']);

    expect(
      (await clinician.post(`${base}/alerts/${fall.json().id}/status`, { status: 'inactive' }, { 'if-match': '"7"' })).statusCode,
    ).toBe(412);
    const off = await clinician.post(`${base}/alerts/${fall.json().id}/status`, { status: 'inactive' }, { 'if-match': '"1"' });
    expect(off.statusCode).toBe(200);
    expect(
      (await clinician.post(`${base}/alerts/${fall.json().id}/status`, { status: 'inactive' }, { 'if-match': '"2"' })).statusCode,
    ).toBe(409);
    const err = await clinician.post(`${base}/allergies/${pcn.json().id}/status`, { status: 'entered_in_error' }, { 'if-match': '"1"' });
    expect(err.statusCode).toBe(200);

    flags = (await (await org.as('billing')).get(`${base}/chart-flags`)).json();
    expect(flags).toMatchObject({ allergies: [], alerts: [{ kind: 'overdose_history' }] });
    expect((await clinician.get(`${base}/allergies`)).json().items).toHaveLength(2);
    expect((await clinician.get(`${base}/alerts`)).json().items).toHaveLength(2);
    expect(await countRows(t.database, 'allergies', org.id)).toBe(2);
    const audit = await actions(org.id, p.id);
    for (const a of ['allergy.create', 'allergy.status', 'chart_alert.create', 'chart_alert.status', 'chart_flags.read'])
      expect(audit).toContain(a);
  });
});
