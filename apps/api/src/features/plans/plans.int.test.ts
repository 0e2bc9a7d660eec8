import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, diagnoses, dimensionalAssessments, planSignLinks, treatmentPlanSignatures } from '../../db/schema/index';
import { buildTestApp, setupOrg, type Agent, type TestOrg } from '../../../test/harness';
import { admitPatient, missingId } from '../../../test/fixtures';
import { readPdf } from '../../../test/pdf-text';
import { sha256 } from '../../platform/crypto';

const t = await buildTestApp();
const db = t.database.db;

/** A patient admitted with a finalised dimensional assessment (dims 3 and 5 at 2+) and two active diagnoses. */
async function admittedWithIntake(org: TestOrg) {
  const p = await org.patient();
  await admitPatient(org, p.id);
  const ratings = { 1: { rating: 0 }, 2: { rating: 1 }, 3: { rating: 2 }, 4: { rating: 1 }, 5: { rating: 3 }, 6: { rating: 1 } };
  await db.insert(dimensionalAssessments).values({
    organizationId: org.id,
    patientId: p.id,
    status: 'final',
    ratings: ratings as never,
    flags: [],
    ratedBy: org.users.clinician.id,
    ratedAt: t.clock.now(),
    finalisedBy: org.users.clinician.id,
    finalisedAt: t.clock.now(),
  });
  await db.insert(diagnoses).values([
    {
      organizationId: org.id,
      patientId: p.id,
      code: 'F11.20',
      description: 'Opioid dependence, uncomplicated',
      category: 'substance_use',
      isPrimary: true,
      recordedBy: org.users.clinician.id,
      recordedAt: t.clock.now(),
    },
    {
      organizationId: org.id,
      patientId: p.id,
      code: 'F41.1',
      description: 'Generalized anxiety disorder',
      category: 'mental_health',
      recordedBy: org.users.clinician.id,
      recordedAt: t.clock.now(),
    },
    {
      organizationId: org.id,
      patientId: p.id,
      code: 'F32.9',
      description: 'Resolved one',
      category: 'mental_health',
      status: 'resolved',
      recordedBy: org.users.clinician.id,
      recordedAt: t.clock.now(),
    },
  ]);
  return p;
}

type Content = { problems: { id: string; goals: unknown[]; [k: string]: unknown }[] };

async function cbtId(a: Agent): Promise<string> {
  const items = (await a.get('/api/v1/interventions')).json().items as { id: string; key: string | null }[];
  const cbt = items.find((i) => i.key === 'cbt');
  if (!cbt) throw new Error('no cbt');
  return cbt.id;
}

/** A complete plan on the seeded problems: one goal with a dated objective and CBT on the first problem. */
async function fillDraft(
  a: Agent,
  url: string,
  etag: string,
  content: Content,
  interventionId: string,
  targetDate: string | null = '2026-12-20',
) {
  const [first, ...rest] = content.problems;
  const next = {
    problems: [
      {
        ...first,
        goals: [
          {
            text: 'I want to feel calm enough to go back to work',
            objectives: [{ text: 'Use a breathing skill when anxious, 5 of 7 days', targetDate }],
            interventions: [{ interventionId, delivererRole: 'clinician', frequency: 'Weekly' }],
          },
        ],
      },
      ...rest.map((p) => ({
        ...p,
        goals: [{ text: 'Stay off opioids', objectives: [{ text: 'Negative tests for 4 weeks', targetDate: '2026-12-31' }] }],
      })),
    ],
  };
  return a.request({ method: 'PUT', url, payload: { content: next }, headers: { 'if-match': etag } });
}

