import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@openiop/core';
import { buildTestApp, setupOrg, type Agent, type TestOrg } from '../../../test/harness';
import { missingId } from '../../../test/fixtures';

const t = await buildTestApp();
await t.app.ready();

const ROLES: Role[] = ['admin', 'director', 'clinician', 'medical', 'admissions', 'billing', 'peer'];
const EVERYONE = ROLES;

const versionOf = async (table: 'users' | 'locations' | 'organizations', id: string): Promise<number> =>
  (await t.database.query<{ version: number }>(sql`select version from ${sql.identifier(table)} where id = ${id}::uuid`))[0]?.version ?? 1;

interface AdminEndpoint {
  name: string;
  allowed: readonly Role[];
  ok: number;
  call(agent: Agent, org: TestOrg, role: Role): Promise<LightMyRequestResponse>;
}

const address = { line1: '9 Elm St', city: 'Salem', region: 'OR', postalCode: '97301', country: 'US' };

/** Every admin and directory endpoint, who may use it, and what success looks like. */
const ENDPOINTS: AdminEndpoint[] = [
  { name: 'GET /admin/users', allowed: ['admin', 'director'], ok: 200, call: (a) => a.get('/api/v1/admin/users') },
  {
    name: 'GET /admin/users/:id',
    allowed: ['admin', 'director'],
    ok: 200,
    call: (a, org) => a.get(`/api/v1/admin/users/${org.users.peer.id}`),
  },
  {
    name: 'POST /admin/users',
    allowed: ['admin'],
    ok: 201,
    call: (a, org, role) =>
      a.post('/api/v1/admin/users', {
        email: `new.${role}.${org.id.slice(0, 8)}@test.openiop.test`,
        name: 'New Colleague',
        roles: ['peer'],
        locationIds: [org.locations.main],
        password: 'a long enough password',
      }),
  },
  {
    name: 'PATCH /admin/users/:id',
    allowed: ['admin'],
    ok: 200,
    call: async (a, org) =>
      a.patch(
        `/api/v1/admin/users/${org.users.peer.id}`,
        { phone: '+1 503 555 0111' },
        { 'if-match': `"${await versionOf('users', org.users.peer.id)}"` },
      ),
  },
  {
    name: 'POST /admin/users/:id/unlock',
    allowed: ['admin'],
    ok: 200,
    call: (a, org) => a.post(`/api/v1/admin/users/${org.users.peer.id}/unlock`),
  },
  {
    name: 'POST /admin/locations',
    allowed: ['admin'],
    ok: 201,
    call: (a, _org, role) =>
      a.post('/api/v1/admin/locations', { name: `Annex ${role}`, timeZone: 'America/Chicago', address, phone: '+1 312 555 0100' }),
  },
  // Locations are directory data every colleague sees (GET /locations); reading one by id is not an admin power.
  {
    name: 'GET /admin/locations/:id',
    allowed: EVERYONE,
    ok: 200,
    call: (a, org) => a.get(`/api/v1/admin/locations/${org.locations.other}`),
  },
  {
    name: 'PATCH /admin/locations/:id',
    allowed: ['admin'],
    ok: 200,
    call: async (a, org) =>
      a.patch(
        `/api/v1/admin/locations/${org.locations.other}`,
        { phone: '+1 212 555 0199' },
        { 'if-match': `"${await versionOf('locations', org.locations.other)}"` },
      ),
  },
  { name: 'GET /admin/settings', allowed: ['admin'], ok: 200, call: (a) => a.get('/api/v1/admin/settings') },
  {
    name: 'PATCH /admin/settings',
    allowed: ['admin'],
    ok: 200,
    call: async (a, org) =>
      a.patch('/api/v1/admin/settings', { breakGlassMinutes: 45 }, { 'if-match': `"${await versionOf('organizations', org.id)}"` }),
  },
  { name: 'GET /admin/audit', allowed: ['admin', 'director'], ok: 200, call: (a) => a.get('/api/v1/admin/audit') },
  { name: 'GET /admin/audit?format=csv', allowed: ['admin', 'director'], ok: 200, call: (a) => a.get('/api/v1/admin/audit?format=csv') },
  { name: 'GET /admin/api-tokens', allowed: ['admin'], ok: 200, call: (a) => a.get('/api/v1/admin/api-tokens') },
  {
    name: 'POST /admin/api-tokens',
    allowed: ['admin'],
    ok: 201,
    call: (a, _org, role) => a.post('/api/v1/admin/api-tokens', { name: `by ${role}`, scopes: ['patients:read'] }),
  },
  {
    name: 'DELETE /admin/api-tokens/:id',
    allowed: ['admin'],
    ok: 204,
    call: async (a, org) => {
      const created = await (await org.as('admin')).post('/api/v1/admin/api-tokens', { name: 'to revoke', scopes: ['audit:read'] });
      return a.delete(`/api/v1/admin/api-tokens/${created.json().id}`);
    },
  },
  { name: 'GET /admin/outbox', allowed: ['admin'], ok: 200, call: (a) => a.get('/api/v1/admin/outbox') },
  { name: 'GET /locations', allowed: EVERYONE, ok: 200, call: (a) => a.get('/api/v1/locations') },
  { name: 'GET /staff', allowed: EVERYONE, ok: 200, call: (a) => a.get('/api/v1/staff') },
];

