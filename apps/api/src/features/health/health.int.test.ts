import { describe, expect, it } from 'vitest';
import { buildTestApp, setupOrg } from '../../../test/harness';

const t = await buildTestApp();

describe('health and API description', () => {
  it('GET /api/health reports ok and which database it runs on, without signing in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: process.env.OPENIOP_TEST_DATABASE_URL ? 'postgres' : 'pglite' });
    expect(res.json().database).toBe(t.database.kind);
  });

  it('GET /api/openapi.json is an OpenAPI 3.1 document listing the patient routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'openiop API' });
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/patients', '/api/v1/patients/{id}', '/api/v1/patients/{id}/chart', '/api/v1/break-glass']),
    );
    // Documented as the web app calls them: no trailing-slash twins.
    expect(Object.keys(doc.paths).filter((p) => p.endsWith('/'))).toEqual([]);
    expect(Object.keys(doc.paths['/api/v1/patients'])).toEqual(expect.arrayContaining(['get', 'post']));
    // Request schemas come from the zod contracts.
    const create = doc.paths['/api/v1/patients'].post.requestBody.content['application/json'].schema;
    expect(create.required).toEqual(expect.arrayContaining(['legalGivenName', 'legalFamilyName', 'dateOfBirth', 'locationId']));
    expect(doc.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie' },
      bearer: { type: 'http', scheme: 'bearer' },
    });
  });

  it('/api/docs serves the HTML API explorer', async () => {
    let res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    if (res.statusCode >= 300 && res.statusCode < 400) res = await t.app.inject({ method: 'GET', url: String(res.headers.location) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toMatch(/<html/i);
  });

  it('answers an unknown /api/ path with problem+json: 401 before sign-in (no route map for strangers), 404 after', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(anonymous.statusCode).toBe(401);
    const org = await setupOrg(t);
    const res = await (await org.as('peer')).get('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('NOT_FOUND');
  });
});
