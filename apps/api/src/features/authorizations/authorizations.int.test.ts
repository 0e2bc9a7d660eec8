import { randomInt, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '@openiop/core';
import { buildTestApp, setupOrg, signIn, type Agent, type TestOrg } from '../../../test/harness';
import { orgSnapshot } from '../../../test/db-state';
import { auditEvents, scheduleWeeks, sessionAttendees, sessionOccurrences } from '../../db/schema/index';
import { seedDemo } from '../../demo/demo';
import { setDemoIdSalt } from '../../demo/random';

// The harness clock: Monday 2026-11-16 07:00 in Los Angeles (the main clinic). Its week starts that day.
const t = await buildTestApp();
const WEEK = '2026-11-16';
const TZ = 'America/Los_Angeles';

async function person(org: TestOrg) {
  const p = await org.patient();
  const director = await org.as('director');
  const ep = await director.post(`/api/v1/patients/${p.id}/episodes`, {
    levelOfCare: '2.1',
    locationId: org.locations.main,
    status: 'active',
    admittedOn: '2026-11-02',
  });
  expect(ep.statusCode, ep.body).toBe(201);
  return p;
}

const auth = (over: Record<string, unknown> = {}) => ({
  payer: 'Cascade Health',
  reference: 'PA-2026-118',
  serviceCodes: ['90834'],
  unitsAuthorized: 2,
  unitsUsed: 0,
  startsOn: '2026-11-01',
  endsOn: '2026-12-31',
  ...over,
});

/** A weekly individual session on Tuesdays at 10:00, six times from 2026-11-17 (a series, as the chart books it). */
const tuesdays = (org: TestOrg) => ({
  kind: 'individual',
  staffId: org.users.clinician.id,
  modality: 'virtual',
  rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6',
  firstDay: '2026-11-17',
  startMinute: 600,
  durationMinutes: 50,
});

const audits = async (org: TestOrg) =>
  (await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.organizationId, org.id))).map(
    (a) => a.action,
  );

