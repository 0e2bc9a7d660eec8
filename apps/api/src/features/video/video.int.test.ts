import { createHmac, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { VIDEO_CLOSE } from '@openiop/core';
import { buildTestApp, setupOrg, signIn, type TestOrg } from '../../../test/harness';
import { orgSnapshot } from '../../../test/db-state';
import { auditEvents, sessionAttendance, sessionAttendees, sessionOccurrences, videoPresence, videoSettings } from '../../db/schema/index';
import { reminderMail } from '../sessions/reminders.job';
import { connectRoom, type RoomClient } from './video-test-client';

const t = await buildTestApp();
await t.app.listen({ port: 0, host: '127.0.0.1' });
const ORIGIN = 'http://openiop.test';
// Wednesday 2027-06-09, 10:00–10:50 in Los Angeles (PDT).
const start = new Date('2027-06-09T17:00:00Z');
const end = new Date('2027-06-09T17:50:00Z');
const at = (minute: number) => new Date(start.getTime() + minute * 60_000);

/** A virtual session at the main location run by the org's clinician, with these people on its roster. */
async function session(org: TestOrg, people: string[], opts: { modality?: 'virtual' | 'in_person'; kind?: 'individual' | 'group' } = {}) {
  const id = randomUUID();
  await t.database.db.insert(sessionOccurrences).values({
    id,
    organizationId: org.id,
    locationId: org.locations.main,
    kind: opts.kind ?? (people.length > 1 ? 'group' : 'individual'),
    title: 'Coping skills',
    day: '2027-06-09',
    startMinute: 600,
    endMinute: 650,
    startsAt: start,
    endsAt: end,
    modality: opts.modality ?? 'virtual',
    capacity: 12,
    staffId: org.users.clinician.id,
    status: 'scheduled',
  });
  if (people.length)
    await t.database.db
      .insert(sessionAttendees)
      .values(people.map((patientId) => ({ organizationId: org.id, occurrenceId: id, patientId, source: 'manual' as const })));
  return id;
}

/** A person with their phone-link token. */
async function person(org: TestOrg, fields: Record<string, unknown> = {}) {
  const p = await org.patient(fields);
  const res = await (await org.as('clinician')).post(`/api/v1/patients/${p.id}/measures-link`, {});
  expect(res.statusCode, res.body).toBe(201);
  return { id: p.id, token: String(res.json<{ url: string }>().url).split('/me/')[1] ?? '' };
}

async function host(org: TestOrg, occurrenceId: string, who: 'clinician' | 'peer' | 'otherClinician' | 'admin' = 'clinician') {
  const agent = await org.as(who);
  const c = await connectRoom(t.app, occurrenceId, { cookie: agent.cookie, origin: ORIGIN });
  c.send({ type: 'hello' });
  return c;
}

async function guest(occurrenceId: string, token: string, displayName?: string) {
  const c = await connectRoom(t.app, occurrenceId);
  c.send({ type: 'hello', token, ...(displayName ? { displayName } : {}) });
  return c;
}

const attendanceOf = async (orgId: string, occurrenceId: string, patientId: string) =>
  (
    await t.database.db
      .select()
      .from(sessionAttendance)
      .where(
        and(
          eq(sessionAttendance.organizationId, orgId),
          eq(sessionAttendance.occurrenceId, occurrenceId),
          eq(sessionAttendance.patientId, patientId),
        ),
      )
  )[0];

describe('video room signalling', () => {
  it('the person waits, the host admits, offers/answers/ICE are relayed by opaque ids, and leaving records video attendance', async () => {
    t.clock.set(at(-10));
    const org = await setupOrg(t);
    const p = await person(org, { legalGivenName: 'Rosalind', preferredName: 'Roz' });
    const occ = await session(org, [p.id]);
    const h = await host(org, occ);
    const joined = await h.next('joined');
    expect(joined).toMatchObject({ role: 'host', peers: [] });
    await h.next('lobby', (m) => m.waiting.length === 0);

    const g = await guest(occ, p.token);
    await g.next('waiting');
    const lobby = await h.next('lobby', (m) => m.waiting.length === 1);
    expect(lobby.waiting[0]?.name).toBe('Roz'); // the preferred first name, to the host only

    // Waiting: the person can reach nobody.
    g.send({ type: 'offer', to: joined.self, sdp: { type: 'offer', sdp: 'v=0 early' } });
    t.clock.set(at(2));
    h.send({ type: 'admit', peer: lobby.waiting[0]?.id });
    const gJoined = await g.next('joined');
    expect(gJoined.role).toBe('person');
    expect(gJoined.peers).toEqual([{ id: joined.self, name: expect.any(String), role: 'host' }]);
    const peerJoined = await h.next('peer-joined');
    expect(peerJoined.peer).toEqual({ id: gJoined.self, name: 'Roz', role: 'person' });

    // The newcomer offers; the host answers; candidates cross.
    g.send({ type: 'offer', to: joined.self, sdp: { type: 'offer', sdp: 'v=0 offer' } });
    const offer = await h.next('offer');
    expect(offer).toEqual({ type: 'offer', from: gJoined.self, sdp: { type: 'offer', sdp: 'v=0 offer' } });
    h.send({ type: 'answer', to: gJoined.self, sdp: { type: 'answer', sdp: 'v=0 answer' } });
    expect(await g.next('answer')).toEqual({ type: 'answer', from: joined.self, sdp: { type: 'answer', sdp: 'v=0 answer' } });
    g.send({
      type: 'ice',
      to: joined.self,
      candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 },
    });
    expect((await h.next('ice')).from).toBe(gJoined.self);
    expect(h.messages.filter((m) => m.type === 'offer')).toHaveLength(1); // the early offer was dropped

    t.clock.set(at(44));
    g.send({ type: 'leave' });
    expect(await g.closed).toBe(VIDEO_CLOSE.LEFT);
    expect(await h.next('peer-left')).toEqual({ type: 'peer-left', peer: gJoined.self });

    const att = await attendanceOf(org.id, occ, p.id);
    expect(att).toMatchObject({ source: 'video', minutesAttended: 42, status: 'left_early', recordedBy: null });
    expect(att?.arrivedAt).toEqual(at(2));
    expect(att?.leftAt).toEqual(at(44));
    const stays = await t.database.db
      .select()
      .from(videoPresence)
      .where(and(eq(videoPresence.organizationId, org.id), eq(videoPresence.occurrenceId, occ)));
    expect(stays.find((s) => s.patientId === p.id)).toMatchObject({ waitingAt: at(-10), joinedAt: at(2), leftAt: at(44) });
    expect(stays.find((s) => s.userId === org.users.clinician.id)).toMatchObject({ joinedAt: at(-10), leftAt: null });

    // Nothing on the wire names the person by id.
    const wire = JSON.stringify([...h.messages, ...g.messages]);
    expect(wire).not.toContain(p.id);
    expect(wire).not.toContain('Rosalind');
    const actions = (
      await t.database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.patientId, p.id)))
    ).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['video.join', 'video.admit', 'video.leave', 'attendance.record']));

    // A rejoin after a drop: the union of stays, and the last leave decides.
    t.clock.set(at(45));
    const g2 = await guest(occ, p.token);
    const l2 = await h.next('lobby', (m) => m.waiting.length === 1);
    h.send({ type: 'admit', peer: l2.waiting[0]?.id });
    await g2.next('joined');
    t.clock.set(at(52));
    g2.close(); // a dropped connection counts as leaving
    await h.next('peer-left');
    await expect.poll(async () => (await attendanceOf(org.id, occ, p.id))?.minutesAttended).toBe(47);
    expect((await attendanceOf(org.id, occ, p.id))?.status).toBe('present');
    h.close();
  });

  it('refuses with one close code whoever may not join: unknown session, other tenant, not on roster, bad token, foreign origin', async () => {
    t.clock.set(at(0));
    const org = await setupOrg(t);
    const other = await setupOrg(t);
    const p = await person(org);
    const stranger = await person(org);
    const outsider = await person(other);
    const occ = await session(org, [p.id]);
    const closes = async (c: Promise<RoomClient>) => (await c).closed;

    expect(await closes(host(org, randomUUID()))).toBe(VIDEO_CLOSE.NOT_FOUND);
    expect(await closes(host(other, occ))).toBe(VIDEO_CLOSE.NOT_FOUND); // another organization's staff
    expect(await closes(host(org, occ, 'otherClinician'))).toBe(VIDEO_CLOSE.NOT_FOUND); // works at the other location
    expect(await closes(host(org, occ, 'admin'))).toBe(VIDEO_CLOSE.NOT_FOUND); // no video.host, not theirs
    expect(await closes(guest(occ, stranger.token))).toBe(VIDEO_CLOSE.NOT_FOUND); // not on the roster
    expect(await closes(guest(occ, outsider.token))).toBe(VIDEO_CLOSE.NOT_FOUND); // another organization's person
    expect(await closes(guest(occ, 'x'.repeat(43)))).toBe(VIDEO_CLOSE.NOT_FOUND);
    // A cookie from another site's page (no matching Origin) is not trusted.
    const agent = await org.as('clinician');
    for (const headers of [{ cookie: agent.cookie }, { cookie: agent.cookie, origin: 'https://evil.example.test' }] as Record<
      string,
      string
    >[]) {
      const c = await connectRoom(t.app, occ, headers);
      c.send({ type: 'hello' });
      expect(await c.closed).toBe(VIDEO_CLOSE.NOT_FOUND);
    }
    // Unauthenticated hello without a token.
    const anon = await connectRoom(t.app, occ);
    anon.send({ type: 'hello' });
    expect(await anon.closed).toBe(VIDEO_CLOSE.NOT_FOUND);
    // A peer-team member with video.host at the location may host.
    const peer = await host(org, occ, 'peer');
    expect((await peer.next('joined')).role).toBe('host');
    peer.close();

    // Junk and protocol misuse close the connection.
    const junk = await connectRoom(t.app, occ);
    junk.send({ type: 'offer', to: 'abcdefgh', sdp: { type: 'offer', sdp: '' } });
    expect(await junk.closed).toBe(VIDEO_CLOSE.BAD_MESSAGE);
    const notJson = await connectRoom(t.app, occ);
    notJson.sendRaw('{');
    expect(await notJson.closed).toBe(VIDEO_CLOSE.BAD_MESSAGE);
    const g = await guest(occ, p.token);
    await g.next('waiting');
    g.send({ type: 'admit', peer: 'abcdefghij' }); // only hosts admit
    expect(await g.closed).toBe(VIDEO_CLOSE.BAD_MESSAGE);
    expect(await attendanceOf(org.id, occ, p.id)).toBeUndefined(); // waited, never admitted: no attendance

    const audits = await t.database.db.select().from(auditEvents).where(eq(auditEvents.organizationId, other.id));
    expect(audits.filter((e) => e.action.startsWith('video.'))).toHaveLength(0);
  });

  it('an in-person session has no room; the room opens 15 minutes before and closes 30 after', async () => {
    t.clock.set(at(0));
    const org = await setupOrg(t);
    const p = await person(org);
    const inPerson = await session(org, [p.id], { modality: 'in_person' });
    const occ = await session(org, [p.id]);
    expect(await (await host(org, inPerson)).closed).toBe(VIDEO_CLOSE.IN_PERSON);
    expect(await (await guest(inPerson, p.token)).closed).toBe(VIDEO_CLOSE.IN_PERSON);
    t.clock.set(at(-16));
    expect(await (await guest(occ, p.token)).closed).toBe(VIDEO_CLOSE.NOT_OPEN);
    t.clock.set(at(80));
    const late = await signIn(t.app, org.users.clinician.email); // a fresh sign-in: the earlier one has idled out
    const closedRoom = await connectRoom(t.app, occ, { cookie: late.cookie, origin: ORIGIN });
    closedRoom.send({ type: 'hello' });
    expect(await closedRoom.closed).toBe(VIDEO_CLOSE.NOT_OPEN);
    t.clock.set(at(-15));
    const g = await guest(occ, p.token);
    await g.next('waiting');
    g.close();
  });

  it('the host can deny; the mesh limit turns the next one away with ROOM_FULL; staff-recorded attendance is never overwritten', async () => {
    t.clock.set(at(0));
    const org = await setupOrg(t);
    const people = await Promise.all([person(org), person(org), person(org)]);
    const occ = await session(
      org,
      people.map((p) => p.id),
    );
    const admin = await org.as('admin');
    const settings = await admin.get(`/api/v1/locations/${org.locations.main}/video-settings`);
    expect(settings.json()).toMatchObject({ meshLimit: 6, externalUrlTemplate: null, version: 0 });
    const put = await admin.request({
      method: 'PUT',
      url: `/api/v1/locations/${org.locations.main}/video-settings`,
      payload: { meshLimit: 3, externalUrlTemplate: null, stunUrls: [], turnUrls: [] },
      headers: { 'if-match': settings.headers.etag as string },
    });
    expect(put.statusCode, put.body).toBe(200);

    const h = await host(org, occ);
    await h.next('joined');
    const [a, b, c] = people;
    // One after the other, so the waiting list's order is known (it is the order of arrival).
    const ga = await guest(occ, a.token, 'Ace');
    await ga.next('waiting');
    const gb = await guest(occ, b.token);
    await gb.next('waiting');
    const full = await guest(occ, c.token);
    expect(await full.next('error')).toMatchObject({ code: 'ROOM_FULL' });
    expect(await full.closed).toBe(VIDEO_CLOSE.ROOM_FULL);

    // Group peers see the name a person chose; the host sees first names.
    const lobby = await h.next('lobby', (m) => m.waiting.length === 2);
    const [wa, wb] = lobby.waiting as [{ id: string; name: string }, { id: string; name: string }];
    h.send({ type: 'admit', peer: wa.id });
    await ga.next('joined');
    h.send({ type: 'admit', peer: wb.id });
    const bJoined = await gb.next('joined');
    expect(bJoined.peers.map((x) => x.name)).toContain('Ace');
    expect(h.messages.some((m) => m.type === 'peer-joined' && m.peer.name === 'Ace')).toBe(false);

    // Staff record b's attendance by hand; b leaving early does not change it. a leaves and gets a video row.
    await t.database.db.insert(sessionAttendance).values({
      organizationId: org.id,
      occurrenceId: occ,
      patientId: b.id,
      status: 'present',
      minutesAttended: 50,
      source: 'staff',
      recordedBy: org.users.clinician.id,
    });
    t.clock.set(at(20));
    gb.send({ type: 'leave' });
    await gb.closed;
    ga.send({ type: 'leave' });
    await ga.closed;
    expect(await attendanceOf(org.id, occ, b.id)).toMatchObject({ source: 'staff', minutesAttended: 50, status: 'present' });
    expect(await attendanceOf(org.id, occ, a.id)).toMatchObject({ source: 'video', minutesAttended: 20, status: 'left_early' });

    // Denied at the door: closed, no attendance.
    const gc = await guest(occ, c.token);
    await gc.next('waiting');
    const l = await h.next('lobby', (m) => m.waiting.length === 1 && ![wa.id, wb.id].includes(m.waiting[0]?.id ?? ''));
    h.send({ type: 'deny', peer: l.waiting[0]?.id });
    expect(await gc.closed).toBe(VIDEO_CLOSE.DENIED);
    expect(await attendanceOf(org.id, occ, c.id)).toBeUndefined();
    h.close();
  });
});

