import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, dailyCheckins, measureLinks, tasks } from '../../db/schema/index';
import { orgSnapshot } from '../../../test/db-state';
import { buildTestApp, setupOrg, signIn, type TestOrg } from '../../../test/harness';

const t = await buildTestApp();
const db = t.database.db;
const NOW = new Date('2026-11-16T15:00:00Z'); // Monday 16 November, 07:00 in Los Angeles
beforeEach(() => t.clock.set(NOW));

/** A new session for the clinician after the clock has moved past the idle timeout. */
const fresh = (org: TestOrg) => signIn(t.app, org.users.clinician.email);
const tokenOf = (url: string) => url.split('/me/')[1] as string;
const me = (token: string, path = '', payload?: object) =>
  t.app.inject({ method: payload ? 'POST' : 'GET', url: `/api/v1/me/${token}${path}`, ...(payload ? { payload } : {}) });
const phq = (items: number[]) => Object.fromEntries(items.map((v, i) => [`q${i + 1}`, v]));
const checkin = (over: Record<string, unknown> = {}) => ({
  clientId: randomUUID(),
  mood: 3,
  craving: 2,
  sleepHours: 7.5,
  sleepQuality: 4,
  usedSinceLast: false,
  note: 'Went to the group, felt better after',
  ...over,
});

/** An admitted person with the clinician as primary clinician, PHQ-9 every two weeks and a daily check-in. */
async function world(org: TestOrg) {
  const p = await org.patient({ legalGivenName: 'Morgan', preferredName: 'Mo' });
  const director = await org.as('director');
  const ep = await director.post(`/api/v1/patients/${p.id}/episodes`, {
    levelOfCare: '2.1',
    locationId: org.locations.main,
    status: 'active',
    admittedOn: '2026-11-02',
    primaryClinicianId: org.users.clinician.id,
  });
  expect(ep.statusCode, ep.body).toBe(201);
  const clinician = await org.as('clinician');
  const phqA = await clinician.post(`/api/v1/patients/${p.id}/measure-assignments`, {
    measure: 'phq9',
    cadence: { kind: 'biweekly' },
    startDate: '2026-11-16',
  });
  expect(phqA.statusCode, phqA.body).toBe(201);
  const daily = await clinician.post(`/api/v1/patients/${p.id}/measure-assignments`, {
    measure: 'daily_checkin',
    cadence: { kind: 'daily' },
    startDate: '2026-11-10',
  });
  expect(daily.statusCode, daily.body).toBe(201);
  const link = await clinician.post(`/api/v1/patients/${p.id}/measures-link`, {});
  expect(link.statusCode, link.body).toBe(201);
  return { p, clinician, phqA: phqA.json(), daily: daily.json(), link: link.json(), token: tokenOf(link.json().url) };
}

