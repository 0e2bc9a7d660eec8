import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp, PASSWORD, setupOrg } from '../../../test/harness';
import { users } from '../../db/schema/index';

const t = await buildTestApp();

const failures = async (orgId: string, userId: string) =>
  (
    await t.database.db
      .select({ n: users.failedSignIns })
      .from(users)
      .where(and(eq(users.organizationId, orgId), eq(users.id, userId)))
  )[0]?.n;

const reauthEvents = async (orgId: string, userId: string) =>
  t.database.query<{ details: { failures: number; lockedSeconds: number } }>(
    sql`select details from audit_events where organization_id = ${orgId}::uuid and resource_id = ${userId}
      and action = 'auth.reauth_failed' order by seq`,
  );

describe("a signature's re-entered password counts toward the lockout", () => {
  it('locks after 5 wrong re-entries like sign-in does, refuses the right one while locked, and a match resets the count', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const created = await clinician.post(`/api/v1/patients/${p.id}/intakes`, { document: {} });
    expect(created.statusCode, created.body).toBe(201);
    const sign = (password: string) =>
      clinician.post(`/api/v1/patients/${p.id}/intakes/${created.json().id}/sign`, { password }, { 'if-match': '"1"' });
    const me = org.users.clinician.id;

    for (let i = 1; i <= 4; i += 1) {
      const wrong = await sign(`wrong ${i}`);
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors).toEqual([{ path: 'password', message: 'is not your current password' }]);
    }
    expect(await failures(org.id, me)).toBe(4);
    const fifth = await sign('wrong 5');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toMatchObject({ code: 'ACCOUNT_LOCKED', retryAfterSeconds: 30 });
    // While locked, neither the right password in the dialog nor a sign-in elsewhere gets through.
    const right = await sign(PASSWORD);
    expect(right.statusCode).toBe(423);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: org.users.clinician.email, password: PASSWORD },
    });
    expect(login.statusCode).toBe(423);
    // Each failure is a security event with the count; no password appears in it.
    const events = await reauthEvents(org.id, me);
    expect(events.map((e) => e.details)).toEqual([
      { failures: 1, lockedSeconds: 0 },
      { failures: 2, lockedSeconds: 0 },
      { failures: 3, lockedSeconds: 0 },
      { failures: 4, lockedSeconds: 0 },
      { failures: 5, lockedSeconds: 30 },
    ]);
    expect(JSON.stringify(events)).not.toContain('wrong');

    t.clock.advance(30_000);
    // The password is accepted again (the draft is not complete, so the signature itself is refused), and the
    // match starts the count again: the next wrong entry is an ordinary one.
    const accepted = await sign(PASSWORD);
    expect(accepted.statusCode).toBe(400);
    expect(accepted.json().errors.map((e: { path: string }) => e.path)).not.toContain('password');
    expect(await failures(org.id, me)).toBe(0);
    expect((await sign('wrong again')).statusCode).toBe(400);
    expect(await failures(org.id, me)).toBe(1);
  });
});
