import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localDate, phaseIssues, templateIssues, type ProgramView } from '@openiop/core';
import { users } from '../../db/schema/index';
import { DEMO_PASSWORD, seedDemo } from '../../demo/demo';
import { setDemoIdSalt } from '../../demo/random';
import { buildTestApp, signIn } from '../../../test/harness';

const t = await buildTestApp();

describe('the demo program structure', () => {
  it('reads in one call per location and keeps every program rule', async () => {
    const domain = `program-${crypto.randomUUID().slice(0, 8)}.demo.test`;
    setDemoIdSalt(randomInt(1, 2 ** 31));
    await seedDemo(t.database.db, { patients: 30, now: t.clock.now(), domain });
    const director = await signIn(t.app, `director@${domain}`, DEMO_PASSWORD);
    const locations = (await director.get('/api/v1/locations')).json().items as { id: string }[];
    expect(locations.length).toBeGreaterThan(0);
    const staff = await t.database.db.select({ id: users.id, active: users.active, credentials: users.credentials }).from(users);
    const problems: string[] = [];
    let templates = 0;
    for (const l of locations) {
      const res = await director.get(`/api/v1/locations/${l.id}/program`);
      expect(res.statusCode, res.body).toBe(200);
      const p = res.json<ProgramView>();
      templates += p.templates.length;
      expect(p.phases.length).toBeGreaterThan(0);
      const today = localDate(t.clock.now(), p.location.timeZone);
      for (const i of phaseIssues(p.phases)) problems.push(`${p.location.name} ${i.path} ${i.message}`);
      for (const tpl of p.templates.filter((x) => x.active)) {
        const facilitator = staff.find((s) => s.id === tpl.facilitatorId) ?? null;
        for (const i of templateIssues(tpl, { tracks: p.tracks, rooms: p.rooms, facilitator, today }))
          problems.push(`${p.location.name} “${tpl.topic}” ${i.path} ${i.message}`);
      }
    }
    expect(templates).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
