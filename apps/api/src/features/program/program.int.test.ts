import { and, eq, like } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, patientSchedulePrefs, rooms } from '../../db/schema/index';
import { orgSnapshot } from '../../../test/db-state';
import { buildTestApp, setupOrg, type Agent, type TestOrg } from '../../../test/harness';

const t = await buildTestApp();
const db = t.database.db;
const NOW = new Date('2026-11-16T15:00:00Z'); // Monday 16 November, 07:00 in Los Angeles
beforeEach(() => t.clock.set(NOW));

const base = (org: TestOrg, loc = org.locations.main) => `/api/v1/locations/${loc}`;
const put = (a: Agent, url: string, payload: object, headers: Record<string, string> = {}) =>
  a.request({ method: 'PUT', url, payload, headers });
const fieldsOf = (body: string) => (JSON.parse(body) as { errors: { path: string; message: string }[] }).errors;

/** A location with the default phases, an in-person morning track with a 14-seat room, and a virtual evening track. */
async function world() {
  const org = await setupOrg(t);
  const director = await org.as('director');
  const url = base(org);
  expect((await director.post(`${url}/program/defaults`, {})).statusCode).toBe(201);
  const room = (await director.post(`${url}/rooms`, { name: 'Group room A', capacity: 14 })).json<{ id: string; version: number }>();
  const morning = (await director.post(`${url}/tracks`, { name: 'Morning', kind: 'morning', modality: 'in_person' })).json<{
    id: string;
  }>();
  const evening = (await director.post(`${url}/tracks`, { name: 'Evening virtual', kind: 'evening', modality: 'virtual' })).json<{
    id: string;
  }>();
  return { org, director, url, room, morning, evening };
}

const group = (trackId: string, roomId: string | null, extra: Record<string, unknown> = {}) => ({
  trackId,
  topic: 'Relapse prevention',
  curriculum: 'Living in Balance',
  weekday: 0,
  startMinute: 9 * 60,
  durationMinutes: 180,
  roomId,
  ...extra,
});

