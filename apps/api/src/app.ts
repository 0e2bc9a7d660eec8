import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './platform/context';
import { registerAuthentication } from './platform/auth';
import { registerErrorHandling } from './platform/errors';
import { registerIdempotency } from './platform/idempotency';
import { authRoutes } from './features/auth/auth.routes';
import { adminRoutes, directoryRoutes } from './features/admin/admin.routes';
import { breakGlassRoutes } from './features/break-glass/break-glass.routes';
import { healthRoutes } from './features/health/health.routes';
import { intakeRoutes, placementRoutes } from './features/intake/intake.routes';
import { patientRoutes } from './features/patients/patients.routes';
import { consentRoutes } from './features/consents/consents.routes';
import { instrumentRoutes } from './features/instruments/instruments.routes';
import { taskRoutes } from './features/tasks/tasks.routes';
import { clinicalRoutes, icd10Routes } from './features/clinical/clinical.routes';
import { relapsePlanRoutes } from './features/relapse-plans/relapse-plans.routes';
import { noteRoutes } from './features/notes/notes.routes';
import { authorizationRoutes } from './features/authorizations/authorizations.routes';
import { scheduleRoutes } from './features/schedule/schedule.routes';
import { worklistRoutes } from './features/worklist/worklist.routes';
import { measureRoutes } from './features/measures/measures.routes';
import { inquiryRoutes, publicIntakeRoutes } from './features/inquiries/inquiries.routes';
import { planRoutes } from './features/plans/plans.routes';
import { sessionRoutes } from './features/sessions/sessions.routes';
import { availabilityRoutes } from './features/availability/availability.routes';
import { programRoutes } from './features/program/program.routes';
import { drugTestRoutes } from './features/drug-tests/drug-tests.routes';
import { attendanceRoutes } from './features/attendance/attendance.routes';
import { videoRoutes } from './features/video/video.routes';

/**
 * Builds the whole api as a Fastify instance without listening, so tests drive it with `inject()`.
 * Only `server.ts` reads the environment and opens a port.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: deps.bodyLimit,
    genReqId: () => randomUUID(),
    // The request log line is ours (below): Fastify's default would print URLs, and a query string can hold a name.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 200 },
  });
  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    hsts: deps.publicUrl.startsWith('https:') ? { maxAge: 31536000 } : false,
  });
  await app.register(rateLimit, { global: false });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'openiop API', version: '1', description: 'Run an intensive outpatient program end to end.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'openiop_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    // A route declared as '/' under a prefix is served (and called by the web app) without the trailing slash.
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      return { ...out, url: out.url.length > 1 ? out.url.replace(/\/$/, '') : out.url };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });

  registerErrorHandling(app);
  registerAuthentication(app);
  registerIdempotency(app);

  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(authRoutes, { prefix: '/api/v1/auth' });
  await app.register(patientRoutes, { prefix: '/api/v1/patients' });
  await app.register(consentRoutes, { prefix: '/api/v1/patients' });
  await app.register(intakeRoutes, { prefix: '/api/v1/patients' });
  await app.register(placementRoutes, { prefix: '/api/v1/placement' });
  await app.register(breakGlassRoutes, { prefix: '/api/v1/break-glass' });
  await app.register(directoryRoutes, { prefix: '/api/v1' });
  await app.register(adminRoutes, { prefix: '/api/v1/admin' });
  await app.register(instrumentRoutes, { prefix: '/api/v1' });
  await app.register(taskRoutes, { prefix: '/api/v1' });
  await app.register(clinicalRoutes, { prefix: '/api/v1/patients' });
  await app.register(icd10Routes, { prefix: '/api/v1/reference' });
  await app.register(relapsePlanRoutes, { prefix: '/api/v1/patients' });
  await app.register(authorizationRoutes, { prefix: '/api/v1/patients' });
  await app.register(worklistRoutes, { prefix: '/api/v1' });
  await app.register(measureRoutes, { prefix: '/api/v1' });
  await app.register(inquiryRoutes, { prefix: '/api/v1/inquiries' });
  await app.register(publicIntakeRoutes, { prefix: '/api/v1/public/help' });
  await app.register(planRoutes, { prefix: '/api/v1' });
  await app.register(scheduleRoutes, { prefix: '/api/v1' });
  await app.register(sessionRoutes, { prefix: '/api/v1' });
  await app.register(availabilityRoutes, { prefix: '/api/v1' });
  await app.register(programRoutes, { prefix: '/api/v1/locations' });
  await app.register(drugTestRoutes, { prefix: '/api/v1' });
  await app.register(noteRoutes, { prefix: '/api/v1' });
  await app.register(attendanceRoutes, { prefix: '/api/v1' });
  await app.register(videoRoutes, { prefix: '/api/v1' });

  if (deps.webDist && fs.existsSync(path.join(deps.webDist, 'index.html'))) {
    // Looked up per request, so rebuilding the web app under a running server serves the new files.
    await app.register(fastifyStatic, { root: deps.webDist, wildcard: true, index: ['index.html'] });
  }
  return app;
}
