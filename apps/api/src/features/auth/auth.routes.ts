import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DomainError,
  emptyBody,
  login,
  loginResult,
  me,
  mfaEnrolConfirm,
  mfaEnrolled,
  mfaEnrolStart,
  mfaVerify,
  passwordResetComplete,
  passwordResetRequest,
} from '@openiop/core';
import { SESSION_COOKIE } from '../../platform/auth';
import * as auth from './auth.service';

const client = (req: FastifyRequest): auth.Client => ({ ip: req.ip, userAgent: req.headers['user-agent']?.slice(0, 400) ?? null });

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.server.deps.publicUrl.startsWith('https:'),
    path: '/',
  });
}

function sessionOf(req: FastifyRequest) {
  if (!req.session) throw new DomainError('UNAUTHENTICATED');
  return req.session;
}

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { max, timeWindowMs } = app.deps.authRateLimit;
  const limited = { auth: 'public' as const, rateLimit: { max, timeWindow: timeWindowMs } };
  const tags = ['auth'];

  r.post('/login', { config: limited, schema: { tags, body: login, response: { 200: loginResult } } }, async (req, reply) => {
    const s = await auth.signIn(app.deps, client(req), req.body.email, req.body.password);
    setSessionCookie(req, reply, s.token);
    return { status: s.status, csrfToken: s.csrfToken };
  });

  r.post(
    '/mfa/verify',
    {
      config: { auth: 'partial', rateLimit: { max, timeWindow: timeWindowMs } },
      schema: { tags, body: mfaVerify, response: { 200: loginResult } },
    },
    async (req, reply) => {
      const s = await auth.verifyMfa(app.deps, client(req), sessionOf(req), req.body.code);
      setSessionCookie(req, reply, s.token);
      return { status: s.status, csrfToken: s.csrfToken };
    },
  );

  r.post('/mfa/enrol', { config: { auth: 'partial' }, schema: { tags, body: emptyBody, response: { 200: mfaEnrolStart } } }, async (req) =>
    auth.startMfaEnrolment(app.deps, sessionOf(req)),
  );

  r.post(
    '/mfa/enrol/confirm',
    { config: { auth: 'partial' }, schema: { tags, body: mfaEnrolConfirm, response: { 200: mfaEnrolled } } },
    async (req) => auth.confirmMfaEnrolment(app.deps, client(req), sessionOf(req), req.body.code),
  );

  r.post('/logout', { config: { auth: 'partial' }, schema: { tags, body: emptyBody } }, async (req, reply) => {
    await auth.signOut(app.deps, client(req), req.session);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  r.get('/me', { config: { auth: 'partial' }, schema: { tags, response: { 200: me } } }, async (req) => {
    const actor = req.session?.actor ?? req.actor;
    if (!actor) throw new DomainError('UNAUTHENTICATED');
    return auth.meOf(actor, req.session, await auth.mfaEnabledOf(app.deps.database.db, actor));
  });

  r.post('/heartbeat', { schema: { tags, body: emptyBody, response: { 200: me } } }, async (req) => {
    const actor = req.actor;
    if (!actor) throw new DomainError('UNAUTHENTICATED');
    await auth.heartbeat(app.deps, actor);
    return auth.meOf(actor, req.session, await auth.mfaEnabledOf(app.deps.database.db, actor));
  });

  r.post(
    '/password-reset',
    { config: limited, schema: { tags, body: passwordResetRequest, response: { 202: z.object({ ok: z.literal(true) }) } } },
    async (req, reply) => {
      await auth.requestPasswordReset(app.deps, client(req), req.body.email);
      return reply.status(202).send({ ok: true as const });
    },
  );

  r.post(
    '/password-reset/complete',
    { config: limited, schema: { tags, body: passwordResetComplete, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (req) => {
      await auth.completePasswordReset(app.deps, client(req), req.body.token, req.body.password);
      return { ok: true as const };
    },
  );
}
