import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { drawDay, weekdayOf } from '@openiop/core';
import { auditEvents, drugTestSettings, patientSchedulePrefs, programPhases, tasks } from '../../db/schema/index';
import { buildTestApp, setupOrg, type TestOrg } from '../../../test/harness';
import { orgSnapshot } from '../../../test/db-state';
import { admitPatient, missingId } from '../../../test/fixtures';
import { drawDueSelections } from './draw.job';

const t = await buildTestApp();
// The harness clock: Monday 2026-11-16, 07:00 in Portland (main clinic), 10:00 in New York (other clinic).
const TODAY = '2026-11-16';

async function putRates(org: TestOrg, locationId: string, body: Record<string, unknown>, version = 0) {
  const director = await org.as('director');
  const res = await director.request({
    method: 'PUT',
    url: `/api/v1/locations/${locationId}/drug-tests/settings`,
    payload: body,
    headers: { 'if-match': `"${version}"` },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function secretOf(orgId: string, locationId: string): Promise<string> {
  const [row] = await t.database.db
    .select({ secret: drugTestSettings.secret })
    .from(drugTestSettings)
    .where(and(eq(drugTestSettings.organizationId, orgId), eq(drugTestSettings.locationId, locationId)));
  if (!row) throw new Error('no settings');
  return row.secret;
}

async function actions(orgId: string): Promise<string[]> {
  const rows = await t.database.db.select({ a: auditEvents.action }).from(auditEvents).where(eq(auditEvents.organizationId, orgId));
  return rows.map((r) => r.a);
}

async function addMedication(org: TestOrg, patientId: string, body: Record<string, unknown>) {
  const medical = await org.as('medical');
  const res = await medical.post(`/api/v1/patients/${patientId}/medications`, {
    dose: '8 mg',
    route: 'sublingual',
    frequency: 'daily',
    startDate: '2026-10-01',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
}

describe('drug testing', () => {
  it('sets rates by phase, draws today only (once), logs the draw reproducibly and lists the selection', async () => {
    const org = await setupOrg(t);
    const people = [
      await org.patient(),
      await org.patient(),
      await org.patient(),
      await org.patient(),
      await org.patient(),
      await org.patient(),
    ];
    for (const p of people.slice(0, 5)) await admitPatient(org, p.id);
    const elsewhere = await org.patient();
    await admitPatient(org, elsewhere.id, org.locations.other);
    const director = await org.as('director');
    const base = `/api/v1/locations/${org.locations.main}/drug-tests`;

    // Phase 1 for the first two people.
    const phases = await director.post(`/api/v1/locations/${org.locations.main}/program/defaults`, {});
    expect(phases.statusCode, phases.body).toBe(201);
    const [phase1] = await t.database.db
      .select({ id: programPhases.id })
      .from(programPhases)
      .where(and(eq(programPhases.organizationId, org.id), eq(programPhases.locationId, org.locations.main), eq(programPhases.number, 1)));
    for (const p of people.slice(0, 2))
      await t.database.db.insert(patientSchedulePrefs).values({ organizationId: org.id, patientId: p.id, phaseId: phase1?.id ?? null });

    const defaults = await director.get(`${base}/settings`);
    expect(defaults.json()).toMatchObject({ configured: false, version: 0, collectionWeekdays: [0, 1, 2, 3, 4] });
    expect(defaults.json().phases.map((p: { number: number }) => p.number)).toEqual([1, 2, 3]);
    // Nothing to draw from before the rates are set.
    expect((await director.post(`${base}/draws`, { day: TODAY })).statusCode).toBe(400);

    const peer = await org.as('peer');
    const forbidden = await peer.request({
      method: 'PUT',
      url: `${base}/settings`,
      payload: { ratesByPhase: {}, defaultRatePerWeek: 1, collectionWeekdays: [0] },
      headers: { 'if-match': '"0"' },
    });
    expect(forbidden.statusCode).toBe(403);
    const saved = await putRates(org, org.locations.main, {
      ratesByPhase: { '1': 5 },
      defaultRatePerWeek: 2.5,
      collectionWeekdays: [4, 0, 1, 2, 3],
    });
    expect(saved).toMatchObject({ configured: true, version: 1, ratesByPhase: { '1': 5 }, collectionWeekdays: [0, 1, 2, 3, 4] });
    expect(JSON.stringify(saved)).not.toContain(await secretOf(org.id, org.locations.main));
    const stale = await director.request({
      method: 'PUT',
      url: `${base}/settings`,
      payload: { ratesByPhase: {}, defaultRatePerWeek: 1, collectionWeekdays: [0] },
      headers: { 'if-match': '"0"' },
    });
    expect(stale.statusCode).toBe(412);

    const future = await director.post(`${base}/draws`, { day: '2026-11-17' });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors).toEqual([{ path: 'day', message: 'a future day cannot be drawn: draw on the day' }]);
    expect((await director.post(`${base}/draws`, { day: '2026-11-13' })).json().errors[0].path).toBe('day');
    expect((await (await org.as('clinician')).post(`${base}/draws`, { day: TODAY })).statusCode).toBe(403);

    const drawn = await director.post(`${base}/draws`, { day: TODAY });
    expect(drawn.statusCode, drawn.body).toBe(201);
    const log = drawn.json();
    expect(log).toMatchObject({ day: TODAY, collectionDay: true, eligibleCount: 5, drawnBy: { id: org.users.director.id } });
    // Phase 1 at 5 a week over 5 days: certain; others 2.5 a week: p = 0.5.
    const byId = new Map(log.entries.map((e: { patient: { id: string } }) => [e.patient.id, e]));
    expect(byId.get(people[0]?.id)).toMatchObject({ p: 1, phase: 1, selected: true, patient: { name: expect.stringContaining('Given') } });
    expect(byId.get(people[2]?.id)).toMatchObject({ p: 0.5, phase: null });
    expect(byId.has(people[5]?.id)).toBe(false);
    expect(byId.has(elsewhere.id)).toBe(false);
    // Reproducible from the secret: the same people as the pure draw.
    const expected = drawDay({
      secret: await secretOf(org.id, org.locations.main),
      day: TODAY,
      weekday: weekdayOf(TODAY),
      rates: { ratesByPhase: { '1': 5 }, defaultRatePerWeek: 2.5, collectionWeekdays: [0, 1, 2, 3, 4] },
      eligible: people.slice(0, 5).map((p, i) => ({ patientId: p.id, phase: i < 2 ? 1 : null })),
    });
    const selectedIds = log.entries
      .filter((e: { selected: boolean }) => e.selected)
      .map((e: { patient: { id: string } }) => e.patient.id)
      .sort();
    expect(selectedIds).toEqual([...expected.selected].sort());

    const again = await director.post(`${base}/draws`, { day: TODAY });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_DRAWN');

    const read = await peer.get(`${base}/draws/${TODAY}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().selectedCount).toBe(selectedIds.length);
    expect(await actions(org.id)).toEqual(
      expect.arrayContaining(['drug_test_draw.create', 'drug_test_selection.create', 'drug_test_draw.read']),
    );
    expect((await peer.get(`${base}/draws/2026-11-15`)).statusCode).toBe(404);

    const list = await peer.get(`${base}/selections?day=${TODAY}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ drawn: true, collectionDay: true });
    expect(
      list
        .json()
        .items.map((i: { patient: { id: string } }) => i.patient.id)
        .sort(),
    ).toEqual(selectedIds);
    expect(list.json().items.every((i: { status: string; reason: string }) => i.status === 'pending' && i.reason === 'random')).toBe(true);

    // Another organization's location is not found.
    const stranger = await setupOrg(t);
    expect((await (await stranger.as('director')).get(`${base}/settings`)).statusCode).toBe(404);
    expect((await (await stranger.as('director')).post(`${base}/draws`, { day: TODAY })).statusCode).toBe(404);
  });

  it('records a collection, flags a broken custody and an out-of-range temperature, shows the expected buprenorphine apart and reviews', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    await admitPatient(org, p.id);
    await addMedication(org, p.id, { name: 'Buprenorphine-naloxone film', matKind: 'buprenorphine_naloxone' });
    const director = await org.as('director');
    await putRates(org, org.locations.main, { ratesByPhase: {}, defaultRatePerWeek: 5, collectionWeekdays: [0, 1, 2, 3, 4] });
    expect((await director.post(`/api/v1/locations/${org.locations.main}/drug-tests/draws`, { day: TODAY })).statusCode).toBe(201);
    const peer = await org.as('peer');
    const [selection] = (await peer.get(`/api/v1/locations/${org.locations.main}/drug-tests/selections?day=${TODAY}`)).json().items;
    expect(selection.patient.id).toBe(p.id);
    const base = `/api/v1/patients/${p.id}/drug-tests`;

    // Wrong types answer 400 naming the field and write nothing.
    const before = await orgSnapshot(t.database, org.id);
    const junk = await peer.post(`${base}/collections`, {
      specimenType: 'urine',
      observed: 'yes',
      custodyId: 'C-1',
      temperatureC: 'warm',
      temperatureMinutes: 2,
    });
    expect(junk.statusCode).toBe(400);
    expect(
      junk
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['observed', 'temperatureC']);
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);

    const collected = await peer.post(`${base}/collections`, {
      selectionId: selection.id,
      specimenType: 'urine',
      observed: true,
      custodyId: `COC-${org.id.slice(0, 8)}-1`,
      temperatureC: 34.4,
      temperatureMinutes: 2,
    });
    expect(collected.statusCode, collected.body).toBe(201);
    const c1 = collected.json();
    expect(c1).toMatchObject({
      specimenStatus: 'valid',
      flagged: false,
      custodyIntact: true,
      observed: true,
      collector: { id: org.users.peer.id },
      day: TODAY,
    });
    expect(c1.custodyEvents.map((e: { action: string }) => e.action)).toEqual(['collected']);
    expect((await peer.get(`/api/v1/locations/${org.locations.main}/drug-tests/selections?day=${TODAY}`)).json().items[0]).toMatchObject({
      status: 'collected',
      collectionId: c1.id,
    });
    // The selection is used; the custody id is unique.
    expect(
      (
        await peer.post(`${base}/collections`, {
          selectionId: selection.id,
          specimenType: 'urine',
          observed: true,
          custodyId: 'X',
          temperatureC: 34,
          temperatureMinutes: 1,
        })
      ).statusCode,
    ).toBe(409);
    const dup = await peer.post(`${base}/collections`, {
      specimenType: 'urine',
      observed: true,
      custodyId: c1.custodyId,
      temperatureC: 34,
      temperatureMinutes: 1,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].path).toBe('custodyId');

    // Custody: sealed, then the seal is found broken → the chain breaks (If-Match required).
    const url1 = `${base}/collections/${c1.id}`;
    expect((await peer.patch(url1, { custodyEvent: { action: 'sealed' } })).statusCode).toBe(428);
    const sealed = await peer.patch(url1, { custodyEvent: { action: 'sealed' } }, { 'if-match': `"${c1.version}"` });
    expect(sealed.statusCode, sealed.body).toBe(200);
    const broken = await peer.patch(url1, { custodyEvent: { action: 'seal_broken' } }, { 'if-match': sealed.headers.etag as string });
    expect(broken.json()).toMatchObject({ custodyIntact: false, flagged: true, custodyProblems: ['seal_broken'] });

    // Results: peers collect but do not result.
    const results = {
      results: [
        { substanceClass: 'buprenorphine', method: 'presumptive', outcome: 'positive' },
        { substanceClass: 'fentanyl', method: 'presumptive', outcome: 'positive' },
        { substanceClass: 'cocaine', method: 'presumptive', outcome: 'negative' },
      ],
    };
    expect((await peer.post(`${url1}/results`, results)).statusCode).toBe(403);
    const clinician = await org.as('clinician');
    const resulted = await clinician.post(`${url1}/results`, results);
    expect(resulted.statusCode, resulted.body).toBe(201);
    const byClass = Object.fromEntries(resulted.json().results.map((r: { substanceClass: string }) => [r.substanceClass, r]));
    expect(byClass.buprenorphine).toMatchObject({
      expected: true,
      explainedBy: ['Buprenorphine-naloxone film'],
      flagged: 'custody_broken',
    });
    expect(byClass.fentanyl).toMatchObject({ expected: false, explainedBy: [], flagged: 'custody_broken' });
    expect(byClass.cocaine).toMatchObject({ expected: false, flagged: 'custody_broken' });
    const repeat = await clinician.post(`${url1}/results`, {
      results: [{ substanceClass: 'fentanyl', method: 'presumptive', outcome: 'negative' }],
    });
    expect(repeat.statusCode).toBe(409);
    expect(repeat.json().errors[0].path).toBe('results.0.substanceClass');

    // The unexpected fentanyl raised one review task; the review note closes it.
    const open = () =>
      t.database.db
        .select({ id: tasks.id, status: tasks.status, title: tasks.title })
        .from(tasks)
        .where(and(eq(tasks.organizationId, org.id), eq(tasks.kind, 'drug_test_review'), eq(tasks.patientId, p.id)));
    expect((await open()).map((x) => x.status)).toEqual(['open']);
    expect((await open())[0]?.title).not.toMatch(/fentanyl/i);
    const reviewed = await clinician.post(`${url1}/reviews`, {
      note: 'Discussed the result; person reports a lapse at a party and will attend an extra group.',
    });
    expect(reviewed.statusCode, reviewed.body).toBe(201);
    expect(reviewed.json().reviews).toMatchObject([{ reviewedBy: { id: org.users.clinician.id } }]);
    expect((await open()).map((x) => x.status)).toEqual(['resolved']);
    expect((await clinician.post(`${url1}/reviews`, { note: '' })).statusCode).toBe(400);

    // A second specimen, too warm: invalid and flagged at once; its results are flagged.
    t.clock.advance(10 * 60 * 1000);
    const hot = await peer.post(`${base}/collections`, {
      specimenType: 'urine',
      observed: false,
      custodyId: `COC-${org.id.slice(0, 8)}-2`,
      temperatureC: 39.5,
      temperatureMinutes: 3,
      validity: { creatinine: 15 },
    });
    expect(hot.statusCode, hot.body).toBe(201);
    expect(hot.json()).toMatchObject({ specimenStatus: 'invalid', flagged: true, validityFlags: ['temperature_out_of_range', 'dilute'] });
    const hotResults = await clinician.post(`${base}/collections/${hot.json().id}/results`, {
      results: [{ substanceClass: 'buprenorphine', method: 'presumptive', outcome: 'positive' }],
    });
    expect(hotResults.json().results[0]).toMatchObject({ expected: true, flagged: 'specimen_invalid' });

    // History and trend in the chart.
    const history = await peer.get(base);
    expect(history.statusCode, history.body).toBe(200);
    const h = history.json();
    expect(h.items.map((i: { id: string }) => i.id)).toEqual([hot.json().id, c1.id]);
    expect(
      h.trend.points.map((pt: { unexpected: string[]; expected: string[]; flagged: boolean }) => [pt.unexpected, pt.expected, pt.flagged]),
    ).toEqual([
      [['fentanyl'], ['buprenorphine'], true],
      [[], ['buprenorphine'], true],
    ]);
    expect(h.expectedNow).toEqual([{ substanceClass: 'buprenorphine', medications: ['Buprenorphine-naloxone film'] }]);
    expect(await actions(org.id)).toEqual(
      expect.arrayContaining([
        'drug_test_collection.create',
        'drug_test_collection.update',
        'drug_test_result.create',
        'drug_test_review.create',
        'drug_test.list',
        'task.create',
        'task.resolve',
      ]),
    );

    // Another organization's staff, or a missing record: 404 alike.
    const stranger = await setupOrg(t);
    expect((await (await stranger.as('peer')).get(base)).statusCode).toBe(404);
    expect((await peer.get(`${base}/collections/${missingId()}`)).statusCode).toBe(404);
    expect((await (await stranger.as('clinician')).post(`${url1}/results`, results)).statusCode).toBe(404);
  });

  it('draws automatically at the start of the clinic day, once per location, and never on a day without collection', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    await admitPatient(org, p.id, org.locations.other);
    await putRates(org, org.locations.other, { ratesByPhase: {}, defaultRatePerWeek: 5, collectionWeekdays: [0, 1, 2, 3, 4] });
    await putRates(org, org.locations.main, { ratesByPhase: {}, defaultRatePerWeek: 5, collectionWeekdays: [1] });
    const count = async (day: string) =>
      (
        await t.database.query<{ n: number }>(
          sql`select count(*)::int as n from drug_test_draws where organization_id = ${org.id}::uuid and day = ${day}`,
        )
      )[0]?.n;

    // 05:30 in New York: the clinic day has not begun.
    await drawDueSelections({ database: t.database }, new Date('2026-11-16T10:30:00Z'));
    expect(await count(TODAY)).toBe(0);
    const first = await drawDueSelections({ database: t.database }, new Date('2026-11-16T11:05:00Z'));
    expect(first.failed).toBe(0);
    // Only the other clinic collects on Mondays.
    expect(await count(TODAY)).toBe(1);
    await drawDueSelections({ database: t.database }, new Date('2026-11-16T11:10:00Z'));
    expect(await count(TODAY)).toBe(1);
    const director = await org.as('director');
    const log = (await director.get(`/api/v1/locations/${org.locations.other}/drug-tests/draws/${TODAY}`)).json();
    expect(log).toMatchObject({ drawnBy: null, selectedCount: 1, entries: [{ patient: { id: p.id }, selected: true }] });
    const automatic = await t.database.db
      .select({ actor: auditEvents.actorUserId })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, 'drug_test_draw.create')));
    expect(automatic).toEqual([{ actor: null }]);
  });
});
