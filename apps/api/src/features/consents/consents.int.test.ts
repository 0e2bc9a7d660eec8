import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, consents } from '../../db/schema/index';
import { buildTestApp, setupOrg, signIn, type Agent, type TestOrg } from '../../../test/harness';
import { readPdf } from '../../../test/pdf-text';
import { DEMO_PASSWORD, seedDemo } from '../../demo/demo';
import { setDemoIdSalt } from '../../demo/random';

const t = await buildTestApp();
const START = new Date('2026-11-16T15:00:00Z'); // 07:00 in Los Angeles, clinic-local 2026-11-16
beforeEach(() => t.clock.set(START));

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const court = { kind: 'named', name: 'Multnomah County Drug Court', coveredEntity: false };
const completePart2 = {
  informationCategories: ['attendance_and_progress', 'drug_test_results'],
  informationDescription: 'Attendance and drug test results during this episode',
  recipients: [court],
  purposes: ['patient_request'],
  expiration: { kind: 'date', date: '2027-05-01' },
};
const typed = { method: 'typed', typedName: 'Given1 Family', signer: { kind: 'patient' } };
const disclosure = (consentId: string, extra: Record<string, unknown> = {}) => ({
  consentId,
  recipient: { name: 'Multnomah County Drug Court' },
  disclosedOn: '2026-11-16',
  informationCategories: ['attendance_and_progress'],
  informationDescription: 'Attendance for October and November',
  purpose: 'patient_request',
  ...extra,
});

