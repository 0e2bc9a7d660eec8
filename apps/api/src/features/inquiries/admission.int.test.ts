import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp, setupOrg, type Agent, type TestOrg } from '../../../test/harness';
import { countRows, orgSnapshot } from '../../../test/db-state';
import { calmAnswers } from './inquiries.fixtures';

const t = await buildTestApp();

async function screenedInquiry(a: Agent, fields: Record<string, unknown> = {}, answers: Record<string, unknown> = calmAnswers) {
  const created = await a.post('/api/v1/inquiries', {
    givenName: 'Avery',
    familyName: 'Quinn',
    dateOfBirth: '1991-05-06',
    phone: '503-555-0123',
    ...fields,
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  expect((await a.post(`/api/v1/inquiries/${id}/prescreens`, { answers })).statusCode).toBe(201);
  const v = (await a.get(`/api/v1/inquiries/${id}`)).json();
  return { id, version: v.version as number };
}

const newPatient = {
  mode: 'new',
  legalGivenName: 'Avery',
  legalFamilyName: 'Quinn',
  dateOfBirth: '1991-05-06',
  sexAssignedAtBirth: 'female',
  phone: '503-555-0123',
};
const admission = (org: TestOrg, patient: Record<string, unknown> = newPatient) => ({
  patient,
  levelOfCare: '2.1',
  locationId: org.locations.main,
  primaryClinicianId: org.users.clinician.id,
  plannedWeeks: 12,
  track: 'Evening',
  admittedOn: '2026-11-16',
});

describe('duplicate detection', () => {
  it('names matching fields for patients the user may see and hides everything about the others', async () => {
    const org = await setupOrg(t);
    const existing = await org.patient({
      legalGivenName: 'Avery',
      legalFamilyName: 'Quínn',
      dateOfBirth: '1991-05-06',
      phone: '+1 (503) 555-0123',
    });
    const director = await org.as('director');
    const i = await screenedInquiry(await org.as('admissions'));

    const seen = (await director.get(`/api/v1/inquiries/${i.id}/duplicates`)).json().items;
    expect(seen).toEqual([
      {
        kind: 'visible',
        strength: 'strong',
        fields: ['dateOfBirth', 'phone', 'familyName', 'givenName'],
        patient: { id: existing.id, mrn: existing.mrn, name: 'Avery Quínn', dateOfBirth: '1991-05-06', careStatus: 'pre_admission' },
      },
    ]);
    // Admitted patients leave the admissions scope: the match is still reported, but nothing identifies it.
    const ep = await director.post(`/api/v1/patients/${existing.id}/episodes`, {
      levelOfCare: '2.1',
      locationId: org.locations.main,
      status: 'active',
      admittedOn: '2026-11-16',
    });
    expect(ep.statusCode).toBe(201);
    const hidden = await (await org.as('admissions')).get(`/api/v1/inquiries/${i.id}/duplicates`);
    expect(hidden.json().items).toEqual([{ kind: 'restricted', strength: 'strong', resolveWith: 'a program director or administrator' }]);
    expect(hidden.body).not.toContain(existing.mrn);
    expect(hidden.body).not.toContain(existing.id);
    const [audit] = await t.database.query<{ details: Record<string, unknown> }>(
      sql`select details from audit_events where organization_id = ${org.id}::uuid and action = 'inquiry.duplicates' order by seq desc limit 1`,
    );
    expect(audit?.details).toEqual({ shownPatientIds: [], restricted: 1 });
  });
});

describe('admission', () => {
  it('turns an inquiry into a new patient with an episode; the chart shows it', async () => {
    const org = await setupOrg(t);
    const admissions = await org.as('admissions');
    const i = await screenedInquiry(admissions);
    const res = await admissions.post(`/api/v1/inquiries/${i.id}/admit`, admission(org), { 'if-match': `"${i.version}"` });
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json();
    expect(out.episode).toMatchObject({
      status: 'active',
      levelOfCare: '2.1',
      plannedWeeks: 12,
      track: 'Evening',
      admittedOn: '2026-11-16',
    });
    expect(out.episode.primaryClinician.id).toBe(org.users.clinician.id);
    const inquiry = (await (await org.as('director')).get(`/api/v1/inquiries/${i.id}`)).json();
    expect(inquiry).toMatchObject({ stage: 'admitted', patientId: out.patientId });
    const chart = (await (await org.as('clinician')).get(`/api/v1/patients/${out.patientId}/chart`)).json();
    expect(chart.episode).toMatchObject({ status: 'active', levelOfCare: '2.1' });
    expect(chart.patient).toMatchObject({ legalGivenName: 'Avery', careStatus: 'active' });
    const again = await admissions.post(`/api/v1/inquiries/${i.id}/admit`, admission(org), { 'if-match': `"${inquiry.version}"` });
    expect(again.json().code).toBe('STAGE_NOT_ALLOWED');
    const actions = await t.database.query<{ action: string }>(
      sql`select action from audit_events where organization_id = ${org.id}::uuid and action in ('patient.create', 'episode.open', 'inquiry.admit') order by seq`,
    );
    expect(actions.map((a) => a.action)).toEqual(['patient.create', 'episode.open', 'inquiry.admit']);
  });

  it('links an existing patient found by duplicate detection instead of creating another', async () => {
    const org = await setupOrg(t);
    const existing = await org.patient({ legalGivenName: 'Avery', legalFamilyName: 'Quinn', dateOfBirth: '1991-05-06' });
    const admissions = await org.as('admissions');
    const i = await screenedInquiry(admissions);
    const before = await countRows(t.database, 'patients', org.id);
    const refused = await admissions.post(`/api/v1/inquiries/${i.id}/admit`, admission(org), { 'if-match': `"${i.version}"` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('POSSIBLE_DUPLICATE');
    const linked = await admissions.post(`/api/v1/inquiries/${i.id}/admit`, admission(org, { mode: 'existing', patientId: existing.id }), {
      'if-match': `"${i.version}"`,
    });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json().patientId).toBe(existing.id);
    expect(await countRows(t.database, 'patients', org.id)).toBe(before);
  });

  it('confirmed as someone else, a new patient is created despite a possible match', async () => {
    const org = await setupOrg(t);
    await org.patient({ legalGivenName: 'Avery', legalFamilyName: 'Quinn', dateOfBirth: '1991-05-06' });
    const director = await org.as('director');
    const i = await screenedInquiry(director);
    const res = await director.post(
      `/api/v1/inquiries/${i.id}/admit`,
      { ...admission(org), confirmedNotDuplicate: true },
      { 'if-match': `"${i.version}"` },
    );
    expect(res.statusCode, res.body).toBe(201);
  });

  it('if any part fails nothing is written: no patient, no episode, inquiry unchanged', async () => {
    const org = await setupOrg(t);
    const admissions = await org.as('admissions');
    const i = await screenedInquiry(admissions);
    const before = await orgSnapshot(t.database, org.id);
    // The patient would be created first; the episode then refuses a billing user as primary clinician.
    const res = await admissions.post(
      `/api/v1/inquiries/${i.id}/admit`,
      { ...admission(org), primaryClinicianId: org.users.billing.id },
      { 'if-match': `"${i.version}"` },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('primaryClinicianId');
    const future = await admissions.post(
      `/api/v1/inquiries/${i.id}/admit`,
      { ...admission(org), admittedOn: '2027-01-01' },
      { 'if-match': `"${i.version}"` },
    );
    expect(future.statusCode).toBe(400);
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
  });

  it('refuses when the pre-screen routes to a higher level unless a clinical reason is given; needs a pre-screen at all', async () => {
    const org = await setupOrg(t);
    const director = await org.as('director');
    const unsafe = await screenedInquiry(director, {}, { ...calmAnswers, dangerToSelf: true });
    const refused = await director.post(`/api/v1/inquiries/${unsafe.id}/admit`, admission(org), { 'if-match': `"${unsafe.version}"` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'PRESCREEN_HIGHER_LEVEL', flags: ['danger_to_self'] });
    const overridden = await director.post(
      `/api/v1/inquiries/${unsafe.id}/admit`,
      { ...admission(org), clinicalOverride: 'Crisis evaluation done yesterday; safety plan in place' },
      { 'if-match': `"${unsafe.version}"` },
    );
    expect(overridden.statusCode, overridden.body).toBe(201);

    const fresh = (await director.post('/api/v1/inquiries', { givenName: 'No', familyName: 'Screen' })).json();
    const noScreen = await director.post(`/api/v1/inquiries/${fresh.id}/admit`, admission(org), { 'if-match': '"1"' });
    expect(noScreen.json().code).toBe('STAGE_NOT_ALLOWED');
    expect(
      (await (await org.as('clinician')).post(`/api/v1/inquiries/${fresh.id}/admit`, admission(org), { 'if-match': '"1"' })).statusCode,
    ).toBe(403);
  });
});

describe('public request-help page', () => {
  async function enable(org: TestOrg, slug: string) {
    const res = await (
      await org.as('admin')
    ).request({ method: 'PUT', url: '/api/v1/inquiries/public-page', payload: { slug, enabled: true, locationId: org.locations.main } });
    expect(res.statusCode, res.body).toBe(200);
  }
  const form = (token: string, extra: Record<string, unknown> = {}) => ({
    formToken: token,
    website: '',
    forSelf: false,
    callerName: 'Pat Parent',
    callerRelationship: 'parent',
    givenName: 'Jordan',
    phone: '503 555 0100',
    bestTimeToCall: 'weekday evenings',
    substances: ['opioids'],
    ...extra,
  });

  it('creates a new web-form inquiry with a call-back follow-up and answers with next steps and 988', async () => {
    const org = await setupOrg(t);
    const slug = `help-${org.id.slice(0, 8)}`;
    await enable(org, slug);
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/public/help/${slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.json().crisisLine).toContain('988');
    t.clock.advance(5_000);
    const sent = await t.app.inject({ method: 'POST', url: `/api/v1/public/help/${slug}`, payload: form(page.json().formToken) });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().nextSteps).toContain('within one business day');
    expect(sent.json().crisisLine).toContain('call or text 988');
    expect(sent.json().emergency).toContain('911');
    const board = (await (await org.as('admissions')).get('/api/v1/inquiries?stage=new')).json();
    expect(board.items).toHaveLength(1);
    expect(board.items[0]).toMatchObject({
      channel: 'web_form',
      referralSource: 'family',
      displayName: 'Jordan',
      nextFollowUp: { what: 'Call back the web request' },
    });
    const [audit] = await t.database.query<{ actor_user_id: string | null; details: unknown }>(
      sql`select actor_user_id, details from audit_events where organization_id = ${org.id}::uuid and action = 'inquiry.public_submit'`,
    );
    expect(audit).toEqual({ actor_user_id: null, details: { channel: 'web_form' } });
  });

  it('refuses a filled honeypot, a too-fast or forged token, a huge body, and an unknown page; writes nothing', async () => {
    const org = await setupOrg(t);
    const slug = `spam-${org.id.slice(0, 8)}`;
    await enable(org, slug);
    const token = (await t.app.inject({ method: 'GET', url: `/api/v1/public/help/${slug}` })).json().formToken as string;
    const post = (payload: unknown) => t.app.inject({ method: 'POST', url: `/api/v1/public/help/${slug}`, payload: payload as object });
    const fast = await post(form(token));
    expect(fast.statusCode).toBe(400);
    expect(fast.json()).toMatchObject({ code: 'FORM_REJECTED', errors: [{ path: 'formToken' }] });
    t.clock.advance(5_000);
    const bot = await post(form(token, { website: 'http://spam.example' }));
    expect(bot.json()).toMatchObject({ code: 'FORM_REJECTED', errors: [{ path: 'website' }] });
    const forged = await post(form(`${Number(token.split('.')[0])}.AAAA`));
    expect(forged.json().code).toBe('FORM_REJECTED');
    const huge = await post(form(token, { message: 'x'.repeat(20_000) }));
    expect(huge.statusCode).toBe(413);
    const noContact = await post(form(token, { phone: null }));
    expect(noContact.statusCode).toBe(400);
    expect(noContact.json().errors[0].path).toBe('phone');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/help/no-such-page' })).statusCode).toBe(404);
    expect(await countRows(t.database, 'inquiries', org.id)).toBe(0);
    t.clock.advance(25 * 60 * 60 * 1000);
    expect((await post(form(token))).json().code).toBe('FORM_REJECTED');
  });

  it('is rate-limited per address', async () => {
    const limited = await buildTestApp({ authRateLimit: { max: 2, timeWindowMs: 60_000 } });
    const org = await setupOrg(limited);
    const slug = `rate-${org.id.slice(0, 8)}`;
    const admin = await org.as('admin');
    await admin.request({ method: 'PUT', url: '/api/v1/inquiries/public-page', payload: { slug, enabled: true } });
    const hit = () => limited.app.inject({ method: 'GET', url: `/api/v1/public/help/${slug}`, remoteAddress: '198.51.100.9' });
    expect((await hit()).statusCode).toBe(200);
    expect((await hit()).statusCode).toBe(200);
    const third = await hit();
    expect(third.statusCode).toBe(429);
    expect(third.json().code).toBe('RATE_LIMITED');
    // Another address is not held back.
    expect(
      (await limited.app.inject({ method: 'GET', url: `/api/v1/public/help/${slug}`, remoteAddress: '198.51.100.10' })).statusCode,
    ).toBe(200);
  });

  it('only admins set the page; a slug is unique across organizations', async () => {
    const a = await setupOrg(t);
    const b = await setupOrg(t);
    const slug = `uniq-${a.id.slice(0, 8)}`;
    await enable(a, slug);
    const taken = await (
      await b.as('admin')
    ).request({ method: 'PUT', url: '/api/v1/inquiries/public-page', payload: { slug, enabled: true } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].path).toBe('slug');
    const director = await (
      await a.as('director')
    ).request({ method: 'PUT', url: '/api/v1/inquiries/public-page', payload: { slug, enabled: false } });
    expect(director.statusCode).toBe(403);
    expect((await (await a.as('admissions')).get('/api/v1/inquiries/public-page')).json().page).toMatchObject({ slug, enabled: true });
  });
});