describe('video room pages and settings', () => {
  it('staff and the person see the room; the external room when the roster is larger than the mesh; settings need If-Match', async () => {
    t.clock.set(at(-20));
    const org = await setupOrg(t);
    const people = await Promise.all([person(org), person(org), person(org)]);
    const occ = await session(
      org,
      people.map((p) => p.id),
    );
    const clinician = await org.as('clinician');
    const view = await clinician.get(`/api/v1/video/${occ}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ state: 'not_yet', rosterSize: 3, meshLimit: 6, externalUrl: null, opensAt: at(-15).toISOString() });
    const me = await t.app.inject({ method: 'GET', url: `/api/v1/me/${people[0]?.token}/video/${occ}` });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ title: 'Video session', externalUrl: null });
    expect(me.json().rosterSize).toBeUndefined();
    const stranger = await person(org);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/me/${stranger.token}/video/${occ}` })).statusCode).toBe(404);
    expect((await (await org.as('otherClinician')).get(`/api/v1/video/${occ}`)).statusCode).toBe(404);

    const admin = await org.as('admin');
    const url = `/api/v1/locations/${org.locations.main}/video-settings`;
    const payload = { meshLimit: 3, externalUrlTemplate: 'https://meet.example.test/openiop-{occurrenceId}', stunUrls: [], turnUrls: [] };
    expect((await admin.request({ method: 'PUT', url, payload })).statusCode).toBe(428);
    expect((await admin.request({ method: 'PUT', url, payload, headers: { 'if-match': '"7"' } })).statusCode).toBe(412);
    const bad = await admin.request({
      method: 'PUT',
      url,
      payload: { ...payload, externalUrlTemplate: 'https://meet.example.test/fixed' },
      headers: { 'if-match': '"0"' },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('externalUrlTemplate');
    const ok = await admin.request({ method: 'PUT', url, payload, headers: { 'if-match': '"0"' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe('"1"');
    expect((await clinician.request({ method: 'PUT', url, payload, headers: { 'if-match': '"1"' } })).statusCode).toBe(403);

    const big = await clinician.get(`/api/v1/video/${occ}`);
    expect(big.json().externalUrl).toBe(`https://meet.example.test/openiop-${occ}`);
  });
});

describe('STUN and TURN servers per location', () => {
  const SECRET = 'coturn-static-auth-secret-for-tests';
  const STUN = ['stun:stun.example.test:3478', 'stuns:stun.example.test:5349'];
  const TURN = ['turn:turn.example.test:3478?transport=udp', 'turns:turn.example.test:5349?transport=tcp'];
  const settingsUrl = (org: TestOrg) => `/api/v1/locations/${org.locations.main}/video-settings`;
  const base = { meshLimit: 6, externalUrlTemplate: null };
  const storedSecret = async (org: TestOrg) =>
    (
      await t.database.db
        .select({ s: videoSettings.turnSecret })
        .from(videoSettings)
        .where(and(eq(videoSettings.organizationId, org.id), eq(videoSettings.locationId, org.locations.main)))
    )[0]?.s;
  /** The TURN REST API check a TURN server (coturn use-auth-secret) makes, done here with Node's own HMAC. */
  const expectValidTurn = (entry: { urls: string[]; username?: string; credential?: string } | undefined, self: string) => {
    expect(entry?.urls).toEqual(TURN);
    expect(entry?.username).toMatch(new RegExp(`^\\d{10}:${self}$`));
    expect(entry?.credential).toBe(
      createHmac('sha1', SECRET)
        .update(entry?.username ?? '')
        .digest('base64'),
    );
    return Number(entry?.username?.split(':')[0]);
  };

  it('bad addresses are refused by field and change nothing; TURN without a secret is refused with 422', async () => {
    const org = await setupOrg(t);
    const admin = await org.as('admin');
    const put = (payload: Record<string, unknown>, version = '"0"') =>
      admin.request({ method: 'PUT', url: settingsUrl(org), payload, headers: { 'if-match': version } });
    const before = await orgSnapshot(t.database, org.id);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...base, stunUrls: ['stun:ok.example.test', 'https://stun.example.test'], turnUrls: [] }, 'stunUrls.1', 'stun:'],
      [{ ...base, stunUrls: [], turnUrls: ['turn:turn.example.test:3478?transport=sctp'] }, 'turnUrls.0', 'turn:'],
      [{ ...base, stunUrls: ['turn:turn.example.test'], turnUrls: [], turnSecret: SECRET }, 'stunUrls.0', 'stun:'],
      [{ ...base, stunUrls: [1, 2, 3, 4, 5, 6].map((n) => `stun:s${n}.example.test`), turnUrls: [] }, 'stunUrls', 'at most 5'],
      [{ ...base, stunUrls: [], turnUrls: TURN, turnSecret: 'too short' }, 'turnSecret', 'at least 16'],
    ];
    for (const [payload, path, words] of cases) {
      const res = await put(payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      const errors = res.json().errors as { path: string; message: string }[];
      expect(errors.find((e) => e.path === path)?.message, res.body).toContain(words);
    }
    // Well-formed TURN servers but no secret stored or sent: 422, naming the field, and still nothing written.
    const noSecret = await put({ ...base, stunUrls: STUN, turnUrls: TURN });
    expect(noSecret.statusCode, noSecret.body).toBe(422);
    expect(noSecret.headers['content-type']).toContain('application/problem+json');
    expect(noSecret.json()).toMatchObject({ code: 'TURN_SECRET_REQUIRED', errors: [{ path: 'turnUrls' }] });
    const cleared = await put({ ...base, stunUrls: [], turnUrls: TURN, turnSecret: null });
    expect(cleared.statusCode, cleared.body).toBe(422);
    expect(cleared.json()).toMatchObject({ code: 'TURN_SECRET_REQUIRED', errors: [{ path: 'turnSecret' }] });
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
    expect((await admin.get(settingsUrl(org))).json()).toMatchObject({ stunUrls: [], turnUrls: [], turnSecretSet: false, version: 0 });

    // Once a secret is stored, clearing it while TURN servers stay listed is refused too.
    expect((await put({ ...base, stunUrls: [], turnUrls: TURN, turnSecret: SECRET })).statusCode).toBe(200);
    const stillListed = await put({ ...base, stunUrls: [], turnUrls: TURN, turnSecret: null }, '"1"');
    expect(stillListed.statusCode, stillListed.body).toBe(422);
    expect(stillListed.json().errors).toEqual([{ path: 'turnSecret', message: expect.any(String) }]);
    expect(await storedSecret(org)).toBe(SECRET);
  });

  it('settings round-trip with a write-only secret; joining hands each connection STUN and its own signed TURN credential', async () => {
    t.clock.set(at(-10));
    const org = await setupOrg(t);
    const p = await person(org, { legalGivenName: 'Rosalind', preferredName: 'Roz' });
    const occ = await session(org, [p.id]);
    const admin = await org.as('admin');
    const put = (payload: Record<string, unknown>, version: string) =>
      admin.request({ method: 'PUT', url: settingsUrl(org), payload, headers: { 'if-match': version } });

    const fresh = await admin.get(settingsUrl(org));
    expect(fresh.json()).toEqual({
      locationId: org.locations.main,
      externalUrlTemplate: null,
      meshLimit: 6,
      stunUrls: [],
      turnUrls: [],
      turnSecretSet: false,
      version: 0,
    });
    const set = await put({ ...base, stunUrls: STUN.map((u) => ` ${u} `), turnUrls: TURN, turnSecret: SECRET }, '"0"');
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ ...fresh.json(), stunUrls: STUN, turnUrls: TURN, turnSecretSet: true, version: 1 });
    expect(await storedSecret(org)).toBe(SECRET); // stored, to sign credentials with …
    // … and never returned: left out of a PUT it is kept, and no view or audit row carries it.
    const kept = await put({ ...base, meshLimit: 4, stunUrls: STUN, turnUrls: TURN }, '"1"');
    expect(kept.json()).toMatchObject({ meshLimit: 4, turnSecretSet: true, version: 2 });
    const read = await admin.get(settingsUrl(org));
    expect(read.json()).toEqual(kept.json());
    expect(await storedSecret(org)).toBe(SECRET);
    const audits = await t.database.db.select().from(auditEvents).where(eq(auditEvents.organizationId, org.id));
    const settingsAudits = audits.filter((e) => e.action === 'video_settings.update');
    expect(settingsAudits.map((e) => e.details)).toEqual([
      { external: false, meshLimit: 6, stunServers: 2, turnServers: 2, turnSecret: 'set' },
      { external: false, meshLimit: 4, stunServers: 2, turnServers: 2, turnSecret: 'kept' },
    ]);
    for (const body of [set.body, kept.body, read.body, JSON.stringify(audits)]) expect(body).not.toContain(SECRET);

    // The host is in at once; the person gets theirs when admitted. Each entry is for that connection alone.
    const h = await host(org, occ);
    const hJoined = await h.next('joined');
    expect(hJoined.iceServers).toHaveLength(2);
    expect(hJoined.iceServers[0]).toEqual({ urls: STUN });
    const hExpiry = expectValidTurn(hJoined.iceServers[1], hJoined.self);
    // Valid 4 hours from the join (later than an hour past the room's close, 10:50 + 30 min, for a 50-minute session).
    expect(hExpiry).toBe(Math.floor(at(-10).getTime() / 1000) + 4 * 3600);

    const g = await guest(occ, p.token);
    await g.next('waiting');
    expect(g.messages.some((m) => 'iceServers' in m)).toBe(false); // nothing for the waiting room
    const lobby = await h.next('lobby', (m) => m.waiting.length === 1);
    t.clock.set(at(5));
    h.send({ type: 'admit', peer: lobby.waiting[0]?.id });
    const gJoined = await g.next('joined');
    expect(gJoined.iceServers[0]).toEqual({ urls: STUN });
    expect(expectValidTurn(gJoined.iceServers[1], gJoined.self)).toBe(Math.floor(at(5).getTime() / 1000) + 4 * 3600);
    expect(gJoined.iceServers[1]?.username).not.toBe(hJoined.iceServers[1]?.username);
    // The TURN username (which the TURN server logs) and the whole wire name nobody and never carry the secret.
    const wire = JSON.stringify([...h.messages, ...g.messages]);
    for (const secretOrPhi of [SECRET, p.id, 'Rosalind', org.users.clinician.id]) expect(wire).not.toContain(secretOrPhi);
    expect(gJoined.iceServers[1]?.username).not.toContain('Roz');
    g.send({ type: 'leave' });
    await g.closed;
    h.close();
    await h.closed;

    // Clearing the secret with the TURN servers: the next join gets STUN only; emptying STUN too gives nothing.
    const clear = await put({ ...base, stunUrls: STUN, turnUrls: [], turnSecret: null }, '"2"');
    expect(clear.json()).toMatchObject({ turnUrls: [], turnSecretSet: false, version: 3 });
    expect(await storedSecret(org)).toBeNull();
    const h2 = await host(org, occ);
    expect((await h2.next('joined')).iceServers).toEqual([{ urls: STUN }]);
    h2.close();
    await h2.closed;
    expect((await put({ ...base, stunUrls: [], turnUrls: [] }, '"3"')).statusCode).toBe(200);
    const h3 = await host(org, occ);
    expect((await h3.next('joined')).iceServers).toEqual([]);
    h3.close();
  });
});

describe('reminders of a built-in video session', () => {
  const row = {
    id: randomUUID(),
    organizationId: randomUUID(),
    startsAt: start,
    modality: 'virtual' as const,
    videoUrl: null,
    locationName: 'Main clinic',
    timeZone: 'America/Los_Angeles',
    phone: '+1 503 555 0100',
    roomName: null,
    offsets: null,
    staffId: randomUUID(),
    staffEmail: null,
  };
  it("staff get the room's page; the person is sent to their own page, and neither mail says what the session is", () => {
    const staff = reminderMail(row, true, null, 'https://iop.example.test/');
    expect(staff.text).toContain(`Where: video session - join: https://iop.example.test/video/${row.id}`);
    const person = reminderMail(row, false, randomUUID(), 'https://iop.example.test/');
    expect(person.text).toContain('Where: video session - join from your page (the link your care team gave you)');
    expect(person.text).not.toContain('/video/');
    const external = reminderMail({ ...row, videoUrl: 'https://meet.example.test/r/1' }, false, null, 'https://iop.example.test');
    expect(external.text).toContain('join: https://meet.example.test/r/1');
  });
});
