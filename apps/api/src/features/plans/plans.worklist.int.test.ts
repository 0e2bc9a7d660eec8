import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Role } from '@openiop/core';
import { episodes, users } from '../../db/schema/index';
import { buildTestApp, setupOrg, type TestOrg } from '../../../test/harness';
import { admitPatient, assignCaseload } from '../../../test/fixtures';
import type { Actor } from '../../platform/context';
import { planWorklistSource } from './plans.worklist';

const t = await buildTestApp();
const db = t.database.db;

/** The actor a signed-in user is, built the way the auth plugin builds it (roles, locations, settings). */
async function actorOf(org: TestOrg, who: Role | 'otherClinician'): Promise<Actor> {
  const u = org.users[who];
  const [row] = await db.select().from(users).where(eq(users.id, u.id));
  if (!row) throw new Error('no user');
  return {
    kind: 'user',
    userId: u.id,
    tokenId: null,
    sessionId: null,
    organizationId: org.id,
    name: row.name,
    email: row.email,
    roles: row.roles,
    locationIds: [who === 'otherClinician' ? org.locations.other : org.locations.main],
    scopes: null,
    settings: { name: 'Test', idleTimeoutMinutes: 15, caseloadOnly: false, breakGlassMinutes: 60 },
  };
}

/** A plan whose version 1 is complete and signed by both (clinician and tablet), locked "now". */
async function signedPlan(org: TestOrg, patientId: string) {
  const clinician = await org.as('clinician');
  const made = await clinician.post(`/api/v1/patients/${patientId}/plans`, {});
  expect(made.statusCode, made.body).toBe(201);
  const v = made.json();
  const cbt = ((await clinician.get('/api/v1/interventions')).json().items as { id: string; key: string }[]).find((i) => i.key === 'cbt');
  const url = `/api/v1/patients/${patientId}/plans/${v.planId}/versions/1`;
  const content = {
    problems: [
      {
        source: 'other',
        statement: 'Cravings in the evening',
        goals: [
          {
            text: 'Get through evenings without using',
            objectives: [{ text: 'Call my sponsor when cravings hit', targetDate: '2026-12-31' }],
            interventions: [{ interventionId: cbt?.id, delivererRole: 'clinician', frequency: 'Weekly' }],
          },
        ],
      },
    ],
  };
  const put = await clinician.request({ method: 'PUT', url, payload: { content }, headers: { 'if-match': made.headers.etag as string } });
  expect(put.statusCode, put.body).toBe(200);
  return { planId: v.planId as string, url, contentHash: put.json().contentHash as string, clinician };
}

describe('planWorklistSource', () => {
  it('lists unsigned versions, reviews due within 7 days and overdue reviews for the actor’s own people only', async () => {
    const org = await setupOrg(t);
    const mine = await org.patient();
    const notMine = await org.patient();
    for (const p of [mine, notMine]) await admitPatient(org, p.id);
    await assignCaseload(org, mine.id, org.users.clinician.id);

    // Unsigned: version 1 drafted, then signed by the person only.
    const a = await signedPlan(org, mine.id);
    const clinicianActor = await actorOf(org, 'clinician');
    let items = await planWorklistSource(db, clinicianActor, t.clock.now());
    expect(items).toMatchObject([
      { kind: 'plan_unsigned', patient: { id: mine.id }, overdue: false, taskId: null, title: 'Treatment plan version 1 not yet signed' },
    ]);
    await a.clinician.post(`${a.url}/sign`, {
      signer: 'person',
      method: 'tablet',
      typedName: 'Given1 Family',
      agree: true,
      contentHash: a.contentHash,
    });
    items = await planWorklistSource(db, clinicianActor, t.clock.now());
    expect(items.map((i) => i.title)).toEqual(["Treatment plan version 1 awaiting the clinician's signature"]);
    await a.clinician.post(`${a.url}/sign`, { signer: 'clinician', contentHash: a.contentHash });
    // Signed today with a 30-day cadence: nothing due.
    expect(await planWorklistSource(db, clinicianActor, t.clock.now())).toEqual([]);

    // 24 days later: due within 7 days (due on 2026-12-16, clinic-local).
    const later = (days: number) => new Date(t.clock.now().getTime() + days * 86_400_000);
    items = await planWorklistSource(db, clinicianActor, later(24));
    expect(items).toMatchObject([{ kind: 'plan_review_due', priority: 'normal', overdue: false, dueAt: '2026-12-16T08:00:00.000Z' }]);
    expect(items[0]?.href).toBe(`/patients/${mine.id}/plans/${a.planId}`);
    // 31 days later: overdue, urgent.
    items = await planWorklistSource(db, clinicianActor, later(31));
    expect(items).toMatchObject([{ kind: 'plan_review_overdue', priority: 'urgent', overdue: true }]);

    // A level-of-care change makes the review due now.
    await db
      .update(episodes)
      .set({ levelOfCare: '1.0' })
      .where(and(eq(episodes.organizationId, org.id), eq(episodes.patientId, mine.id)));
    items = await planWorklistSource(db, clinicianActor, t.clock.now());
    expect(items).toMatchObject([{ kind: 'plan_review_due', title: 'Treatment plan review due: level of care changed', overdue: false }]);

    // Someone else's patient: the director sees both plans, the clinician only their own, the other clinician none.
    await signedPlan(org, notMine.id);
    expect((await planWorklistSource(db, clinicianActor, t.clock.now())).map((i) => i.patient.id)).toEqual([mine.id]);
    const directorItems = await planWorklistSource(db, await actorOf(org, 'director'), t.clock.now());
    expect(new Set(directorItems.map((i) => i.patient.id))).toEqual(new Set([mine.id, notMine.id]));
    expect(await planWorklistSource(db, await actorOf(org, 'otherClinician'), t.clock.now())).toEqual([]);
    // Billing cannot read plans: nothing.
    expect(await planWorklistSource(db, await actorOf(org, 'billing'), t.clock.now())).toEqual([]);
    // Another organization's director sees none of this.
    const other = await setupOrg(t);
    expect(await planWorklistSource(db, await actorOf(other, 'director'), t.clock.now())).toEqual([]);
  });
});
