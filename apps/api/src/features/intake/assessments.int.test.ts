import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp, setupOrg } from '../../../test/harness';
import { orgSnapshot } from '../../../test/db-state';

const t = await buildTestApp();

const entry = (rating: number | null, evidence: string | null = null, instrumentAdministrationIds: string[] = []) => ({
  rating,
  evidence,
  instrumentAdministrationIds,
});
const six = (...r: (number | null)[]) => Object.fromEntries(r.map((v, i) => [i + 1, entry(v)]));

describe('dimensional assessment and placement', () => {
  it('previews a recommendation with every fired rule, purely', async () => {
    const org = await setupOrg(t);
    const clinician = await org.as('clinician');
    const before = await orgSnapshot(t.database, org.id);
    const res = await clinician.post('/api/v1/placement/recommendation', {
      ratings: { 1: 1, 2: 1, 3: 4, 4: 1, 5: 1, 6: 1 },
      flags: [],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      level: '4.0',
      ruleSetId: 'openiop-default',
      ruleSetVersion: '2026.1',
      addOns: ['emergency_evaluation'],
    });
    expect(res.json().firedRules.find((f: { deciding: boolean }) => f.deciding)).toMatchObject({
      ruleId: 'd3-severe',
      because: ['Dimension 3 (Emotional, behavioural and thinking) rated 4'],
    });
    const flagged = await clinician.post('/api/v1/placement/recommendation', {
      ratings: { 1: 2, 2: 0, 3: 2, 4: 2, 5: 2, 6: 0 },
      flags: ['highWithdrawalRisk'],
    });
    expect(flagged.json()).toMatchObject({ level: '3.7', withdrawalManagement: 'medically_monitored' });
    const missing = await clinician.post('/api/v1/placement/recommendation', { ratings: { 1: 2, 3: 1 }, flags: [] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { path: string }) => e.path)).toEqual(['ratings.2', 'ratings.4', 'ratings.5', 'ratings.6']);
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
    expect((await clinician.get('/api/v1/placement/rule-set')).json().rules.length).toBeGreaterThan(10);
    expect((await (await org.as('billing')).post('/api/v1/placement/recommendation', { ratings: {}, flags: [] })).statusCode).toBe(403);
  });

  it('drafts, refuses to finalise without six ratings, needs a reason for a different level, then locks', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const base = `/api/v1/patients/${p.id}/assessments`;
    const phq9 = crypto.randomUUID();
    const created = await clinician.post(base, { ratings: { 3: entry(2, 'PHQ-9 of 14, no safety concerns', [phq9]) }, flags: [] });
    expect(created.statusCode, created.body).toBe(201);
    const a = created.json();
    expect(a).toMatchObject({ status: 'draft', recommendation: null, ratedBy: { id: org.users.clinician.id }, version: 1 });
    expect(a.ratings['3']).toEqual(entry(2, 'PHQ-9 of 14, no safety concerns', [phq9]));
    const url = `${base}/${a.id}`;

    const before = await orgSnapshot(t.database, org.id);
    const early = await clinician.post(`${url}/finalise`, { chosenLevel: '2.1' }, { 'if-match': '"1"' });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'ratings.1.rating',
      'ratings.2.rating',
      'ratings.4.rating',
      'ratings.5.rating',
      'ratings.6.rating',
    ]);
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);

    const medical = await org.as('medical');
    const saved = await medical.patch(
      url,
      { ratings: { ...six(2, 0, 2, 2, 2, 1), 3: entry(2, 'PHQ-9 of 14', [phq9]) }, flags: [] },
      { 'if-match': '"1"' },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      ratedBy: { id: org.users.medical.id },
      recommendation: { level: '2.1', withdrawalManagement: 'ambulatory' },
    });
    const afterSave = await orgSnapshot(t.database, org.id);
    expect((await medical.patch(url, { ratings: {}, flags: [] }, { 'if-match': '"1"' })).statusCode).toBe(412);

    const noReason = await clinician.post(`${url}/finalise`, { chosenLevel: '1.0' }, { 'if-match': '"2"' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([
      { path: 'differenceReason', message: 'is required when the chosen level differs from the recommended one' },
    ]);
    expect(
      (await clinician.post(`${url}/finalise`, { chosenLevel: '1.0', differenceReason: '  ' }, { 'if-match': '"2"' })).statusCode,
    ).toBe(400);
    expect(await orgSnapshot(t.database, org.id)).toEqual(afterSave);

    const final = await clinician.post(
      `${url}/finalise`,
      { chosenLevel: '1.0', differenceReason: 'Works nights; weekly outpatient plus medication follow-up while a night track opens' },
      { 'if-match': '"2"' },
    );
    expect(final.statusCode, final.body).toBe(200);
    expect(final.json()).toMatchObject({
      status: 'final',
      chosenLevel: '1.0',
      differenceReason: 'Works nights; weekly outpatient plus medication follow-up while a night track opens',
      finalisedBy: { id: org.users.clinician.id },
      recommendation: { level: '2.1', ruleSetId: 'openiop-default', ruleSetVersion: '2026.1' },
    });
    const [stored] = await t.database.query<Record<string, string>>(
      sql`select recommended_level, chosen_level, withdrawal_management, rule_set_id, rule_set_version, edition_label
          from dimensional_assessments where organization_id = ${org.id}::uuid and id = ${a.id}::uuid`,
    );
    expect(stored).toMatchObject({
      recommended_level: '2.1',
      chosen_level: '1.0',
      withdrawal_management: 'ambulatory',
      rule_set_id: 'openiop-default',
      rule_set_version: '2026.1',
      edition_label: expect.stringContaining('not ASAM content'),
    });

    const edit = await clinician.patch(url, { ratings: six(0, 0, 0, 0, 0, 0), flags: [] }, { 'if-match': final.headers.etag as string });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('RECORD_LOCKED');
    const again = await clinician.post(`${url}/finalise`, { chosenLevel: '2.1' }, { 'if-match': final.headers.etag as string });
    expect(again.json().code).toBe('RECORD_LOCKED');

    // History: a new assessment later; both listed, newest first.
    t.clock.advance(60_000);
    const next = await clinician.post(base, { ratings: six(1, 0, 1, 1, 1, 1), flags: [] });
    expect(next.json().recommendation).toMatchObject({ level: '1.0' });
    const history = (await clinician.get(base)).json().items;
    expect(history.map((h: { id: string; status: string }) => [h.id, h.status])).toEqual([
      [next.json().id, 'draft'],
      [a.id, 'final'],
    ]);

    const actions = await t.database.query<{ action: string; details: string }>(
      sql`select action, details::text as details from audit_events where organization_id = ${org.id}::uuid and resource_id = ${a.id} order by seq`,
    );
    expect(actions.map((r) => r.action)).toEqual(['assessment.create', 'assessment.save', 'assessment.finalise']);
    expect(actions.map((r) => r.details).join(' ')).not.toMatch(/PHQ|nights/);
  });

  it('the same chosen level needs no reason', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const director = await org.as('director');
    const a = (await director.post(`/api/v1/patients/${p.id}/assessments`, { ratings: six(0, 0, 0, 0, 0, 4), flags: [] })).json();
    expect(a.recommendation).toMatchObject({ level: '3.1', addOns: ['recovery_housing'], alsoConsider: ['2.1'] });
    const res = await director.post(`/api/v1/patients/${p.id}/assessments/${a.id}/finalise`, { chosenLevel: '3.1' }, { 'if-match': '"1"' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().differenceReason).toBeNull();
  });

  it('bad input is refused naming the field, and writes nothing', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const before = await orgSnapshot(t.database, org.id);
    const cases: [unknown, string][] = [
      [{ ratings: { 3: entry(5) }, flags: [] }, 'ratings.3.rating'],
      [{ ratings: { 3: entry(1.5) }, flags: [] }, 'ratings.3.rating'],
      [{ ratings: { 7: entry(1) }, flags: [] }, 'ratings.7'],
      [{ ratings: { 2: entry(1, null, ['not-a-uuid']) }, flags: [] }, 'ratings.2.instrumentAdministrationIds.0'],
      [{ ratings: {}, flags: ['feelsBad'] }, 'flags.0'],
      [{ ratings: {}, flags: ['unsafeHousing', 'unsafeHousing'] }, 'flags'],
    ];
    for (const [body, path] of cases) {
      const res = await clinician.post(`/api/v1/patients/${p.id}/assessments`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(
        res.json().errors.map((e: { path: string }) => e.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
  });

  it('authorization per role and scope', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const elsewhere = await org.patient({ locationId: org.locations.other });
    const base = `/api/v1/patients/${p.id}/assessments`;
    for (const role of ['clinician', 'medical', 'director'] as const) {
      expect((await (await org.as(role)).post(base, { ratings: {}, flags: [] })).statusCode, role).toBe(201);
    }
    // Admissions and billing read the placement (to admit at the chosen level, to justify it to payers).
    for (const role of ['admissions', 'billing'] as const) {
      const agent = await org.as(role);
      expect((await agent.get(base)).statusCode, role).toBe(200);
      expect((await agent.post(base, { ratings: {}, flags: [] })).statusCode, role).toBe(403);
    }
    for (const role of ['admin', 'peer'] as const) {
      expect((await (await org.as(role)).get(base)).statusCode, role).toBe(403);
    }
    const clinician = await org.as('clinician');
    expect((await clinician.get(`/api/v1/patients/${elsewhere.id}/assessments`)).statusCode).toBe(404);
    const other = await setupOrg(t);
    const id = (await clinician.get(base)).json().items[0].id;
    expect((await (await other.as('director')).get(`${base}/${id}`)).statusCode).toBe(404);
    // An assessment id under the wrong patient is not found.
    expect((await clinician.get(`/api/v1/patients/${elsewhere.id}/assessments/${id}`)).statusCode).toBe(404);
  });
});
