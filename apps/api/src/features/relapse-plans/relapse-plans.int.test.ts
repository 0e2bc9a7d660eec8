import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema/index';
import { buildTestApp, setupOrg } from '../../../test/harness';
import { orgSnapshot } from '../../../test/db-state';
import { readPdf } from '../../../test/pdf-text';
import { currentPlanForPerson } from './relapse-plans.service';

const t = await buildTestApp();

const content = {
  triggers: { people: ['old using friends'], places: ['the bar on Fifth'], feelings: ['lonely'], times: ['payday Friday night'] },
  warningSigns: ['skipping meetings', 'not sleeping'],
  copingStrategies: ['walk the dog', 'call my sponsor'],
  contacts: [{ name: 'Sam', relationship: 'sponsor', phone: '+1 503 555 0142' }],
  afterLapse: ['tell my counselor the same day', 'go to a meeting'],
  reasons: ['my daughter'],
};

describe('relapse-prevention plans', () => {
  it('drafts, saves, finalises (locked), versions, prints a wallet PDF and exposes the current plan to the person', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const peer = await org.as('peer');
    const base = `/api/v1/patients/${p.id}/relapse-plans`;

    expect(await currentPlanForPerson(t.database.db, org.id, p.id)).toBeNull();
    const draft = await peer.post(base, {});
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json()).toMatchObject({ number: 1, status: 'draft', content: { warningSigns: [] } });
    expect((await peer.post(base, {})).statusCode).toBe(409);

    const id = draft.json().id as string;
    const gaps = await peer.post(`${base}/${id}/finalise`, {}, { 'if-match': '"1"' });
    expect(gaps.statusCode).toBe(400);
    expect(gaps.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'content.triggers',
      'content.warningSigns',
      'content.copingStrategies',
      'content.contacts',
      'content.afterLapse',
      'content.reasons',
    ]);

    expect((await peer.patch(`${base}/${id}`, { content })).statusCode).toBe(428);
    expect((await peer.patch(`${base}/${id}`, { content }, { 'if-match': '"9"' })).statusCode).toBe(412);
    const saved = await peer.patch(`${base}/${id}`, { content }, { 'if-match': '"1"' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe('"2"');
    const final = await peer.post(`${base}/${id}/finalise`, {}, { 'if-match': '"2"' });
    expect(final.statusCode, final.body).toBe(200);
    expect(final.json()).toMatchObject({ status: 'final', finalisedBy: { id: org.users.peer.id } });

    const locked = await peer.patch(`${base}/${id}`, { content: { ...content, reasons: ['changed'] } }, { 'if-match': '"3"' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('RECORD_LOCKED');
    expect((await peer.post(`${base}/${id}/finalise`, {}, { 'if-match': '"3"' })).json().code).toBe('RECORD_LOCKED');

    const person = await currentPlanForPerson(t.database.db, org.id, p.id);
    expect(person).toMatchObject({ number: 1, content: { reasons: ['my daughter'] } });
    expect(JSON.stringify(person)).not.toContain(org.users.peer.id);

    const v2 = await peer.post(base, {});
    expect(v2.json()).toMatchObject({ number: 2, status: 'draft', content: { reasons: ['my daughter'] } });
    const v2saved = await peer.patch(
      `${base}/${v2.json().id}`,
      { content: { ...content, reasons: ['my daughter', 'my health'] } },
      { 'if-match': '"1"' },
    );
    expect(v2saved.statusCode).toBe(200);
    // A draft is not the person's plan until finalised.
    expect((await currentPlanForPerson(t.database.db, org.id, p.id))?.number).toBe(1);
    expect((await peer.post(`${base}/${v2.json().id}/finalise`, {}, { 'if-match': '"2"' })).statusCode).toBe(200);
    expect((await currentPlanForPerson(t.database.db, org.id, p.id))?.content.reasons).toEqual(['my daughter', 'my health']);

    const list = (await peer.get(base)).json();
    expect(list.items.map((i: { number: number }) => i.number)).toEqual([2, 1]);
    expect(list.currentId).toBe(v2.json().id);
    expect(list.items[0].content).toBeUndefined();
    const old = await peer.get(`${base}/${id}`);
    expect(old.json().content.reasons).toEqual(['my daughter']);

    const pdf = await peer.get(`${base}/${id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['cache-control']).toBe('no-store');
    const doc = readPdf(pdf.rawPayload);
    expect(doc.pages).toBeGreaterThanOrEqual(6);
    expect(doc.text).toContain('People to call');
    expect(doc.text).toContain('Sam (sponsor): +1 503 555 0142');
    expect(pdf.rawPayload.toString('latin1')).toMatch(/\/MediaBox \[0 0 243 153\]/);

    const audit = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.patientId, p.id)));
    for (const a of [
      'relapse_plan.create',
      'relapse_plan.update',
      'relapse_plan.finalise',
      'relapse_plan.list',
      'relapse_plan.read',
      'relapse_plan.print',
    ])
      expect(audit.map((x) => x.action)).toContain(a);
  });

  it('404 for another organization and out of scope, 403 for billing, and nothing changes', async () => {
    const org = await setupOrg(t);
    const other = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const draft = (await clinician.post(`/api/v1/patients/${p.id}/relapse-plans`, { content })).json();
    const agents = [await other.as('clinician'), await org.as('otherClinician')];
    const billing = await org.as('billing');
    const before = await orgSnapshot(t.database, org.id);
    const base = `/api/v1/patients/${p.id}/relapse-plans`;
    for (const a of agents) {
      expect((await a.get(base)).statusCode).toBe(404);
      expect((await a.post(base, {})).statusCode).toBe(404);
      expect((await a.get(`${base}/${draft.id}`)).statusCode).toBe(404);
      expect((await a.patch(`${base}/${draft.id}`, { content }, { 'if-match': '"1"' })).statusCode).toBe(404);
      expect((await a.post(`${base}/${draft.id}/finalise`, {}, { 'if-match': '"1"' })).statusCode).toBe(404);
      expect((await a.get(`${base}/${draft.id}/pdf`)).statusCode).toBe(404);
    }
    expect((await billing.get(base)).statusCode).toBe(403);
    expect((await clinician.get(`/api/v1/patients/${p.id}/relapse-plans/${p.id}`)).statusCode).toBe(404);
    // the 404 read above wrote nothing either (its transaction rolled back)
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
    expect((await clinician.delete(`${base}/${draft.id}`)).statusCode).toBe(404);
  });
});

describe("the person's own page shows their relapse-prevention plan", () => {
  it('shows the latest finalised version on /me/:token (never a draft), audited with the version shown', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const base = `/api/v1/patients/${p.id}/relapse-plans`;
    const link = await clinician.post(`/api/v1/patients/${p.id}/measures-link`, {});
    expect(link.statusCode, link.body).toBe(201);
    const token = new URL(link.json().url as string).pathname.split('/').pop() as string;
    const open = async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/me/${token}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().relapsePlan as { number: number; content: { reasons: string[] } } | null;
    };

    expect(await open()).toBeNull();
    const first = (await clinician.post(base, { content })).json();
    await clinician.post(`${base}/${first.id}/finalise`, {}, { 'if-match': `"${first.version}"` });
    // A second version in draft: the person still sees the finalised one.
    const second = await clinician.post(base, {});
    expect(second.statusCode, second.body).toBe(201);
    await clinician.patch(`${base}/${second.json().id}`, { content: { ...content, reasons: ['a draft reason'] } }, { 'if-match': '"1"' });
    expect(await open()).toMatchObject({ number: 1, content: { reasons: ['my daughter'] } });

    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, 'measure_link.open')))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    expect(event).toMatchObject({ patientId: p.id, details: { relapsePlanVersion: 1 } });
  });
});