async function draft(agent: Agent, patientId: string, body: Record<string, unknown>) {
  const res = await agent.post(`/api/v1/patients/${patientId}/consents`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function sign(agent: Agent, patientId: string, c: { id: string; version: number }, body: Record<string, unknown> = typed) {
  return agent.post(`/api/v1/patients/${patientId}/consents/${c.id}/sign`, body, { 'if-match': `"${c.version}"` });
}

async function signedPart2(org: TestOrg, part2: Record<string, unknown> = completePart2, kind = 'part2_disclosure') {
  const p = await org.patient();
  const clinician = await org.as('clinician');
  const c = await draft(clinician, p.id, { kind, part2 });
  const res = await sign(clinician, p.id, c);
  expect(res.statusCode, res.body).toBe(200);
  return { p, clinician, consent: res.json() };
}

async function auditActions(orgId: string, patientId: string) {
  const rows = await t.database.db
    .select({ action: auditEvents.action, ip: auditEvents.ip, userAgent: auditEvents.userAgent, details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, orgId), eq(auditEvents.patientId, patientId)));
  return rows;
}

describe('consents', () => {
  it('refuses to sign while any required element is missing, naming it, and writes nothing', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const cases: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
      ['discloser', { ...completePart2, discloser: null }, typed, 'part2.discloser'],
      ['information', { ...completePart2, informationDescription: null }, typed, 'part2.information'],
      ['recipients', { ...completePart2, recipients: [] }, typed, 'part2.recipients'],
      ['purpose', { ...completePart2, purposes: [] }, typed, 'part2.purposes'],
      ['expiration', { ...completePart2, expiration: null }, typed, 'part2.expiration'],
      ['typed name', completePart2, { ...typed, typedName: '' }, 'typedName'],
      ['drawing', completePart2, { method: 'drawn', signer: { kind: 'patient' } }, 'drawing'],
      [
        'representative authority',
        completePart2,
        { ...typed, signer: { kind: 'representative', name: 'Pat', relationship: 'parent' } },
        'signer.authority',
      ],
    ];
    for (const [name, part2, signature, path] of cases) {
      const c = await draft(clinician, p.id, { kind: 'part2_disclosure' });
      const patched = await clinician.patch(`/api/v1/patients/${p.id}/consents/${c.id}`, { part2 }, { 'if-match': `"${c.version}"` });
      expect(patched.statusCode, name).toBe(200);
      const before = await auditActions(org.id, p.id);
      const res = await sign(clinician, p.id, patched.json(), signature);
      expect(res.statusCode, name).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(
        res.json().errors.map((e: { path: string }) => e.path),
        name,
      ).toContain(path);
      const [row] = await t.database.db.select().from(consents).where(eq(consents.id, c.id));
      expect(row?.signedAt, name).toBeNull();
      expect(row?.version).toBe(patched.json().version);
      expect((await auditActions(org.id, p.id)).length).toBe(before.length);
    }
    // The draft view lists what is missing before anyone tries.
    const empty = await draft(clinician, p.id, { kind: 'part2_tpo' });
    expect(empty.missing.map((e: { path: string }) => e.path)).toEqual([
      'part2.information',
      'part2.recipients',
      'part2.purposes',
      'part2.expiration',
    ]);
  });

  it('signs with a typed name and with a drawing; signed consents are immutable', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const admissions = await org.as('admissions');
    const c = await draft(admissions, p.id, { kind: 'treatment' });
    expect(c).toMatchObject({ status: 'draft', title: 'Consent to treatment', part2: null, missing: [] });
    const res = await sign(admissions, p.id, c);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'signed',
      signature: {
        method: 'typed',
        typedName: 'Given1 Family',
        hasDrawing: false,
        signerKind: 'patient',
        witness: { id: org.users.admissions.id },
      },
    });
    const again = await sign(admissions, p.id, res.json());
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CONSENT_SIGNED');
    const edit = await admissions.patch(
      `/api/v1/patients/${p.id}/consents/${c.id}`,
      { part2: completePart2 },
      { 'if-match': res.headers.etag as string },
    );
    expect(edit.json().code).toBe('CONSENT_SIGNED');

    const tele = await draft(admissions, p.id, { kind: 'telehealth' });
    const drawn = await sign(admissions, p.id, tele, {
      method: 'drawn',
      drawing: PNG,
      signer: { kind: 'representative', name: 'Pat Family', relationship: 'parent', authority: 'parent of a minor' },
    });
    expect(drawn.statusCode, drawn.body).toBe(200);
    expect(drawn.json().signature).toMatchObject({
      method: 'drawn',
      hasDrawing: true,
      drawing: PNG,
      signerName: 'Pat Family',
      relationship: 'parent',
    });
    const pdf = await admissions.get(`/api/v1/patients/${p.id}/consents/${tele.id}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const read = readPdf(pdf.rawPayload);
    expect(read.header).toBe('%PDF-');
    expect(read.images).toBeGreaterThan(0);
    expect(read.pages).toBe(1);
    expect(read.text).toContain('Telehealth consent');
    expect(read.text).toContain('Pat Family');

    const audit = await auditActions(org.id, p.id);
    const signRow = audit.find((a) => a.action === 'consent.sign');
    expect(signRow?.userAgent).toBe('lightMyRequest');
    expect(signRow?.ip).toBeTruthy();
    expect(signRow?.details).toMatchObject({ kind: 'treatment', method: 'typed', signerKind: 'patient' });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['consent.create', 'consent.sign', 'consent.pdf']));
  });

  it('refuses a drawing that is not a PNG, and one too large', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const c = await draft(clinician, p.id, { kind: 'program_agreement' });
    const jpeg = await sign(clinician, p.id, c, {
      method: 'drawn',
      drawing: 'data:image/jpeg;base64,/9j/4AAQ',
      signer: { kind: 'patient' },
    });
    expect(jpeg.json().errors).toEqual([{ path: 'drawing', message: 'must be a PNG data URL (data:image/png;base64,…)' }]);
    const huge = await sign(clinician, p.id, c, { method: 'drawn', drawing: `${PNG}${'A'.repeat(61_000)}`, signer: { kind: 'patient' } });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().errors[0].path).toBe('drawing');
  });

  it('a revocation refuses the next disclosure at once; disclosures carry the notice and scope', async () => {
    const org = await setupOrg(t);
    const { p, clinician, consent } = await signedPart2(org);
    const url = `/api/v1/patients/${p.id}/disclosures`;
    const ok = await clinician.post(url, disclosure(consent.id));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ noticeForm: 'long', disclosedBy: { id: org.users.clinician.id } });
    expect(ok.json().noticeText).toContain('42 CFR part 2');
    expect(ok.json().consentScope).toContain('Multnomah County Drug Court');

    const wrongPurpose = await clinician.post(url, disclosure(consent.id, { purpose: 'payment' }));
    expect(wrongPurpose.statusCode).toBe(409);
    expect(wrongPurpose.json()).toMatchObject({ code: 'DISCLOSURE_REFUSED', reason: 'purpose_not_covered' });
    const wrongRecipient = await clinician.post(url, disclosure(consent.id, { recipient: { name: 'Acme Employer' } }));
    expect(wrongRecipient.json().reason).toBe('recipient_not_covered');

    const peer = await org.as('peer');
    const revoked = await peer.post(`/api/v1/patients/${p.id}/consents/${consent.id}/revoke`, { receivedVia: 'verbal', reason: null });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({
      status: 'revoked',
      revocation: { receivedVia: 'verbal', recordedBy: { id: org.users.peer.id } },
    });
    const refused = await clinician.post(url, disclosure(consent.id));
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'DISCLOSURE_REFUSED', reason: 'revoked', errors: [{ path: 'consentId' }] });
    expect((await peer.post(`/api/v1/patients/${p.id}/consents/${consent.id}/revoke`, { receivedVia: 'in_writing' })).json().code).toBe(
      'CONSENT_REVOKED',
    );

    const accounting = await clinician.get(url);
    expect(accounting.json()).toMatchObject({ from: '2023-11-16', to: '2026-11-16' });
    expect(accounting.json().items).toHaveLength(1);

    const cover = readPdf((await clinician.get(`${url}/${ok.json().id}/pdf`)).rawPayload);
    expect(cover.header).toBe('%PDF-');
    expect(cover.pages).toBe(1);
    expect(cover.text).toContain('Disclosure cover sheet');
    expect(cover.text).toContain('These rules prohibit you from using or disclosing this record');
    expect(cover.text).toContain('Scope of the consent');
    const consentPdf = readPdf((await clinician.get(`/api/v1/patients/${p.id}/consents/${consent.id}/pdf`)).rawPayload);
    expect(consentPdf.text).toContain('Revoked');
    expect(consentPdf.text).toContain('Verbally (noted by staff)');
    expect(consentPdf.text).toContain('Multnomah County Drug Court');
    expect(consentPdf.pages).toBe(2);
    expect(consentPdf.text).toContain(`Page ${consentPdf.pages} of ${consentPdf.pages}`);

    const actions = (await auditActions(org.id, p.id)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['disclosure.record', 'consent.revoke', 'disclosure.list', 'disclosure.pdf', 'consent.pdf']),
    );
    expect(actions.filter((a) => a === 'disclosure.record')).toHaveLength(1);
  });

  it('honours expiry by date and by the end of treatment', async () => {
    const org = await setupOrg(t);
    const { p, consent } = await signedPart2(org, { ...completePart2, expiration: { kind: 'date', date: '2026-11-17' } });
    const byEvent = await signedPart2(org, { ...completePart2, expiration: { kind: 'event', event: 'end_of_treatment' } });
    t.clock.set(new Date('2026-11-18T16:00:00Z'));
    const clinician = await signIn(t.app, org.users.clinician.email);
    const expired = await clinician.post(`/api/v1/patients/${p.id}/disclosures`, disclosure(consent.id, { disclosedOn: '2026-11-18' }));
    expect(expired.json()).toMatchObject({ code: 'DISCLOSURE_REFUSED', reason: 'expired' });
    const list = await clinician.get(`/api/v1/patients/${p.id}/consents`);
    expect(list.json().items[0]).toMatchObject({ status: 'expired', expiresDescription: 'until 2026-11-17' });

    const bp = byEvent.p.id;
    expect(
      (await clinician.post(`/api/v1/patients/${bp}/disclosures`, disclosure(byEvent.consent.id, { disclosedOn: '2026-11-18' })))
        .statusCode,
    ).toBe(201);
    const director = await signIn(t.app, org.users.director.email);
    const ep = await director.post(`/api/v1/patients/${bp}/episodes`, {
      levelOfCare: '2.1',
      locationId: org.locations.main,
      status: 'active',
      admittedOn: '2026-11-16',
    });
    const done = await director.patch(
      `/api/v1/patients/${bp}/episodes/${ep.json().id}`,
      { status: 'discharged', dischargedOn: '2026-11-18' },
      { 'if-match': `"${ep.json().version}"` },
    );
    expect(done.statusCode, done.body).toBe(200);
    const after = await director.post(`/api/v1/patients/${bp}/disclosures`, disclosure(byEvent.consent.id, { disclosedOn: '2026-11-18' }));
    expect(after.json()).toMatchObject({ code: 'DISCLOSURE_REFUSED', reason: 'expired' });
  });

  it('the accounting filters by date range', async () => {
    const org = await setupOrg(t);
    const { p, consent } = await signedPart2(
      org,
      {
        ...completePart2,
        recipients: [{ kind: 'class', class: 'treating_providers' }],
        purposes: ['treatment'],
        expiration: { kind: 'none' },
        informationCategories: ['all_sud_records'],
      },
      'part2_tpo',
    );
    const days = ['2026-11-16', '2026-11-20', '2026-12-01'];
    for (const [i, day] of days.entries()) {
      t.clock.set(new Date(`${day}T18:00:00Z`));
      const clinician = await signIn(t.app, org.users.clinician.email);
      const res = await clinician.post(
        `/api/v1/patients/${p.id}/disclosures`,
        disclosure(consent.id, { disclosedOn: day, purpose: 'treatment', recipient: { name: `Dr. ${i}`, class: 'treating_providers' } }),
      );
      expect(res.statusCode, res.body).toBe(201);
    }
    const director = await signIn(t.app, org.users.director.email);
    const all = await director.get(`/api/v1/patients/${p.id}/disclosures`);
    expect(all.json().items.map((d: { disclosedOn: string }) => d.disclosedOn)).toEqual(['2026-12-01', '2026-11-20', '2026-11-16']);
    const range = await director.get(`/api/v1/patients/${p.id}/disclosures?from=2026-11-17&to=2026-11-30`);
    expect(range.json().items.map((d: { recipientName: string }) => d.recipientName)).toEqual(['Dr. 1']);
    expect((await director.get(`/api/v1/patients/${p.id}/disclosures?from=2026-12-02&to=2026-11-01`)).statusCode).toBe(400);
    // A disclosure cannot be dated in the future or before the consent was signed.
    const future = await director.post(
      `/api/v1/patients/${p.id}/disclosures`,
      disclosure(consent.id, { disclosedOn: '2026-12-25', purpose: 'treatment', recipient: { name: 'X', class: 'treating_providers' } }),
    );
    expect(future.json().errors[0].path).toBe('disclosedOn');
  });

  it("dates a disclosure by the clinic's calendar: signed in the evening there (the next day in UTC), disclosed the same day", async () => {
    // 19:30 in Portland on 17 November is 03:30 UTC on the 18th.
    t.clock.set(new Date('2026-11-18T03:30:00Z'));
    const org = await setupOrg(t);
    const { p, clinician, consent } = await signedPart2(org);
    const res = await clinician.post(`/api/v1/patients/${p.id}/disclosures`, disclosure(consent.id, { disclosedOn: '2026-11-17' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().consentScope).toContain('signed 2026-11-17');
    const ahead = await clinician.post(`/api/v1/patients/${p.id}/disclosures`, disclosure(consent.id, { disclosedOn: '2026-11-18' }));
    expect(ahead.json().errors[0]).toEqual({ path: 'disclosedOn', message: 'cannot be in the future' });
  });

  it('roles: billing sees only that consents exist; peers and admissions cannot record disclosures; scope is 404', async () => {
    const org = await setupOrg(t);
    const { p, consent } = await signedPart2(org);
    const billing = await org.as('billing');
    const list = await billing.get(`/api/v1/patients/${p.id}/consents`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({
      kind: 'part2_disclosure',
      status: 'signed',
      purposes: ['patient_request'],
      recipientSummary: null,
    });
    expect((await billing.get(`/api/v1/patients/${p.id}/consents/${consent.id}`)).statusCode).toBe(403);
    expect((await billing.get(`/api/v1/patients/${p.id}/consents/${consent.id}/pdf`)).statusCode).toBe(403);
    expect((await billing.get(`/api/v1/patients/${p.id}/disclosures`)).statusCode).toBe(403);
    const clinicianList = await (await org.as('clinician')).get(`/api/v1/patients/${p.id}/consents`);
    expect(clinicianList.json().items[0].recipientSummary).toBe('Multnomah County Drug Court');

    for (const role of ['peer', 'admissions'] as const) {
      const agent = await org.as(role);
      expect((await agent.post(`/api/v1/patients/${p.id}/disclosures`, disclosure(consent.id))).statusCode).toBe(403);
    }
    expect((await (await org.as('peer')).post(`/api/v1/patients/${p.id}/consents`, { kind: 'treatment' })).statusCode).toBe(403);
    expect((await (await org.as('admin')).post(`/api/v1/patients/${p.id}/consents`, { kind: 'treatment' })).statusCode).toBe(403);

    // Another location's clinician, another organization, another patient's consent id: all 404.
    const other = await org.as('otherClinician');
    expect((await other.get(`/api/v1/patients/${p.id}/consents`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/patients/${p.id}/consents/${consent.id}/pdf`)).statusCode).toBe(404);
    const stranger = await setupOrg(t);
    const foreign = await stranger.as('director');
    expect((await foreign.get(`/api/v1/patients/${p.id}/consents/${consent.id}`)).statusCode).toBe(404);
    const q = await org.patient();
    const director = await org.as('director');
    expect((await director.get(`/api/v1/patients/${q.id}/consents/${consent.id}`)).statusCode).toBe(404);
    expect((await director.post(`/api/v1/patients/${q.id}/disclosures`, disclosure(consent.id))).statusCode).toBe(404);
    expect((await director.get(`/api/v1/patients/${q.id}/disclosures/${consent.id}/pdf`)).statusCode).toBe(404);
  });

  it('bad input: unknown fields, Part 2 fields on a consent to care, a draft revocation, a disclosure under a consent to care', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    expect((await clinician.post(`/api/v1/patients/${p.id}/consents`, { kind: 'treatment', extra: 1 })).statusCode).toBe(400);
    const onCare = await clinician.post(`/api/v1/patients/${p.id}/consents`, { kind: 'treatment', part2: completePart2 });
    expect(onCare.json().errors).toEqual([{ path: 'part2', message: 'only Part 2 consents carry these fields' }]);
    const d = await draft(clinician, p.id, { kind: 'treatment' });
    expect((await clinician.post(`/api/v1/patients/${p.id}/consents/${d.id}/revoke`, { receivedVia: 'in_writing' })).json().code).toBe(
      'CONSENT_NOT_SIGNED',
    );
    expect((await clinician.post(`/api/v1/patients/${p.id}/consents/${d.id}/sign`, typed)).statusCode).toBe(428);
    const signed = await sign(clinician, p.id, d);
    const r = await clinician.post(`/api/v1/patients/${p.id}/disclosures`, disclosure(signed.json().id));
    expect(r.json()).toMatchObject({ code: 'DISCLOSURE_REFUSED', reason: 'not_part2' });
  });
});

