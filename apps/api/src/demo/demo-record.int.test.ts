import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { diagnoses, medications, relapsePlans } from '../db/schema/index';
import { buildTestApp, signIn } from '../../test/harness';
import { countRows } from '../../test/db-state';
import { DEMO_PASSWORD, seedDemo } from './demo';
import { setDemoIdSalt } from './random';

const t = await buildTestApp();

describe('demo record', () => {
  it('seeds diagnoses (one active primary each), MAT with OTPs for methadone, allergies, alerts and relapse plans', async () => {
    const domain = `rec${randomInt(1e6)}.demo.openiop.test`;
    // The demo's own program, with ids of its own: on the shared test database other files seed one too.
    setDemoIdSalt(randomInt(1, 2 ** 31));
    const { organizationId: org } = await seedDemo(t.database.db, { patients: 40, now: t.clock.now(), domain });
    const dx = await t.database.db.select().from(diagnoses).where(eq(diagnoses.organizationId, org));
    expect(dx.length).toBeGreaterThan(5);
    const primaries = new Map<string, number>();
    for (const d of dx.filter((x) => x.isPrimary)) primaries.set(d.patientId, (primaries.get(d.patientId) ?? 0) + 1);
    expect([...primaries.values()].every((n) => n === 1)).toBe(true);
    expect(dx.some((d) => d.category === 'mental_health')).toBe(true);
    const meds = await t.database.db.select().from(medications).where(eq(medications.organizationId, org));
    expect(meds.filter((m) => m.matKind === 'methadone').every((m) => m.otpName)).toBe(true);
    expect(await countRows(t.database, 'allergies', org)).toBeGreaterThan(0);
    const plans = await t.database.db
      .select()
      .from(relapsePlans)
      .where(and(eq(relapsePlans.organizationId, org), eq(relapsePlans.status, 'final')));
    expect(plans.length).toBeGreaterThan(0);

    // Through the api: the demo director (both clinics) opens a seeded patient's record.
    const director = await signIn(t.app, `director@${domain}`, DEMO_PASSWORD);
    const patientId = plans[0]?.patientId as string;
    const list = await director.get(`/api/v1/patients/${patientId}/relapse-plans`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().currentId).not.toBeNull();
    expect((await director.get(`/api/v1/patients/${patientId}/diagnoses`)).json().items.length).toBeGreaterThan(0);
  });
});
