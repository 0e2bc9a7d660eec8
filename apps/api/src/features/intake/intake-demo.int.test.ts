import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../demo/demo';
import { setDemoIdSalt } from '../../demo/random';
import { buildTestApp, signIn } from '../../../test/harness';

const t = await buildTestApp();

describe('demo data for intake and placement', () => {
  it('signed intakes and finalised assessments for active patients, drafts for pending ones, all readable through the api', async () => {
    const domain = `intake-${crypto.randomUUID().slice(0, 8)}.demo.test`;
    // The demo's own program, with ids of its own: on the shared PostgreSQL test database another file seeds one too.
    setDemoIdSalt(randomInt(1, 2 ** 31));
    const demo = await seedDemo(t.database.db, { patients: 60, now: new Date('2026-11-16T15:00:00Z'), domain });
    const director = await signIn(t.app, `director@${domain}`, DEMO_PASSWORD);
    const patients = (await director.get('/api/v1/patients?limit=200')).json().items as { id: string }[];
    expect(patients).toHaveLength(demo.patients);
    let signed = 0;
    let final = 0;
    let drafts = 0;
    let differs = 0;
    for (const p of patients) {
      const intakes = (await director.get(`/api/v1/patients/${p.id}/intakes`)).json().items as { id: string; status: string }[];
      for (const i of intakes) {
        const view = (await director.get(`/api/v1/patients/${p.id}/intakes/${i.id}`)).json();
        if (view.status === 'signed') {
          signed += 1;
          expect(view.completeness).toEqual([]);
        } else drafts += 1;
      }
      for (const a of (await director.get(`/api/v1/patients/${p.id}/assessments`)).json().items) {
        if (a.status !== 'final') continue;
        final += 1;
        if (a.chosenLevel !== a.recommendation.level) {
          differs += 1;
          expect(a.differenceReason).toBeTruthy();
        }
      }
    }
    expect(signed).toBe(6);
    expect(final).toBe(6);
    expect(drafts).toBe(2);
    // One placement chose IOP over the recommended residential care, and says why.
    expect(differs).toBe(1);
  });
});
