import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, patientAvailability, programPhases, tracks } from '../../db/schema/index';
import { orgSnapshot } from '../../../test/db-state';
import { buildTestApp, setupOrg, type Agent, type TestOrg } from '../../../test/harness';
import { assignCaseload, missingId } from '../../../test/fixtures';

const t = await buildTestApp();
const db = t.database.db;
const NOW = new Date('2026-11-16T15:00:00Z'); // Monday 16 November, 07:00 in Los Angeles
beforeEach(() => t.clock.set(NOW));

const put = (agent: Agent, url: string, payload: unknown, ifMatch?: string) =>
  agent.request({ method: 'PUT', url, payload: payload as object, ...(ifMatch === undefined ? {} : { headers: { 'if-match': ifMatch } }) });
const me = (token: string, payload?: unknown, ifMatch?: string) =>
  t.app.inject({
    method: payload ? 'PUT' : 'GET',
    url: `/api/v1/me/${token}/availability`,
    ...(payload ? { payload: payload } : {}),
    ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}),
  });
const actions = async (org: TestOrg) =>
  (await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.organizationId, org.id))).map((r) => r.action);

/** An admitted adult at IOP, the location's phases (12 h / 4 days, 9 h / 3, 6 h / 2 step-down) and two tracks. */
async function world(org: TestOrg) {
  const p = await org.patient({ legalGivenName: 'Robin' });
  const director = await org.as('director');
  const ep = await director.post(`/api/v1/patients/${p.id}/episodes`, {
    levelOfCare: '2.1',
    locationId: org.locations.main,
    status: 'active',
    admittedOn: '2026-11-02',
  });
  expect(ep.statusCode, ep.body).toBe(201);
  const phases = await db
    .insert(programPhases)
    .values([
      { organizationId: org.id, locationId: org.locations.main, number: 1, name: 'Phase 1', weeklyHours: 12, daysPerWeek: 4 },
      { organizationId: org.id, locationId: org.locations.main, number: 2, name: 'Phase 2', weeklyHours: 9, daysPerWeek: 3 },
      {
        organizationId: org.id,
        locationId: org.locations.main,
        number: 3,
        name: 'Phase 3',
        weeklyHours: 6,
        daysPerWeek: 2,
        stepDown: true,
      },
      { organizationId: org.id, locationId: org.locations.other, number: 1, name: 'Elsewhere 1', weeklyHours: 12, daysPerWeek: 4 },
    ])
    .returning();
  const trackRows = await db
    .insert(tracks)
    .values([
      { organizationId: org.id, locationId: org.locations.main, name: 'Evening', kind: 'evening', modality: 'in_person' },
      { organizationId: org.id, locationId: org.locations.main, name: 'Morning', kind: 'morning', modality: 'hybrid' },
      { organizationId: org.id, locationId: org.locations.other, name: 'Elsewhere', kind: 'evening', modality: 'virtual' },
    ])
    .returning();
  const [phase1, phase2, phase3, otherPhase] = phases as [(typeof phases)[0], (typeof phases)[0], (typeof phases)[0], (typeof phases)[0]];
  const [evening, morning, otherTrack] = trackRows as [(typeof trackRows)[0], (typeof trackRows)[0], (typeof trackRows)[0]];
  return { p, clinician: await org.as('clinician'), phase1, phase2, phase3, otherPhase, evening, morning, otherTrack };
}

const evenings = (days: number[], hours = 3) => days.map((weekday) => ({ weekday, start: 18 * 60, end: 18 * 60 + hours * 60 }));
const prefs = (over: Record<string, unknown> = {}) => ({
  phaseId: null,
  phaseStartedOn: null,
  perDiem: false,
  preferredTrackIds: [],
  modality: 'any',
  preferredDays: [],
  constraintsNote: '',
  ...over,
});

