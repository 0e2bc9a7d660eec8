import { randomInt } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp, signIn } from '../../test/harness';
import { sessionAttendance, sessionAttendees, sessionOccurrences } from '../db/schema/index';
import { DEMO_PASSWORD, seedDemo } from './demo';
import { setDemoIdSalt } from './random';

// The harness clock: Monday 2026-11-16 07:00 in Portland, so last week is held and nothing of this week yet.
const t = await buildTestApp();

describe('demo sessions', () => {
  it('holds last week’s groups with rosters inside capacity and attendance, and one person at engagement risk', async () => {
    const domain = `sessions-${crypto.randomUUID().slice(0, 8)}.demo.test`;
    setDemoIdSalt(randomInt(1, 2 ** 31));
    const demo = await seedDemo(t.database.db, { patients: 60, now: t.clock.now(), domain });
    const held = demo.heldSessions;
    expect(held.length).toBeGreaterThan(10);
    expect(held.every((h) => h.endsAt.getTime() <= t.clock.now().getTime())).toBe(true);
    expect(new Set(held.map((h) => h.locationId)).size).toBe(2);
    const ids = held.map((h) => h.occurrenceId);
    const occurrences = await t.database.db.select().from(sessionOccurrences).where(inArray(sessionOccurrences.id, ids));
    expect(occurrences.every((o) => o.status === 'scheduled' && o.kind === 'group')).toBe(true);
    for (const h of held) {
      const o = occurrences.find((x) => x.id === h.occurrenceId);
      expect(h.patientIds.length).toBeLessThanOrEqual(o?.capacity ?? 0);
    }
    const seated = await t.database.db.select().from(sessionAttendees).where(inArray(sessionAttendees.occurrenceId, ids));
    const attendance = await t.database.db.select().from(sessionAttendance).where(inArray(sessionAttendance.occurrenceId, ids));
    expect(seated.length).toBeGreaterThan(20);
    // Everyone seated in a held session has attendance, mostly present.
    expect(attendance).toHaveLength(seated.length);
    const present = attendance.filter((a) => a.status === 'present').length;
    expect(present / attendance.length).toBeGreaterThan(0.6);
    expect(attendance.some((a) => a.status !== 'present')).toBe(true);

    // The showcase person's chart carries the engagement-risk flag.
    const director = await signIn(t.app, `director@${domain}`, DEMO_PASSWORD);
    const flagged = [];
    for (const patientId of new Set(seated.map((s) => s.patientId))) {
      const hours = await director.get(`/api/v1/patients/${patientId}/hours?week=2026-11-09`);
      expect(hours.statusCode, hours.body).toBe(200);
      if (hours.json().engagementRisk.includes('two_misses_in_a_row')) flagged.push(patientId);
    }
    expect(flagged.length).toBeGreaterThanOrEqual(1);
    const [one] = flagged;
    const misses = await t.database.db
      .select()
      .from(sessionAttendance)
      .where(and(eq(sessionAttendance.patientId, one as string), eq(sessionAttendance.status, 'absent_unexcused')));
    expect(misses.length).toBeGreaterThanOrEqual(2);
  });
});
