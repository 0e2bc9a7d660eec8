import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp, setupOrg } from '../../../test/harness';

const t = await buildTestApp();
const REASON = 'Patient walked in to the main clinic in crisis';

async function world() {
  const org = await setupOrg(t);
  const p = await org.patient({ locationId: org.locations.other });
  return { org, p, chartUrl: `/api/v1/patients/${p.id}/chart` };
}

describe('break-the-glass', () => {
  it('opens an out-of-scope chart for the configured minutes, flags every read in the trail, then closes again', async () => {
    const { org, p, chartUrl } = await world();
    const admin = await org.as('admin');
    const settings = (await admin.get('/api/v1/admin/settings')).json();
    expect(
      (await admin.patch('/api/v1/admin/settings', { breakGlassMinutes: 10 }, { 'if-match': `"${settings.version}"` })).statusCode,
    ).toBe(200);

    const clinician = await org.as('clinician');
    const before = await clinician.get(chartUrl);
    expect(before.statusCode).toBe(404);
    expect(before.json().code).toBe('NOT_FOUND');

    const granted = await clinician.post('/api/v1/break-glass', { mrn: p.mrn, reason: REASON });
    expect(granted.statusCode).toBe(201);
    const expiresAt = new Date(t.clock.now().getTime() + 10 * 60_000).toISOString();
    expect(granted.json()).toEqual({ patientId: p.id, expiresAt, needed: true });

    const chart = await clinician.get(chartUrl);
    expect(chart.statusCode).toBe(200);
    expect(chart.json().access).toEqual({ breakGlass: true, expiresAt });
    // The grant covers the rest of the record too, and each of those reads is flagged.
    expect((await clinician.get(`/api/v1/patients/${p.id}`)).statusCode).toBe(200);

    const trail = (await admin.get(`/api/v1/admin/audit?patientId=${p.id}`)).json().items as Record<string, unknown>[];
    const byClinician = trail.filter((e) => e.actorUserId === org.users.clinician.id);
    expect(byClinician.map((e) => [e.action, e.breakGlass])).toEqual([
      ['patient.read', true],
      ['chart.open', true],
      ['patient.break_glass', true],
    ]);
    // The admin's own reads of the same patient are in scope and not flagged.
    expect(trail.filter((e) => e.actorUserId === org.users.admin.id && e.action === 'patient.create').map((e) => e.breakGlass)).toEqual([
      false,
    ]);

    t.clock.advance(10 * 60_000 - 1000);
    expect((await clinician.get(chartUrl)).statusCode).toBe(200);
    t.clock.advance(1000);
    const after = await clinician.get(chartUrl);
    expect(after.statusCode).toBe(404);
    expect(after.json().code).toBe('NOT_FOUND');
    const list = (await clinician.get('/api/v1/patients?limit=200')).json().items.map((i: { id: string }) => i.id);
    expect(list).not.toContain(p.id);
  });

  it("lands in the director's review queue until reviewed; clinicians cannot see the queue", async () => {
    const { org, p } = await world();
    const clinician = await org.as('clinician');
    expect((await clinician.post('/api/v1/break-glass', { mrn: p.mrn, reason: REASON })).statusCode).toBe(201);

    const director = await org.as('director');
    const queue = await director.get('/api/v1/break-glass');
    expect(queue.statusCode).toBe(200);
    const items = queue.json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ patientId: p.id, userId: org.users.clinician.id, reason: REASON, reviewedAt: null, reviewedBy: null });

    const denied = await clinician.get('/api/v1/break-glass');
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('FORBIDDEN');
    expect((await clinician.post(`/api/v1/break-glass/${items[0].id}/review`, { note: 'I approve of myself' })).statusCode).toBe(403);

    const reviewed = await director.post(`/api/v1/break-glass/${items[0].id}/review`, { note: 'Confirmed with the front desk' });
    expect(reviewed.statusCode).toBe(204);
    expect((await director.get('/api/v1/break-glass')).json().items).toEqual([]);
    const all = (await director.get('/api/v1/break-glass?status=all')).json().items;
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ reviewedBy: expect.stringContaining('director'), reviewNote: 'Confirmed with the front desk' });
    expect(all[0].reviewedAt).toBe(t.clock.now().toISOString());

    const again = await director.post(`/api/v1/break-glass/${items[0].id}/review`, { note: 'Twice' });
    expect(again.statusCode).toBe(404);
    const trail = (await (await org.as('admin')).get(`/api/v1/admin/audit?action=break_glass.review`)).json().items;
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ actorUserId: org.users.director.id, patientId: p.id, resourceId: items[0].id });
  });

  it("another organization's director does not see the grant", async () => {
    const { org, p } = await world();
    await (await org.as('clinician')).post('/api/v1/break-glass', { mrn: p.mrn, reason: REASON });
    const grant = (await (await org.as('director')).get('/api/v1/break-glass')).json().items[0];
    const other = await setupOrg(t);
    const director = await other.as('director');
    expect((await director.get('/api/v1/break-glass?status=all')).json().items).toEqual([]);
    expect((await director.post(`/api/v1/break-glass/${grant.id}/review`, { note: 'Not mine to review' })).statusCode).toBe(404);
  });

  it('refuses a short reason (400), an unknown MRN (404), and another organization’s MRN (404); none is recorded', async () => {
    const { org, p } = await world();
    const other = await setupOrg(t);
    const theirs = await other.patient({ mrn: 'THEIRS-001' });
    const clinician = await org.as('clinician');
    const short = await clinician.post('/api/v1/break-glass', { mrn: p.mrn, reason: 'urgent' });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
    const unknown = await clinician.post('/api/v1/break-glass', { mrn: 'IOP-999999999', reason: REASON });
    expect(unknown.statusCode).toBe(404);
    const foreign = await clinician.post('/api/v1/break-glass', { mrn: theirs.mrn, reason: REASON });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(unknown.json());
    const [row] = await t.database.query<{ n: number }>(
      sql`select count(*)::int as n from break_glass_grants where organization_id in (${org.id}::uuid, ${other.id}::uuid)`,
    );
    expect(row?.n).toBe(0);
    expect((await clinician.get(`/api/v1/patients/${p.id}/chart`)).statusCode).toBe(404);
  });

  it('is not needed for a patient already in scope, and roles without the permission cannot break the glass', async () => {
    const org = await setupOrg(t);
    const own = await org.patient();
    const elsewhere = await org.patient({ locationId: org.locations.other });
    const clinician = await org.as('clinician');
    const res = await clinician.post('/api/v1/break-glass', { mrn: own.mrn, reason: REASON });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ patientId: own.id, expiresAt: null, needed: false });
    expect((await (await org.as('director')).get('/api/v1/break-glass')).json().items).toEqual([]);
    // Admissions (pre-admission only) and billing lack the permission outright.
    for (const role of ['admissions', 'billing'] as const) {
      const denied = await (await org.as(role)).post('/api/v1/break-glass', { mrn: elsewhere.mrn, reason: REASON });
      expect(denied.statusCode, role).toBe(403);
    }
    // Peers may, and the grant is theirs alone: the clinician next to them still cannot open the chart.
    expect((await (await org.as('peer')).post('/api/v1/break-glass', { mrn: elsewhere.mrn, reason: REASON })).json().needed).toBe(true);
    expect((await (await org.as('peer')).get(`/api/v1/patients/${elsewhere.id}/chart`)).statusCode).toBe(200);
    expect((await clinician.get(`/api/v1/patients/${elsewhere.id}/chart`)).statusCode).toBe(404);
  });
});
