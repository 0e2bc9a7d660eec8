import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orgSnapshot } from '../../../test/db-state';
import { buildTestApp, PASSWORD, setupOrg, type TestOrg } from '../../../test/harness';
import { admitPatient } from '../../../test/fixtures';
import {
  auditEvents,
  episodes,
  sessionAttendance,
  sessionAttendees,
  sessionOccurrences,
  tasks,
  treatmentPlans,
  treatmentPlanVersions,
  users,
} from '../../db/schema/index';
import { totpCode } from '../auth/mfa';
import { sweepLateNotes } from './notes.lists';

// The harness clock: Monday 2026-11-16 15:00 UTC (07:00 in Los Angeles, the main clinic).
const t = await buildTestApp();
const db = t.database.db;

/** A held session at the main clinic, facilitated by `staffId`, with these people on its roster. */
async function session(
  org: TestOrg,
  patientIds: string[],
  opts: {
    kind?: 'group' | 'individual' | 'family';
    staffId?: string;
    startsAt?: string;
    minutes?: number;
    status?: 'scheduled' | 'cancelled';
  } = {},
): Promise<string> {
  const id = randomUUID();
  const startsAt = new Date(opts.startsAt ?? '2026-11-13T18:00:00Z');
  const minutes = opts.minutes ?? 90;
  await db.insert(sessionOccurrences).values({
    id,
    organizationId: org.id,
    locationId: org.locations.main,
    kind: opts.kind ?? 'group',
    title: opts.kind === 'individual' ? 'Individual session' : 'Relapse prevention group',
    day: '2026-11-13',
    startMinute: 600,
    endMinute: 600 + minutes,
    startsAt,
    endsAt: new Date(startsAt.getTime() + minutes * 60_000),
    modality: 'in_person',
    capacity: 12,
    staffId: opts.staffId ?? org.users.clinician.id,
    status: opts.status ?? 'scheduled',
  });
  if (patientIds.length)
    await db
      .insert(sessionAttendees)
      .values(patientIds.map((patientId) => ({ organizationId: org.id, occurrenceId: id, patientId, source: 'manual' as const })));
  return id;
}

/** A signed treatment plan with one goal for the person; returns the goal's id. */
async function planGoal(org: TestOrg, patientId: string, text: string): Promise<string> {
  await admitPatient(org, patientId);
  const [episode] = await db.select({ id: episodes.id }).from(episodes).where(eq(episodes.patientId, patientId));
  const planId = randomUUID();
  const goalId = randomUUID();
  await db
    .insert(treatmentPlans)
    .values({ id: planId, organizationId: org.id, patientId, episodeId: episode!.id, createdBy: org.users.clinician.id });
  await db.insert(treatmentPlanVersions).values({
    organizationId: org.id,
    planId,
    patientId,
    number: 1,
    status: 'signed',
    contentHash: 'test',
    createdBy: org.users.clinician.id,
    content: {
      problems: [
        {
          id: randomUUID(),
          source: 'other',
          dimension: null,
          diagnosisId: null,
          statement: 'Cravings',
          goals: [{ id: goalId, text, objectives: [], interventions: [] }],
        },
      ],
    },
  });
  return goalId;
}

const audits = (org: TestOrg, action: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, action)));

async function world() {
  const org = await setupOrg(t);
  const ana = await org.patient({ legalGivenName: 'Ana', legalFamilyName: 'Quintero', preferredName: 'Annie' });
  const ben = await org.patient({ legalGivenName: 'Benedikt', legalFamilyName: 'Øster' });
  const cam = await org.patient({ legalGivenName: 'Camila', legalFamilyName: 'Reyes' });
  const clinician = await org.as('clinician');
  return { org, ana, ben, cam, clinician };
}

