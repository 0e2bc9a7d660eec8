import { randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { drugTestReviews, tasks } from '../db/schema/index';
import { buildTestApp, signIn } from '../../test/harness';
import { DEMO_PASSWORD, seedDemo } from './demo';
import { setDemoIdSalt } from './random';

const t = await buildTestApp();

describe('demo drug testing', () => {
  it('seeds rates per location and past draws (never today), expected buprenorphine positives apart, reviewed lapses and a dilute specimen', async () => {
    const domain = `dt${randomInt(1e6)}.demo.openiop.test`;
    setDemoIdSalt(randomInt(1, 2 ** 31));
    const { organizationId: org } = await seedDemo(t.database.db, { patients: 80, now: t.clock.now(), domain });
    const q = <T extends object>(s: ReturnType<typeof sql>) => t.database.query<T>(s);
    const [settings] = await q<{ n: number }>(sql`select count(*)::int as n from drug_test_settings where organization_id = ${org}::uuid`);
    const locations = await q<{ n: number }>(sql`select count(*)::int as n from locations where organization_id = ${org}::uuid`);
    expect(settings?.n).toBe(locations[0]?.n);
    const draws = await q<{ day: string; selected: number }>(
      sql`select day::text as day, jsonb_array_length(log->'selected') as selected from drug_test_draws where organization_id = ${org}::uuid`,
    );
    expect(draws.length).toBeGreaterThan(10);
    expect(draws.every((d) => d.day < '2026-11-16')).toBe(true);
    expect(draws.reduce((s, d) => s + d.selected, 0)).toBeGreaterThan(20);
    const byOutcome = await q<{ expected: boolean; positive: number; flagged: number }>(sql`
      select expected, count(*) filter (where outcome = 'positive')::int as positive, count(*) filter (where flagged is not null)::int as flagged
      from drug_test_results where organization_id = ${org}::uuid group by expected order by expected`);
    const expected = byOutcome.find((r) => r.expected);
    const unexpected = byOutcome.find((r) => !r.expected);
    expect(expected?.positive).toBeGreaterThan(0);
    expect(unexpected?.positive).toBeGreaterThan(0);
    const bup = await q<{ n: number }>(
      sql`select count(*)::int as n from drug_test_results where organization_id = ${org}::uuid and expected and substance_class = 'buprenorphine'`,
    );
    expect(bup[0]?.n).toBeGreaterThan(0);
    // Everyone on buprenorphine or methadone admitted by the last collection day (Friday 13th) has a result their
    // medication explains, whichever people the draw happened to pick and whether their random test was missed.
    const unexplained = await q<{ n: number }>(sql`
      select count(*)::int as n from medications m
      join patients p on p.id = m.patient_id and p.organization_id = m.organization_id
      join episodes e on e.id = p.current_episode_id and e.organization_id = p.organization_id
      where m.organization_id = ${org}::uuid and m.mat_kind in ('buprenorphine_naloxone', 'methadone') and m.stop_date is null
        and p.care_status = 'active' and e.status = 'active' and e.admitted_on <= '2026-11-13'
        and not exists (select 1 from drug_test_results r where r.organization_id = m.organization_id and r.patient_id = p.id and r.expected)`);
    expect(unexplained[0]?.n).toBe(0);
    const dilute = await q<{ n: number }>(
      sql`select count(*)::int as n from drug_test_collections where organization_id = ${org}::uuid and (validity->>'creatinine')::real < 20`,
    );
    expect(dilute[0]?.n).toBe(1);
    const reviews = await t.database.db.select().from(drugTestReviews).where(eq(drugTestReviews.organizationId, org));
    const open = (await t.database.db.select().from(tasks).where(eq(tasks.organizationId, org))).filter(
      (x) => x.kind === 'drug_test_review',
    );
    expect(reviews.length + open.length).toBe(unexpected?.positive);

    // Through the api: today is not drawn yet, and a person's chart shows the history with the trend.
    const director = await signIn(t.app, `director@${domain}`, DEMO_PASSWORD);
    const [loc] = await q<{ id: string }>(
      sql`select location_id as id from drug_test_settings where organization_id = ${org}::uuid order by location_id limit 1`,
    );
    const today = await director.get(`/api/v1/locations/${loc?.id}/drug-tests/selections?day=2026-11-16`);
    expect(today.json()).toMatchObject({ drawn: false, items: [] });
    const [someone] = await q<{ id: string }>(
      sql`select patient_id as id from drug_test_results where organization_id = ${org}::uuid and expected limit 1`,
    );
    const history = await director.get(`/api/v1/patients/${someone?.id}/drug-tests`);
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json().trend.points.length).toBeGreaterThan(0);
    expect(
      history.json().items[0].results.some((r: { expected: boolean; explainedBy: string[] }) => r.expected && r.explainedBy.length > 0),
    ).toBe(true);
  });
});