describe('authorizations on the chart', () => {
  it('billing adds and edits one (If-Match); units used, scheduled and left follow the booked sessions; audited', async () => {
    const org = await setupOrg(t);
    const p = await person(org);
    const billing = await org.as('billing');
    const clinician = await org.as('clinician');
    const base = `/api/v1/patients/${p.id}/authorizations`;

    expect((await billing.get(base)).json()).toEqual({ items: [] });
    const created = await billing.post(base, auth({ serviceCodes: ['90834', '90834'], unitsUsed: 1, unitsAuthorized: 5 }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.json()).toMatchObject({
      serviceCodes: ['90834'],
      unitsAuthorized: 5,
      unitsRecorded: 1,
      unitsUsed: 1,
      unitsScheduled: 0,
      unitsLeft: 4,
      status: 'current',
      warnings: [],
    });
    const id = created.json().id as string;

    // The clinician books six weekly sessions: the series' answer warns (4 left, 6 scheduled) but books them all.
    const series = await clinician.post(`/api/v1/patients/${p.id}/series`, tuesdays(org));
    expect(series.statusCode, series.body).toBe(201);
    expect(series.json().upcoming).toBe(6);
    expect(series.json().authorizationWarnings).toEqual(['Cascade Health: 4 units left, 6 scheduled']);
    const listed = (await billing.get(base)).json().items[0];
    expect(listed).toMatchObject({
      unitsUsed: 1,
      unitsScheduled: 6,
      unitsLeft: 4,
      warnings: ['Cascade Health: 4 units left, 6 scheduled'],
    });

    // A week later the first session is in the past: used, not scheduled.
    t.clock.set(new Date('2026-11-23T15:00:00Z'));
    try {
      const nextWeek = await signIn(t.app, org.users.billing.email);
      expect((await nextWeek.get(`${base}/${id}`)).json()).toMatchObject({ unitsUsed: 2, unitsScheduled: 5, unitsLeft: 3 });
    } finally {
      t.clock.set(new Date('2026-11-16T15:00:00Z'));
    }

    expect((await billing.patch(`${base}/${id}`, { unitsAuthorized: 8 })).statusCode).toBe(428);
    expect((await billing.patch(`${base}/${id}`, { unitsAuthorized: 8 }, { 'if-match': '"7"' })).statusCode).toBe(412);
    const edited = await billing.patch(`${base}/${id}`, { unitsAuthorized: 8, reference: 'PA-2026-118B' }, { 'if-match': '"1"' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.headers.etag).toBe('"2"');
    expect(edited.json()).toMatchObject({ reference: 'PA-2026-118B', unitsLeft: 7, unitsScheduled: 6, warnings: [] });

    // Ending it early: the sessions after its end are past it.
    const shortened = await billing.patch(`${base}/${id}`, { endsOn: '2026-12-01' }, { 'if-match': '"2"' });
    expect(shortened.json()).toMatchObject({
      unitsScheduled: 3,
      warnings: ["Cascade Health: past the authorization's end (ends 2026-12-01)"],
    });

    const director = await org.as('director');
    const second = await director.post(
      base,
      auth({ reference: 'PA-2', serviceCodes: [], unitsAuthorized: null, startsOn: '2027-01-01', endsOn: '2027-03-31' }),
    );
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ status: 'upcoming', unitsLeft: null });
    expect((await clinician.get(base)).json().items.map((a: { reference: string }) => a.reference)).toEqual(['PA-2', 'PA-2026-118B']);

    const actions = await audits(org);
    for (const a of ['authorization.create', 'authorization.update', 'authorization.list', 'authorization.read'])
      expect(actions).toContain(a);
  });

  it('refuses bad dates and units naming the field, 403 without the permission, 404 out of scope, and writes nothing', async () => {
    const org = await setupOrg(t);
    const other = await setupOrg(t);
    const p = await person(org);
    const billing = await org.as('billing');
    const base = `/api/v1/patients/${p.id}/authorizations`;
    const made = (await billing.post(base, auth())).json();
    // Every agent signs in first (signing in writes its own session and audit event).
    const clinician = await org.as('clinician');
    const peer = await org.as('peer');
    const agents: Agent[] = [await other.as('billing'), await org.as('otherClinician')];
    const before = await orgSnapshot(t.database, org.id);

    const cases: [Record<string, unknown>, string][] = [
      [auth({ startsOn: '2026-12-31', endsOn: '2026-12-01' }), 'endsOn'],
      [auth({ unitsAuthorized: -1 }), 'unitsAuthorized'],
      [auth({ unitsUsed: 1.5 }), 'unitsUsed'],
      [auth({ serviceCodes: ['H15'] }), 'serviceCodes.0'],
      [auth({ payer: '' }), 'payer'],
      [auth({ startsOn: '2026-02-30' }), 'startsOn'],
    ];
    for (const [body, path] of cases) {
      const res = await billing.post(base, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const backwards = await billing.patch(`${base}/${made.id}`, { endsOn: '2026-10-01' }, { 'if-match': '"1"' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].path).toBe('endsOn');
    const lateStart = await billing.patch(`${base}/${made.id}`, { startsOn: '2027-02-01' }, { 'if-match': '"1"' });
    expect(lateStart.statusCode).toBe(400);
    expect(lateStart.json().errors[0].path).toBe('startsOn');

    expect((await clinician.post(base, auth())).statusCode).toBe(403);
    expect((await clinician.patch(`${base}/${made.id}`, { unitsUsed: 1 }, { 'if-match': '"1"' })).statusCode).toBe(403);
    expect((await peer.get(base)).statusCode).toBe(403);
    for (const a of agents) {
      expect((await a.get(base)).statusCode).toBe(404);
      expect((await a.get(`${base}/${made.id}`)).statusCode).toBe(404);
    }
    expect((await (await other.as('billing')).post(base, auth())).statusCode).toBe(404);
    expect((await billing.get(`${base}/${randomUUID()}`)).statusCode).toBe(404);
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
  });
});

/** A planned week with one individual session for the person on Wednesday 10:00, and a group on Friday 09:00. */
async function plannedWeek(org: TestOrg, patientId: string) {
  const db = t.database.db;
  const clinician = await org.as('clinician');
  const put = (url: string, payload: unknown) =>
    clinician.request({ method: 'PUT', url, payload: payload as Record<string, unknown>, headers: { 'if-match': '"0"' } });
  const hours = await put(`/api/v1/staff/${org.users.clinician.id}/schedule`, {
    hours: [0, 1, 2, 3, 4].map((weekday) => ({ locationId: org.locations.main, weekday, start: 480, end: 1080 })),
    caseloadCap: null,
    weeklySessionCap: null,
  });
  expect(hours.statusCode, hours.body).toBe(200);
  const windows = await put(`/api/v1/patients/${patientId}/availability`, {
    windows: [0, 1, 2, 3, 4].map((weekday) => ({ weekday, start: 480, end: 1080 })),
    preferences: {
      phaseId: null,
      phaseStartedOn: null,
      perDiem: false,
      preferredTrackIds: [],
      modality: 'any',
      preferredDays: [],
      constraintsNote: '',
    },
  });
  expect(windows.statusCode, windows.body).toBe(200);
  const [week] = await db
    .insert(scheduleWeeks)
    .values({ organizationId: org.id, locationId: org.locations.main, weekStart: WEEK })
    .returning();
  const occurrence = (kind: 'individual' | 'group', day: string, start: number, minutes: number) => ({
    organizationId: org.id,
    locationId: org.locations.main,
    weekId: week?.id as string,
    kind,
    title: kind === 'group' ? 'Coping skills' : 'Individual session',
    day,
    startMinute: start,
    endMinute: start + minutes,
    startsAt: zonedInstant(day, start, TZ),
    endsAt: zonedInstant(day, start + minutes, TZ),
    modality: 'virtual' as const,
    capacity: kind === 'group' ? 12 : 1,
    staffId: org.users.clinician.id,
    status: 'draft' as const,
  });
  const [individual, group] = await db
    .insert(sessionOccurrences)
    .values([occurrence('individual', '2026-11-18', 600, 50), occurrence('group', '2026-11-20', 540, 90)])
    .returning();
  await db.insert(sessionAttendees).values({ organizationId: org.id, occurrenceId: individual?.id as string, patientId, source: 'manual' });
  return { individual: individual?.id as string, group: group?.id as string, version: week?.version as number };
}

describe('authorizations in the schedule', () => {
  it('the week warns per person, a move or a seat past the end warns in its dry run, and the move still saves', async () => {
    const org = await setupOrg(t);
    const p = await person(org);
    const billing = await org.as('billing');
    const director = await org.as('director');
    const url = `/api/v1/locations/${org.locations.main}/schedule/${WEEK}`;
    // Covers every service until Thursday.
    const a = await billing.post(
      `/api/v1/patients/${p.id}/authorizations`,
      auth({ serviceCodes: [], unitsAuthorized: null, endsOn: '2026-11-19' }),
    );
    expect(a.statusCode, a.body).toBe(201);
    const w = await plannedWeek(org, p.id);

    const clean = (await director.get(url)).json();
    expect(clean.people.find((x: { patientId: string }) => x.patientId === p.id).authorizationWarnings).toEqual([]);

    const move = { day: '2026-11-20', startMinute: 660, dryRun: true };
    const check = await director.post(`/api/v1/schedule/occurrences/${w.individual}/move`, move);
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json()).toMatchObject({
      ok: true,
      problems: [],
      warnings: [
        {
          patientId: p.id,
          kind: 'ended',
          authorizationId: a.json().id,
          message: "Cascade Health: past the authorization's end (ends 2026-11-19)",
        },
      ],
    });
    // Within its dates: nothing to say.
    const inside = await director.post(`/api/v1/schedule/occurrences/${w.individual}/move`, { ...move, day: '2026-11-19' });
    expect(inside.json()).toMatchObject({ ok: true, warnings: [] });

    const seat = await director.post(`/api/v1/schedule/occurrences/${w.group}/attendees`, { patientId: p.id, dryRun: true });
    expect(seat.statusCode, seat.body).toBe(200);
    expect(seat.json().warnings.map((x: { message: string }) => x.message)).toEqual([
      "Cascade Health: past the authorization's end (ends 2026-11-19)",
    ]);
    // A dry run saves nothing.
    const seats = await t.database.db
      .select({ id: sessionAttendees.id })
      .from(sessionAttendees)
      .where(and(eq(sessionAttendees.organizationId, org.id), eq(sessionAttendees.occurrenceId, w.group)));
    expect(seats).toEqual([]);

    // Warnings are not refusals: the move saves, and the week then says so for the person.
    const saved = await director.post(
      `/api/v1/schedule/occurrences/${w.individual}/move`,
      { day: '2026-11-20', startMinute: 660 },
      { 'if-match': `"${w.version}"` },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const row = saved.json().people.find((x: { patientId: string }) => x.patientId === p.id);
    expect(row.authorizationWarnings).toEqual([
      { kind: 'ended', authorizationId: a.json().id, message: "Cascade Health: past the authorization's end (ends 2026-11-19)" },
    ]);
  });

  it('the week shows units left against units scheduled, only to those who may read authorizations', async () => {
    const org = await setupOrg(t);
    const p = await person(org);
    const billing = await org.as('billing');
    const clinician = await org.as('clinician');
    expect((await billing.post(`/api/v1/patients/${p.id}/authorizations`, auth({ unitsAuthorized: 2 }))).statusCode).toBe(201);
    expect((await clinician.post(`/api/v1/patients/${p.id}/series`, tuesdays(org))).statusCode).toBe(201);
    const week = (await clinician.get(`/api/v1/locations/${org.locations.main}/schedule/${WEEK}`)).json();
    const row = week.people.find((x: { patientId: string }) => x.patientId === p.id);
    expect(row.authorizationWarnings.map((x: { message: string }) => x.message)).toEqual(['Cascade Health: 2 units left, 6 scheduled']);
    // The week after the authorization's units are gone still warns (its sessions are still ahead).
    const later = (await clinician.get(`/api/v1/locations/${org.locations.main}/schedule/2026-12-07`)).json();
    expect(later.people.find((x: { patientId: string }) => x.patientId === p.id).authorizationWarnings).toHaveLength(1);
    // A week with none of its sessions: nothing.
    const after = (await clinician.get(`/api/v1/locations/${org.locations.main}/schedule/2027-01-04`)).json();
    expect(after.people.find((x: { patientId: string }) => x.patientId === p.id).authorizationWarnings).toEqual([]);
  });
});

describe('demo authorizations', () => {
  it('each location has one nearly used up and one ending this week, every one within its dates and units', async () => {
    const domain = `auth-${randomUUID().slice(0, 8)}.demo.test`;
    setDemoIdSalt(randomInt(1, 2 ** 31));
    await seedDemo(t.database.db, { patients: 60, now: t.clock.now(), domain });
    const rows = await t.database.query<{
      location: string;
      unitsAuthorized: number;
      unitsUsed: number;
      startsOn: string;
      endsOn: string;
    }>(sql`
      select l.name as location, a.units_authorized as "unitsAuthorized", a.units_used as "unitsUsed",
        a.starts_on::text as "startsOn", a.ends_on::text as "endsOn"
      from service_authorizations a join patients p on p.id = a.patient_id
      join episodes e on e.id = p.current_episode_id join locations l on l.id = e.location_id
      join users u on u.organization_id = a.organization_id and u.email = ${`director@${domain}`}`);
    expect(rows.length).toBeGreaterThan(4);
    const friday = '2026-11-20';
    for (const location of ['Riverbend Portland', 'Riverbend Denver']) {
      const here = rows.filter((r) => r.location === location);
      expect(here.some((r) => r.unitsAuthorized - r.unitsUsed <= 2)).toBe(true);
      expect(here.some((r) => r.endsOn === friday)).toBe(true);
    }
    for (const r of rows) {
      expect(r.startsOn <= r.endsOn).toBe(true);
      expect(r.unitsUsed).toBeLessThan(r.unitsAuthorized);
    }
  });
});