describe('assignments', () => {
  it('assigns on a cadence, shows what is due on the clinic-local date, refuses a second live one, and stops with If-Match', async () => {
    const org = await setupOrg(t);
    const { p, clinician, phqA, daily } = await world(org);
    expect(phqA).toMatchObject({
      measure: 'phq9',
      measureName: 'PHQ-9',
      cadence: { kind: 'biweekly' },
      graceDays: 3,
      status: { state: 'due', dueDate: '2026-11-16', graceUntil: '2026-11-19', nextDueDate: '2026-11-30' },
    });
    expect(daily.status).toMatchObject({ state: 'due', dueDate: '2026-11-16' });

    const again = await clinician.post(`/api/v1/patients/${p.id}/measure-assignments`, {
      measure: 'phq9',
      cadence: { kind: 'monthly' },
      startDate: '2026-11-20',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual([{ path: 'measure', message: 'is already assigned' }]);

    const badEnd = await clinician.post(`/api/v1/patients/${p.id}/measure-assignments`, {
      measure: 'gad7',
      cadence: { kind: 'every_n_days', days: 0 },
      startDate: '2026-11-20',
      endDate: '2026-11-19',
    });
    expect(badEnd.statusCode).toBe(400);
    expect(
      badEnd
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['cadence.days', 'endDate']);

    const url = `/api/v1/patients/${p.id}/measure-assignments/${phqA.id}/stop`;
    expect((await clinician.post(url, {})).statusCode).toBe(428);
    expect((await clinician.post(url, {}, { 'if-match': '"9"' })).statusCode).toBe(412);
    const stopped = await clinician.post(url, {}, { 'if-match': `"${phqA.version}"` });
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect(stopped.json()).toMatchObject({ endDate: '2026-11-16', status: { state: 'due' } });
    t.clock.set(new Date('2026-11-17T15:00:00Z'));
    const overview = (await (await fresh(org)).get(`/api/v1/patients/${p.id}/measures`)).json();
    expect(overview).toMatchObject({ today: '2026-11-17', timeZone: 'America/Los_Angeles' });
    expect(overview.assignments.find((a: { id: string }) => a.id === phqA.id).status.state).toBe('ended');

    const actions = (await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.organizationId, org.id))).map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['measure.assign', 'measure.stop', 'measures.read', 'measure_link.create']));
  });

  it('peers read but do not assign; other organizations and people out of scope are not found', async () => {
    const org = await setupOrg(t);
    const { p } = await world(org);
    const peer = await org.as('peer');
    expect((await peer.get(`/api/v1/patients/${p.id}/measures`)).statusCode).toBe(200);
    expect(
      (
        await peer.post(`/api/v1/patients/${p.id}/measure-assignments`, {
          measure: 'gad7',
          cadence: { kind: 'weekly' },
          startDate: '2026-11-16',
        })
      ).statusCode,
    ).toBe(403);
    const away = await org.as('otherClinician');
    expect((await away.get(`/api/v1/patients/${p.id}/measures`)).statusCode).toBe(404);
    expect((await away.post(`/api/v1/patients/${p.id}/measures-link`, {})).statusCode).toBe(404);
    const other = await setupOrg(t);
    const stranger = await other.as('director');
    const before = await orgSnapshot(t.database, org.id);
    expect((await stranger.get(`/api/v1/patients/${p.id}/measures`)).statusCode).toBe(404);
    expect(
      (
        await stranger.post(`/api/v1/patients/${p.id}/measure-assignments`, {
          measure: 'gad7',
          cadence: { kind: 'weekly' },
          startDate: '2026-11-16',
        })
      ).statusCode,
    ).toBe(404);
    expect((await stranger.delete(`/api/v1/patients/${p.id}/measures-link`)).statusCode).toBe(404);
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
  });
});