describe('group notes', () => {
  it('writes a shared part and one part per member, blocks a leak by field path, signs with the password, locks and amends', async () => {
    const { org, ana, ben, cam, clinician } = await world();
    const goal = await planGoal(org, ana.id, 'Go a week without drinking');
    const occ = await session(org, [ana.id, ben.id, cam.id]);
    // Camila was recorded absent: she gets no part.
    await db.insert(sessionAttendance).values({
      organizationId: org.id,
      occurrenceId: occ,
      patientId: cam.id,
      status: 'absent_unexcused',
      minutesAttended: 0,
      source: 'staff',
    });

    expect((await clinician.get(`/api/v1/sessions/${occ}/note`)).statusCode).toBe(404);
    const wrongTemplate = await clinician.post(`/api/v1/sessions/${occ}/note`, { template: 'soap' });
    expect(wrongTemplate.statusCode).toBe(400);
    expect(wrongTemplate.json().errors[0].path).toBe('template');
    const opened = await clinician.post(`/api/v1/sessions/${occ}/note`, {});
    expect(opened.statusCode, opened.body).toBe(201);
    const note = opened.json();
    expect(note).toMatchObject({ kind: 'group', template: 'group', status: 'draft', late: true, version: 1 });
    expect(note.members.map((m: { name: string; absent: boolean }) => [m.name, m.absent])).toEqual([
      ['Benedikt Øster', false],
      ['Annie Quintero', false],
      ['Camila Reyes', true],
    ]);
    expect(note.members[1].goals).toEqual([{ id: goal, text: 'Go a week without drinking' }]);
    // Opening again returns the same note.
    const again = await clinician.post(`/api/v1/sessions/${occ}/note`, {});
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(note.id);

    const url = `/api/v1/notes/${note.id}`;
    const shared = { topic: 'Coping with cravings', curriculumUnit: 'Unit 3', interventions: ['CBT', 'Motivational interviewing'] };
    expect((await clinician.patch(url, { shared })).statusCode).toBe(428);
    // A part for someone not on the roster is refused and nothing is written.
    const stranger = await org.patient();
    const off = await clinician.patch(url, { parts: { [stranger.id]: { participation: 'x' } } }, { 'if-match': '"1"' });
    expect(off.statusCode).toBe(422);
    expect(off.json()).toMatchObject({ code: 'NOT_ON_ROSTER', errors: [{ path: `parts.${stranger.id}` }] });
    // Fields from another template, a goal not in the person's plan, a part for the absent member.
    const bad = await clinician.patch(
      url,
      {
        parts: {
          [ana.id]: { data: 'x', goalProgress: [{ goalId: randomUUID(), text: 'y' }] },
          [cam.id]: { participation: 'was not here' },
        },
      },
      { 'if-match': '"1"' },
    );
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual([`parts.${ana.id}.data`, `parts.${ana.id}.goalProgress.0.goalId`, `parts.${cam.id}`].sort());

    const leak = {
      [ana.id]: {
        participation: 'Active',
        response: 'Responded warmly to Ben’s share',
        goalProgress: [{ goalId: goal, text: 'Three days so far' }],
      },
      [ben.id]: { participation: 'Quiet', response: 'Listened; said the topic fit his week' },
    };
    const saved = await clinician.patch(url, { shared, parts: leak }, { 'if-match': '"1"' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe('"2"');
    expect(saved.json().members[1].content.response).toContain('Ben');

    const sign = (body: object, etag: string) => clinician.post(`${url}/sign`, body, { 'if-match': etag });
    // "Ben" is not Benedikt's name: no leak. His full name is.
    const leaked = await clinician.patch(
      url,
      { parts: { [ana.id]: { ...leak[ana.id], response: "Responded warmly to Benedikt's share" } } },
      { 'if-match': '"2"' },
    );
    expect(leaked.statusCode).toBe(200);
    const blocked = await sign({ password: PASSWORD }, '"3"');
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json()).toMatchObject({
      code: 'NOTE_NAMES_OTHERS',
      errors: [{ path: `parts.${ana.id}.response`, message: 'names another member of the group' }],
    });
    expect(blocked.body).not.toMatch(/benedikt/i);
    // Surnames with letters folded: "Oster" for "Øster" is caught too.
    await clinician.patch(url, { parts: { [ana.id]: { ...leak[ana.id], response: 'Responded to OSTER' } } }, { 'if-match': '"3"' });
    expect((await sign({ password: PASSWORD }, '"4"')).json().code).toBe('NOTE_NAMES_OTHERS');
    // Incomplete: Benedikt's part with no response.
    await clinician.patch(
      url,
      { parts: { [ana.id]: { ...leak[ana.id], response: 'Responded warmly to a peer’s share' }, [ben.id]: { participation: 'Quiet' } } },
      { 'if-match': '"4"' },
    );
    const incomplete = await sign({ password: PASSWORD }, '"5"');
    expect(incomplete.json()).toMatchObject({ code: 'NOTE_INCOMPLETE', errors: [{ path: `parts.${ben.id}.response` }] });
    await clinician.patch(url, { parts: { [ben.id]: leak[ben.id] } }, { 'if-match': '"5"' });

    // Re-authentication: a missing or wrong password signs nothing.
    expect((await sign({}, '"6"')).json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'password' }] });
    const wrong = await sign({ password: 'not it' }, '"6"');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', errors: [{ path: 'password' }] });
    // It counts toward the lockout once the signature's transaction has rolled back; a match starts the count again.
    const failedSignIns = async () =>
      (await db.select({ n: users.failedSignIns }).from(users).where(eq(users.id, org.users.clinician.id)))[0]?.n;
    expect(await failedSignIns()).toBe(1);
    expect((await sign({ password: PASSWORD }, '"5"')).statusCode).toBe(412);
    const done = await sign({ password: PASSWORD }, '"6"');
    expect(done.statusCode, done.body).toBe(200);
    expect(await failedSignIns()).toBe(0);
    expect(done.json()).toMatchObject({ status: 'signed', late: false, cosigner: null, signedAt: '2026-11-16T15:00:00.000Z' });
    expect(
      done
        .json()
        .members.map((m: { patientId: string }) => m.patientId)
        .sort(),
    ).toEqual([ana.id, ben.id].sort());

    // Locked: any change is 409 NOTE_SIGNED; signing again too.
    const locked = await clinician.patch(url, { shared: { topic: 'changed' } }, { 'if-match': '"7"' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('NOTE_SIGNED');
    expect((await sign({ password: PASSWORD }, '"7"')).json().code).toBe('NOTE_SIGNED');

    // Addenda: signed on creation, with the same name check and re-authentication.
    const addendum = (body: object) => clinician.post(`${url}/addenda`, body);
    expect((await addendum({ patientId: ana.id, text: 'Called later: Camila was worried', password: PASSWORD })).json().code).toBe(
      'NOTE_NAMES_OTHERS',
    );
    expect((await addendum({ patientId: cam.id, text: 'x', password: PASSWORD })).json().code).toBe('NOT_ON_ROSTER');
    expect((await addendum({ patientId: ana.id, text: 'Phoned after group; doing well', password: 'nope' })).statusCode).toBe(401);
    const added = await addendum({ patientId: ana.id, text: 'Phoned after group; doing well', password: PASSWORD });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().addenda).toMatchObject([{ patientId: ana.id, text: 'Phoned after group; doing well' }]);
    t.clock.advance(60_000);
    expect((await addendum({ patientId: null, text: 'Room changed to 3 mid-session', password: PASSWORD })).statusCode).toBe(201);
    t.clock.set(new Date('2026-11-16T15:00:00Z'));

    // Ana's chart: the shared part, her part, her addenda and the shared one; never Benedikt's part or name.
    const chart = await clinician.get(`/api/v1/patients/${ana.id}/notes`);
    expect(chart.statusCode, chart.body).toBe(200);
    const [entry] = chart.json().items;
    expect(entry).toMatchObject({
      noteId: note.id,
      status: 'signed',
      shared,
      content: { participation: 'Active', response: 'Responded warmly to a peer’s share' },
      goals: [{ id: goal, text: 'Go a week without drinking' }],
    });
    expect(entry.addenda.map((a: { text: string }) => a.text)).toEqual(['Phoned after group; doing well', 'Room changed to 3 mid-session']);
    expect(chart.body).not.toMatch(/benedikt|øster|oster|Listened/i);
    expect(chart.body).not.toContain(ben.id);
    const benChart = (await clinician.get(`/api/v1/patients/${ben.id}/notes`)).json();
    expect(benChart.items[0].addenda.map((a: { text: string }) => a.text)).toEqual(['Room changed to 3 mid-session']);
    expect((await clinician.get(`/api/v1/patients/${cam.id}/notes`)).json().items).toEqual([]);

    // Audited: each member's part read and written under that person.
    const reads = await audits(org, 'note.read');
    expect(new Set(reads.map((e) => e.patientId))).toEqual(new Set([null, ana.id, ben.id, cam.id]));
    expect(
      (await audits(org, 'note.lock'))
        .filter((e) => e.patientId)
        .map((e) => e.patientId)
        .sort(),
    ).toEqual([ana.id, ben.id].sort());
    expect(await audits(org, 'note.chart_read')).toHaveLength(3);
    expect(JSON.stringify(await audits(org, 'note.update'))).not.toMatch(/warmly|Benedikt/);
  });

  it('a peer’s note waits for the supervisor’s co-signature; the supervisor co-signs with an MFA code', async () => {
    const { org, ana } = await world();
    const director = await org.as('director');
    const peer = await org.as('peer');
    const sup = await director.post('/api/v1/supervision', { userId: org.users.peer.id, supervisorId: org.users.director.id });
    expect(sup.statusCode, sup.body).toBe(201);
    expect(sup.json()).toMatchObject({ requiresCosign: true, supervisor: { id: org.users.director.id } });
    expect(
      (await director.post('/api/v1/supervision', { userId: org.users.peer.id, supervisorId: org.users.director.id })).statusCode,
    ).toBe(409);
    expect(
      (await peer.post('/api/v1/supervision', { userId: org.users.clinician.id, supervisorId: org.users.director.id })).statusCode,
    ).toBe(403);

    const occ = await session(org, [ana.id], { kind: 'individual', staffId: org.users.peer.id });
    const opened = await peer.post(`/api/v1/sessions/${occ}/note`, { template: 'birp' });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().template).toBe('birp');
    const url = `/api/v1/notes/${opened.json().id}`;
    const part = { behavior: 'Calm', intervention: 'Peer support', response: 'Engaged', plan: 'Meet Thursday' };
    expect((await peer.patch(url, { parts: { [ana.id]: part } }, { 'if-match': '"1"' })).statusCode).toBe(200);
    expect((await peer.patch(url, { shared: { topic: 'x' } }, { 'if-match': '"2"' })).json().errors[0].path).toBe('shared');
    // Only the author writes and signs.
    expect((await director.patch(url, { parts: { [ana.id]: part } }, { 'if-match': '"2"' })).statusCode).toBe(403);
    const signed = await peer.post(`${url}/sign`, { password: PASSWORD }, { 'if-match': '"2"' });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'awaiting_cosign', cosigner: { id: org.users.director.id }, late: false });
    expect((await peer.patch(url, { parts: { [ana.id]: part } }, { 'if-match': '"3"' })).json().code).toBe('NOTE_SIGNED');
    expect((await peer.get('/api/v1/notes/mine')).json().awaitingCosign.map((n: { id: string }) => n.id)).toEqual([opened.json().id]);

    const queue = await director.get('/api/v1/notes/cosign-queue');
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items).toMatchObject([{ id: opened.json().id, status: 'awaiting_cosign', members: 1 }]);
    expect(queue.body).not.toContain('Quintero');
    // Peers hold no note.cosign; the clinician is not the named supervisor.
    expect((await peer.post(`${url}/cosign`, { password: PASSWORD }, { 'if-match': '"3"' })).statusCode).toBe(403);
    expect((await (await org.as('clinician')).post(`${url}/cosign`, { password: PASSWORD }, { 'if-match': '"3"' })).statusCode).toBe(403);

    // The director uses MFA: the password alone does not co-sign; a fresh code does, once.
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await db.update(users).set({ mfaEnabled: true, mfaSecret: secret, mfaLastStep: null }).where(eq(users.id, org.users.director.id));
    expect((await director.post(`${url}/cosign`, { password: PASSWORD }, { 'if-match': '"3"' })).json().errors[0].path).toBe('code');
    expect((await director.post(`${url}/cosign`, { code: '000000' }, { 'if-match': '"3"' })).json().code).toBe('MFA_INVALID');
    const code = totpCode(secret, t.clock.now());
    const cosigned = await director.post(`${url}/cosign`, { code }, { 'if-match': '"3"' });
    expect(cosigned.statusCode, cosigned.body).toBe(200);
    expect(cosigned.json()).toMatchObject({ status: 'signed', cosignedAt: '2026-11-16T15:00:00.000Z' });
    expect((await director.get('/api/v1/notes/cosign-queue')).json().items).toEqual([]);
    // The same code cannot sign again (replay), and a signed note is not co-signed twice.
    expect((await director.post(`${url}/addenda`, { patientId: ana.id, text: 'Reviewed', code }, {})).json().code).toBe('MFA_INVALID');
    expect((await director.post(`${url}/cosign`, { code }, { 'if-match': '"4"' })).json().code).toBe('NOTE_SIGNED');

    // Supervision can be relaxed: the peer's next note is signed at once.
    const relaxed = await director.patch(`/api/v1/supervision/${sup.json().id}`, { requiresCosign: false }, { 'if-match': '"1"' });
    expect(relaxed.statusCode, relaxed.body).toBe(200);
    const occ2 = await session(org, [ana.id], { kind: 'individual', staffId: org.users.peer.id, startsAt: '2026-11-16T14:00:00Z' });
    const n2 = (await peer.post(`/api/v1/sessions/${occ2}/note`, {})).json();
    expect(n2.template).toBe('dap');
    await peer.patch(`/api/v1/notes/${n2.id}`, { parts: { [ana.id]: { data: 'd', assessment: 'a', plan: 'p' } } }, { 'if-match': '"1"' });
    expect((await peer.post(`/api/v1/notes/${n2.id}/sign`, { password: PASSWORD }, { 'if-match': '"2"' })).json().status).toBe('signed');
  });

  it('ending a supervision needs its version; a note already waiting keeps its co-signer; the next note signs alone', async () => {
    const { org, ana } = await world();
    const director = await org.as('director');
    const peer = await org.as('peer');
    const sup = (await director.post('/api/v1/supervision', { userId: org.users.peer.id, supervisorId: org.users.director.id })).json();
    expect(sup.since).toBe(t.clock.now().toISOString());
    const occ = await session(org, [ana.id], { kind: 'individual', staffId: org.users.peer.id });
    const waiting = (await peer.post(`/api/v1/sessions/${occ}/note`, { template: 'birp' })).json();
    const part = { behavior: 'Calm', intervention: 'Peer support', response: 'Engaged', plan: 'Meet Thursday' };
    await peer.patch(`/api/v1/notes/${waiting.id}`, { parts: { [ana.id]: part } }, { 'if-match': '"1"' });
    expect((await peer.post(`/api/v1/notes/${waiting.id}/sign`, { password: PASSWORD }, { 'if-match': '"2"' })).json().status).toBe(
      'awaiting_cosign',
    );

    const url = `/api/v1/supervision/${sup.id}`;
    const before = await orgSnapshot(t.database, org.id);
    expect((await peer.delete(url, { 'if-match': '"1"' })).statusCode).toBe(403);
    expect((await director.delete(url)).json().code).toBe('PRECONDITION_REQUIRED');
    expect((await director.delete(url, { 'if-match': '"7"' })).json().code).toBe('PRECONDITION_FAILED');
    expect((await director.delete(`/api/v1/supervision/${randomUUID()}`, { 'if-match': '"1"' })).statusCode).toBe(404);
    const other = await (await setupOrg(t)).as('director');
    expect((await other.delete(url, { 'if-match': '"1"' })).statusCode).toBe(404);
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);

    expect((await director.delete(url, { 'if-match': '"1"' })).statusCode).toBe(204);
    expect((await director.get('/api/v1/supervision')).json().items).toEqual([]);
    expect((await audits(org, 'supervision.end'))[0]?.details).toMatchObject({
      userId: org.users.peer.id,
      supervisorId: org.users.director.id,
    });
    // The note signed before still waits for the director; the peer's next note is signed at once.
    expect((await director.get('/api/v1/notes/cosign-queue')).json().items.map((n: { id: string }) => n.id)).toEqual([waiting.id]);
    const occ2 = await session(org, [ana.id], { kind: 'individual', staffId: org.users.peer.id, startsAt: '2026-11-16T14:00:00Z' });
    const next = (await peer.post(`/api/v1/sessions/${occ2}/note`, { template: 'birp' })).json();
    await peer.patch(`/api/v1/notes/${next.id}`, { parts: { [ana.id]: part } }, { 'if-match': '"1"' });
    expect((await peer.post(`/api/v1/notes/${next.id}/sign`, { password: PASSWORD }, { 'if-match': '"2"' })).json().status).toBe('signed');
    // Gone is gone: a second end answers 404, and the peer can be given a supervisor again.
    expect((await director.delete(url, { 'if-match': '"1"' })).statusCode).toBe(404);
    expect(
      (await director.post('/api/v1/supervision', { userId: org.users.peer.id, supervisorId: org.users.director.id })).statusCode,
    ).toBe(201);
  });

  it('refuses sessions that were not held, and hides sessions and charts out of scope', async () => {
    const { org, ana, clinician } = await world();
    const future = await session(org, [ana.id], { startsAt: '2026-11-20T18:00:00Z' });
    expect((await clinician.post(`/api/v1/sessions/${future}/note`, {})).json().code).toBe('SESSION_NOT_HELD');
    const cancelled = await session(org, [ana.id], { status: 'cancelled' });
    expect((await clinician.post(`/api/v1/sessions/${cancelled}/note`, {})).json().code).toBe('SESSION_NOT_HELD');
    expect((await clinician.post(`/api/v1/sessions/${randomUUID()}/note`, {})).statusCode).toBe(404);
    // A clinician at the other location neither sees the session nor the person's notes.
    const held = await session(org, [ana.id]);
    const other = await org.as('otherClinician');
    expect((await other.post(`/api/v1/sessions/${held}/note`, {})).statusCode).toBe(404);
    expect((await other.get(`/api/v1/patients/${ana.id}/notes`)).statusCode).toBe(404);
    // Billing never reads notes.
    expect((await (await org.as('billing')).get(`/api/v1/patients/${ana.id}/notes`)).statusCode).toBe(403);
    // Another organization's session is a 404 too.
    const org2 = await setupOrg(t);
    expect((await (await org2.as('director')).get(`/api/v1/sessions/${held}/note`)).statusCode).toBe(404);
  });

  it('flags late notes: the notes page lists late drafts and sessions with no note, and raises one late-note task per note', async () => {
    const { org, ana, ben, clinician } = await world();
    const old = await session(org, [ana.id, ben.id]);
    const recent = await session(org, [ana.id], { kind: 'individual', startsAt: '2026-11-16T14:00:00Z', minutes: 50 });
    const noNote = await session(org, [ben.id], { kind: 'individual', startsAt: '2026-11-12T18:00:00Z', minutes: 50 });
    const lateNote = (await clinician.post(`/api/v1/sessions/${old}/note`, {})).json();
    const fresh = (await clinician.post(`/api/v1/sessions/${recent}/note`, {})).json();
    expect([lateNote.late, fresh.late]).toEqual([true, false]);

    const mine = await clinician.get('/api/v1/notes/mine');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().drafts.map((d: { id: string; late: boolean }) => [d.id, d.late])).toEqual([
      [lateNote.id, true],
      [fresh.id, false],
    ]);
    expect(mine.json().missing.map((m: { session: { occurrenceId: string }; late: boolean }) => [m.session.occurrenceId, m.late])).toEqual([
      [noNote, true],
    ]);
    expect(mine.body).not.toMatch(/Quintero|Øster/);
    const lateTasks = () =>
      db
        .select()
        .from(tasks)
        .where(and(eq(tasks.organizationId, org.id), eq(tasks.kind, 'late_note')));
    expect(await lateTasks()).toMatchObject([{ assigneeUserId: org.users.clinician.id, sourceId: lateNote.id, status: 'open' }]);
    // Reading again or sweeping raises nothing new; the next day the fresh one is late and the sweep flags it.
    await clinician.get('/api/v1/notes/mine');
    await sweepLateNotes(t.database, t.clock.now());
    expect(await lateTasks()).toHaveLength(1);
    const tomorrow = new Date('2026-11-17T16:00:00Z');
    expect(await sweepLateNotes(t.database, tomorrow)).toBeGreaterThanOrEqual(1);
    await sweepLateNotes(t.database, tomorrow);
    expect((await lateTasks()).map((x) => x.sourceId).sort()).toEqual([lateNote.id, fresh.id].sort());
    expect(JSON.stringify(await lateTasks())).not.toMatch(/Quintero|Øster/);
  });
});
