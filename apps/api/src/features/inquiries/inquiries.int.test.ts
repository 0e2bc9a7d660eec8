import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp, setupOrg, type Agent } from '../../../test/harness';
import { orgSnapshot } from '../../../test/db-state';
import { calmAnswers } from './inquiries.fixtures';

const t = await buildTestApp();

const call = {
  givenName: 'Robin',
  familyName: 'Example',
  phone: '+1 503 555 0199',
  referralSource: 'hospital',
  substances: ['alcohol'],
  urgency: 'soon',
};

async function create(a: Agent, body: Record<string, unknown> = call) {
  const res = await a.post('/api/v1/inquiries', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function auditActions(orgId: string): Promise<{ action: string; resource_id: string | null; details: Record<string, unknown> }[]> {
  return t.database.query(
    sql`select action, resource_id, details from audit_events where organization_id = ${orgId}::uuid and action like 'inquiry%' order by seq`,
  );
}

describe('inquiries', () => {
  it('records a call, reads and edits it with ETags, and audits every read and write without PHI', async () => {
    const org = await setupOrg(t);
    const admissions = await org.as('admissions');
    const created = await create(admissions, {
      ...call,
      callerName: 'Sam Example',
      callerRelationship: 'parent',
      locationId: org.locations.main,
      assigneeId: org.users.admissions.id,
    });
    expect(created).toMatchObject({
      stage: 'new',
      channel: 'phone',
      callerRelationship: 'parent',
      referralSource: 'hospital',
      tedsPsource: 3,
      urgency: 'soon',
      version: 1,
    });
    expect(created.location).toEqual({ id: org.locations.main, name: 'Main clinic' });

    const read = await admissions.get(`/api/v1/inquiries/${created.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');

    const stale = await admissions.patch(`/api/v1/inquiries/${created.id}`, { urgency: 'urgent' }, { 'if-match': '"9"' });
    expect(stale.statusCode).toBe(412);
    const missing = await admissions.patch(`/api/v1/inquiries/${created.id}`, { urgency: 'urgent' });
    expect(missing.statusCode).toBe(428);
    const edited = await admissions.patch(
      `/api/v1/inquiries/${created.id}`,
      { urgency: 'urgent', bestTimeToCall: 'after 5pm' },
      { 'if-match': '"1"' },
    );
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ urgency: 'urgent', bestTimeToCall: 'after 5pm', version: 2 });

    const unknown = await admissions.post('/api/v1/inquiries', { ...call, favouriteColour: 'blue' });
    expect(unknown.statusCode).toBe(400);
    const badAssignee = await admissions.post('/api/v1/inquiries', { ...call, assigneeId: org.users.billing.id });
    expect(badAssignee.statusCode).toBe(400);
    expect(badAssignee.json().errors[0].path).toBe('assigneeId');

    const trail = await auditActions(org.id);
    expect(trail.map((e) => e.action)).toEqual(['inquiry.create', 'inquiry.read', 'inquiry.update']);
    expect(JSON.stringify(trail)).not.toContain('Robin');
    expect(trail[2]?.details).toEqual({ fields: ['bestTimeToCall', 'urgency'] });
  });

  it('lists the board by stage with counts, filters and a cursor', async () => {
    const org = await setupOrg(t);
    const admissions = await org.as('admissions');
    for (let n = 0; n < 5; n += 1) {
      await create(admissions, {
        ...call,
        givenName: `Person${n}`,
        referralSource: n % 2 ? 'court' : 'self',
        locationId: n < 3 ? org.locations.main : org.locations.other,
      });
      t.clock.advance(1000);
    }
    const one = await create(admissions);
    await admissions.post(`/api/v1/inquiries/${one.id}/prescreens`, { answers: calmAnswers });

    const board = (await admissions.get('/api/v1/inquiries?stage=new&limit=2')).json();
    expect(board.counts).toEqual({ new: 5, pre_screened: 1, intake_booked: 0, admitted: 0, referred_elsewhere: 0, lost: 0 });
    expect(board.items.map((i: { displayName: string }) => i.displayName)).toEqual(['Person4 Example', 'Person3 Example']);
    const next = (await admissions.get(`/api/v1/inquiries?stage=new&limit=2&cursor=${board.nextCursor}`)).json();
    expect(next.items.map((i: { displayName: string }) => i.displayName)).toEqual(['Person2 Example', 'Person1 Example']);

    const court = (await admissions.get('/api/v1/inquiries?referralSource=court')).json();
    expect(court.items).toHaveLength(2);
    const other = (await admissions.get(`/api/v1/inquiries?locationId=${org.locations.other}`)).json();
    expect(other.counts.new).toBe(2);
    const bad = await admissions.get('/api/v1/inquiries?cursor=nonsense');
    expect(bad.statusCode).toBe(400);
  });

  it('moves along the board; refused moves answer 409 with a code and write nothing', async () => {
    const org = await setupOrg(t);
    const admissions = await org.as('admissions');
    const i = await create(admissions);
    const url = `/api/v1/inquiries/${i.id}/stage`;

    const before = await orgSnapshot(t.database, org.id);
    const skip = await admissions.post(url, { to: 'intake_booked' }, { 'if-match': '"1"' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().code).toBe('STAGE_NOT_ALLOWED');
    const unscreened = await admissions.post(url, { to: 'pre_screened' }, { 'if-match': '"1"' });
    expect(unscreened.json().code).toBe('PRESCREEN_REQUIRED');
    const admitted = await admissions.post(url, { to: 'admitted' }, { 'if-match': '"1"' });
    expect(admitted.json().code).toBe('STAGE_NOT_ALLOWED');
    const noReason = await admissions.post(url, { to: 'lost' }, { 'if-match': '"1"' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ path: 'reason', message: 'is required when an inquiry ends without admission' }]);
    // The audit trail of the refused requests aside, nothing changed.
    const after = await orgSnapshot(t.database, org.id);
    expect({ ...after, audit_events: '', audit_heads: '' }).toEqual({ ...before, audit_events: '', audit_heads: '' });

    const screened = await admissions.post(`/api/v1/inquiries/${i.id}/prescreens`, { answers: calmAnswers });
    expect(screened.statusCode).toBe(201);
    const v = (await admissions.get(`/api/v1/inquiries/${i.id}`)).json();
    expect(v).toMatchObject({ stage: 'pre_screened', prescreenVerdict: 'iop_appropriate' });
    const booked = await admissions.post(url, { to: 'intake_booked' }, { 'if-match': `"${v.version}"` });
    expect(booked.statusCode).toBe(200);
    const lost = await admissions.post(
      url,
      { to: 'lost', reason: 'unreachable', reasonText: 'three calls, no answer' },
      { 'if-match': booked.headers.etag as string },
    );
    expect(lost.json()).toMatchObject({ stage: 'lost', stageReason: 'unreachable', stageReasonText: 'three calls, no answer' });
    const reopened = await admissions.post(url, { to: 'new' }, { 'if-match': lost.headers.etag as string });
    expect(reopened.json()).toMatchObject({ stage: 'new', stageReason: null });
    const referred = await admissions.post(
      url,
      { to: 'referred_elsewhere', reason: 'higher_level_of_care', referredTo: 'County detox unit' },
      { 'if-match': reopened.headers.etag as string },
    );
    expect(referred.json()).toMatchObject({ stage: 'referred_elsewhere', referredTo: 'County detox unit' });
    const trail = await auditActions(org.id);
    expect(trail.filter((e) => e.action === 'inquiry.stage').map((e) => e.details)).toEqual([
      { from: 'pre_screened', to: 'intake_booked', reason: null },
      { from: 'intake_booked', to: 'lost', reason: 'unreachable' },
      { from: 'lost', to: 'new', reason: null },
      { from: 'new', to: 'referred_elsewhere', reason: 'higher_level_of_care' },
    ]);
  });

  it('keeps follow-ups with due times and marks the overdue ones on the board', async () => {
    const org = await setupOrg(t);
    const admissions = await org.as('admissions');
    const i = await create(admissions);
    const now = t.clock.now().getTime();
    const soon = await admissions.post(`/api/v1/inquiries/${i.id}/follow-ups`, {
      what: 'Call back',
      dueAt: new Date(now + 600_000).toISOString(),
    });
    expect(soon.statusCode).toBe(201);
    expect(soon.json()).toMatchObject({ what: 'Call back', overdue: false, assignee: { id: org.users.admissions.id } });
    await admissions.post(`/api/v1/inquiries/${i.id}/follow-ups`, {
      what: 'Verify benefits',
      dueAt: new Date(now + 7_200_000).toISOString(),
      assigneeId: org.users.director.id,
    });
    const badDue = await admissions.post(`/api/v1/inquiries/${i.id}/follow-ups`, { what: 'x', dueAt: 'tomorrow' });
    expect(badDue.statusCode).toBe(400);
    expect(badDue.json().errors[0].path).toBe('dueAt');

    t.clock.advance(660_000); // 11 minutes later the first is overdue (and the session is still alive)
    let card = (await admissions.get('/api/v1/inquiries?stage=new')).json().items[0];
    expect(card.nextFollowUp).toMatchObject({ what: 'Call back', overdue: true });
    expect(card.overdueFollowUps).toBe(1);

    const done = await admissions.patch(`/api/v1/inquiries/${i.id}/follow-ups/${soon.json().id}`, { done: true });
    expect(done.json().doneAt).toBe(t.clock.now().toISOString());
    card = (await admissions.get('/api/v1/inquiries?stage=new')).json().items[0];
    expect(card.nextFollowUp).toMatchObject({ what: 'Verify benefits', overdue: false });
    expect(card.overdueFollowUps).toBe(0);
    const detail = (await admissions.get(`/api/v1/inquiries/${i.id}`)).json();
    expect(detail.followUps).toHaveLength(2);
  });

  it('stores each pre-screen with its verdict, flags and rule version', async () => {
    const org = await setupOrg(t);
    const admissions = await org.as('admissions');
    const i = await create(admissions);
    const risky = {
      ...calmAnswers,
      substances: [{ substance: 'alcohol', dailyUse: true, daysOfUse: 21 }],
      pastWithdrawalSeizures: true,
      housing: 'unstable',
    };
    const res = await admissions.post(`/api/v1/inquiries/${i.id}/prescreens`, { answers: risky, notes: 'drinks a fifth a day' });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p.verdict).toBe('needs_higher_level');
    expect(p.ruleVersion).toBe('openiop-prescreen-2026.1');
    expect(p.flags.map((f: { code: string }) => f.code)).toEqual(['withdrawal_alcohol_complicated', 'housing_unstable']);
    expect(p.flags[0].routeLabel).toContain('Medically managed withdrawal');
    expect(p.flags[0].reason).toContain('21 days');

    // Regression: both pre-screens carry the same (fixed) clock time; "latest" must still be the second one.
    const second = await admissions.post(`/api/v1/inquiries/${i.id}/prescreens`, { answers: calmAnswers });
    expect(second.json().verdict).toBe('iop_appropriate');
    const list = (await admissions.get(`/api/v1/inquiries/${i.id}/prescreens`)).json().items;
    expect(list.map((x: { verdict: string }) => x.verdict)).toEqual(['iop_appropriate', 'needs_higher_level']);

    const outOfRange = await admissions.post(`/api/v1/inquiries/${i.id}/prescreens`, {
      answers: { ...calmAnswers, substances: [{ substance: 'alcohol', dailyUse: true, daysOfUse: -1 }] },
    });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().errors[0].path).toBe('answers.substances.0.daysOfUse');
    const audit = (await auditActions(org.id)).filter((e) => e.action === 'inquiry.prescreen.create');
    expect(audit[0]?.details).toMatchObject({
      verdict: 'needs_higher_level',
      flags: ['withdrawal_alcohol_complicated', 'housing_unstable'],
    });
    expect(JSON.stringify(audit)).not.toContain('fifth');
  });

  it('saves insurance terms and computes the cost estimate; self-pay with a payment plan', async () => {
    const org = await setupOrg(t);
    const admissions = await org.as('admissions');
    const i = await create(admissions);
    const url = `/api/v1/inquiries/${i.id}/coverage`;
    const insurance = {
      kind: 'insurance',
      payerName: 'Example Health',
      memberId: 'XH123',
      subscriberRelationship: 'spouse',
      iopCovered: true,
      authorizationRequired: true,
      copayPerDayCents: 2_500,
      coinsurancePercent: null,
      deductibleCents: 150_000,
      deductibleMetCents: 120_000,
      outOfPocketMaxCents: null,
    };
    const noSubscriber = await admissions.request({ method: 'PUT', url, payload: insurance, headers: { 'if-match': '"0"' } });
    expect(noSubscriber.statusCode).toBe(400);
    expect(noSubscriber.json().errors.map((e: { path: string }) => e.path)).toEqual(['subscriberName', 'subscriberDateOfBirth']);
    const noEstimate = await admissions.get(`/api/v1/inquiries/${i.id}/cost-estimate`);
    expect(noEstimate.statusCode).toBe(409);

    const saved = await admissions.request({
      method: 'PUT',
      url,
      payload: { ...insurance, subscriberName: 'Alex Example', subscriberDateOfBirth: '1980-02-02' },
      headers: { 'if-match': '"0"' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe('"1"');
    const est = (await admissions.get(`/api/v1/inquiries/${i.id}/cost-estimate`)).json();
    // 10 weeks × 3 days at $450: $300 deductible left, then $25 a day for 30 days.
    expect(est).toMatchObject({
      days: 30,
      chargesCents: 1_350_000,
      personPaysCents: 30_000 + 75_000,
      payerName: 'Example Health',
      authorizationRequired: true,
    });
    expect(est.notes).toContain('The plan needs a prior authorization before the first day.');

    const stale = await admissions.request({ method: 'PUT', url, payload: { kind: 'self_pay' }, headers: { 'if-match': '"0"' } });
    expect(stale.statusCode).toBe(412);
    const selfPay = await admissions.request({
      method: 'PUT',
      url,
      payload: {
        kind: 'self_pay',
        programWeeks: 8,
        selfPayDayRateCents: 33_333,
        paymentPlan: { instalments: 3, firstDueOn: '2027-01-31' },
      },
      headers: { 'if-match': '"1"' },
    });
    expect(selfPay.statusCode, selfPay.body).toBe(200);
    const sp = (await admissions.get(`/api/v1/inquiries/${i.id}/cost-estimate`)).json();
    expect(sp.personPaysCents).toBe(24 * 33_333);
    expect(sp.paymentPlan).toEqual([
      { number: 1, dueOn: '2027-01-31', amountCents: 266_664 },
      { number: 2, dueOn: '2027-02-28', amountCents: 266_664 },
      { number: 3, dueOn: '2027-03-31', amountCents: 266_664 },
    ]);
    const fractional = await admissions.request({
      method: 'PUT',
      url,
      payload: { kind: 'self_pay', dayRateCents: 10.5 },
      headers: { 'if-match': '"2"' },
    });
    expect(fractional.statusCode).toBe(400);
    expect(fractional.json().errors[0].path).toBe('dayRateCents');
  });

  it('authorizes by role: admissions, directors and admins write; clinicians and medical read; others nothing', async () => {
    const org = await setupOrg(t);
    const i = await create(await org.as('admissions'));
    for (const role of ['admin', 'director', 'admissions'] as const) {
      const a = await org.as(role);
      expect((await a.post('/api/v1/inquiries', call)).statusCode, role).toBe(201);
      expect((await a.get(`/api/v1/inquiries/${i.id}`)).statusCode, role).toBe(200);
    }
    for (const role of ['clinician', 'medical'] as const) {
      const a = await org.as(role);
      expect((await a.get(`/api/v1/inquiries/${i.id}`)).statusCode, role).toBe(200);
      expect((await a.get('/api/v1/inquiries')).statusCode, role).toBe(200);
      expect((await a.post('/api/v1/inquiries', call)).statusCode, role).toBe(403);
      expect((await a.post(`/api/v1/inquiries/${i.id}/prescreens`, { answers: calmAnswers })).statusCode, role).toBe(403);
    }
    for (const role of ['billing', 'peer'] as const) {
      const a = await org.as(role);
      expect((await a.get(`/api/v1/inquiries/${i.id}`)).statusCode, role).toBe(403);
      expect((await a.get('/api/v1/inquiries')).statusCode, role).toBe(403);
      expect((await a.post('/api/v1/inquiries', call)).statusCode, role).toBe(403);
    }
    // Another organization's inquiry is simply not found.
    const other = await setupOrg(t);
    expect((await (await other.as('admin')).get(`/api/v1/inquiries/${i.id}`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/inquiries' })).statusCode).toBe(401);
  });
});
