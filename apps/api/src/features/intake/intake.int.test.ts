import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp, PASSWORD, setupOrg } from '../../../test/harness';
import { orgSnapshot } from '../../../test/db-state';
import { completeIntake } from '../../../test/intake-fixtures';
import { readPdf } from '../../../test/pdf-text';

const t = await buildTestApp();

const auditActions = async (orgId: string, resourceId: string) =>
  (
    await t.database.query<{ action: string; details: Record<string, unknown> }>(
      sql`select action, details from audit_events where organization_id = ${orgId}::uuid and resource_id = ${resourceId} order by seq`,
    )
  ).map((r) => r.action);

describe('biopsychosocial intake', () => {
  it('saves a draft with ETags, refuses an incomplete signature, signs, locks, and takes addenda', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const base = `/api/v1/patients/${p.id}/intakes`;

    const created = await clinician.post(base, { document: { presentingProblem: { reasonForSeeking: 'Daily drinking' } } });
    expect(created.statusCode, created.body).toBe(201);
    const intake = created.json();
    expect(intake).toMatchObject({ status: 'draft', episodeId: null, signedBy: null, addenda: [], version: 1 });
    expect(created.headers.etag).toBe('"1"');
    expect(intake.completeness.map((s: { section: string }) => s.section)).toContain('substanceUse');
    const url = `${base}/${intake.id}`;

    // Autosave: the whole document, If-Match each time; a stale ETag is refused.
    const partial = { ...completeIntake, summary: {} };
    const saved = await clinician.patch(url, { document: partial }, { 'if-match': '"1"' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe('"2"');
    expect(saved.json().completeness).toEqual([
      { section: 'summary', label: 'Clinician summary', missing: [{ path: 'summary.clinicianSummary', label: 'Clinician summary' }] },
    ]);
    expect((await clinician.patch(url, { document: partial }, { 'if-match': '"1"' })).statusCode).toBe(412);
    expect((await clinician.patch(url, { document: partial })).statusCode).toBe(428);

    // Signing an incomplete intake names what is missing and writes nothing.
    const before = await orgSnapshot(t.database, org.id);
    const early = await clinician.post(`${url}/sign`, { password: PASSWORD }, { 'if-match': '"2"' });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors).toEqual([
      { path: 'document.summary.clinicianSummary', message: 'Clinician summary is needed before signing' },
    ]);
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
    // A wrong password is refused before anything is looked at. Like a failed sign-in it counts toward the lockout:
    // the signer's failure count and a security event are all it writes.
    const wrong = await clinician.post(`${url}/sign`, { password: 'not it' }, { 'if-match': '"2"' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ path: 'password', message: 'is not your current password' }]);
    const after = await orgSnapshot(t.database, org.id);
    expect(
      Object.keys(after)
        .filter((k) => after[k] !== before[k])
        .sort(),
    ).toEqual(['audit_events', 'audit_heads', 'users']);
    expect((await auditActions(org.id, org.users.clinician.id)).filter((a) => a === 'auth.reauth_failed')).toHaveLength(1);

    const done = await clinician.patch(url, { document: completeIntake }, { 'if-match': '"2"' });
    expect(done.json().completeness).toEqual([]);
    const signed = await clinician.post(`${url}/sign`, { password: PASSWORD }, { 'if-match': done.headers.etag as string });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({
      status: 'signed',
      signedBy: { id: org.users.clinician.id },
      signedAt: '2026-11-16T15:00:00.000Z',
    });

    // Signed is locked: edits and a second signature are 409 RECORD_LOCKED.
    const edit = await clinician.patch(url, { document: partial }, { 'if-match': signed.headers.etag as string });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('RECORD_LOCKED');
    expect((await clinician.post(`${url}/sign`, { password: PASSWORD }, { 'if-match': signed.headers.etag as string })).json().code).toBe(
      'RECORD_LOCKED',
    );

    // Corrections are signed addenda.
    const medical = await org.as('medical');
    const add = await medical.post(`${url}/addenda`, { text: 'Blood pressure medication is 20 mg, not 10 mg.', password: PASSWORD });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json().addenda).toEqual([
      expect.objectContaining({
        text: 'Blood pressure medication is 20 mg, not 10 mg.',
        signedBy: expect.objectContaining({ id: org.users.medical.id }),
      }),
    ]);
    expect(add.json().document).toEqual(signed.json().document);

    const list = await clinician.get(base);
    expect(list.json().items).toEqual([expect.objectContaining({ id: intake.id, status: 'signed' })]);
    expect(await auditActions(org.id, intake.id)).toEqual([
      'intake.create',
      'intake.save',
      'intake.save',
      'intake.sign',
      'intake.addendum',
    ]);
    // Audit details name sections and counts, never the text.
    const [row] = await t.database.query<{ details: string }>(
      sql`select details::text as details from audit_events where organization_id = ${org.id}::uuid and action = 'intake.save' order by seq desc limit 1`,
    );
    expect(row?.details).not.toContain('Drinking');
    expect(row?.details).toContain('"substances": 2');
  });

  it('prints an intake as a PDF: every section, the substance table, the signature and addenda; audited; scoped', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const base = `/api/v1/patients/${p.id}/intakes`;
    const intake = (await clinician.post(base, { document: completeIntake })).json<{ id: string }>();
    const url = `${base}/${intake.id}`;

    const draft = readPdf((await clinician.get(`${url}/pdf`)).rawPayload);
    expect(draft.header).toBe('%PDF-');
    expect(draft.text).toContain('Not signed: this is a draft.');

    expect((await clinician.post(`${url}/sign`, { password: PASSWORD }, { 'if-match': '"1"' })).statusCode).toBe(200);
    await clinician.post(`${url}/addenda`, { text: 'Sponsor is now a different person.', password: PASSWORD });
    const res = await clinician.get(`${url}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    const pdf = readPdf(res.rawPayload);
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    for (const text of [
      'Biopsychosocial intake',
      'Presenting problem and own goals',
      'Drinking every day since a job loss',
      'Substance use history',
      'Cannabis',
      'Clinician summary',
      'Signed by',
      'Addendum 1',
      'Sponsor is now a different person.',
    ])
      expect(pdf.text).toContain(text);
    expect(await auditActions(org.id, intake.id)).toContain('intake.pdf');

    // The narrative is for the clinical team: billing may not print it; another organization does not see it.
    expect((await (await org.as('billing')).get(`${url}/pdf`)).statusCode).toBe(403);
    const other = await setupOrg(t);
    expect((await (await other.as('director')).get(`${url}/pdf`)).statusCode).toBe(404);
  });

  it('signature attempts are rate-limited like sign-in, so a session left open cannot guess the password', async () => {
    const limited = await buildTestApp({ authRateLimit: { max: 3, timeWindowMs: 60_000 } });
    const org = await setupOrg(limited);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const draft = (await clinician.post(`/api/v1/patients/${p.id}/intakes`, {})).json();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push(
        (await clinician.post(`/api/v1/patients/${p.id}/intakes/${draft.id}/sign`, { password: `guess ${i}` }, { 'if-match': '"1"' }))
          .statusCode,
      );
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
  });

  it('an addendum needs a signed intake (409 RECORD_NOT_SIGNED)', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const draft = (await clinician.post(`/api/v1/patients/${p.id}/intakes`, {})).json();
    const res = await clinician.post(`/api/v1/patients/${p.id}/intakes/${draft.id}/addenda`, { text: 'x', password: PASSWORD });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('RECORD_NOT_SIGNED');
  });

  it('ties an intake to an episode of this patient only', async () => {
    const org = await setupOrg(t);
    const [p, q] = [await org.patient(), await org.patient()];
    const director = await org.as('director');
    const ep = (await director.post(`/api/v1/patients/${q.id}/episodes`, { levelOfCare: '2.1', locationId: org.locations.main })).json();
    const bad = await director.post(`/api/v1/patients/${p.id}/intakes`, { episodeId: ep.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('episodeId');
    expect((await director.post(`/api/v1/patients/${q.id}/intakes`, { episodeId: ep.id })).json().episodeId).toBe(ep.id);
  });

  it('bad input is a 400 naming the field and writes nothing', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const before = await orgSnapshot(t.database, org.id);
    const cases: [unknown, string][] = [
      [
        { document: { substanceUse: { substances: [{ substance: 'Alcohol', route: 'telepathy' }] } } },
        'document.substanceUse.substances.0.route',
      ],
      [{ document: { substanceUse: { substances: [{ ageAtFirstUse: 200 }] } } }, 'document.substanceUse.substances.0.ageAtFirstUse'],
      [{ document: { housing: { situation: 'stable', colour: 'blue' } } }, 'document.housing'],
      [{ document: { mystery: {} } }, 'document'],
      [{ episodeId: 'nope' }, 'episodeId'],
    ];
    for (const [body, path] of cases) {
      const res = await clinician.post(`/api/v1/patients/${p.id}/intakes`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(
        res
          .json()
          .errors.map((e: { path: string }) => e.path)
          .join(' '),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
  });

  it('authorization: clinicians, medical and directors write; others cannot read the narrative; scope 404s', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const elsewhere = await org.patient({ locationId: org.locations.other });
    for (const role of ['clinician', 'medical', 'director'] as const) {
      expect((await (await org.as(role)).post(`/api/v1/patients/${p.id}/intakes`, {})).statusCode, role).toBe(201);
    }
    const id = (await (await org.as('clinician')).get(`/api/v1/patients/${p.id}/intakes`)).json().items[0].id;
    for (const role of ['admin', 'admissions', 'billing', 'peer'] as const) {
      const agent = await org.as(role);
      expect((await agent.get(`/api/v1/patients/${p.id}/intakes`)).statusCode, role).toBe(403);
      expect((await agent.get(`/api/v1/patients/${p.id}/intakes/${id}`)).statusCode, role).toBe(403);
      expect((await agent.post(`/api/v1/patients/${p.id}/intakes`, {})).statusCode, role).toBe(403);
    }
    // Out of the clinician's location scope, or another tenant's: not found, whichever it is.
    const clinician = await org.as('clinician');
    expect((await clinician.post(`/api/v1/patients/${elsewhere.id}/intakes`, {})).statusCode).toBe(404);
    const other = await setupOrg(t);
    expect((await (await other.as('clinician')).get(`/api/v1/patients/${p.id}/intakes/${id}`)).statusCode).toBe(404);
    expect((await clinician.get(`/api/v1/patients/${p.id}/intakes/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });
});
