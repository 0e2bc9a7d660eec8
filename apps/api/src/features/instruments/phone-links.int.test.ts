import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, instrumentLinks, tasks } from '../../db/schema/index';
import { buildTestApp, setupOrg } from '../../../test/harness';

const t = await buildTestApp();
const db = t.database.db;
const tokenOf = (link: { url: string }) => link.url.split('/fill/')[1] as string;
const fill = (token: string, items?: Record<string, number>) =>
  t.app.inject({ method: items ? 'POST' : 'GET', url: `/api/v1/fill/${token}`, ...(items ? { payload: { items } } : {}) });

describe('phone links', () => {
  it('lets the person fetch and submit once without signing in; the audit names the link, not a user', async () => {
    const org = await setupOrg(t);
    const p = await org.patient({ legalGivenName: 'Rowan', preferredName: 'Ro' });
    const clinician = await org.as('clinician');
    const made = await clinician.post(`/api/v1/patients/${p.id}/instrument-links`, { instrumentId: 'gad7' });
    expect(made.statusCode).toBe(201);
    const link = made.json();
    expect(link.url).toMatch(/^http:\/\/openiop\.test\/fill\/[A-Za-z0-9_-]{43}$/);
    expect(link.qrSvg).toContain('<svg');
    expect(new Date(link.expiresAt).getTime() - t.clock.now().getTime()).toBe(72 * 3600_000);
    // Only the hash is stored.
    const [stored] = await db.select().from(instrumentLinks).where(eq(instrumentLinks.id, link.id));
    expect(stored?.tokenHash).not.toContain(tokenOf(link));
    expect(JSON.stringify(stored)).not.toContain(tokenOf(link));

    const opened = await fill(tokenOf(link));
    expect(opened.statusCode).toBe(200);
    const view = opened.json();
    expect(view.firstName).toBe('Ro');
    expect(view.instrument.id).toBe('gad7');
    expect(view.instrument.items).toHaveLength(7);
    expect(JSON.stringify(view)).not.toMatch(new RegExp(`${p.mrn}|Family|1990-04-12`));

    const bad = await fill(tokenOf(link), { q1: 5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'items.q1', message: 'must be one of 0, 1, 2, 3' }]);

    const sent = await fill(tokenOf(link), { q1: 3, q2: 3, q3: 2, q4: 2, q5: 1, q6: 1, q7: 0 });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toEqual({ status: 'completed' });
    const again = await fill(tokenOf(link), { q1: 0 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('LINK_USED');
    expect((await fill(tokenOf(link))).json().code).toBe('LINK_USED');

    const list = (await clinician.get(`/api/v1/patients/${p.id}/administrations`)).json().items;
    expect(list).toMatchObject([
      { instrumentId: 'gad7', source: 'phone_link', status: 'completed', total: 12, band: { code: 'moderate' }, administeredBy: null },
    ]);

    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, 'instrument.submit')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: null, actorTokenId: null, patientId: p.id });
    expect(events[0]?.details).toMatchObject({ via: 'phone-link', linkId: link.id, instrumentId: 'gad7', status: 'completed' });
  });

  it('stores a short phone answer set as incomplete', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const link = (await (await org.as('admissions')).post(`/api/v1/patients/${p.id}/instrument-links`, { instrumentId: 'phq9' })).json();
    expect((await fill(tokenOf(link), { q1: 1, q2: 1 })).json()).toEqual({ status: 'incomplete' });
  });

  it('raises an urgent safety task from a phone PHQ-9 with item 9 above 0, in the same transaction', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const director = await org.as('director');
    const ep = await director.post(`/api/v1/patients/${p.id}/episodes`, {
      levelOfCare: '2.1',
      locationId: org.locations.main,
      primaryClinicianId: org.users.clinician.id,
    });
    expect(ep.statusCode).toBe(201);
    const link = (await director.post(`/api/v1/patients/${p.id}/instrument-links`, { instrumentId: 'phq9' })).json();
    expect((await fill(tokenOf(link), { q9: 2 })).statusCode).toBe(201);
    const rows = await db.select().from(tasks).where(eq(tasks.patientId, p.id));
    expect(rows).toMatchObject([{ kind: 'safety', priority: 'urgent', status: 'open', assigneeUserId: org.users.clinician.id }]);
    const created = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, 'task.create')));
    expect(created[0]).toMatchObject({ actorUserId: null, resourceId: rows[0]?.id });
    expect(created[0]?.details).toMatchObject({ via: 'phone-link', linkId: link.id });
  });

  it('raises one from a phone ASQ positive, to a director when no clinician is linked', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const link = (await (await org.as('clinician')).post(`/api/v1/patients/${p.id}/instrument-links`, { instrumentId: 'asq' })).json();
    expect((await fill(tokenOf(link), { q1: 0, q2: 0, q3: 0, q4: 1, q5: 0 })).statusCode).toBe(201);
    const rows = await db.select().from(tasks).where(eq(tasks.patientId, p.id));
    expect(rows).toMatchObject([
      { kind: 'safety', assigneeUserId: org.users.director.id, details: { flags: [{ kind: 'asq_positive', acuity: 'non_acute' }] } },
    ]);
  });

  it('refuses an unknown token and an expired link with a clear problem', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const link = (
      await (await org.as('clinician')).post(`/api/v1/patients/${p.id}/instrument-links`, { instrumentId: 'phq9', expiresInHours: 1 })
    ).json();
    const unknown = await fill('x'.repeat(43));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('TOKEN_INVALID');
    t.clock.advance(3600_000);
    const expired = await fill(tokenOf(link), { q1: 0 });
    expect(expired.statusCode).toBe(410);
    expect(expired.headers['content-type']).toContain('application/problem+json');
    expect(expired.json()).toMatchObject({ code: 'LINK_EXPIRED', detail: expect.stringContaining('new one') });
    expect((await fill(tokenOf(link))).statusCode).toBe(410);
  });
});
