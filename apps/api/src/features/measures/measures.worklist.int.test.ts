import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Role } from '@openiop/core';
import { episodes } from '../../db/schema/index';
import type { Actor } from '../../platform/context';
import { assignCaseload } from '../../../test/fixtures';
import { buildTestApp, setupOrg, signIn, type TestOrg } from '../../../test/harness';
import { measuresWorklistSource } from './measures.worklist';

const t = await buildTestApp();
const NOW = new Date('2026-11-16T15:00:00Z'); // Monday 16 November, 07:00 in Los Angeles

const actorOf = (org: TestOrg, who: 'clinician' | 'otherClinician' | 'director' | 'medical', role: Role, locationIds: string[]): Actor => ({
  kind: 'user',
  userId: org.users[who].id,
  tokenId: null,
  sessionId: null,
  organizationId: org.id,
  name: who,
  email: org.users[who].email,
  roles: [role],
  locationIds,
  scopes: null,
  settings: { name: 'Test', idleTimeoutMinutes: 15, caseloadOnly: false, breakGlassMinutes: 60 },
});

async function admitted(org: TestOrg, primaryClinicianId: string | null) {
  const p = await org.patient();
  const director = await org.as('director');
  const res = await director.post(`/api/v1/patients/${p.id}/episodes`, {
    levelOfCare: '2.1',
    locationId: org.locations.main,
    status: 'active',
    admittedOn: '2026-11-02',
    ...(primaryClinicianId ? { primaryClinicianId } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return p;
}

async function assign(org: TestOrg, patientId: string, measure: string, cadence: object, startDate: string) {
  const res = await (await org.as('clinician')).post(`/api/v1/patients/${patientId}/measure-assignments`, { measure, cadence, startDate });
  expect(res.statusCode, res.body).toBe(201);
}

const run = (actor: Actor) => t.database.db.transaction((tx) => measuresWorklistSource(tx, actor, NOW));

describe('measuresWorklistSource', () => {
  it("lists due and missed measures of the clinician's own people; directors see everyone in scope", async () => {
    t.clock.set(NOW);
    const org = await setupOrg(t);
    const mine = await admitted(org, org.users.clinician.id);
    const onCaseload = await admitted(org, null);
    await assignCaseload(org, onCaseload.id, org.users.clinician.id);
    const someoneElses = await admitted(org, org.users.director.id);
    // PHQ-9 from 9 Nov, every two weeks, 3 days' grace: due 9 Nov, missed since the 13th.
    await assign(org, mine.id, 'phq9', { kind: 'biweekly' }, '2026-11-09');
    // GAD-7 due today; BAM starts next week; the daily check-in, begun on 1 Nov and never done, is 15 days missed.
    await assign(org, mine.id, 'gad7', { kind: 'weekly' }, '2026-11-16');
    await assign(org, mine.id, 'bam', { kind: 'monthly' }, '2026-11-23');
    await assign(org, mine.id, 'daily_checkin', { kind: 'daily' }, '2026-11-01');
    await assign(org, onCaseload.id, 'gad7', { kind: 'biweekly' }, '2026-11-15');
    await assign(org, someoneElses.id, 'phq9', { kind: 'weekly' }, '2026-11-16');

    const clinician = actorOf(org, 'clinician', 'clinician', [org.locations.main]);
    const items = await run(clinician);
    expect(items.map((i) => [i.patient.id, i.kind, i.title, i.overdue, i.dueAt])).toEqual([
      [mine.id, 'measure_missed', 'Daily check-in missed 15 days running', true, '2026-11-01T07:00:00.000Z'],
      [mine.id, 'measure_missed', 'PHQ-9 missed', true, '2026-11-09T08:00:00.000Z'],
      [onCaseload.id, 'measure_due', 'GAD-7 due', false, '2026-11-15T08:00:00.000Z'],
      [mine.id, 'measure_due', 'GAD-7 due', false, '2026-11-16T08:00:00.000Z'],
    ]);
    expect(items[1]).toMatchObject({
      priority: 'normal',
      taskId: null,
      href: `/patients/${mine.id}#measurement-based-care`,
      patient: { mrn: mine.mrn },
    });

    const director = await run(actorOf(org, 'director', 'director', [org.locations.main]));
    expect(director.map((i) => i.patient.id).sort()).toEqual([mine.id, mine.id, mine.id, onCaseload.id, someoneElses.id].sort());
    // A clinician at another location has none of these people in scope.
    expect(await run(actorOf(org, 'otherClinician', 'clinician', [org.locations.other]))).toEqual([]);
    // Another organization's actor sees nothing of this one.
    const other = await setupOrg(t);
    expect(await run(actorOf(other, 'director', 'director', [other.locations.main]))).toEqual([]);
  });

  it('an answered measure leaves the list until its next due date', async () => {
    t.clock.set(NOW);
    const org = await setupOrg(t);
    const p = await admitted(org, org.users.clinician.id);
    await assign(org, p.id, 'gad7', { kind: 'weekly' }, '2026-11-16');
    const clinician = actorOf(org, 'clinician', 'clinician', [org.locations.main]);
    expect(await run(clinician)).toHaveLength(1);
    const given = await (
      await org.as('clinician')
    ).post(`/api/v1/patients/${p.id}/administrations`, {
      instrumentId: 'gad7',
      items: { q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0 },
      submit: true,
    });
    expect(given.statusCode).toBe(201);
    expect(await run(clinician)).toEqual([]);
    const nextWeek = await t.database.db.transaction((tx) => measuresWorklistSource(tx, clinician, new Date('2026-11-23T16:00:00Z')));
    expect(nextWeek.map((i) => [i.kind, i.dueAt])).toEqual([['measure_due', '2026-11-23T08:00:00.000Z']]);
    // Discharged: nothing is due any more, whatever is still assigned.
    const director = await org.as('director');
    const [episode] = await t.database.db
      .select({ id: episodes.id, version: episodes.version })
      .from(episodes)
      .where(eq(episodes.patientId, p.id));
    const discharged = await director.patch(
      `/api/v1/patients/${p.id}/episodes/${episode?.id}`,
      { status: 'discharged', dischargedOn: '2026-11-16' },
      { 'if-match': `"${episode?.version}"` },
    );
    expect(discharged.statusCode, discharged.body).toBe(200);
    const later = await t.database.db.transaction((tx) => measuresWorklistSource(tx, clinician, new Date('2026-11-23T16:00:00Z')));
    expect(later).toEqual([]);
  });

  it('daily check-ins: two missed days are not work yet, three are, and a check-in today ends the gap', async () => {
    t.clock.set(NOW);
    const org = await setupOrg(t);
    const p = await admitted(org, org.users.clinician.id);
    const clinician = actorOf(org, 'clinician', 'clinician', [org.locations.main]);
    await assign(org, p.id, 'daily_checkin', { kind: 'daily' }, '2026-11-14');
    // Began Saturday: Saturday and Sunday missed by Monday morning — two days.
    expect(await run(clinician)).toEqual([]);
    const tuesday = new Date('2026-11-17T16:00:00Z');
    const source = (at: Date) => t.database.db.transaction((tx) => measuresWorklistSource(tx, clinician, at));
    expect((await source(tuesday)).map((i) => i.title)).toEqual(['Daily check-in missed 3 days running']);
    t.clock.set(tuesday);
    // A day later: a fresh sign-in (sessions have a maximum length).
    const link = await (await signIn(t.app, org.users.clinician.email)).post(`/api/v1/patients/${p.id}/measures-link`, {});
    expect(link.statusCode, link.body).toBe(201);
    const token = (link.json().url as string).split('/me/')[1] as string;
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/${token}/checkins`,
      payload: { clientId: crypto.randomUUID(), mood: 3, craving: 2, usedSinceLast: false },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(await source(tuesday)).toEqual([]);
  });
});
