import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { agentFor, buildTestApp, PASSWORD, setupOrg, signIn, type Agent } from '../../../test/harness';
import { totpCode } from './mfa';

const t = await buildTestApp();

const sessionCookie = (res: LightMyRequestResponse): string | undefined => {
  const c = res.cookies.find((x) => x.name === 'openiop_session');
  return c ? `openiop_session=${c.value}` : undefined;
};

/** Signs in with the password only, whatever the outcome, and returns the (possibly partial) session. */
async function passwordStep(email: string): Promise<{ agent: Agent; status: string }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = sessionCookie(res);
  if (!cookie) throw new Error('no session cookie');
  return { agent: agentFor(t.app, cookie, res.json().csrfToken), status: res.json().status };
}

/** The second step; the session token rotates, so the returned agent carries the new cookie. */
async function verify(agent: Agent, code: string): Promise<{ res: LightMyRequestResponse; agent: Agent }> {
  const res = await agent.post('/api/v1/auth/mfa/verify', { code });
  const cookie = sessionCookie(res);
  return { res, agent: cookie ? agentFor(t.app, cookie, agent.csrfToken) : agent };
}

async function enrol(agent: Agent): Promise<{ secret: string; recoveryCodes: string[] }> {
  const start = await agent.post('/api/v1/auth/mfa/enrol');
  expect(start.statusCode, start.body).toBe(200);
  const { secret, otpauthUrl, qrSvg } = start.json();
  expect(otpauthUrl).toContain(`secret=${secret}`);
  expect(qrSvg).toContain('<svg');
  const confirmed = await agent.post('/api/v1/auth/mfa/enrol/confirm', { code: totpCode(secret, t.clock.now()) });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  const { recoveryCodes } = confirmed.json();
  return { secret, recoveryCodes };
}

