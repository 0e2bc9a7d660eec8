import { describe, expect, it } from 'vitest';
import { buildTestApp, PASSWORD, setupOrg, signIn } from '../../../test/harness';
import { orgSnapshot } from '../../../test/db-state';

const t = await buildTestApp();
const limited = await buildTestApp({ authRateLimit: { max: 3, timeWindowMs: 60_000 } });

const login = (email: string, password: string, app = t.app) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

describe('sign-in', () => {
  it('sets an httpOnly, SameSite=Strict session cookie and returns the CSRF token', async () => {
    const org = await setupOrg(t);
    const res = await login(org.users.clinician.email, PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'signed-in', csrfToken: expect.stringMatching(/^[\w-]{20,}$/) });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^openiop_session=[\w-]{32,};/);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Strict/i);
    expect(setCookie).toMatch(/; Path=\//);
    // The api is served over http in tests, so the cookie is not Secure; publicUrl https: makes it so.
    expect(setCookie).not.toMatch(/; Secure/i);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: setCookie.split(';')[0] ?? '' } });
    expect(me.json().user.email).toBe(org.users.clinician.email);
  });

  it('answers a wrong password and an unknown e-mail alike: 401 INVALID_CREDENTIALS', async () => {
    const org = await setupOrg(t);
    const wrong = await login(org.users.clinician.email, 'not the password');
    const unknown = await login(`nobody.${org.id}@test.openiop.test`, 'not the password');
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('locks the account after 5 failures (423 with retryAfterSeconds), even for the right password, until the lock expires', async () => {
    const org = await setupOrg(t);
    const email = org.users.peer.email;
    for (let i = 1; i <= 4; i += 1) expect((await login(email, `wrong ${i}`)).json().code).toBe('INVALID_CREDENTIALS');
    const fifth = await login(email, 'wrong 5');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toMatchObject({ code: 'ACCOUNT_LOCKED', retryAfterSeconds: 30 });
    const right = await login(email, PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().retryAfterSeconds).toBe(30);
    t.clock.advance(29_000);
    expect((await login(email, PASSWORD)).json().retryAfterSeconds).toBe(1);
    t.clock.advance(1_000);
    expect((await login(email, PASSWORD)).statusCode).toBe(200);
    // A success resets the count: the next failure is an ordinary one.
    expect((await login(email, 'wrong again')).statusCode).toBe(401);
  });

  it('backs off longer after each further failure', async () => {
    const org = await setupOrg(t);
    const email = org.users.billing.email;
    for (let i = 1; i <= 5; i += 1) await login(email, `wrong ${i}`);
    t.clock.advance(30_000);
    const sixth = await login(email, 'wrong 6');
    expect(sixth.statusCode).toBe(423);
    expect(sixth.json().retryAfterSeconds).toBe(60);
  });

  it('an admin can unlock a locked account at once', async () => {
    const org = await setupOrg(t);
    const email = org.users.medical.email;
    for (let i = 1; i <= 5; i += 1) await login(email, `wrong ${i}`);
    const admin = await org.as('admin');
    const locked = (await admin.get(`/api/v1/admin/users/${org.users.medical.id}`)).json();
    expect(locked.lockedUntil).toBe(new Date(t.clock.now().getTime() + 30_000).toISOString());
    const unlocked = await admin.post(`/api/v1/admin/users/${org.users.medical.id}/unlock`);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().lockedUntil).toBeNull();
    expect((await login(email, PASSWORD)).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without or with a wrong x-csrf-token (403 CSRF_FAILED) and writes nothing', async () => {
    const org = await setupOrg(t);
    const admin = await org.as('admin');
    const p = await org.patient();
    const before = await orgSnapshot(t.database, org.id);
    const body = {
      legalGivenName: 'Cross',
      legalFamilyName: 'Site',
      dateOfBirth: '1990-01-01',
      sexAssignedAtBirth: 'male',
      locationId: org.locations.main,
    };
    const attempts = [
      { method: 'POST' as const, url: '/api/v1/patients', payload: body },
      { method: 'PATCH' as const, url: `/api/v1/patients/${p.id}`, payload: { pronouns: 'they/them' }, headers: { 'if-match': '"1"' } },
      { method: 'POST' as const, url: '/api/v1/admin/api-tokens', payload: { name: 'stolen', scopes: ['patients:read'] } },
      { method: 'DELETE' as const, url: `/api/v1/patients/${p.id}/caseload/${org.users.peer.id}` },
      { method: 'POST' as const, url: '/api/v1/auth/logout' },
    ];
    for (const a of attempts) {
      for (const csrf of [undefined, 'wrong-token', `${admin.csrfToken}x`, '']) {
        const headers: Record<string, string> = { cookie: admin.cookie, ...(a.headers ?? {}) };
        if (csrf !== undefined) headers['x-csrf-token'] = csrf;
        const res = await t.app.inject({ ...a, headers });
        expect(res.statusCode, `${a.method} ${a.url} csrf=${String(csrf)}`).toBe(403);
        expect(res.json().code).toBe('CSRF_FAILED');
      }
    }
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);
    // Another session's valid token does not work either.
    const director = await org.as('director');
    const crossed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/patients',
      payload: body,
      headers: { cookie: admin.cookie, 'x-csrf-token': director.csrfToken },
    });
    expect(crossed.statusCode).toBe(403);
    // Reads need no token, and the right token lets the same write through.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/patients', headers: { cookie: admin.cookie } })).statusCode).toBe(200);
    expect((await admin.post('/api/v1/patients', body)).statusCode).toBe(201);
  });

  it('does not apply to API tokens, which browsers do not send on their own', async () => {
    const org = await setupOrg(t);
    const admin = await org.as('admin');
    const token = (await admin.post('/api/v1/admin/api-tokens', { name: 'integration', scopes: ['patients:write'] })).json().token;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/patients',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        legalGivenName: 'Via',
        legalFamilyName: 'Token',
        dateOfBirth: '1990-01-01',
        sexAssignedAtBirth: 'male',
        locationId: org.locations.main,
      },
    });
    expect(res.statusCode).toBe(201);
  });
});

