import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp, setupOrg, type TestOrg } from '../../../test/harness';
import { auditEvents, closures, rooms, sessionOccurrences } from '../../db/schema/index';

// The harness clock: Monday 2026-11-16 07:00 in Los Angeles (the main clinic).
const t = await buildTestApp();

async function room(org: TestOrg, name = 'Room 2'): Promise<string> {
  const id = randomUUID();
  await t.database.db.insert(rooms).values({ id, organizationId: org.id, locationId: org.locations.main, name, capacity: 4 });
  return id;
}

const weekly = (org: TestOrg, roomId: string, extra: Record<string, unknown> = {}) => ({
  kind: 'individual',
  staffId: org.users.clinician.id,
  modality: 'in_person',
  roomId,
  rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6',
  firstDay: '2026-11-17',
  startMinute: 600,
  durationMinutes: 50,
  ...extra,
});

async function world() {
  const org = await setupOrg(t);
  const p = await org.patient();
  const clinician = await org.as('clinician');
  const roomId = await room(org);
  return { org, p, clinician, roomId };
}

const audits = (org: TestOrg, action: string) =>
  t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, action)));

describe('recurring series', () => {
  it('expands a weekly series into scheduled occurrences at 10:00 local with the person on each roster, audited', async () => {
    const { org, p, clinician, roomId } = await world();
    const res = await clinician.post(`/api/v1/patients/${p.id}/series`, weekly(org, roomId));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toMatchObject({
      title: 'Individual session',
      upcoming: 6,
      roomName: 'Room 2',
      rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6',
    });
    const overview = (await clinician.get(`/api/v1/patients/${p.id}/sessions`)).json();
    expect(overview.upcoming.map((o: { day: string }) => o.day)).toEqual([
      '2026-11-17',
      '2026-11-24',
      '2026-12-01',
      '2026-12-08',
      '2026-12-15',
      '2026-12-22',
    ]);
    expect(overview.upcoming[0]).toMatchObject({
      startsAt: '2026-11-17T18:00:00.000Z',
      endsAt: '2026-11-17T18:50:00.000Z',
      status: 'scheduled',
    });
    expect(overview.series).toHaveLength(1);
    const [created] = await audits(org, 'session_series.create');
    expect(created).toMatchObject({ patientId: p.id, details: { kind: 'individual', occurrences: 6 } });
    expect(await audits(org, 'sessions.read')).toHaveLength(1);
  });

  it("offers the staff and rooms at the person's location and the clinic's today", async () => {
    const { org, p, clinician, roomId } = await world();
    const res = await clinician.get(`/api/v1/patients/${p.id}/series-options`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ timeZone: 'America/Los_Angeles', today: '2026-11-16', rooms: [{ id: roomId, name: 'Room 2' }] });
    expect(body.staff.map((s: { id: string }) => s.id)).toContain(org.users.clinician.id);
    expect(body.staff.map((s: { id: string }) => s.id)).not.toContain(org.users.otherClinician.id);
  });

  it('a family session defaults its title; a video session keeps its join link and has no room', async () => {
    const { org, p, clinician } = await world();
    const res = await clinician.post(`/api/v1/patients/${p.id}/series`, {
      ...weekly(org, ''),
      kind: 'family',
      modality: 'virtual',
      roomId: null,
      videoUrl: 'https://video.example.test/r/fam',
      rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=2',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().title).toBe('Family session');
    const upcoming = (await clinician.get(`/api/v1/patients/${p.id}/sessions`)).json().upcoming;
    expect(upcoming.map((o: { day: string }) => o.day)).toEqual(['2026-11-17', '2026-12-01']);
    expect(upcoming[0]).toMatchObject({ modality: 'virtual', videoUrl: 'https://video.example.test/r/fam', roomName: null });
  });

  it.each([
    [{ rrule: 'FREQ=MONTHLY' }, 'rrule', 'rrule: unsupported FREQ=MONTHLY (DAILY or WEEKLY)'],
    [{ firstDay: '2026-11-18' }, 'firstDay', 'firstDay falls on WE, which BYDAY does not include'],
    [{ roomId: null }, 'roomId', 'an in-person session needs a room'],
    [{ firstDay: '2026-11-10', rrule: 'FREQ=WEEKLY;COUNT=2' }, 'firstDay', 'must be today or later'],
    [{ staffId: randomUUID() }, 'staffId', 'is not an active staff member'],
    [{ roomId: randomUUID() }, 'roomId', "is not an active room at the person's location"],
  ])('refuses %j naming %s, writing nothing', async (change, path, message) => {
    const { org, p, clinician, roomId } = await world();
    const res = await clinician.post(`/api/v1/patients/${p.id}/series`, weekly(org, roomId, change));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toContainEqual({ path, message });
    const [n] = await t.database.query<{ n: number }>(
      sql`select count(*)::int as n from session_occurrences where organization_id = ${org.id}`,
    );
    expect(n?.n).toBe(0);
  });

  it('refuses a double booking of the person, the staff member or the room with the clashing times and no names', async () => {
    const { org, p, clinician, roomId } = await world();
    expect((await clinician.post(`/api/v1/patients/${p.id}/series`, weekly(org, roomId))).statusCode).toBe(201);
    const other = await org.patient({ legalGivenName: 'Secretname' });
    // Same person, another staff member and room, overlapping by 20 minutes on one week only.
    const otherRoom = await room(org, 'Room 3');
    const person = await clinician.post(
      `/api/v1/patients/${p.id}/series`,
      weekly(org, otherRoom, { staffId: org.users.medical.id, rrule: 'FREQ=DAILY;COUNT=1', firstDay: '2026-11-24', startMinute: 630 }),
    );
    expect(person.statusCode, person.body).toBe(409);
    expect(person.json().conflicts).toEqual([
      { day: '2026-11-24', startsAt: '2026-11-24T18:30:00.000Z', endsAt: '2026-11-24T19:20:00.000Z', with: 'person' },
    ]);
    expect(person.json().errors).toEqual([
      { path: 'conflicts.0', message: '2026-11-24 10:30–11:20: the person already has a session then' },
    ]);
    // Another person with the same staff member: every Tuesday clashes on staff (and room).
    const staff = await clinician.post(`/api/v1/patients/${other.id}/series`, weekly(org, otherRoom, { rrule: 'FREQ=WEEKLY;COUNT=2' }));
    expect(staff.statusCode).toBe(409);
    expect(staff.json().conflicts.map((c: { with: string }) => c.with)).toEqual(['staff', 'staff']);
    const roomClash = await clinician.post(
      `/api/v1/patients/${other.id}/series`,
      weekly(org, roomId, { staffId: org.users.medical.id, rrule: 'FREQ=WEEKLY;COUNT=1' }),
    );
    expect(roomClash.json().conflicts).toEqual([
      { day: '2026-11-17', startsAt: '2026-11-17T18:00:00.000Z', endsAt: '2026-11-17T18:50:00.000Z', with: 'room' },
    ]);
    expect(staff.body + roomClash.body + person.body).not.toContain('Secretname');
    expect(staff.body).not.toContain(p.id);
    // Back to back is not a clash.
    const next = await clinician.post(
      `/api/v1/patients/${other.id}/series`,
      weekly(org, roomId, { startMinute: 650, rrule: 'FREQ=WEEKLY;COUNT=1' }),
    );
    expect(next.statusCode, next.body).toBe(201);
  });

  it('refuses a series that lands on a closure', async () => {
    const { org, p, clinician, roomId } = await world();
    await t.database.db.insert(closures).values({ organizationId: org.id, locationId: null, day: '2026-11-24', name: 'Thanksgiving week' });
    const res = await clinician.post(`/api/v1/patients/${p.id}/series`, weekly(org, roomId));
    expect(res.statusCode).toBe(409);
    expect(res.json().conflicts).toEqual([
      { day: '2026-11-24', startsAt: '2026-11-24T18:00:00.000Z', endsAt: '2026-11-24T18:50:00.000Z', with: 'closure' },
    ]);
  });

  it('skips one date (If-Match) and ends the series, cancelling what is ahead', async () => {
    const { org, p, clinician, roomId } = await world();
    const created = (await clinician.post(`/api/v1/patients/${p.id}/series`, weekly(org, roomId))).json();
    const url = `/api/v1/patients/${p.id}/series/${created.id}`;
    expect((await clinician.post(`${url}/exceptions`, { day: '2026-11-24' })).statusCode).toBe(428);
    const skip = await clinician.post(`${url}/exceptions`, { day: '2026-11-24' }, { 'if-match': '"1"' });
    expect(skip.statusCode, skip.body).toBe(200);
    expect(skip.json()).toMatchObject({ exceptDays: ['2026-11-24'], upcoming: 5, version: 2 });
    expect((await clinician.post(`${url}/exceptions`, { day: '2026-11-25' }, { 'if-match': '"2"' })).json().errors).toEqual([
      { path: 'day', message: 'is not a date this series has a session on' },
    ]);
    expect((await clinician.post(`${url}/end`, {}, { 'if-match': '"1"' })).statusCode).toBe(412);
    const days = (await clinician.get(`/api/v1/patients/${p.id}/sessions`)).json().upcoming.map((o: { day: string }) => o.day);
    expect(days).not.toContain('2026-11-24');
    const end = await clinician.post(`${url}/end`, { fromDay: '2026-12-08' }, { 'if-match': '"2"' });
    expect(end.statusCode, end.body).toBe(200);
    expect(end.json().upcoming).toBe(2);
    const statuses = await t.database.db
      .select({ day: sessionOccurrences.day, status: sessionOccurrences.status })
      .from(sessionOccurrences)
      .where(eq(sessionOccurrences.seriesId, created.id))
      .orderBy(sessionOccurrences.day);
    expect(statuses.map((s) => `${s.day} ${s.status}`)).toEqual([
      '2026-11-17 scheduled',
      '2026-11-24 cancelled',
      '2026-12-01 scheduled',
      '2026-12-08 cancelled',
      '2026-12-15 cancelled',
      '2026-12-22 cancelled',
    ]);
    expect(await audits(org, 'session_series.skip')).toHaveLength(1);
    expect(await audits(org, 'session_series.end')).toHaveLength(1);
  });

  it('another organization or an out-of-scope person is 404; roles without schedule.move are refused', async () => {
    const { org, p, roomId } = await world();
    const stranger = await (await setupOrg(t)).as('clinician');
    expect((await stranger.post(`/api/v1/patients/${p.id}/series`, weekly(org, roomId))).statusCode).toBe(404);
    expect((await stranger.get(`/api/v1/patients/${p.id}/sessions`)).statusCode).toBe(404);
    const billing = await org.as('billing');
    expect((await billing.post(`/api/v1/patients/${p.id}/series`, weekly(org, roomId))).statusCode).toBe(403);
  });
});
