import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AuditEventView } from '@openiop/core';
import { buildTestApp, setupOrg } from '../../../test/harness';
import { auditHeadSeq, countRows, orgSnapshot } from '../../../test/db-state';

const t = await buildTestApp();

type Event = AuditEventView;

describe('audit trail', () => {
  it('records a chart read with actor, action, patient, resource, client address and user agent', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const read = await clinician.request({
      method: 'GET',
      url: `/api/v1/patients/${p.id}/chart`,
      remoteAddress: '203.0.113.7',
      headers: { 'user-agent': 'ChartReader/1.0 (audit test)' },
    });
    expect(read.statusCode).toBe(200);
    const res = await (await org.as('admin')).get(`/api/v1/admin/audit?patientId=${p.id}&action=chart.open`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Event[];
    expect(items).toHaveLength(1);
    expect(items[0]).toEqual({
      seq: expect.any(Number),
      occurredAt: t.clock.now().toISOString(),
      actorUserId: org.users.clinician.id,
      actorName: expect.stringContaining('clinician'),
      action: 'chart.open',
      patientId: p.id,
      resourceType: 'patient',
      resourceId: p.id,
      ip: '203.0.113.7',
      userAgent: 'ChartReader/1.0 (audit test)',
      breakGlass: false,
    });
  });

  it('records writes: creating and changing a patient, opening an episode, assigning a caseload', async () => {
    const org = await setupOrg(t);
    const director = await org.as('director');
    const created = await director.post('/api/v1/patients', {
      legalGivenName: 'Ada',
      legalFamilyName: 'Audit',
      dateOfBirth: '1980-01-01',
      sexAssignedAtBirth: 'female',
      locationId: org.locations.main,
    });
    const id = created.json().id;
    expect(
      (await director.patch(`/api/v1/patients/${id}`, { pronouns: 'she/her', preferredName: 'Addie' }, { 'if-match': '"1"' })).statusCode,
    ).toBe(200);
    expect(
      (await director.post(`/api/v1/patients/${id}/episodes`, { levelOfCare: '2.1', locationId: org.locations.main })).statusCode,
    ).toBe(201);
    expect((await director.post(`/api/v1/patients/${id}/caseload`, { userId: org.users.peer.id })).statusCode).toBe(201);
    const items = (await (await org.as('admin')).get(`/api/v1/admin/audit?patientId=${id}`)).json().items as Event[];
    const writes = items.filter((e) => e.actorUserId === org.users.director.id).map((e) => [e.action, e.resourceType]);
    expect(writes).toEqual(
      expect.arrayContaining([
        ['patient.create', 'patient'],
        ['patient.update', 'patient'],
        ['episode.open', 'episode'],
        ['caseload.assign', 'caseload'],
      ]),
    );
    // The details say which fields changed, never their values (PHI).
    const [row] = await t.database.query<{ details: unknown }>(
      sql`select details from audit_events where organization_id = ${org.id}::uuid and action = 'patient.update'`,
    );
    expect(row?.details).toEqual({ fields: ['preferredName', 'pronouns'] });
    expect(JSON.stringify(row?.details)).not.toContain('Addie');
  });

  it('a failed write leaves no audit event and no data: duplicate MRN', async () => {
    const org = await setupOrg(t);
    await org.patient({ mrn: 'DUP-001' });
    const admin = await org.as('admin');
    const before = await orgSnapshot(t.database, org.id);
    const res = await admin.post('/api/v1/patients', {
      mrn: 'DUP-001',
      legalGivenName: 'Second',
      legalFamilyName: 'Copy',
      dateOfBirth: '1990-01-01',
      sexAssignedAtBirth: 'male',
      locationId: org.locations.main,
    });
    expect(res.statusCode).toBe(409);
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
  });

  it('the audit write is in the same transaction as the data: when the audit insert fails, the patient is not created', async () => {
    const org = await setupOrg(t);
    const admin = await org.as('admin');
    await admin.get('/api/v1/auth/me');
    const fn = `refuse_audit_${org.id.replace(/-/g, '')}`;
    // A trigger that fails only this organization's audit inserts, so other test files sharing the database are unaffected.
    await t.database.query(
      sql.raw(
        `create function ${fn}() returns trigger language plpgsql as $$ begin if new.organization_id = '${org.id}' then raise exception 'audit store unavailable'; end if; return new; end $$`,
      ),
    );
    await t.database.query(sql.raw(`create trigger ${fn} before insert on audit_events for each row execute function ${fn}()`));
    const headBefore = await auditHeadSeq(t.database, org.id);
    try {
      const res = await admin.post('/api/v1/patients', {
        legalGivenName: 'Never',
        legalFamilyName: 'Written',
        dateOfBirth: '1990-01-01',
        sexAssignedAtBirth: 'male',
        locationId: org.locations.main,
      });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ code: 'INTERNAL' });
      expect(res.body).not.toContain('audit store unavailable');
    } finally {
      await t.database.query(sql.raw(`drop trigger ${fn} on audit_events`));
      await t.database.query(sql.raw(`drop function ${fn}()`));
    }
    expect(await countRows(t.database, 'patients', org.id)).toBe(0);
    expect(await auditHeadSeq(t.database, org.id)).toBe(headBefore);
  });

  it('reading the trail is itself audited', async () => {
    const org = await setupOrg(t);
    const director = await org.as('director');
    await director.get('/api/v1/admin/audit');
    await director.get('/api/v1/admin/audit?format=csv');
    const items = (await director.get(`/api/v1/admin/audit?userId=${org.users.director.id}&action=audit.`)).json().items as Event[];
    expect(items.map((e) => e.action)).toEqual(['audit.export', 'audit.search']);
  });

  it('exports CSV with a header row, quoting and formula neutralising', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const admin = await org.as('admin');
    await admin.request({ method: 'GET', url: `/api/v1/patients/${p.id}/chart`, headers: { 'user-agent': '=HYPERLINK("http://evil")' } });
    const res = await admin.get(`/api/v1/admin/audit?format=csv&patientId=${p.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('attachment');
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,occurredAt,actorUserId,actorName,action,patientId,resourceType,resourceId,ip,userAgent,breakGlass');
    expect(lines).toHaveLength(3); // header, chart.open, patient.create
    expect(lines[1]).toContain('"chart.open"');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[2]).toContain('"patient.create"');
  });

  it('filters by user, patient, action prefix and time window, and pages with a cursor', async () => {
    const org = await setupOrg(t);
    const start = t.clock.now();
    const p1 = await org.patient();
    t.clock.advance(60_000);
    const p2 = await org.patient();
    const clinician = await org.as('clinician');
    const peer = await org.as('peer');
    t.clock.advance(60_000);
    const mid = t.clock.now();
    await clinician.get(`/api/v1/patients/${p1.id}/chart`);
    await peer.get(`/api/v1/patients/${p2.id}/chart`);
    t.clock.advance(60_000);
    await clinician.get(`/api/v1/patients/${p2.id}`);
    const end = t.clock.now();
    const admin = await org.as('admin');
    const q = async (qs: string) => {
      const res = await admin.get(`/api/v1/admin/audit?${qs}`);
      expect(res.statusCode, qs).toBe(200);
      return res.json<{ items: Event[]; nextCursor: string | null }>();
    };
    const actions = (r: { items: Event[] }) => r.items.map((e) => e.action);

    expect(actions(await q(`userId=${org.users.clinician.id}&action=chart.`))).toEqual(['chart.open']);
    expect(actions(await q(`userId=${org.users.clinician.id}&action=patient.read`))).toEqual(['patient.read']);
    expect(actions(await q(`patientId=${p2.id}&action=chart.open`)).length).toBe(1);
    expect((await q(`patientId=${p2.id}&action=chart.open`)).items[0]?.actorUserId).toBe(org.users.peer.id);
    expect(actions(await q(`patientId=${p1.id}`))).toEqual(['chart.open', 'patient.create']);
    // The action filter is a prefix match with LIKE wildcards escaped.
    expect((await q('action=patient_')).items).toEqual([]);
    expect((await q('action=%25')).items).toEqual([]);

    const window = await q(`from=${encodeURIComponent(mid.toISOString())}&to=${encodeURIComponent(mid.toISOString())}`);
    expect(window.items.map((e) => [e.action, e.patientId])).toEqual([
      ['chart.open', p2.id],
      ['chart.open', p1.id],
    ]);
    const early = await q(`to=${encodeURIComponent(start.toISOString())}&action=patient.create`);
    expect(early.items.map((e) => e.patientId)).toEqual([p1.id]);
    expect((await q(`from=${encodeURIComponent(new Date(end.getTime() + 1).toISOString())}&action=patient.`)).items).toEqual([]);

    const pages: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Event[]; nextCursor: string | null } = await q(
        `userId=${org.users.clinician.id}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      pages.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toHaveLength(3); // sign-in, chart.open, patient.read
    expect([...pages].sort((a, b) => b - a)).toEqual(pages);
  });

  it('refuses malformed filters with problem+json', async () => {
    const org = await setupOrg(t);
    const admin = await org.as('admin');
    for (const qs of ['userId=nope', 'from=yesterday', 'format=xml', 'limit=0', 'bogus=1', `patientId=${randomUUID()}x`]) {
      const res = await admin.get(`/api/v1/admin/audit?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