describe('a person’s availability, staff side', () => {
  it('starts empty at version 0; a PUT with If-Match "0" creates it, merged and sorted, with the floor warning', async () => {
    const org = await setupOrg(t);
    const { p, clinician, phase2, evening } = await world(org);
    const url = `/api/v1/patients/${p.id}/availability`;
    const first = await clinician.get(url);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).toBe('"0"');
    expect(first.json()).toMatchObject({
      windows: [],
      version: 0,
      preferences: { phaseId: null, modality: 'any', updatedAt: null },
      floor: { hoursPerWeek: 0, floorHours: 9, levelOfCare: '2.1', reachable: false, shortHours: 9 },
      sessionHours: { start: 420, end: 1320 },
    });
    expect(first.json().phases.map((ph: { name: string }) => ph.name)).toEqual(['Phase 1', 'Phase 2', 'Phase 3']);
    expect(first.json().tracks.map((tr: { name: string }) => tr.name)).toEqual(['Evening', 'Morning']);

    const body = {
      windows: [
        { weekday: 2, start: 1080, end: 1200 },
        { weekday: 0, start: 1140, end: 1260 },
        { weekday: 0, start: 1080, end: 1140 },
        { weekday: 4, start: 1080, end: 1260 },
      ],
      preferences: prefs({
        phaseId: phase2.id,
        phaseStartedOn: '2026-11-09',
        perDiem: true,
        familySessions: true,
        preferredTrackIds: [evening.id],
        modality: 'in_person',
        preferredDays: [4, 0],
        constraintsNote: 'Works days at a warehouse; bus only after 17:30.',
      }),
    };
    const saved = await put(clinician, url, body, '"0"');
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe('"1"');
    expect(saved.json().windows).toEqual([
      { weekday: 0, start: 1080, end: 1260 },
      { weekday: 2, start: 1080, end: 1200 },
      { weekday: 4, start: 1080, end: 1260 },
    ]);
    expect(saved.json().preferences).toMatchObject({
      phaseId: phase2.id,
      perDiem: true,
      familySessions: true,
      preferredDays: [0, 4],
      updatedByPerson: false,
    });
    // 3 + 2 + 3 = 8 h over 3 days against phase 2's 9 h: short 1 h.
    expect(saved.json().floor).toMatchObject({
      hoursPerWeek: 8,
      daysAvailable: 3,
      floorHours: 9,
      daysNeeded: 3,
      reachable: false,
      shortHours: 1,
    });

    const again = await put(clinician, url, { ...body, windows: evenings([0, 2, 4]) }, '"1"');
    expect(again.json().floor).toMatchObject({ hoursPerWeek: 9, reachable: true, shortHours: 0 });
    expect(await db.select().from(patientAvailability).where(eq(patientAvailability.patientId, p.id))).toHaveLength(3);

    expect(await actions(org)).toEqual(expect.arrayContaining(['availability.read', 'availability.update']));
    const [update] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, 'availability.update')));
    expect(update).toMatchObject({ patientId: p.id, actorUserId: org.users.clinician.id, resourceType: 'patient_availability' });
    expect(JSON.stringify(update?.details)).not.toContain('warehouse');
  });

  it('needs If-Match (428), refuses a stale one (412) and a second "0" (412), and writes nothing', async () => {
    const org = await setupOrg(t);
    const { p, clinician } = await world(org);
    const url = `/api/v1/patients/${p.id}/availability`;
    const body = { windows: evenings([1]), preferences: prefs() };
    const before = await orgSnapshot(t.database, org.id);
    const missing = await put(clinician, url, body);
    expect(missing.statusCode).toBe(428);
    expect(missing.json().code).toBe('PRECONDITION_REQUIRED');
    expect((await put(clinician, url, body, '"3"')).statusCode).toBe(412);
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
    expect((await put(clinician, url, body, '"0"')).statusCode).toBe(200);
    expect((await put(clinician, url, body, '"0"')).statusCode).toBe(412);
    expect((await put(clinician, url, { ...body, windows: [] }, '"1"')).json().windows).toEqual([]);
  });

  it.each<[string, (w: Awaited<ReturnType<typeof world>>) => unknown, string]>([
    [
      'a window off the 15-minute grid',
      () => ({ windows: [{ weekday: 0, start: 1090, end: 1200 }], preferences: prefs() }),
      'windows.0.start',
    ],
    [
      'a window ending before it starts',
      () => ({ windows: [{ weekday: 0, start: 1200, end: 1080 }], preferences: prefs() }),
      'windows.0.end',
    ],
    ['a weekday 7', () => ({ windows: [{ weekday: 7, start: 1080, end: 1200 }], preferences: prefs() }), 'windows.0.weekday'],
    ['an unknown modality', () => ({ windows: [], preferences: prefs({ modality: 'hybrid' }) }), 'preferences.modality'],
    ['a phase of another location', (w) => ({ windows: [], preferences: prefs({ phaseId: w.otherPhase.id }) }), 'preferences.phaseId'],
    [
      'a track of another location',
      (w) => ({ windows: [], preferences: prefs({ preferredTrackIds: [w.evening.id, w.otherTrack.id] }) }),
      'preferences.preferredTrackIds.1',
    ],
    [
      'a phase start without a phase',
      () => ({ windows: [], preferences: prefs({ phaseStartedOn: '2026-11-01' }) }),
      'preferences.phaseStartedOn',
    ],
    ['a repeated day', () => ({ windows: [], preferences: prefs({ preferredDays: [1, 1] }) }), 'preferences.preferredDays'],
  ])('bad input: %s → 400 naming the field, nothing written', async (_name, body, path) => {
    const org = await setupOrg(t);
    const w = await world(org);
    const before = await orgSnapshot(t.database, org.id);
    const res = await put(w.clinician, `/api/v1/patients/${w.p.id}/availability`, body(w), '"0"');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
  });

  it('another organization, an out-of-scope clinician or a made-up patient → 404; a role without the permission → 403', async () => {
    const org = await setupOrg(t, { caseloadOnly: true });
    const { p } = await world(org);
    const stranger = await setupOrg(t);
    const url = `/api/v1/patients/${p.id}/availability`;
    const body = { windows: [], preferences: prefs() };
    expect((await (await stranger.as('clinician')).get(url)).statusCode).toBe(404);
    expect((await put(await stranger.as('clinician'), url, body, '"0"')).statusCode).toBe(404);
    expect((await (await org.as('otherClinician')).get(url)).statusCode).toBe(404);
    expect((await (await org.as('clinician')).get(`/api/v1/patients/${missingId()}/availability`)).statusCode).toBe(404);
    expect((await (await org.as('billing')).get(url)).statusCode).toBe(403);
    expect((await put(await org.as('billing'), url, body, '"0"')).statusCode).toBe(403);
    await assignCaseload(org, p.id, org.users.clinician.id);
    expect((await (await org.as('clinician')).get(url)).statusCode).toBe(200);
  });

  it('no episode: hours shown, no floor to reach; step-down phase 3 counts 6 h, not the 9 h floor', async () => {
    const org = await setupOrg(t);
    const { clinician, phase3 } = await world(org);
    const q = await org.patient();
    const url = `/api/v1/patients/${q.id}/availability`;
    const saved = await put(clinician, url, { windows: evenings([0, 2]), preferences: prefs({ phaseId: phase3.id }) }, '"0"');
    expect(saved.json().floor).toMatchObject({ hoursPerWeek: 6, floorHours: null, reachable: null, levelOfCare: null });
  });
});