describe('admin endpoints by role', () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await setupOrg(t);
  });

  describe.each(ROLES)('%s', (role) => {
    it.each(ENDPOINTS.map((e) => [e.name, e] as const))('%s', async (_name, e) => {
      const res = await e.call(await org.as(role), org, role);
      const want = e.allowed.includes(role) ? e.ok : 403;
      expect(res.statusCode, res.body).toBe(want);
      if (want === 403) {
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().code).toBe('FORBIDDEN');
      }
    });
  });

  it('a refused admin write changes nothing', async () => {
    const director = await org.as('director');
    const before = (await (await org.as('admin')).get('/api/v1/admin/settings')).json();
    expect(
      (await director.patch('/api/v1/admin/settings', { idleTimeoutMinutes: 240 }, { 'if-match': `"${before.version}"` })).statusCode,
    ).toBe(403);
    expect(
      (await director.post('/api/v1/admin/users', { email: 'sneaky@test.openiop.test', name: 'Sneaky', roles: ['admin'] })).statusCode,
    ).toBe(403);
    const after = (await (await org.as('admin')).get('/api/v1/admin/settings')).json();
    expect(after).toEqual(before);
    const [row] = await t.database.query<{ n: number }>(sql`select count(*)::int as n from users where email = 'sneaky@test.openiop.test'`);
    expect(row?.n).toBe(0);
  });
});

describe('admin endpoints across organizations', () => {
  it("an admin cannot read or change another organization's users, locations or tokens (404, as if missing)", async () => {
    const org = await setupOrg(t);
    const other = await setupOrg(t);
    const admin = await org.as('admin');
    const token = (await (await other.as('admin')).post('/api/v1/admin/api-tokens', { name: 'theirs', scopes: ['patients:read'] })).json();
    const cases: [string, () => Promise<LightMyRequestResponse>][] = [
      ['get user', () => admin.get(`/api/v1/admin/users/${other.users.peer.id}`)],
      ['patch user', () => admin.patch(`/api/v1/admin/users/${other.users.peer.id}`, { name: 'Renamed' }, { 'if-match': '"1"' })],
      ['unlock user', () => admin.post(`/api/v1/admin/users/${other.users.peer.id}/unlock`)],
      ['get location', () => admin.get(`/api/v1/admin/locations/${other.locations.main}`)],
      ['patch location', () => admin.patch(`/api/v1/admin/locations/${other.locations.main}`, { name: 'Renamed' }, { 'if-match': '"1"' })],
      ['revoke token', () => admin.delete(`/api/v1/admin/api-tokens/${token.id}`)],
    ];
    for (const [name, call] of cases) {
      const res = await call();
      expect(res.statusCode, name).toBe(404);
      expect(res.json().code, name).toBe('NOT_FOUND');
    }
    const lists = [
      ['users', (await admin.get('/api/v1/admin/users')).json().items.map((u: { id: string }) => u.id)],
      ['staff', (await admin.get('/api/v1/staff')).json().items.map((u: { id: string }) => u.id)],
      ['locations', (await admin.get('/api/v1/locations')).json().items.map((l: { id: string }) => l.id)],
      ['tokens', (await admin.get('/api/v1/admin/api-tokens')).json().items.map((k: { id: string }) => k.id)],
    ] as const;
    const theirs = [...Object.values(other.users).map((u) => u.id), other.locations.main, other.locations.other, token.id];
    for (const [name, ids] of lists)
      expect(
        ids.filter((id: string) => theirs.includes(id)),
        name,
      ).toEqual([]);
    const bearer = await t.app.inject({ method: 'GET', url: '/api/v1/patients', headers: { authorization: `Bearer ${token.token}` } });
    expect(bearer.statusCode, 'their token still works: the revoke did not touch it').toBe(200);
  });
});

/** Routes anyone may call without signing in. Everything else under /api/ needs a session or an API token. */
const PUBLIC = new Set([
  'GET /api/health',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/password-reset',
  'POST /api/v1/auth/password-reset/complete',
  'GET /api/v1/fill/{token}',
  'POST /api/v1/fill/{token}',
  'GET /api/v1/public/help/{slug}',
  'POST /api/v1/public/help/{slug}',
  'GET /api/v1/sign/{token}',
  'POST /api/v1/sign/{token}',
  'GET /api/v1/me/{token}',
  'POST /api/v1/me/{token}/measures/{assignmentId}',
  'POST /api/v1/me/{token}/checkins',
  'GET /api/v1/public/calendar/{file}',
  'GET /api/v1/me/{token}/sessions',
  'GET /api/v1/me/{token}/availability',
  'PUT /api/v1/me/{token}/availability',
  'POST /api/v1/me/{token}/check-in',
  'GET /api/v1/me/{token}/video/{occurrenceId}',
]);

describe('unauthenticated requests', () => {
  const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => ({ method: m.toUpperCase(), path })),
  );

  it('the route list is not empty and includes the patient and admin routes', () => {
    expect(routes.length).toBeGreaterThan(25);
    expect(routes).toContainEqual({ method: 'GET', path: '/api/v1/patients/{id}/chart' });
    expect(routes).toContainEqual({ method: 'GET', path: '/api/v1/admin/audit' });
  });

  it.each(routes.filter((r) => !PUBLIC.has(`${r.method} ${r.path}`)).map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s → 401 without a session',
    async (_name, r) => {
      const url = r.path.replace(/\{[^}]+\}/g, () => missingId());
      const res = await t.app.inject({
        method: r.method as 'GET',
        url,
        ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }),
      });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('UNAUTHENTICATED');
    },
  );

  it('a made-up session cookie or bearer token is refused the same way', async () => {
    for (const headers of [{ cookie: 'openiop_session=forged' }, { authorization: 'Bearer oiop_forged' }]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/patients', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it('public routes answer without a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: 'nobody@test.openiop.test' } }))
        .statusCode,
    ).toBe(202);
  });
});
