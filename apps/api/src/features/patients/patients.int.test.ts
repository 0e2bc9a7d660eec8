import { describe, expect, it } from 'vitest';
import { buildTestApp, setupOrg } from '../../../test/harness';

const t = await buildTestApp();

describe('patients', () => {
  it('creates a patient, finds them by name, MRN and date of birth, and opens the chart', async () => {
    const org = await setupOrg(t);
    const clinician = await org.as('clinician');
    const created = await clinician.post('/api/v1/patients', {
      legalGivenName: 'Rowena',
      legalFamilyName: 'Quist',
      preferredName: 'Ro',
      pronouns: 'she/her',
      dateOfBirth: '1988-02-29',
      sexAssignedAtBirth: 'female',
      locationId: org.locations.main,
      phone: '+1 503 555 0199',
    });
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p.mrn).toMatch(/^IOP-\d+$/);
    expect(created.headers.etag).toBe('"1"');

    for (const q of ['quis', 'ro qu', p.mrn, '1988-02-29', '02/29/1988']) {
      const res = await clinician.get(`/api/v1/patients?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
      expect(
        res.json().items.map((i: { id: string }) => i.id),
        q,
      ).toContain(p.id);
    }
    const chart = await clinician.get(`/api/v1/patients/${p.id}/chart`);
    expect(chart.statusCode).toBe(200);
    expect(chart.json()).toMatchObject({ age: 38, episode: null, access: { breakGlass: false } });
  });

  it('pages through a long list with a cursor and never repeats a patient', async () => {
    const org = await setupOrg(t);
    for (let i = 0; i < 7; i += 1) await org.patient();
    const admin = await org.as('admin');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin.get(`/api/v1/patients?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json<{ items: { id: string }[]; nextCursor: string | null }>();
      seen.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('updates only with a current ETag: stale writes get 412, missing If-Match 428', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const admin = await org.as('admin');
    const url = `/api/v1/patients/${p.id}`;
    expect((await admin.patch(url, { pronouns: 'they/them' })).statusCode).toBe(428);
    const ok = await admin.patch(url, { pronouns: 'they/them' }, { 'if-match': '"1"' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await admin.patch(url, { pronouns: 'he/him' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('PRECONDITION_FAILED');
    expect((await admin.get(url)).json().pronouns).toBe('they/them');
  });

  it('rejects unknown and malformed fields with problem+json naming each field, and writes nothing', async () => {
    const org = await setupOrg(t);
    const admin = await org.as('admin');
    const res = await admin.post('/api/v1/patients', {
      legalGivenName: '',
      dateOfBirth: '1990-02-30',
      sexAssignedAtBirth: 'x',
      locationId: org.locations.main,
      ssn: '1',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const paths = (res.json().errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['legalGivenName', 'legalFamilyName', 'dateOfBirth', 'sexAssignedAtBirth', 'ssn']));
    expect((await admin.get('/api/v1/patients')).json().items).toHaveLength(0);
  });

  it('refuses a duplicate MRN on the mrn field', async () => {
    const org = await setupOrg(t);
    await org.patient({ mrn: 'ABC-123' });
    const admin = await org.as('admin');
    const res = await admin.post('/api/v1/patients', {
      mrn: 'ABC-123',
      legalGivenName: 'A',
      legalFamilyName: 'B',
      dateOfBirth: '1990-01-01',
      sexAssignedAtBirth: 'male',
      locationId: org.locations.main,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toEqual([{ path: 'mrn', message: 'is already in use' }]);
  });

  it('replays a POST with the same Idempotency-Key instead of creating twice', async () => {
    const org = await setupOrg(t);
    const admin = await org.as('admin');
    const body = {
      legalGivenName: 'Ida',
      legalFamilyName: 'Empotent',
      dateOfBirth: '1970-01-01',
      sexAssignedAtBirth: 'female',
      locationId: org.locations.main,
    };
    const first = await admin.post('/api/v1/patients', body, { 'idempotency-key': 'key-00000001' });
    const again = await admin.post('/api/v1/patients', body, { 'idempotency-key': 'key-00000001' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const other = await admin.post('/api/v1/patients', { ...body, legalGivenName: 'Other' }, { 'idempotency-key': 'key-00000001' });
    expect(other.statusCode).toBe(422);
    expect((await admin.get('/api/v1/patients')).json().items).toHaveLength(1);
  });

  it('opening an active episode admits the patient; the chart header shows level, clinician and dates', async () => {
    const org = await setupOrg(t);
    const p = await org.patient({ dateOfBirth: '2000-11-17' });
    const director = await org.as('director');
    const opened = await director.post(`/api/v1/patients/${p.id}/episodes`, {
      levelOfCare: '2.1',
      locationId: org.locations.main,
      primaryClinicianId: org.users.clinician.id,
      status: 'active',
      admittedOn: '2026-11-02',
    });
    expect(opened.statusCode).toBe(201);
    const again = await director.post(`/api/v1/patients/${p.id}/episodes`, { levelOfCare: '2.5', locationId: org.locations.main });
    expect(again.statusCode).toBe(409);
    const chart = (await director.get(`/api/v1/patients/${p.id}/chart`)).json();
    // 2026-11-16 15:00Z is 07:00 in Los Angeles: the day before the 26th birthday.
    expect(chart.age).toBe(25);
    expect(chart.patient.careStatus).toBe('active');
    expect(chart.episode).toMatchObject({ status: 'active', levelOfCare: '2.1', admittedOn: '2026-11-02', locationName: 'Main clinic' });
    expect(chart.episode.primaryClinician.id).toBe(org.users.clinician.id);
    const caseload = (await director.get(`/api/v1/patients/${p.id}/caseload`)).json();
    expect(caseload.items.map((c: { userId: string }) => c.userId)).toEqual([org.users.clinician.id]);
  });
  it('filters by clinician, status and location before cutting the page; each row carries its location and clinician', async () => {
    const org = await setupOrg(t);
    const director = await org.as('director');
    // Six patients with one family name, in mixed case so search order (lower-cased) and input order differ.
    const names = ['delta', 'Alpha', 'charlie', 'Bravo', 'echo', 'Foxtrot'];
    const made: Record<string, string> = {};
    for (const [i, given] of names.entries()) {
      const p = await org.patient({
        legalGivenName: given,
        legalFamilyName: 'Zephyrine',
        locationId: i === 5 ? org.locations.other : org.locations.main,
      });
      made[given] = p.id;
    }
    // Alpha, charlie and echo are admitted with the clinician; Bravo with the other clinician; delta and Foxtrot never.
    for (const [given, clinician] of [
      ['Alpha', org.users.clinician.id],
      ['charlie', org.users.clinician.id],
      ['echo', org.users.clinician.id],
      ['Bravo', org.users.otherClinician.id],
    ] as const) {
      const res = await director.post(`/api/v1/patients/${made[given]}/episodes`, {
        levelOfCare: '2.1',
        locationId: org.locations.main,
        primaryClinicianId: clinician,
        status: 'active',
        admittedOn: '2026-11-02',
      });
      expect(res.statusCode, given).toBe(201);
    }
    type Item = {
      id: string;
      legalGivenName: string;
      locationName: string;
      levelOfCare: string | null;
      primaryClinician: { id: string } | null;
    };
    const all = async (query: string) => {
      const out: Item[] = [];
      let cursor: string | null = null;
      do {
        const res = await director.get(`/api/v1/patients?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode, query).toBe(200);
        const body = res.json<{ items: Item[]; nextCursor: string | null }>();
        expect(body.items.length).toBeLessThanOrEqual(2);
        out.push(...body.items);
        cursor = body.nextCursor;
      } while (cursor);
      return out;
    };
    const given = (items: Item[]) => items.map((i) => i.legalGivenName);
    expect(given(await all('q=zephyr'))).toEqual(['Alpha', 'Bravo', 'charlie', 'delta', 'echo', 'Foxtrot']);
    const theirs = await all(`q=zephyr&clinicianId=${org.users.clinician.id}`);
    expect(given(theirs)).toEqual(['Alpha', 'charlie', 'echo']);
    for (const item of theirs)
      expect(item).toMatchObject({ levelOfCare: '2.1', locationName: 'Main clinic', primaryClinician: { id: org.users.clinician.id } });
    expect(given(await all(`clinicianId=${org.users.otherClinician.id}`))).toEqual(['Bravo']);
    expect(given(await all('q=zephyr&status=active'))).toEqual(['Alpha', 'Bravo', 'charlie', 'echo']);
    const elsewhere = await all(`q=zephyr&locationId=${org.locations.other}`);
    expect(given(elsewhere)).toEqual(['Foxtrot']);
    expect(elsewhere[0]).toMatchObject({ levelOfCare: null, primaryClinician: null });
    expect(elsewhere[0]?.locationName).toBe('Other clinic');
    // The clinician sees only the main location's five, in the same order.
    const clinician = await org.as('clinician');
    const seen = (await clinician.get('/api/v1/patients?q=zephyr&limit=25')).json<{ items: Item[] }>();
    expect(given(seen.items)).toEqual(['Alpha', 'Bravo', 'charlie', 'delta', 'echo']);
  });
});