describe('the person on their link', () => {
  async function linked(org: TestOrg) {
    const w = await world(org);
    const link = await w.clinician.post(`/api/v1/patients/${w.p.id}/measures-link`, { expiresInDays: 1 });
    expect(link.statusCode, link.body).toBe(201);
    return { ...w, token: link.json().url.split('/me/')[1] as string };
  }

  it('reads and saves busy blocks as the free time around them, keeps phase and per diem, audited as the person', async () => {
    const org = await setupOrg(t);
    const { p, clinician, token, phase1, evening, morning } = await linked(org);
    const staffUrl = `/api/v1/patients/${p.id}/availability`;
    await put(
      clinician,
      staffUrl,
      { windows: [], preferences: prefs({ phaseId: phase1.id, perDiem: true, preferredTrackIds: [morning.id] }) },
      '"0"',
    );

    const opened = await me(token);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.headers.etag).toBe('"1"');
    expect(opened.json()).toMatchObject({ firstName: 'Robin', windows: [], version: 1, preferences: { preferredTrackIds: [morning.id] } });
    expect(opened.json()).not.toHaveProperty('floor');
    expect(opened.json().preferences).not.toHaveProperty('phaseId');

    const busy = [0, 1, 2, 3, 4].flatMap((weekday) => [
      { kind: 'work', weekday, start: 8 * 60, end: 17 * 60 },
      { kind: 'transport', weekday, start: 17 * 60, end: 17 * 60 + 30 },
    ]);
    busy.push(
      { kind: 'childcare', weekday: 5, start: 7 * 60, end: 22 * 60 },
      { kind: 'childcare', weekday: 6, start: 7 * 60, end: 22 * 60 },
    );
    const body = { busy, preferredTrackIds: [evening.id], modality: 'virtual', preferredDays: [2, 0], constraintsNote: 'Kids at weekends' };
    expect((await me(token, body)).statusCode).toBe(428);
    const saved = await me(token, body, '"1"');
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().windows).toEqual(
      [0, 1, 2, 3, 4].flatMap((weekday) => [
        { weekday, start: 7 * 60, end: 8 * 60 },
        { weekday, start: 17 * 60 + 30, end: 22 * 60 },
      ]),
    );
    const staffView = (await clinician.get(staffUrl)).json();
    expect(staffView.preferences).toMatchObject({
      phaseId: phase1.id,
      perDiem: true,
      preferredTrackIds: [evening.id],
      modality: 'virtual',
      preferredDays: [0, 2],
      updatedByPerson: true,
    });
    expect(staffView.floor).toMatchObject({ hoursPerWeek: 27.5, floorHours: 12, reachable: true });

    const direct = await me(
      token,
      { windows: evenings([1]), preferredTrackIds: [], modality: 'any', preferredDays: [], constraintsNote: '' },
      '"2"',
    );
    expect(direct.json().windows).toEqual(evenings([1]));

    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.organizationId, org.id),
          eq(auditEvents.action, 'availability.update'),
          eq(auditEvents.actorUserId, org.users.clinician.id),
        ),
      );
    expect(event).toBeDefined();
    const personal = (
      await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.patientId, p.id)))
    ).filter((e) => e.actorUserId === null && e.action.startsWith('availability.'));
    expect(personal.map((e) => e.action)).toEqual(['availability.read', 'availability.update', 'availability.update']);
    expect(personal[1]?.details).toMatchObject({ via: 'measures-link', from: 'busy' });
  });

  it('refuses both or neither of busy and windows, and another location’s track, naming the field', async () => {
    const org = await setupOrg(t);
    const { token, otherTrack } = await linked(org);
    const base = { preferredTrackIds: [], modality: 'any', preferredDays: [], constraintsNote: '' };
    const neither = await me(token, base, '"0"');
    expect(neither.statusCode).toBe(400);
    expect(neither.json().errors[0].path).toBe('windows');
    expect((await me(token, { ...base, busy: [], windows: [] }, '"0"')).statusCode).toBe(400);
    const track = await me(token, { ...base, windows: [], preferredTrackIds: [otherTrack.id] }, '"0"');
    expect(track.statusCode).toBe(400);
    expect(track.json().errors[0].path).toBe('preferredTrackIds.0');
    const busyKind = await me(token, { ...base, busy: [{ kind: 'gym', weekday: 0, start: 60, end: 120 }] }, '"0"');
    expect(busyKind.json().errors[0].path).toBe('busy.0.kind');
  });

  it('an unknown or revoked link → 404; an expired one → 410 (as the other /me routes); nothing written', async () => {
    const org = await setupOrg(t);
    const { p, clinician, token } = await linked(org);
    const body = { windows: [], preferredTrackIds: [], modality: 'any', preferredDays: [], constraintsNote: '' };
    expect((await me('x'.repeat(43))).statusCode).toBe(404);
    expect((await me('x'.repeat(43), body, '"0"')).statusCode).toBe(404);
    t.clock.set(new Date(NOW.getTime() + 86_400_000 + 1));
    const before = await orgSnapshot(t.database, org.id);
    expect((await me(token)).statusCode).toBe(410);
    expect((await me(token, body, '"0"')).json().code).toBe('LINK_EXPIRED');
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
    t.clock.set(NOW);
    expect((await me(token)).statusCode).toBe(200);
    expect((await clinician.delete(`/api/v1/patients/${p.id}/measures-link`)).statusCode).toBe(200);
    expect((await me(token)).statusCode).toBe(404);
    expect((await me(token, body, '"0"')).statusCode).toBe(404);
  });
});

