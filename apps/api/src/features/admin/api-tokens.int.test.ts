import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp, setupOrg, signIn, type TestOrg } from '../../../test/harness';
import { sha256 } from '../../platform/crypto';

const t = await buildTestApp();

const bearer = (
  token: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) => t.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...headers }, ...(payload ? { payload } : {}) });

async function issue(org: TestOrg, scopes: string[], name = 'integration') {
  const res = await (await org.as('admin')).post('/api/v1/admin/api-tokens', { name, scopes });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; token: string; prefix: string; scopes: string[] }>();
}

const newPatient = (org: TestOrg) => ({
  legalGivenName: 'Token',
  legalFamilyName: 'Made',
  dateOfBirth: '1990-01-01',
  sexAssignedAtBirth: 'male',
  locationId: org.locations.main,
});

describe('API tokens', () => {
  it('a patients:read token can list and read patients but not write (403), and is shown once then stored hashed', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const created = await issue(org, ['patients:read']);
    expect(created.token).toMatch(/^oiop_[\w-]{40,}$/);
    expect(created.prefix).toBe(created.token.slice(0, 10));

    const list = await bearer(created.token, 'GET', '/api/v1/patients');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([p.id]);
    expect((await bearer(created.token, 'GET', `/api/v1/patients/${p.id}/chart`)).statusCode).toBe(200);

    const write = await bearer(created.token, 'POST', '/api/v1/patients', newPatient(org));
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe('FORBIDDEN');
    expect(
      (await bearer(created.token, 'PATCH', `/api/v1/patients/${p.id}`, { pronouns: 'they/them' }, { 'if-match': '"1"' })).statusCode,
    ).toBe(403);
    // The token acts for an admin, but its scope keeps it out of admin work.
    expect((await bearer(created.token, 'GET', '/api/v1/admin/audit')).statusCode).toBe(403);
    expect((await bearer(created.token, 'GET', '/api/v1/admin/users')).statusCode).toBe(403);
    expect(
      (await bearer(created.token, 'POST', '/api/v1/admin/api-tokens', { name: 'child', scopes: ['patients:write'] })).statusCode,
    ).toBe(403);

    // Only the SHA-256 of the secret is kept; no column holds the secret itself.
    const rows = await t.database.query<{ row: string; token_hash: string }>(
      sql`select t::text as row, t.token_hash from api_tokens t where t.id = ${created.id}::uuid`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(sha256(created.token));
    expect(rows[0]?.row).not.toContain(created.token);
    expect(rows[0]?.row).not.toContain(created.token.slice(10));
    const listed = (await (await org.as('admin')).get('/api/v1/admin/api-tokens')).json().items;
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(listed[0]).toMatchObject({ id: created.id, prefix: created.prefix, revokedAt: null, lastUsedAt: t.clock.now().toISOString() });
  });

  it('token reads are audited under the token', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const created = await issue(org, ['patients:read']);
    await bearer(created.token, 'GET', `/api/v1/patients/${p.id}/chart`);
    const [row] = await t.database.query<{ actor_token_id: string; actor_user_id: string }>(
      sql`select actor_token_id, actor_user_id from audit_events where organization_id = ${org.id}::uuid and action = 'chart.open'`,
    );
    expect(row).toEqual({ actor_token_id: created.id, actor_user_id: org.users.admin.id });
  });

  it('a patients:write token can create patients; an audit:read token can read the trail but not patients', async () => {
    const org = await setupOrg(t);
    const writer = await issue(org, ['patients:write']);
    expect((await bearer(writer.token, 'POST', '/api/v1/patients', newPatient(org))).statusCode).toBe(201);
    expect((await bearer(writer.token, 'GET', '/api/v1/patients')).statusCode).toBe(403);
    const auditor = await issue(org, ['audit:read']);
    expect((await bearer(auditor.token, 'GET', '/api/v1/admin/audit')).statusCode).toBe(200);
    expect((await bearer(auditor.token, 'GET', '/api/v1/patients')).statusCode).toBe(403);
  });

  it('a revoked token is refused with 401', async () => {
    const org = await setupOrg(t);
    const created = await issue(org, ['patients:read']);
    expect((await bearer(created.token, 'GET', '/api/v1/patients')).statusCode).toBe(200);
    const revoked = await (await org.as('admin')).delete(`/api/v1/admin/api-tokens/${created.id}`);
    expect(revoked.statusCode).toBe(204);
    const res = await bearer(created.token, 'GET', '/api/v1/patients');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
    expect((await (await org.as('admin')).delete(`/api/v1/admin/api-tokens/${created.id}`)).statusCode).toBe(404);
  });

  it('expires after its days, and stops working when its user is deactivated', async () => {
    const org = await setupOrg(t);
    const admin = await org.as('admin');
    const short = (await admin.post('/api/v1/admin/api-tokens', { name: 'short', scopes: ['patients:read'], expiresInDays: 1 })).json();
    const other = await issue(org, ['patients:read'], 'long');
    t.clock.advance(86_400_000);
    expect((await bearer(short.token, 'GET', '/api/v1/patients')).statusCode).toBe(401);
    expect((await bearer(other.token, 'GET', '/api/v1/patients')).statusCode).toBe(200);

    // Make a second admin who deactivates the first; the first admin's tokens die with the account.
    const fresh = await setupOrg(t);
    const token = await issue(fresh, ['patients:read']);
    const second = await (
      await fresh.as('admin')
    ).post('/api/v1/admin/users', {
      email: `second.admin.${fresh.id.slice(0, 8)}@test.openiop.test`,
      name: 'Second Admin',
      roles: ['admin'],
      password: 'second admin long password',
    });
    expect(second.statusCode).toBe(201);
    const secondAdmin = await signIn(t.app, second.json().email, 'second admin long password');
    const res = await secondAdmin.patch(`/api/v1/admin/users/${fresh.users.admin.id}`, { active: false }, { 'if-match': '"1"' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await bearer(token.token, 'GET', '/api/v1/patients')).statusCode).toBe(401);
  });

  it('when a request carries both a bearer token and a session cookie, the token decides and is audited', async () => {
    const org = await setupOrg(t);
    const writer = await issue(org, ['patients:write']);
    const admin = await org.as('admin');
    const withBoth = await t.app.inject({
      method: 'POST',
      url: '/api/v1/patients',
      headers: { authorization: `Bearer ${writer.token}`, cookie: admin.cookie },
      payload: newPatient(org),
    });
    expect(withBoth.statusCode).toBe(201);
    const [row] = await t.database.query<{ actor_token_id: string | null }>(
      sql`select actor_token_id from audit_events where organization_id = ${org.id}::uuid and action = 'patient.create' order by seq desc limit 1`,
    );
    expect(row?.actor_token_id).toBe(writer.id);
  });
});