describe('treatment plans', () => {
  it('drafts from the intake, refuses to sign until ready, signs on a tablet and by the clinician, locks, versions and diffs', async () => {
    const org = await setupOrg(t);
    const p = await admittedWithIntake(org);
    const clinician = await org.as('clinician');
    const made = await clinician.post(`/api/v1/patients/${p.id}/plans`, {});
    expect(made.statusCode, made.body).toBe(201);
    const v1 = made.json();
    expect(v1).toMatchObject({ number: 1, status: 'draft', signatures: [] });
    // Dimensions 3 and 5 (rated 2+) and the two active diagnoses, primary first; not the resolved one.
    expect(
      v1.content.problems.map((x: { source: string; dimension: number | null; statement: string }) => [
        x.source,
        x.dimension ?? x.statement.split(' ')[0],
      ]),
    ).toEqual([
      ['dimension', 3],
      ['dimension', 5],
      ['diagnosis', 'F11.20'],
      ['diagnosis', 'F41.1'],
    ]);
    expect(v1.readiness.map((r: { code: string }) => r.code)).toEqual(['PLAN_EMPTY']);
    expect((await clinician.post(`/api/v1/patients/${p.id}/plans`, {})).json().code).toBe('PLAN_EXISTS');

    const planId = v1.planId as string;
    const vurl = `/api/v1/patients/${p.id}/plans/${planId}/versions/1`;
    const cbt = await cbtId(clinician);
    // A stale ETag is refused and changes nothing.
    const stale = await fillDraft(clinician, vurl, '"99"', v1.content, cbt);
    expect(stale.statusCode).toBe(412);
    const noDate = await fillDraft(clinician, vurl, made.headers.etag as string, v1.content, cbt, null);
    expect(noDate.statusCode, noDate.body).toBe(200);
    const draft = noDate.json();
    expect(draft.content.problems[0].goals[0].interventions[0]).toMatchObject({
      name: 'Cognitive behavioural therapy (CBT)',
      delivererRole: 'clinician',
    });

    // Not ready: an objective without a target date → 422 naming the objective.
    const early = await clinician.post(`${vurl}/sign`, { signer: 'clinician', contentHash: draft.contentHash });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({
      code: 'PLAN_NOT_READY',
      reasons: ['OBJECTIVE_WITHOUT_TARGET_DATE'],
      errors: [{ path: 'problems.0.goals.0.objectives.0.targetDate', message: 'needs a target date' }],
    });

    const ready = (await fillDraft(clinician, vurl, noDate.headers.etag as string, draft.content, cbt)).json();
    expect(ready.readiness).toEqual([]);
    // The hash must be the content's: a signer cannot sign something else than what they saw.
    expect((await clinician.post(`${vurl}/sign`, { signer: 'clinician', contentHash: draft.contentHash })).json().code).toBe(
      'PLAN_CHANGED',
    );

    const tablet = await clinician.post(`${vurl}/sign`, {
      signer: 'person',
      method: 'tablet',
      typedName: 'Given1 Family',
      agree: true,
      contentHash: ready.contentHash,
    });
    expect(tablet.statusCode, tablet.body).toBe(200);
    expect(tablet.json()).toMatchObject({ status: 'signing', signatures: [{ signer: 'person', method: 'tablet', name: 'Given1 Family' }] });
    // After the first signature the content is frozen.
    const frozen = await fillDraft(clinician, vurl, tablet.headers.etag as string, ready.content, cbt);
    expect(frozen.json().code).toBe('PLAN_SIGNING_STARTED');
    // A peer may read but not sign.
    expect((await (await org.as('peer')).post(`${vurl}/sign`, { signer: 'clinician', contentHash: ready.contentHash })).statusCode).toBe(
      403,
    );

    const signed = await clinician.post(`${vurl}/sign`, { signer: 'clinician', contentHash: ready.contentHash });
    expect(signed.statusCode, signed.body).toBe(200);
    const locked = signed.json();
    expect(locked).toMatchObject({ status: 'signed', levelOfCareAtSigning: '2.1', lockedAt: t.clock.now().toISOString() });
    expect(locked.signatures.map((s: { signer: string; contentHash: string }) => [s.signer, s.contentHash]).sort()).toEqual([
      ['clinician', ready.contentHash],
      ['person', ready.contentHash],
    ]);
    // A signed version cannot be edited or signed again.
    const edit = await fillDraft(clinician, vurl, signed.headers.etag as string, ready.content, cbt);
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('PLAN_VERSION_SIGNED');
    expect((await clinician.post(`${vurl}/sign`, { signer: 'clinician', contentHash: ready.contentHash })).json().code).toBe(
      'PLAN_VERSION_SIGNED',
    );

    // A change is a new version copied from the last, with the same ids.
    const v2 = await clinician.post(`/api/v1/patients/${p.id}/plans/${planId}/versions`);
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json()).toMatchObject({ number: 2, status: 'draft', content: locked.content });
    expect((await clinician.post(`/api/v1/patients/${p.id}/plans/${planId}/versions`)).json().code).toBe('PLAN_VERSION_OPEN');
    const changed = structuredClone(locked.content) as { problems: { goals: { text: string }[] }[] };
    (changed.problems[0]!.goals[0] as { text: string }).text = 'Go back to work by January';
    const put2 = await clinician.request({
      method: 'PUT',
      url: `/api/v1/patients/${p.id}/plans/${planId}/versions/2`,
      payload: { content: changed },
      headers: { 'if-match': v2.headers.etag as string },
    });
    expect(put2.statusCode, put2.body).toBe(200);
    const diff = (await clinician.get(`/api/v1/patients/${p.id}/plans/${planId}/diff?from=1&to=2`)).json();
    expect(diff.entries).toEqual([
      {
        kind: 'goal',
        id: locked.content.problems[0].goals[0].id,
        change: 'changed',
        fields: ['text'],
        before: expect.any(String),
        after: 'Go back to work by January',
      },
    ]);
    // Version 1 stays readable as signed.
    expect((await clinician.get(vurl)).json()).toMatchObject({ status: 'signed', number: 1 });
    const summary = (await clinician.get(`/api/v1/patients/${p.id}/plans/${planId}`)).json();
    expect(summary).toMatchObject({
      currentVersion: 2,
      currentStatus: 'draft',
      signedVersion: 1,
      review: { status: 'not_due', dueOn: '2026-12-16', reason: 'cadence' },
    });

    // Audit: every write and read, no names or goal words in details.
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.resourceType, 'treatment_plan')));
    const actions = events.map((e) => e.action);
    for (const a of ['plan.create', 'plan.update', 'plan.sign', 'plan.lock', 'plan.version', 'plan.diff', 'plan.read'])
      expect(actions).toContain(a);
    expect(JSON.stringify(events.map((e) => e.details))).not.toMatch(/calm|Given1|January|opioid/i);
  });

  it('signs by a single-use, expiring phone link; the link stops working if the draft changes', async () => {
    const org = await setupOrg(t);
    const p = await admittedWithIntake(org);
    const clinician = await org.as('clinician');
    const made = await clinician.post(`/api/v1/patients/${p.id}/plans`, {});
    const v1 = made.json();
    const vurl = `/api/v1/patients/${p.id}/plans/${v1.planId}/versions/1`;
    const cbt = await cbtId(clinician);
    // Not ready → no link.
    expect((await clinician.post(`${vurl}/sign-link`, {})).json().code).toBe('PLAN_NOT_READY');
    const ready = await fillDraft(clinician, vurl, made.headers.etag as string, v1.content, cbt);
    const link = await clinician.post(`${vurl}/sign-link`, { expiresInHours: 24 });
    expect(link.statusCode, link.body).toBe(201);
    const token = (link.json().url as string).split('/sign/')[1] as string;
    expect(link.json().url).toMatch(/^http:\/\/openiop\.test\/sign\/[A-Za-z0-9_-]{43}$/);
    const [stored] = await db.select().from(planSignLinks).where(eq(planSignLinks.organizationId, org.id));
    expect(JSON.stringify(stored)).not.toContain(token);

    const opened = await t.app.inject({ method: 'GET', url: `/api/v1/sign/${token}` });
    expect(opened.statusCode, opened.body).toBe(200);
    const view = opened.json();
    expect(view.firstName).toBe('Given1');
    expect(view.contentHash).toBe(ready.json().contentHash);
    expect(JSON.stringify(view)).not.toContain(p.mrn);

    const sign = (body: object) => t.app.inject({ method: 'POST', url: `/api/v1/sign/${token}`, payload: body });
    expect((await sign({ typedName: 'Given1 Family', agree: false, contentHash: view.contentHash })).statusCode).toBe(400);
    const ok = await sign({ typedName: 'Given1 Family', agree: true, contentHash: view.contentHash });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toEqual({ status: 'awaiting_clinician' });
    // Single use.
    const again = await sign({ typedName: 'Given1 Family', agree: true, contentHash: view.contentHash });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('LINK_USED');
    const sigs = await db.select().from(treatmentPlanSignatures).where(eq(treatmentPlanSignatures.organizationId, org.id));
    expect(sigs).toMatchObject([{ signer: 'person', method: 'link', userId: null, contentHash: view.contentHash }]);
    const ev = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, 'plan.sign')));
    expect(ev[0]).toMatchObject({ actorUserId: null, patientId: p.id });
    // The person's signature shows on the worklist as awaiting the clinician.

    // Expiry and edits: a second plan's link expires, another is made stale by an edit.
    const p2 = await admittedWithIntake(org);
    const m2 = await clinician.post(`/api/v1/patients/${p2.id}/plans`, {});
    const v2url = `/api/v1/patients/${p2.id}/plans/${m2.json().planId}/versions/1`;
    const r2 = await fillDraft(clinician, v2url, m2.headers.etag as string, m2.json().content, cbt);
    const l2 = (await clinician.post(`${v2url}/sign-link`, { expiresInHours: 1 })).json();
    const t2 = (l2.url as string).split('/sign/')[1] as string;
    const l3 = (await clinician.post(`${v2url}/sign-link`, { expiresInHours: 48 })).json();
    const t3 = (l3.url as string).split('/sign/')[1] as string;
    // Expire the first link (moving the clock two hours would also end the clinician's idle session).
    await db
      .update(planSignLinks)
      .set({ expiresAt: t.clock.now() })
      .where(eq(planSignLinks.tokenHash, sha256(t2)));
    {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/sign/${t2}` })).json().code).toBe('LINK_EXPIRED');
      await fillDraft(clinician, v2url, r2.headers.etag as string, r2.json().content, cbt, '2027-01-10');
      const stale = await t.app.inject({ method: 'GET', url: `/api/v1/sign/${t3}` });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('PLAN_CHANGED');
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/sign/${'x'.repeat(43)}` })).json().code).toBe('TOKEN_INVALID');
    }
  });

  it('answers 404 for another organization and for staff out of scope, and the same for a missing plan', async () => {
    const org = await setupOrg(t);
    const other = await setupOrg(t);
    const p = await admittedWithIntake(org);
    const clinician = await org.as('clinician');
    const planId = (await clinician.post(`/api/v1/patients/${p.id}/plans`, {})).json().planId;
    const url = `/api/v1/patients/${p.id}/plans/${planId}`;
    for (const a of [await other.as('clinician'), await org.as('otherClinician')]) {
      expect((await a.get(url)).statusCode).toBe(404);
      expect((await a.get(`${url}/versions/1`)).statusCode).toBe(404);
      expect((await a.get(`${url}/versions/1/pdf`)).statusCode).toBe(404);
      expect((await a.post(`${url}/versions`)).statusCode).toBe(404);
    }
    expect((await clinician.get(`/api/v1/patients/${p.id}/plans/${missingId()}`)).statusCode).toBe(404);
    expect((await clinician.get(`${url}/versions/9`)).statusCode).toBe(404);
    // Billing has no plan.read.
    expect((await (await org.as('billing')).get(url)).statusCode).toBe(403);
  });

  it('prints every problem, goal, objective, intervention and signature, and audits the print', async () => {
    const org = await setupOrg(t);
    const p = await admittedWithIntake(org);
    const clinician = await org.as('clinician');
    const made = await clinician.post(`/api/v1/patients/${p.id}/plans`, {});
    const vurl = `/api/v1/patients/${p.id}/plans/${made.json().planId}/versions/1`;
    const ready = (await fillDraft(clinician, vurl, made.headers.etag as string, made.json().content, await cbtId(clinician))).json();
    await clinician.post(`${vurl}/sign`, { signer: 'clinician', contentHash: ready.contentHash });
    const res = await clinician.get(`${vurl}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text } = readPdf(res.rawPayload);
    for (const s of [
      'Treatment plan',
      'feel calm enough',
      'breathing skill',
      '2026-12-20',
      'Cognitive behavioural therapy',
      'Signed by the clinician',
      'F11.20',
    ])
      expect(text).toContain(s);
    const ev = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, 'plan.pdf')));
    expect(ev).toHaveLength(1);
  });

  it('records goal progress over time against stable ids, and refuses ids not in the plan', async () => {
    const org = await setupOrg(t);
    const p = await admittedWithIntake(org);
    const clinician = await org.as('clinician');
    const made = await clinician.post(`/api/v1/patients/${p.id}/plans`, {});
    const planUrl = `/api/v1/patients/${p.id}/plans/${made.json().planId}`;
    const ready = (
      await fillDraft(clinician, `${planUrl}/versions/1`, made.headers.etag as string, made.json().content, await cbtId(clinician))
    ).json();
    const goalId = ready.content.problems[0].goals[0].id;
    const objectiveId = ready.content.problems[0].goals[0].objectives[0].id;
    expect(
      (
        await clinician.post(`${planUrl}/progress`, {
          targetKind: 'goal',
          targetId: goalId,
          rating: 'in_progress',
          note: 'Started practising',
        })
      ).statusCode,
    ).toBe(201);
    t.clock.advance(600_000);
    try {
      expect(
        (await clinician.post(`${planUrl}/progress`, { targetKind: 'objective', targetId: objectiveId, rating: 'met' })).statusCode,
      ).toBe(201);
    } finally {
      t.clock.advance(-600_000);
    }
    const wrong = await clinician.post(`${planUrl}/progress`, { targetKind: 'objective', targetId: goalId, rating: 'met' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ path: 'targetId', message: 'is not a objective of this plan' }]);
    const items = (await clinician.get(`${planUrl}/progress`)).json().items;
    expect(items.map((i: { rating: string; targetKind: string }) => [i.targetKind, i.rating])).toEqual([
      ['goal', 'in_progress'],
      ['objective', 'met'],
    ]);
    expect(items[0].recordedBy.id).toBe(org.users.clinician.id);
  });
});

describe('interventions catalogue', () => {
  it('starts from the defaults; admins add, rename and retire; an intervention in use is never deleted', async () => {
    const org = await setupOrg(t);
    const admin = await org.as('admin');
    const items = (await admin.get('/api/v1/interventions')).json().items as {
      key: string;
      name: string;
      id: string;
      version: number;
      active: boolean;
    }[];
    expect(items.map((i) => i.key).sort()).toEqual(
      [
        'cbt',
        'dbt_skills',
        'family_therapy',
        'life_budgeting',
        'life_communication',
        'life_job_readiness',
        'mat',
        'mi',
        'mindfulness',
        'peer_mentoring',
        'psychoeducation',
        'trauma_informed',
      ].sort(),
    );
    const added = await admin.post('/api/v1/interventions', {
      name: 'Yoga',
      category: 'skills',
      defaultDelivererRole: 'peer',
      defaultFrequency: 'Weekly',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(
      (
        await admin.post('/api/v1/interventions', {
          name: 'Yoga',
          category: 'skills',
          defaultDelivererRole: 'peer',
          defaultFrequency: 'Weekly',
        })
      ).json().code,
    ).toBe('CONFLICT');
    const yoga = added.json();
    const renamed = await admin.patch(
      `/api/v1/interventions/${yoga.id}`,
      { name: 'Trauma-sensitive yoga' },
      { 'if-match': `"${yoga.version}"` },
    );
    expect(renamed.json()).toMatchObject({ name: 'Trauma-sensitive yoga', version: 2 });
    expect((await admin.patch(`/api/v1/interventions/${yoga.id}`, { active: false }, { 'if-match': '"1"' })).statusCode).toBe(412);
    // Clinicians read it but do not manage it.
    const clinician = await org.as('clinician');
    expect((await clinician.get('/api/v1/interventions')).statusCode).toBe(200);
    expect(
      (
        await clinician.post('/api/v1/interventions', {
          name: 'X',
          category: 'skills',
          defaultDelivererRole: 'peer',
          defaultFrequency: 'W',
        })
      ).statusCode,
    ).toBe(403);

    // Put CBT in a plan: then it can be retired but not deleted; a retired one cannot be newly chosen.
    const p = await admittedWithIntake(org);
    const made = await clinician.post(`/api/v1/patients/${p.id}/plans`, {});
    const vurl = `/api/v1/patients/${p.id}/plans/${made.json().planId}/versions/1`;
    const cbt = items.find((i) => i.key === 'cbt') as { id: string; version: number };
    const filled = await fillDraft(clinician, vurl, made.headers.etag as string, made.json().content, cbt.id);
    expect(filled.statusCode).toBe(200);
    const del = await admin.delete(`/api/v1/interventions/${cbt.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().code).toBe('INTERVENTION_IN_USE');
    expect(
      (await admin.patch(`/api/v1/interventions/${cbt.id}`, { active: false }, { 'if-match': `"${cbt.version}"` })).json(),
    ).toMatchObject({ active: false, inUse: 1 });
    // The plan that has it may keep it.
    expect((await fillDraft(clinician, vurl, filled.headers.etag as string, filled.json().content, cbt.id)).statusCode).toBe(200);
    // Another plan may not choose it.
    const p2 = await admittedWithIntake(org);
    const m2 = await clinician.post(`/api/v1/patients/${p2.id}/plans`, {});
    const refused = await fillDraft(
      clinician,
      `/api/v1/patients/${p2.id}/plans/${m2.json().planId}/versions/1`,
      m2.headers.etag as string,
      m2.json().content,
      cbt.id,
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'INTERVENTION_RETIRED',
      errors: [{ path: 'content.problems.0.goals.0.interventions.0.interventionId' }],
    });
    // An unused one can be deleted.
    expect((await admin.delete(`/api/v1/interventions/${yoga.id}`)).statusCode).toBe(204);
    // Other organizations have their own catalogue.
    const other = await setupOrg(t);
    expect(
      (await (await other.as('admin')).patch(`/api/v1/interventions/${yoga.id}`, { active: false }, { 'if-match': '"1"' })).statusCode,
    ).toBe(404);
  });
});