describe('staff working hours, caps and leave', () => {
  const hoursAt = (locationId: string, days: number[], start = 9 * 60, end = 17 * 60) =>
    days.map((weekday) => ({ locationId, weekday, start, end }));

  it('everyone keeps their own hours and leave; caps need staff_hours.manage', async () => {
    const org = await setupOrg(t);
    const clinician = await org.as('clinician');
    const url = `/api/v1/staff/${org.users.clinician.id}/schedule`;
    const first = await clinician.get(url);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      hours: [],
      leave: [],
      caseloadCap: null,
      canEdit: true,
      version: 0,
      locations: [{ id: org.locations.main }],
    });

    const body = {
      hours: [...hoursAt(org.locations.main, [0, 2]), { locationId: org.locations.main, weekday: 0, start: 17 * 60, end: 19 * 60 }],
      caseloadCap: null,
      weeklySessionCap: null,
    };
    expect((await put(clinician, url, body)).statusCode).toBe(428);
    const saved = await put(clinician, url, body, '"0"');
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().hours).toEqual([
      { locationId: org.locations.main, weekday: 0, start: 540, end: 1140 },
      { locationId: org.locations.main, weekday: 2, start: 540, end: 1020 },
    ]);
    const caps = await put(clinician, url, { ...body, caseloadCap: 30 }, '"1"');
    expect(caps.statusCode).toBe(403);
    expect(caps.json().errors[0].path).toBe('caseloadCap');

    const director = await org.as('director');
    const byDirector = await put(director, url, { ...body, caseloadCap: 30, weeklySessionCap: 20 }, '"1"');
    expect(byDirector.statusCode, byDirector.body).toBe(200);
    expect(byDirector.json()).toMatchObject({ caseloadCap: 30, weeklySessionCap: 20, version: 2 });
    expect((await put(clinician, url, { ...body, caseloadCap: 30, weeklySessionCap: 20 }, '"1"')).statusCode).toBe(412);

    const leave = await clinician.post(`/api/v1/staff/${org.users.clinician.id}/leave`, {
      startsOn: '2026-12-21',
      endsOn: '2026-12-24',
      reason: 'Holiday',
    });
    expect(leave.statusCode, leave.body).toBe(201);
    const overlap = await clinician.post(`/api/v1/staff/${org.users.clinician.id}/leave`, { startsOn: '2026-12-24', endsOn: '2026-12-31' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().errors[0].path).toBe('startsOn');
    const backwards = await clinician.post(`/api/v1/staff/${org.users.clinician.id}/leave`, {
      startsOn: '2026-12-24',
      endsOn: '2026-12-20',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].path).toBe('endsOn');
    expect((await clinician.get(url)).json().leave).toEqual([
      { id: leave.json().id, startsOn: '2026-12-21', endsOn: '2026-12-24', reason: 'Holiday' },
    ]);
    expect((await clinician.delete(`/api/v1/staff/${org.users.clinician.id}/leave/${leave.json().id}`)).statusCode).toBe(204);
    expect((await clinician.delete(`/api/v1/staff/${org.users.clinician.id}/leave/${leave.json().id}`)).statusCode).toBe(404);

    expect(await actions(org)).toEqual(expect.arrayContaining(['staff_schedule.update', 'staff_leave.create', 'staff_leave.delete']));
  });

  it('others’ hours: manage writes, the scheduling team reads, others are refused; another organization → 404', async () => {
    const org = await setupOrg(t);
    const url = `/api/v1/staff/${org.users.medical.id}/schedule`;
    const body = { hours: hoursAt(org.locations.main, [1]), caseloadCap: null, weeklySessionCap: null };
    expect((await put(await org.as('clinician'), url, body, '"0"')).statusCode).toBe(403);
    expect(
      (
        await (
          await org.as('clinician')
        ).post(`/api/v1/staff/${org.users.medical.id}/leave`, { startsOn: '2026-12-01', endsOn: '2026-12-01' })
      ).statusCode,
    ).toBe(403);
    expect((await (await org.as('clinician')).get(url)).json().canEdit).toBe(false);
    expect((await (await org.as('billing')).get(url)).statusCode).toBe(403);
    expect((await put(await org.as('admin'), url, body, '"0"')).statusCode).toBe(200);
    const stranger = await setupOrg(t);
    expect((await (await stranger.as('admin')).get(url)).statusCode).toBe(404);
    expect((await put(await stranger.as('admin'), url, body, '"1"')).statusCode).toBe(404);
    expect((await (await stranger.as('admin')).get(`/api/v1/staff/${randomUUID()}/schedule`)).statusCode).toBe(404);
  });

  it('refuses a location the person does not work at and the same hours at two locations, naming the row', async () => {
    const org = await setupOrg(t);
    const director = await org.as('director');
    const url = `/api/v1/staff/${org.users.director.id}/schedule`;
    const before = await orgSnapshot(t.database, org.id);
    const elsewhere = await put(
      director,
      url,
      { hours: hoursAt(org.locations.other, [0]), caseloadCap: null, weeklySessionCap: null },
      '"0"',
    );
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().errors[0].path).toBe('hours.0.locationId');
    const offGrid = await put(
      director,
      url,
      { hours: [{ locationId: org.locations.main, weekday: 0, start: 545, end: 600 }], caseloadCap: null, weeklySessionCap: null },
      '"0"',
    );
    expect(offGrid.json().errors[0].path).toBe('hours.0.start');
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
  });
});