/** A 6-digit code that is not valid now (nor one step either side). */
function wrongCode(secret: string): string {
  const now = t.clock.now().getTime();
  const valid = new Set([-30_000, 0, 30_000].map((d) => totpCode(secret, new Date(now + d))));
  for (let i = 0; ; i += 1) {
    const c = String((123456 + i * 7919) % 1_000_000).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}

describe('two-step verification', () => {
  it('enrols with a TOTP code, then every sign-in needs the second factor before any protected route', async () => {
    const org = await setupOrg(t);
    const clinician = await signIn(t.app, org.users.clinician.email);
    const started = await clinician.post('/api/v1/auth/mfa/enrol');
    const badConfirm = await clinician.post('/api/v1/auth/mfa/enrol/confirm', { code: wrongCode(started.json().secret) });
    expect(badConfirm.statusCode).toBe(401);
    expect(badConfirm.json().code).toBe('MFA_INVALID');
    expect((await clinician.get('/api/v1/auth/me')).json().user.mfaEnabled).toBe(false);

    // Starting again issues a new secret; the code must come from that one.
    const { secret, recoveryCodes } = await enrol(clinician);
    expect(secret).not.toBe(started.json().secret);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
    expect((await clinician.get('/api/v1/auth/me')).json().user.mfaEnabled).toBe(true);

    const { agent: partial, status } = await passwordStep(org.users.clinician.email);
    expect(status).toBe('mfa-required');
    for (const url of ['/api/v1/patients', '/api/v1/locations', '/api/v1/staff']) {
      const res = await partial.get(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json().code, url).toBe('MFA_REQUIRED');
    }
    expect((await partial.post('/api/v1/patients', {})).json().code).toBe('MFA_REQUIRED');
    expect((await partial.post('/api/v1/auth/heartbeat')).json().code).toBe('MFA_REQUIRED');
    const me = (await partial.get('/api/v1/auth/me')).json();
    expect(me.session).toMatchObject({ mfaPending: true, mfaEnrolmentRequired: false });

    const wrong = await verify(partial, wrongCode(secret));
    expect(wrong.res.statusCode).toBe(401);
    expect(wrong.res.json().code).toBe('MFA_INVALID');
    expect((await partial.get('/api/v1/patients')).json().code).toBe('MFA_REQUIRED');

    // The code that confirmed enrolment was used up; the next step's code signs in.
    t.clock.advance(30_000);
    const ok = await verify(partial, totpCode(secret, t.clock.now()));
    expect(ok.res.statusCode, ok.res.body).toBe(200);
    expect(ok.res.json().status).toBe('signed-in');
    expect((await ok.agent.get('/api/v1/patients')).statusCode).toBe(200);
    // The pre-verification token is gone: the cookie rotated.
    expect((await partial.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('moving to a new phone: the old authenticator keeps working until a code from the new one is confirmed', async () => {
    const org = await setupOrg(t);
    const first = await enrol(await signIn(t.app, org.users.admissions.email));
    t.clock.advance(30_000);
    const signedIn = await verify((await passwordStep(org.users.admissions.email)).agent, totpCode(first.secret, t.clock.now()));
    expect(signedIn.res.statusCode).toBe(200);
    const started = await signedIn.agent.post('/api/v1/auth/mfa/enrol');
    expect(started.statusCode).toBe(200);
    const next = started.json().secret as string;
    expect(next).not.toBe(first.secret);
    // Not confirmed yet: the old phone still signs in, the new one does not.
    expect((await verify((await passwordStep(org.users.admissions.email)).agent, totpCode(next, t.clock.now()))).res.statusCode).toBe(401);
    t.clock.advance(30_000);
    expect(
      (await verify((await passwordStep(org.users.admissions.email)).agent, totpCode(first.secret, t.clock.now()))).res.statusCode,
    ).toBe(200);
    // A session still waiting for its second factor cannot swap the authenticator.
    const { agent: partial } = await passwordStep(org.users.admissions.email);
    expect((await partial.post('/api/v1/auth/mfa/enrol')).json().code).toBe('MFA_REQUIRED');
    expect((await partial.post('/api/v1/auth/mfa/enrol/confirm', { code: totpCode(next, t.clock.now()) })).json().code).toBe(
      'MFA_REQUIRED',
    );

    const confirmed = await signedIn.agent.post('/api/v1/auth/mfa/enrol/confirm', { code: totpCode(next, t.clock.now()) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    t.clock.advance(30_000);
    const oldCodes = first.recoveryCodes;
    expect(
      (await verify((await passwordStep(org.users.admissions.email)).agent, totpCode(first.secret, t.clock.now()))).res.statusCode,
    ).toBe(401);
    expect((await verify((await passwordStep(org.users.admissions.email)).agent, oldCodes[0] ?? '')).res.statusCode).toBe(401);
    expect((await verify((await passwordStep(org.users.admissions.email)).agent, totpCode(next, t.clock.now()))).res.statusCode).toBe(200);
  });

  it('accepts a code from the previous 30-second step but not an old one', async () => {
    const org = await setupOrg(t);
    const { secret } = await enrol(await signIn(t.app, org.users.peer.email));
    // Move past the step whose code confirmed enrolment, so "the previous step" is an unused one.
    t.clock.advance(60_000);
    const { agent } = await passwordStep(org.users.peer.email);
    const stale = await verify(agent, totpCode(secret, new Date(t.clock.now().getTime() - 90_000)));
    expect(stale.res.statusCode).toBe(401);
    const previous = await verify(agent, totpCode(secret, new Date(t.clock.now().getTime() - 30_000)));
    expect(previous.res.statusCode).toBe(200);
  });

  it('a code is good once: replaying it within its 30 seconds is refused', async () => {
    const org = await setupOrg(t);
    const { secret } = await enrol(await signIn(t.app, org.users.medical.email));
    t.clock.advance(30_000);
    const code = totpCode(secret, t.clock.now());
    expect((await verify((await passwordStep(org.users.medical.email)).agent, code)).res.statusCode).toBe(200);
    t.clock.advance(10_000);
    const replay = await verify((await passwordStep(org.users.medical.email)).agent, code);
    expect(replay.res.statusCode).toBe(401);
    expect(replay.res.json().code).toBe('MFA_INVALID');
  });

  it('a recovery code works once only', async () => {
    const org = await setupOrg(t);
    const { recoveryCodes } = await enrol(await signIn(t.app, org.users.medical.email));
    const code = recoveryCodes[3] ?? '';
    const first = await verify((await passwordStep(org.users.medical.email)).agent, code);
    expect(first.res.statusCode).toBe(200);
    expect((await first.agent.get('/api/v1/patients')).statusCode).toBe(200);
    const second = await verify((await passwordStep(org.users.medical.email)).agent, code);
    expect(second.res.statusCode).toBe(401);
    expect(second.res.json().code).toBe('MFA_INVALID');
    // The other codes still work.
    const other = await verify((await passwordStep(org.users.medical.email)).agent, recoveryCodes[4] ?? '');
    expect(other.res.statusCode).toBe(200);
  });

  it('repeated wrong codes lock the account like wrong passwords do', async () => {
    const org = await setupOrg(t);
    const { secret } = await enrol(await signIn(t.app, org.users.director.email));
    const { agent } = await passwordStep(org.users.director.email);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await verify(agent, wrongCode(secret))).res.statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const locked = await verify(agent, totpCode(secret, t.clock.now()));
    expect(locked.res.statusCode).toBe(423);
    expect(locked.res.json().code).toBe('ACCOUNT_LOCKED');
  });

  it("the organization's mfaRequiredRoles force enrolment before anything else", async () => {
    const org = await setupOrg(t, { mfaRequiredRoles: ['clinician', 'admin'] });
    const { agent, status } = await passwordStep(org.users.clinician.email);
    expect(status).toBe('mfa-enrolment-required');
    const blocked = await agent.get('/api/v1/patients');
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().code).toBe('MFA_REQUIRED');
    expect((await agent.get('/api/v1/auth/me')).json().session).toMatchObject({ mfaPending: true, mfaEnrolmentRequired: true });
    // A session waiting for enrolment cannot skip it with the verify step.
    expect((await agent.post('/api/v1/auth/mfa/verify', { code: '123456' })).statusCode).toBe(409);
    await enrol(agent);
    expect((await agent.get('/api/v1/patients')).statusCode).toBe(200);
    // Roles not on the list sign in with a password alone.
    expect((await passwordStep(org.users.billing.email)).status).toBe('signed-in');
    // Once enrolled, the next sign-in asks for the code like anyone else's.
    expect((await passwordStep(org.users.clinician.email)).status).toBe('mfa-required');
  });
});