describe("the person's measures link", () => {
  it('lists what is due, takes answers per item, refuses out-of-range naming the item, and charts the score', async () => {
    const org = await setupOrg(t);
    const { p, clinician, link, token, phqA } = await world(org);
    expect(link.url).toMatch(/^http:\/\/openiop\.test\/me\/[A-Za-z0-9_-]{43}$/);
    expect(link.qrSvg).toContain('<svg');
    const [stored] = await db.select().from(measureLinks).where(eq(measureLinks.id, link.id));
    expect(JSON.stringify(stored)).not.toContain(token);

    const opened = await me(token);
    expect(opened.statusCode, opened.body).toBe(200);
    const view = opened.json();
    expect(view).toMatchObject({
      firstName: 'Mo',
      today: '2026-11-16',
      measures: { checkin: { assignmentId: expect.any(String), doneToday: false } },
    });
    expect(view.measures.due).toMatchObject([{ assignmentId: phqA.id, state: 'due', instrument: { id: 'phq9' } }]);
    expect(JSON.stringify(view)).not.toMatch(new RegExp(`${p.mrn}|Family|1990-04-12`));

    const before = await orgSnapshot(t.database, org.id);
    const bad = await me(token, `/measures/${phqA.id}`, { items: { ...phq([1, 1, 1, 1, 1, 1, 1, 1, 0]), q3: 7 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'items.q3', message: 'must be one of 0, 1, 2, 3' }]);
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);

    const sent = await me(token, `/measures/${phqA.id}`, { items: phq([2, 2, 2, 2, 2, 2, 2, 2, 0]) });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toEqual({ status: 'completed' });
    // Done for this period: no longer offered, and a second answer is refused.
    expect((await me(token)).json().measures.due).toEqual([]);
    expect((await me(token, `/measures/${phqA.id}`, { items: phq([0, 0, 0, 0, 0, 0, 0, 0, 0]) })).statusCode).toBe(409);
    expect((await me(token, `/measures/${randomUUID()}`, { items: {} })).statusCode).toBe(404);

    const overview = (await clinician.get(`/api/v1/patients/${p.id}/measures`)).json();
    expect(overview.trends).toMatchObject([
      { instrumentId: 'phq9', points: [{ total: 16, bandCode: 'moderately_severe', baseline: true }] },
    ]);
    expect(overview.assignments.find((a: { id: string }) => a.id === phqA.id)).toMatchObject({
      status: { state: 'done' },
      lastAnsweredOn: '2026-11-16',
    });
    const [submitted] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, 'instrument.submit')));
    expect(submitted).toMatchObject({
      actorUserId: null,
      patientId: p.id,
      details: { via: 'measures-link', linkId: link.id, assignmentId: phqA.id },
    });
  });

  it('an incomplete answer set is stored unscored and does not count as done', async () => {
    const org = await setupOrg(t);
    const { clinician, p, token, phqA } = await world(org);
    const sent = await me(token, `/measures/${phqA.id}`, { items: { q1: 1, q2: 1 } });
    expect(sent.json()).toEqual({ status: 'incomplete' });
    const overview = (await clinician.get(`/api/v1/patients/${p.id}/measures`)).json();
    expect(overview.trends).toEqual([]);
    expect((await me(token)).json().measures.due).toHaveLength(1);
  });

  it('a revoked link is not found, an expired one is gone, and a new link replaces the old one', async () => {
    const org = await setupOrg(t);
    const { p, clinician, token } = await world(org);
    const second = await clinician.post(`/api/v1/patients/${p.id}/measures-link`, { expiresInDays: 1 });
    const token2 = tokenOf(second.json().url);
    expect((await me(token)).statusCode).toBe(404);
    expect((await me(token2)).statusCode).toBe(200);
    t.clock.set(new Date(NOW.getTime() + 86_400_000 + 1));
    const expired = await me(token2);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().code).toBe('LINK_EXPIRED');
    expect((await me(token2, '/checkins', checkin())).statusCode).toBe(410);
    t.clock.set(NOW);
    expect((await clinician.delete(`/api/v1/patients/${p.id}/measures-link`)).json()).toEqual({ revoked: 1 });
    expect((await me(token2)).statusCode).toBe(404);
    expect((await me(token2, '/checkins', checkin())).statusCode).toBe(404);
    expect((await me('x'.repeat(43))).statusCode).toBe(404);
    expect((await clinician.get(`/api/v1/patients/${p.id}/measures`)).json().link).toBeNull();
  });
});

