import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  emptyBody,
  list,
  outboxMessage,
  staffMember,
  apiTokenCreate,
  apiTokenCreated,
  apiTokenView,
  auditEventView,
  auditQuery,
  id,
  locationInput,
  locationUpdate,
  locationView,
  roles,
  settingsUpdate,
  settingsView,
  userCreate,
  userUpdate,
  userView,
} from '@openiop/core';
import { assertCan, ctxOf } from '../../platform/context';
import { expectedVersion, sendWithEtag } from '../../platform/http';
import { auditCsv, searchAudit } from './audit.service';
import * as locations from './locations.service';
import * as settings from './settings.service';
import * as tokens from './tokens.service';
import * as users from './users.service';

const params = z.strictObject({ id });

/** Routes every staff member needs for pickers: open locations and colleagues' names. */
export async function directoryRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/locations', { schema: { tags: ['directory'], response: { 200: list(locationView) } } }, async (req) => ({
    items: await locations.listLocations(ctxOf(req)),
  }));
  r.get(
    '/staff',
    {
      schema: {
        tags: ['directory'],
        querystring: z.strictObject({ role: z.enum(roles).optional() }),
        response: { 200: list(staffMember) },
      },
    },
    async (req) => ({ items: await users.listStaff(ctxOf(req), req.query.role) }),
  );
}

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];

  r.get('/users', { schema: { tags, response: { 200: list(userView) } } }, async (req) => ({ items: await users.listUsers(ctxOf(req)) }));
  r.post('/users', { schema: { tags, body: userCreate, response: { 201: userView } } }, async (req, reply) =>
    reply.status(201).send(sendWithEtag(reply, await users.createUser(ctxOf(req), req.body))),
  );
  r.get('/users/:id', { schema: { tags, params, response: { 200: userView } } }, async (req, reply) =>
    sendWithEtag(reply, await users.getUser(ctxOf(req), req.params.id)),
  );
  r.patch('/users/:id', { schema: { tags, params, body: userUpdate, response: { 200: userView } } }, async (req, reply) =>
    sendWithEtag(reply, await users.updateUser(ctxOf(req), req.params.id, expectedVersion(req), req.body)),
  );
  r.post('/users/:id/unlock', { schema: { tags, params, body: emptyBody, response: { 200: userView } } }, async (req, reply) =>
    sendWithEtag(reply, await users.unlockUser(ctxOf(req), req.params.id)),
  );

  r.post('/locations', { schema: { tags, body: locationInput, response: { 201: locationView } } }, async (req, reply) =>
    reply.status(201).send(sendWithEtag(reply, await locations.createLocation(ctxOf(req), req.body))),
  );
  r.get('/locations/:id', { schema: { tags, params, response: { 200: locationView } } }, async (req, reply) =>
    sendWithEtag(reply, await locations.getLocation(ctxOf(req), req.params.id)),
  );
  r.patch('/locations/:id', { schema: { tags, params, body: locationUpdate, response: { 200: locationView } } }, async (req, reply) =>
    sendWithEtag(reply, await locations.updateLocation(ctxOf(req), req.params.id, expectedVersion(req), req.body)),
  );

  r.get('/settings', { schema: { tags, response: { 200: settingsView } } }, async (req, reply) =>
    sendWithEtag(reply, await settings.getSettings(ctxOf(req))),
  );
  r.patch('/settings', { schema: { tags, body: settingsUpdate, response: { 200: settingsView } } }, async (req, reply) =>
    sendWithEtag(reply, await settings.updateSettings(ctxOf(req), expectedVersion(req), req.body)),
  );

  r.get('/audit', { schema: { tags, querystring: auditQuery } }, async (req, reply) => {
    const result = await searchAudit(ctxOf(req), req.query);
    if (req.query.format === 'csv') {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="openiop-audit.csv"')
        .send(auditCsv(result.items));
    }
    return z.object({ items: z.array(auditEventView), nextCursor: z.string().nullable() }).parse(result);
  });

  r.get('/api-tokens', { schema: { tags, response: { 200: list(apiTokenView) } } }, async (req) => ({
    items: await tokens.listTokens(ctxOf(req)),
  }));
  r.post('/api-tokens', { schema: { tags, body: apiTokenCreate, response: { 201: apiTokenCreated } } }, async (req, reply) =>
    reply.status(201).send(await tokens.createToken(ctxOf(req), req.body)),
  );
  r.delete('/api-tokens/:id', { schema: { tags, params } }, async (req, reply) => {
    await tokens.revokeToken(ctxOf(req), req.params.id);
    return reply.status(204).send();
  });

  r.get(
    '/outbox',
    {
      schema: {
        tags,
        response: { 200: list(outboxMessage) },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      assertCan(ctx.actor, 'outbox.read');
      return { items: (await ctx.mailer.outbox?.(ctx.actor.organizationId)) ?? [] };
    },
  );
}