describe('idle sign-out', () => {
  it('keeps a session alive while it is used and ends it after 15 idle minutes (401 SESSION_EXPIRED)', async () => {
    const org = await setupOrg(t);
    const clinician = await signIn(t.app, org.users.clinician.email);
    for (let i = 0; i < 3; i += 1) {
      t.clock.advance(14 * 60_000);
      expect((await clinician.get('/api/v1/patients')).statusCode, `after ${(i + 1) * 14} minutes of steady use`).toBe(200);
    }
    t.clock.advance(15 * 60_000 + 1_000);
    const expired = await clinician.get('/api/v1/patients');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('SESSION_EXPIRED');
    // The session is revoked, not just asleep: using it again does not revive it.
    const again = await clinician.get('/api/v1/auth/me');
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('UNAUTHENTICATED');
  });

  it("follows the organization's idleTimeoutMinutes", async () => {
    const org = await setupOrg(t);
    const admin = await org.as('admin');
    const settings = (await admin.get('/api/v1/admin/settings')).json();
    expect(
      (await admin.patch('/api/v1/admin/settings', { idleTimeoutMinutes: 5 }, { 'if-match': `"${settings.version}"` })).statusCode,
    ).toBe(200);
    const peer = await signIn(t.app, org.users.peer.email);
    expect((await peer.get('/api/v1/auth/me')).json().session.idleTimeoutMinutes).toBe(5);
    t.clock.advance(4 * 60_000);
    expect((await peer.get('/api/v1/patients')).statusCode).toBe(200);
    t.clock.advance(5 * 60_000 + 1_000);
    expect((await peer.get('/api/v1/patients')).json().code).toBe('SESSION_EXPIRED');

    const admin2 = await signIn(t.app, org.users.admin.email);
    const v = (await admin2.get('/api/v1/admin/settings')).json().version;
    expect((await admin2.patch('/api/v1/admin/settings', { idleTimeoutMinutes: 60 }, { 'if-match': `"${v}"` })).statusCode).toBe(200);
    const billing = await signIn(t.app, org.users.billing.email);
    t.clock.advance(45 * 60_000);
    expect((await billing.get('/api/v1/patients')).statusCode).toBe(200);
  });

  it('sign-out revokes the session', async () => {
    const org = await setupOrg(t);
    const peer = await signIn(t.app, org.users.peer.email);
    const out = await peer.post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/openiop_session=;/);
    expect((await peer.get('/api/v1/patients')).statusCode).toBe(401);
  });
});

describe('rate limit on sign-in', () => {
  it('answers the 4th attempt in a minute with 429 problem+json when the limit is 3', async () => {
    const org = await setupOrg(limited);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await login(org.users.peer.email, 'wrong', limited.app)).statusCode);
    expect(statuses).toEqual([401, 401, 401]);
    const res = await login(org.users.peer.email, PASSWORD, limited.app);
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(res.headers['set-cookie']).toBeUndefined();
    // Other routes are not limited by it.
    expect((await limited.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