describe('daily check-in', () => {
  it('is stored once per client id; a plain one raises nothing', async () => {
    const org = await setupOrg(t);
    const { p, clinician, token } = await world(org);
    const body = checkin();
    const first = await me(token, '/checkins', body);
    expect(first.statusCode, first.body).toBe(201);
    const retry = await me(token, '/checkins', body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual({ id: first.json().id, duplicate: true });
    const rows = await db.select().from(dailyCheckins).where(eq(dailyCheckins.patientId, p.id));
    expect(rows).toHaveLength(1);
    expect(await db.select().from(tasks).where(eq(tasks.patientId, p.id))).toEqual([]);
    const overview = (await clinician.get(`/api/v1/patients/${p.id}/measures`)).json();
    expect(overview.checkins).toMatchObject([
      { mood: 3, craving: 2, sleepHours: 7.5, usedSinceLast: false, alertReasons: [], alertTaskId: null },
    ]);
    expect((await me(token)).json().measures.checkin.doneToday).toBe(true);
  });

  it('craving at the threshold raises a checkin_alert for the primary clinician in the same transaction, with no answer text in title or audit', async () => {
    const org = await setupOrg(t);
    const { p, token } = await world(org);
    const sent = await me(token, '/checkins', checkin({ craving: 7, note: 'Saw my old dealer at the bus stop' }));
    expect(sent.statusCode).toBe(201);
    const [row] = await db.select().from(dailyCheckins).where(eq(dailyCheckins.id, sent.json().id));
    const [task] = await db.select().from(tasks).where(eq(tasks.patientId, p.id));
    expect(task).toMatchObject({
      kind: 'checkin_alert',
      priority: 'normal',
      assigneeUserId: org.users.clinician.id,
      sourceType: 'daily_checkin',
      sourceId: row?.id,
      title: 'Daily check-in: craving at or above threshold',
    });
    expect(row?.alertTaskId).toBe(task?.id);
    // One transaction: the task, the check-in and both audit events carry the same instant.
    expect(task?.createdAt.getTime()).toBe(row?.submittedAt.getTime());
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.patientId, p.id)));
    const create = events.find((e) => e.action === 'task.create');
    const submit = events.find((e) => e.action === 'checkin.submit');
    expect(create?.details).toMatchObject({ kind: 'checkin_alert', sourceId: row?.id });
    expect(submit?.details).toMatchObject({ alertTaskId: task?.id });
    const text = JSON.stringify(events.map((e) => e.details)) + (task?.title ?? '');
    expect(text).not.toContain('dealer');
    expect(text).not.toMatch(/"craving":|"mood":/);
  });

  it('the care team sets the threshold (If-Match); use reported alerts urgently whatever the craving', async () => {
    const org = await setupOrg(t);
    const { p, clinician, token } = await world(org);
    const url = `/api/v1/patients/${p.id}/measure-settings`;
    const req = (payload: object, headers: Record<string, string> = {}) => clinician.request({ method: 'PUT', url, payload, headers });
    expect((await req({ cravingThreshold: 9 })).statusCode).toBe(428);
    expect((await req({ cravingThreshold: 11 }, { 'if-match': '"0"' })).json().errors).toEqual([
      { path: 'cravingThreshold', message: 'must be 1–10' },
    ]);
    const set = await req({ cravingThreshold: 9 }, { 'if-match': '"0"' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ cravingThreshold: 9, version: 1 });
    expect((await req({ cravingThreshold: 8 }, { 'if-match': '"0"' })).statusCode).toBe(412);

    expect((await me(token, '/checkins', checkin({ craving: 8 }))).statusCode).toBe(201);
    expect(await db.select().from(tasks).where(eq(tasks.patientId, p.id))).toEqual([]);
    t.clock.advance(60_000);
    const used = await me(token, '/checkins', checkin({ craving: 1, usedSinceLast: true, usedWhat: 'alcohol' }));
    expect(used.statusCode).toBe(201);
    const [task] = await db.select().from(tasks).where(eq(tasks.patientId, p.id));
    expect(task).toMatchObject({ kind: 'checkin_alert', priority: 'urgent', title: 'Daily check-in: use reported' });
    expect(JSON.stringify(task)).not.toContain('alcohol');
    const overview = (await clinician.get(`/api/v1/patients/${p.id}/measures`)).json();
    expect(overview.settings).toEqual({ cravingThreshold: 9, version: 1 });
    expect(overview.checkins[0]).toMatchObject({ usedWhat: 'alcohol', alertReasons: ['use'] });
  });

  it('refuses bad values per field and a check-in nobody assigned', async () => {
    const org = await setupOrg(t);
    const { p, token, daily } = await world(org);
    const before = await orgSnapshot(t.database, org.id);
    const bad = await me(token, '/checkins', checkin({ craving: 11, mood: 0, sleepHours: 7.3 }));
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['craving', 'mood', 'sleepHours']);
    const what = await me(token, '/checkins', checkin({ usedWhat: 'x' }));
    expect(what.json().errors).toEqual([{ path: 'usedWhat', message: 'only when use is reported' }]);
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
    t.clock.set(new Date('2026-11-17T15:00:00Z'));
    await (
      await fresh(org)
    ).post(
      `/api/v1/patients/${p.id}/measure-assignments/${daily.id}/stop`,
      { endDate: '2026-11-16' },
      { 'if-match': `"${daily.version}"` },
    );
    expect((await me(token)).json().measures.checkin).toBeNull();
    expect((await me(token, '/checkins', checkin())).statusCode).toBe(409);
  });
});

