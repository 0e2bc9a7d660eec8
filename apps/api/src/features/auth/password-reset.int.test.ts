import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp, PASSWORD, setupOrg, signIn, type TestApp } from '../../../test/harness';
import { smtpMailer } from '../../platform/mailer';

const t = await buildTestApp();
const NEW_PASSWORD = 'a brand new long passphrase';

const login = (app: TestApp, email: string, password: string) =>
  app.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
const requestReset = (app: TestApp, email: string) =>
  app.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } });
const completeReset = (app: TestApp, token: string, password = NEW_PASSWORD) =>
  app.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/complete', payload: { token, password } });

const tokenIn = (text: string): string => {
  const m = /http:\/\/openiop\.test\/reset-password\?token=([\w-]+)/.exec(text);
  if (!m?.[1]) throw new Error(`no reset link in: ${text}`);
  return m[1];
};

describe('password reset', () => {
  it('answers 202 for known and unknown addresses alike, and mails a single-use link only to the known one', async () => {
    const org = await setupOrg(t);
    const sentBefore = t.mailer.sent.length;
    const known = await requestReset(t, org.users.peer.email);
    const unknown = await requestReset(t, `nobody.${org.id}@test.openiop.test`);
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    const mail = t.mailer.sent.slice(sentBefore);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: org.users.peer.email, organizationId: org.id, subject: 'Reset your openiop password' });
    expect(tokenIn(mail[0]?.text ?? '')).toMatch(/^[\w-]{40,}$/);
  });

  it('sets the new password, signs out every session, and the link cannot be used again', async () => {
    const org = await setupOrg(t);
    const email = org.users.clinician.email;
    const oldSession = await signIn(t.app, email);
    expect((await oldSession.get('/api/v1/patients')).statusCode).toBe(200);
    await requestReset(t, email);
    const token = tokenIn(t.mailer.sent.at(-1)?.text ?? '');

    const done = await completeReset(t, token);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ ok: true });
    expect((await oldSession.get('/api/v1/patients')).statusCode).toBe(401);
    expect((await login(t, email, PASSWORD)).statusCode).toBe(401);
    expect((await login(t, email, NEW_PASSWORD)).statusCode).toBe(200);

    const reused = await completeReset(t, token, 'yet another long passphrase');
    expect(reused.statusCode).toBe(400);
    expect(reused.json().code).toBe('TOKEN_INVALID');
    expect((await login(t, email, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses an expired link (after 60 minutes) and leaves the password as it was', async () => {
    const org = await setupOrg(t);
    const email = org.users.billing.email;
    await requestReset(t, email);
    const token = tokenIn(t.mailer.sent.at(-1)?.text ?? '');
    t.clock.advance(61 * 60_000);
    const res = await completeReset(t, token);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'TOKEN_INVALID', errors: [{ path: 'token', message: 'is not valid' }] });
    expect((await login(t, email, PASSWORD)).statusCode).toBe(200);
    expect((await login(t, email, NEW_PASSWORD)).statusCode).toBe(401);
  });

  it('refuses a made-up token and a short password', async () => {
    const org = await setupOrg(t);
    await requestReset(t, org.users.medical.email);
    const token = tokenIn(t.mailer.sent.at(-1)?.text ?? '');
    expect((await completeReset(t, 'x'.repeat(43))).json().code).toBe('TOKEN_INVALID');
    const short = await completeReset(t, token, 'short');
    expect(short.statusCode).toBe(400);
    expect(short.json().errors.map((e: { path: string }) => e.path)).toEqual(['password']);
    // The refused attempt did not use the link up.
    expect((await completeReset(t, token)).statusCode).toBe(200);
  });

  it('unlocks a locked account', async () => {
    const org = await setupOrg(t);
    const email = org.users.admissions.email;
    for (let i = 0; i < 5; i += 1) await login(t, email, 'wrong password');
    expect((await login(t, email, PASSWORD)).statusCode).toBe(423);
    await requestReset(t, email);
    expect((await completeReset(t, tokenIn(t.mailer.sent.at(-1)?.text ?? ''))).statusCode).toBe(200);
    expect((await login(t, email, NEW_PASSWORD)).statusCode).toBe(200);
  });
});

// ---- through a real SMTP server ------------------------------------------------------------------------------

interface Received {
  from: string;
  to: string[];
  raw: string;
}
const received: Received[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString('utf8'),
      });
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpPort = (smtp.server.address() as AddressInfo).port;
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
const viaSmtp = await buildTestApp({ mailer: smtpMailer(`smtp://127.0.0.1:${smtpPort}`) });

/** The decoded text body of a single-part message (quoted-printable or 7bit). */
function bodyOf(raw: string): { headers: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const body = raw.slice(split + 4);
  const text = /content-transfer-encoding:\s*quoted-printable/i.test(headers)
    ? body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    : body;
  return { headers, text };
}

describe('password reset through SMTP', () => {
  it('delivers the link to a real SMTP server, with nothing clinical in the message', async () => {
    const org = await setupOrg(viaSmtp);
    const p = await org.patient({ legalGivenName: 'Philippa', legalFamilyName: 'Hartigan', mrn: 'SMTP-PHI-1', dateOfBirth: '1977-07-07' });
    const before = received.length;
    const res = await requestReset(viaSmtp, org.users.clinician.email);
    expect(res.statusCode).toBe(202);
    const mail = received.slice(before);
    expect(mail).toHaveLength(1);
    const msg = mail[0] as Received;
    expect(msg.to).toEqual([org.users.clinician.email]);
    expect(msg.from).toBe('no-reply@openiop.test');
    const { headers, text } = bodyOf(msg.raw);
    expect(headers).toMatch(/^Subject: Reset your openiop password$/m);
    const token = tokenIn(text);
    for (const phi of ['Philippa', 'Hartigan', p.mrn, '1977-07-07', p.id, 'Main clinic', org.users.clinician.id])
      expect(msg.raw).not.toContain(phi);

    expect((await completeReset(viaSmtp, token)).statusCode).toBe(200);
    expect((await login(viaSmtp, org.users.clinician.email, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('sends nothing for an unknown address', async () => {
    const before = received.length;
    expect((await requestReset(viaSmtp, 'unknown.person@test.openiop.test')).statusCode).toBe(202);
    expect(received.length).toBe(before);
  });
});
