import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../demo/demo';
import { setDemoIdSalt } from '../../demo/random';
import { buildTestApp, signIn } from '../../../test/harness';

const t = await buildTestApp();

describe('demo data for measurement-based care', () => {
  it.each([1, 2])('demo %i: assignments, a PHQ-9 history with response and remission, check-ins with one alert', async () => {
    const domain = `mbc-${crypto.randomUUID().slice(0, 8)}.demo.test`;
    const now = new Date('2026-11-16T15:00:00Z');
    t.clock.set(now);
    // The demo's own program, with ids of its own: on the shared test database other files seed one too.
    setDemoIdSalt(randomInt(1, 2 ** 31));
    await seedDemo(t.database.db, { patients: 60, now, domain });
    const clinician = await signIn(t.app, `director@${domain}`, DEMO_PASSWORD);
    const tasks = (await clinician.get('/api/v1/tasks?assignee=all&limit=100')).json().items as {
      kind: string;
      patient: { id: string };
      title: string;
    }[];
    const alert = tasks.find((x) => x.kind === 'checkin_alert');
    expect(alert?.title).toBe('Daily check-in: craving at or above threshold');
    const overview = (await clinician.get(`/api/v1/patients/${alert?.patient.id}/measures`)).json();
    expect(overview.assignments.map((a: { measure: string }) => a.measure).sort()).toEqual(['bam', 'daily_checkin', 'gad7', 'phq9']);
    const phq = overview.trends.find((x: { instrumentId: string }) => x.instrumentId === 'phq9');
    expect(phq.points.length).toBeGreaterThanOrEqual(3);
    expect(phq.points[0]).toMatchObject({ total: 19, baseline: true });
    expect(phq.points.some((p: { response: boolean }) => p.response)).toBe(true);
    expect(overview.checkins.length).toBeGreaterThan(5);
    expect(overview.checkins[0]).toMatchObject({ craving: 8, alertReasons: ['craving'] });
  });
});