describe('the program structure of a location', () => {
  it('applies the default program once, and returns the whole structure in one call', async () => {
    const { org, director, url, room, morning } = await world();
    const again = await director.post(`${url}/program/defaults`, {});
    expect(again.statusCode).toBe(409);
    expect(fieldsOf(again.body)[0]?.path).toBe('phases');

    const created = await director.post(`${url}/group-templates`, group(morning.id, room.id, { credential: '' }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.json()).toMatchObject({ capacity: 12, minToRun: 3, credential: null, facilitatorId: null, active: true });
    await director.post(`${url}/closures`, { day: '2026-11-26', name: 'Thanksgiving', scope: 'organization' });
    await director.post(`${url}/closures`, { day: '2026-12-24', name: 'Christmas Eve' });
    await director.post(`${base(org, org.locations.other)}/closures`, { day: '2026-12-01', name: 'Other clinic inspection' });

    const peer = await org.as('peer');
    const res = await peer.get(`${url}/program`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.location).toMatchObject({ id: org.locations.main, timeZone: 'America/Los_Angeles' });
    expect(
      p.phases.map((x: { weeklyHours: number; daysPerWeek: number; stepDown: boolean }) => [x.weeklyHours, x.daysPerWeek, x.stepDown]),
    ).toEqual([
      [12, 4, false],
      [9, 3, false],
      [6, 2, true],
    ]);
    expect(p.tracks.map((x: { name: string }) => x.name)).toEqual(['Evening virtual', 'Morning']);
    expect(p.templates).toHaveLength(1);
    expect(p.closures.map((c: { name: string }) => c.name)).toEqual(['Thanksgiving', 'Christmas Eve']);
    expect(p.settings).toEqual({
      locationId: org.locations.main,
      individualMinutes: 50,
      individualEveryWeeks: 1,
      familyMinutes: 50,
      familyEveryWeeks: 2,
      collectionSlots: [],
      reminderOffsetsMinutes: [1440, 120],
      version: 0,
    });
    const ranged = await peer.get(`${url}/closures?from=2026-12-01&to=2026-12-31`);
    expect(ranged.json().items.map((c: { name: string }) => c.name)).toEqual(['Christmas Eve']);
    const backwards = await peer.get(`${url}/closures?from=2026-12-31&to=2026-12-01`);
    expect(backwards.statusCode).toBe(400);
    expect(fieldsOf(backwards.body)[0]?.path).toBe('to');

    const trail = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), like(auditEvents.action, 'program.%')));
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'program.phase.defaults',
        'program.room.create',
        'program.track.create',
        'program.template.create',
        'program.closure.create',
      ]),
    );
  });

  it('refuses templates that could not run, naming the field', async () => {
    const { org, director, url, room, morning, evening } = await world();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [group(morning.id, room.id, { startMinute: 22 * 60 }), 'durationMinutes', /midnight/],
      [group(morning.id, room.id, { startMinute: 9 * 60 + 5 }), 'startMinute', /quarter hour/],
      [group(morning.id, room.id, { capacity: 20 }), 'roomId', /holds 14/],
      [group(morning.id, room.id, { capacity: 4, minToRun: 5 }), 'minToRun', /capacity/],
      [group(morning.id, null), 'roomId', /in person/],
      [group(evening.id, room.id), 'roomId', /virtual/],
      [group(morning.id, room.id, { facilitatorId: org.users.clinician.id, credential: 'LADC' }), 'facilitatorId', /LADC/],
      [group(morning.id, room.id, { capacity: 51 }), 'capacity', /at most 50/],
    ];
    for (const [body, path, message] of cases) {
      const res = await director.post(`${url}/group-templates`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const errors = fieldsOf(res.body);
      expect(errors.map((e) => e.path)).toContain(path);
      expect(errors.find((e) => e.path === path)?.message).toMatch(message);
    }
    const list = await director.get(`${url}/group-templates`);
    expect(list.json().items).toEqual([]);
  });

  it('updates with If-Match: 428 without it, 412 when stale, and retires instead of deleting', async () => {
    const { director, url, room, morning } = await world();
    const tpl = (await director.post(`${url}/group-templates`, group(morning.id, room.id))).json<{ id: string }>();
    const missing = await director.patch(`${url}/rooms/${room.id}`, { name: 'Room B' });
    expect(missing.statusCode).toBe(428);
    const renamed = await director.patch(`${url}/rooms/${room.id}`, { name: 'Room B' }, { 'if-match': '"1"' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.headers.etag).toBe('"2"');
    const stale = await director.patch(`${url}/rooms/${room.id}`, { name: 'Room C' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);

    // The room holds an active group: it cannot shrink below it or be retired under it.
    const shrink = await director.patch(`${url}/rooms/${room.id}`, { capacity: 10 }, { 'if-match': '"2"' });
    expect(shrink.statusCode, shrink.body).toBe(409);
    expect(fieldsOf(shrink.body)[0]).toMatchObject({ path: 'capacity', message: expect.stringMatching(/Relapse prevention/) });
    const virtualTrack = await director.patch(`${url}/tracks/${morning.id}`, { modality: 'virtual' }, { 'if-match': '"1"' });
    expect(virtualTrack.statusCode).toBe(409);
    expect(fieldsOf(virtualTrack.body)[0]?.path).toBe('modality');

    const retired = await director.patch(`${url}/group-templates/${tpl.id}`, { active: false }, { 'if-match': '"1"' });
    expect(retired.statusCode, retired.body).toBe(200);
    const roomRetired = await director.patch(`${url}/rooms/${room.id}`, { active: false }, { 'if-match': '"2"' });
    expect(roomRetired.statusCode, roomRetired.body).toBe(200);
    expect((await director.get(`${url}/rooms`)).json().items[0]).toMatchObject({ active: false, name: 'Room B' });
    const dup = await director.post(`${url}/rooms`, { name: 'Room B', capacity: 10 });
    expect(dup.statusCode).toBe(409);
    expect(fieldsOf(dup.body)[0]?.path).toBe('name');
  });

  it("holds phases to the floor of the program's population: 6 h for an adolescent program, 9 h once an adult joins", async () => {
    const org = await setupOrg(t);
    const director = await org.as('director');
    const url = base(org);
    const admit = async (dateOfBirth: string) => {
      const p = await org.patient({ dateOfBirth });
      const ep = await director.post(`/api/v1/patients/${p.id}/episodes`, {
        levelOfCare: '2.1',
        locationId: org.locations.main,
        status: 'active',
        admittedOn: '2026-11-02',
      });
      expect(ep.statusCode, ep.body).toBe(201);
    };
    await admit('2011-03-14');
    await admit('2009-12-01');
    expect((await director.post(`${url}/phases`, { number: 1, name: 'Phase 1', weeklyHours: 9, daysPerWeek: 3 })).statusCode).toBe(201);
    // Everyone in care here is under 18: 6 h is the floor, not below it.
    const teen = await director.post(`${url}/phases`, { number: 2, name: 'Phase 2', weeklyHours: 6, daysPerWeek: 2 });
    expect(teen.statusCode, teen.body).toBe(201);
    const below = await director.post(`${url}/phases`, { number: 3, name: 'Phase 3', weeklyHours: 5, daysPerWeek: 2 });
    expect(below.statusCode).toBe(400);
    expect(fieldsOf(below.body)[0]).toMatchObject({
      path: 'stepDown',
      message: expect.stringMatching(/6 h floor of level 2.1 for adolescents/),
    });
    // An adult in the program: the adult floor holds, and a 6 h phase not marked step-down is refused.
    await admit('1990-04-12');
    const adult = await director.post(`${url}/phases`, { number: 3, name: 'Phase 3', weeklyHours: 6, daysPerWeek: 2 });
    expect(adult.statusCode).toBe(400);
    expect(
      fieldsOf(adult.body)
        .map((e) => e.message)
        .join(' '),
    ).toMatch(/9 h floor of level 2.1/);
  });

  it('keeps phases tapering and the floor marked step-down', async () => {
    const { director, url } = await world();
    const phases = (await director.get(`${url}/phases`)).json().items as { id: string; number: number; version: number }[];
    const rising = await director.post(`${url}/phases`, { number: 4, name: 'Phase 4', weeklyHours: 9, daysPerWeek: 3, stepDown: true });
    expect(rising.statusCode).toBe(400);
    expect(fieldsOf(rising.body)[0]).toMatchObject({ path: 'weeklyHours', message: expect.stringMatching(/taper/) });
    const unmarked = await director.post(`${url}/phases`, { number: 4, name: 'Phase 4', weeklyHours: 3, daysPerWeek: 1 });
    expect(fieldsOf(unmarked.body)[0]?.path).toBe('stepDown');
    const unreachable = await director.post(`${url}/phases`, { number: 4, name: 'Phase 4', weeklyHours: 6, daysPerWeek: 0 });
    expect(fieldsOf(unreachable.body)[0]?.path).toBe('daysPerWeek');
    const ok = await director.post(`${url}/phases`, { number: 4, name: 'Aftercare', weeklyHours: 3, daysPerWeek: 1, stepDown: true });
    expect(ok.statusCode, ok.body).toBe(201);

    const second = phases.find((p) => p.number === 2);
    const tooLow = await director.patch(`${url}/phases/${second?.id}`, { weeklyHours: 5 }, { 'if-match': '"1"' });
    expect(tooLow.statusCode).toBe(400);
    expect(
      fieldsOf(tooLow.body)
        .map((e) => e.message)
        .join(' '),
    ).toMatch(/phase 3/);
    const fine = await director.patch(`${url}/phases/${second?.id}`, { weeklyHours: 10, name: 'Early recovery' }, { 'if-match': '"1"' });
    expect(fine.statusCode, fine.body).toBe(200);
    const dup = await director.patch(`${url}/phases/${second?.id}`, { number: 1 }, { 'if-match': '"2"' });
    expect(dup.statusCode).toBe(400);

    const first = phases.find((p) => p.number === 1);
    const gone = await director.delete(`${url}/phases/${first?.id}`, { 'if-match': '"1"' });
    expect(gone.statusCode, gone.body).toBe(204);
    expect((await director.get(`${url}/phases`)).json().items).toHaveLength(3);
  });

  it('saves settings with If-Match "0" first, then the version it returned', async () => {
    const { director, url } = await world();
    const body = {
      individualMinutes: 45,
      individualEveryWeeks: 1,
      familyMinutes: 60,
      familyEveryWeeks: 2,
      collectionSlots: [{ weekday: 1, start: 8 * 60, end: 10 * 60 }],
      reminderOffsetsMinutes: [1440, 60],
    };
    const before = await director.get(`${url}/scheduling-settings`);
    expect(before.headers.etag).toBe('"0"');
    expect((await put(director, `${url}/scheduling-settings`, body)).statusCode).toBe(428);
    const saved = await put(director, `${url}/scheduling-settings`, body, { 'if-match': '"0"' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ ...body, version: 1 });
    expect((await put(director, `${url}/scheduling-settings`, body, { 'if-match': '"0"' })).statusCode).toBe(412);
    const bad = await put(
      director,
      `${url}/scheduling-settings`,
      { ...body, collectionSlots: [{ weekday: 1, start: 600, end: 540 }], reminderOffsetsMinutes: [60, 60] },
      { 'if-match': '"1"' },
    );
    expect(bad.statusCode).toBe(400);
    expect(
      fieldsOf(bad.body)
        .map((e) => e.path)
        .sort(),
    ).toEqual(['collectionSlots.0.end', 'reminderOffsetsMinutes']);
  });

  it('replays a POST with the same Idempotency-Key instead of writing twice', async () => {
    const { org, director, url } = await world();
    const key = { 'idempotency-key': 'room-create-0001' };
    const first = await director.post(`${url}/rooms`, { name: 'Quiet room', capacity: 6 }, key);
    const again = await director.post(`${url}/rooms`, { name: 'Quiet room', capacity: 6 }, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    const other = await director.post(`${url}/rooms`, { name: 'Loud room', capacity: 6 }, key);
    expect(other.statusCode).toBe(422);
    const rows = await db
      .select()
      .from(rooms)
      .where(and(eq(rooms.organizationId, org.id), eq(rooms.name, 'Quiet room')));
    expect(rows).toHaveLength(1);
  });

  it('removes closures seen from the location, and keeps a phase someone is in', async () => {
    const { org, director, url } = await world();
    const other = base(org, org.locations.other);
    const mine = (await director.post(`${url}/closures`, { day: '2026-12-24', name: 'Christmas Eve' })).json<{ id: string }>();
    const theirs = (await director.post(`${other}/closures`, { day: '2026-12-26', name: 'Boxing day' })).json<{ id: string }>();
    expect((await director.delete(`${url}/closures/${theirs.id}`)).statusCode).toBe(404);
    expect((await director.delete(`${url}/closures/${mine.id}`)).statusCode).toBe(204);
    expect((await director.get(`${other}/closures`)).json().items.map((c: { name: string }) => c.name)).toEqual(['Boxing day']);

    const patient = await org.patient();
    const phase = (await director.get(`${url}/phases`)).json().items[2] as { id: string; number: number };
    await db.insert(patientSchedulePrefs).values({ organizationId: org.id, patientId: patient.id, phaseId: phase.id });
    const refused = await director.delete(`${url}/phases/${phase.id}`, { 'if-match': '"1"' });
    expect(refused.statusCode).toBe(409);
    expect(fieldsOf(refused.body)[0]?.message).toMatch(/1 person/);

    // The trail names ids and fields, never a topic or a name.
    const trail = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), like(auditEvents.action, 'program.%')));
    expect(JSON.stringify(trail.map((e) => e.details))).not.toMatch(/Christmas|Group room|Morning/);
  });

  it('answers 404 for another organization’s location and 403 to those who may only read', async () => {
    const { org, url, room } = await world();
    const stranger = await setupOrg(t);
    const outsider = await stranger.as('director');
    const clinician = await org.as('clinician');
    const before = await orgSnapshot(t.database, org.id);
    for (const res of [
      await outsider.get(`${url}/program`),
      await outsider.get(`${url}/rooms`),
      await outsider.post(`${url}/rooms`, { name: 'Sneaky', capacity: 5 }),
      await outsider.patch(`${url}/rooms/${room.id}`, { name: 'Sneaky' }, { 'if-match': '"1"' }),
      await outsider.post(`${url}/program/defaults`, {}),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
    }
    // A room of this organization, reached through another location of it, is not found either.
    const elsewhere = await (
      await org.as('director')
    ).patch(`${base(org, org.locations.other)}/rooms/${room.id}`, { name: 'x' }, { 'if-match': '"1"' });
    expect(elsewhere.statusCode).toBe(404);
    expect((await clinician.get(`${url}/program`)).statusCode).toBe(200);
    for (const res of [
      await clinician.post(`${url}/rooms`, { name: 'Mine', capacity: 5 }),
      await clinician.post(`${url}/program/defaults`, {}),
      await put(clinician, `${url}/scheduling-settings`, { individualMinutes: 50 }, { 'if-match': '"0"' }),
    ]) {
      expect([400, 403]).toContain(res.statusCode);
    }
    expect((await clinician.post(`${url}/tracks`, { name: 'Mine', kind: 'weekend', modality: 'hybrid' })).statusCode).toBe(403);
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
  });
});