describe('demo consents', () => {
  it('seeds signed consents, a Part 2 consent with a disclosure and a revoked one, all readable through the api', async () => {
    const domain = `consents-${Date.now()}.demo.test`;
    // The demo's own program, with ids of its own: on the shared PostgreSQL test database another file seeds one too.
    setDemoIdSalt(randomInt(1, 2 ** 31));
    const { organizationId } = await seedDemo(t.database.db, { patients: 40, now: t.clock.now(), domain });
    const director = await signIn(t.app, `director@${domain}`, DEMO_PASSWORD);
    const rows = await t.database.db.select().from(consents).where(eq(consents.organizationId, organizationId));
    expect(rows.filter((r) => r.kind === 'treatment').length).toBeGreaterThan(10);
    const revoked = rows.find((r) => r.revokedAt);
    expect(revoked?.kind).toBe('part2_disclosure');
    const named = rows.find((r) => r.kind === 'part2_disclosure' && !r.revokedAt);
    if (!named || !revoked) throw new Error('demo consents missing');
    const accounting = await director.get(`/api/v1/patients/${named.patientId}/disclosures`);
    expect(accounting.json().items.length).toBeGreaterThanOrEqual(1);
    const list = await director.get(`/api/v1/patients/${revoked.patientId}/consents`);
    expect(list.json().items.map((c: { status: string }) => c.status)).toContain('revoked');
    const refused = await director.post(`/api/v1/patients/${revoked.patientId}/disclosures`, {
      ...disclosure(revoked.id),
      recipient: { name: (revoked.part2?.recipients[0] as { name: string }).name },
    });
    expect(refused.json()).toMatchObject({ code: 'DISCLOSURE_REFUSED', reason: 'revoked' });
    const pdf = readPdf((await director.get(`/api/v1/patients/${named.patientId}/consents/${named.id}/pdf`)).rawPayload);
    expect(pdf.text).toContain('Riverbend Recovery (demo)');
  });
});
