import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../demo/demo';
import { setDemoIdSalt } from '../../demo/random';
import { buildTestApp, signIn } from '../../../test/harness';

const t = await buildTestApp();

describe('demo treatment plans', () => {
  it('gives admitted patients plans: signed ones, one awaiting the person, one with an overdue review, all readable', async () => {
    const domain = `plans-${crypto.randomUUID().slice(0, 8)}.demo.test`;
    // The demo's own program, with ids of its own: on the shared test database other files seed one too.
    setDemoIdSalt(randomInt(1, 2 ** 31));
    const demo = await seedDemo(t.database.db, { patients: 60, now: t.clock.now(), domain });
    const director = await signIn(t.app, `director@${domain}`, DEMO_PASSWORD);
    const patients = (await director.get('/api/v1/patients?limit=200')).json().items as { id: string }[];
    expect(patients).toHaveLength(demo.patients);
    const statuses: string[] = [];
    const reviews: string[] = [];
    for (const p of patients) {
      const plans = (await director.get(`/api/v1/patients/${p.id}/plans`)).json().items as {
        id: string;
        currentVersion: number;
        currentStatus: string;
        review: { status: string };
      }[];
      for (const plan of plans) {
        statuses.push(plan.currentStatus);
        reviews.push(plan.review.status);
        const v = (await director.get(`/api/v1/patients/${p.id}/plans/${plan.id}/versions/${plan.currentVersion}`)).json();
        // Stored hashes match the content the api computes (the demo signs what it stores).
        for (const s of v.signatures) expect(s.contentHash).toBe(v.contentHash);
        expect((await director.get(`/api/v1/patients/${p.id}/plans/${plan.id}/versions/1/pdf`)).statusCode).toBe(200);
      }
    }
    expect(statuses.length).toBe(6);
    expect(statuses.filter((s) => s === 'signed').length).toBeGreaterThanOrEqual(3);
    expect(statuses).toContain('signing');
    expect(statuses).toContain('draft');
    expect(reviews).toContain('overdue');
    expect(reviews).toContain('due_soon');
    // The catalogue is the defaults.
    expect((await director.get('/api/v1/interventions')).json().items).toHaveLength(12);
  });
});