describe("the person's own page", () => {
  it('shows the signed treatment plan on /me/:token, not a version still in signing or a new draft, audited with the version', async () => {
    const org = await setupOrg(t);
    const p = await admittedWithIntake(org);
    const clinician = await org.as('clinician');
    const link = await clinician.post(`/api/v1/patients/${p.id}/measures-link`, {});
    expect(link.statusCode, link.body).toBe(201);
    const open = async () => {
      const res = await t.app.inject({ method: 'GET', url: new URL(link.json().url as string).pathname.replace(/^\/me\//, '/api/v1/me/') });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().treatmentPlan as { number: number; content: Content } | null;
    };

    const made = await clinician.post(`/api/v1/patients/${p.id}/plans`, {});
    const vurl = `/api/v1/patients/${p.id}/plans/${made.json().planId}/versions/1`;
    const ready = (await fillDraft(clinician, vurl, made.headers.etag as string, made.json().content, await cbtId(clinician))).json();
    const person = { signer: 'person', method: 'tablet', typedName: 'Given1 Family', agree: true, contentHash: ready.contentHash };
    expect((await clinician.post(`${vurl}/sign`, person)).statusCode).toBe(200);
    // Signed by the person only: still in signing, so not yet the person's plan.
    expect(await open()).toBeNull();
    expect((await clinician.post(`${vurl}/sign`, { signer: 'clinician', contentHash: ready.contentHash })).statusCode).toBe(200);
    const shown = await open();
    expect(shown?.number).toBe(1);
    expect(shown?.content.problems[0]?.goals).toMatchObject([{ text: 'I want to feel calm enough to go back to work' }]);

    // A new draft does not replace the signed plan on the person's page.
    expect((await clinician.post(`/api/v1/patients/${p.id}/plans/${made.json().planId}/versions`, {})).statusCode).toBe(201);
    expect((await open())?.number).toBe(1);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, 'measure_link.open')))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    expect(event).toMatchObject({ patientId: p.id, details: { treatmentPlanVersion: 1 } });
  });
});