describe('worsening', () => {
  it('a staff-given PHQ-9 in a worse band raises measure_worsening with the answers; an improving one does not', async () => {
    const org = await setupOrg(t);
    const { p, clinician, token, phqA } = await world(org);
    const give = (items: number[]) =>
      clinician.post(`/api/v1/patients/${p.id}/administrations`, { instrumentId: 'phq9', items: phq(items), submit: true });
    expect((await give([1, 1, 1, 1, 1, 1, 1, 1, 0])).json().total).toBe(8);
    expect(await db.select().from(tasks).where(eq(tasks.patientId, p.id))).toEqual([]);
    t.clock.advance(60_000);
    const worse = (await give([2, 2, 2, 2, 2, 2, 1, 1, 0])).json();
    expect(worse.total).toBe(14);
    const raised = await db.select().from(tasks).where(eq(tasks.patientId, p.id));
    expect(raised).toMatchObject([
      {
        kind: 'measure_worsening',
        title: 'PHQ-9 score worsened',
        sourceId: worse.id,
        assigneeUserId: org.users.clinician.id,
        details: { reasons: ['reliable_deterioration', 'worse_band'] },
      },
    ]);
    const [submit] = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.organizationId, org.id), eq(auditEvents.resourceId, worse.id), eq(auditEvents.action, 'instrument.submit')),
      );
    expect(submit?.details).toMatchObject({ worseningTaskId: raised[0]?.id });
    // The staff-given score answered this period; two weeks on, from the person's link: 14 → 6 improves, nothing new.
    expect((await me(token)).json().measures.due).toEqual([]);
    t.clock.set(new Date('2026-11-30T18:00:00Z'));
    expect((await me(token, `/measures/${phqA.id}`, { items: phq([1, 1, 1, 1, 1, 1, 0, 0, 0]) })).json().status).toBe('completed');
    expect(await db.select().from(tasks).where(eq(tasks.patientId, p.id))).toHaveLength(1);
    const trend = (await (await fresh(org)).get(`/api/v1/patients/${p.id}/measures`)).json().trends[0];
    expect(trend.points.map((x: { total: number; reliableChange: string }) => [x.total, x.reliableChange])).toEqual([
      [8, 'none'],
      [14, 'deteriorated'],
      [6, 'none'],
    ]);
  });

  it('the phone link path raises it too', async () => {
    const org = await setupOrg(t);
    const { p, clinician } = await world(org);
    await clinician.post(`/api/v1/patients/${p.id}/administrations`, {
      instrumentId: 'gad7',
      items: { q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0 },
      submit: true,
    });
    const made = (await clinician.post(`/api/v1/patients/${p.id}/instrument-links`, { instrumentId: 'gad7' })).json();
    const fill = await t.app.inject({
      method: 'POST',
      url: `/api/v1/fill/${made.url.split('/fill/')[1]}`,
      payload: { items: { q1: 1, q2: 1, q3: 1, q4: 1, q5: 1, q6: 0, q7: 0 } },
    });
    expect(fill.statusCode).toBe(201);
    expect(await db.select({ kind: tasks.kind }).from(tasks).where(eq(tasks.patientId, p.id))).toEqual([{ kind: 'measure_worsening' }]);
  });
});
