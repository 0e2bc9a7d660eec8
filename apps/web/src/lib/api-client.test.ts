import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiClient, ApiError, errorMessage } from './api-client';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetch = (url: string, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    return Promise.resolve(respond(call));
  };
  return { calls, fetch };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const problem = (status: number, body: Record<string, unknown>) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });
const header = (c: Call | undefined, name: string) => (c?.init.headers as Record<string, string> | undefined)?.[name];

afterEach(() => vi.restoreAllMocks());

describe('ApiClient', () => {
  it('sends the CSRF token on writes only, and If-Match when given', async () => {
    const { calls, fetch } = fakeFetch(() => json({ ok: true }, 200, { etag: '"3"' }));
    const client = new ApiClient({ fetch });
    client.setCsrfToken('tok');
    await client.get('/patients', z.object({ ok: z.boolean() }));
    const r = await client.send('PATCH', '/patients/1', z.object({ ok: z.boolean() }), { body: { a: 1 }, ifMatch: '"2"' });
    expect(header(calls[0], 'x-csrf-token')).toBeUndefined();
    expect(header(calls[1], 'x-csrf-token')).toBe('tok');
    expect(header(calls[1], 'if-match')).toBe('"2"');
    expect(calls[1]?.init.credentials).toBe('same-origin');
    expect(r.etag).toBe('"3"');
  });

  it('sends {} for a write without input and nothing for GET or DELETE', async () => {
    const { calls, fetch } = fakeFetch(() => new Response(null, { status: 204 }));
    const client = new ApiClient({ fetch });
    await client.call('POST', '/auth/logout');
    await client.call('DELETE', '/admin/api-tokens/1');
    expect(calls[0]?.init.body).toBe('{}');
    expect(header(calls[0], 'content-type')).toBe('application/json');
    expect(calls[1]?.init.body).toBeUndefined();
  });

  it('builds query strings without empty values', async () => {
    const { calls, fetch } = fakeFetch(() => json({ items: [] }));
    await new ApiClient({ fetch }).get('/patients', z.object({ items: z.array(z.unknown()) }), {
      query: { q: '04/17/1988', status: '', cursor: undefined, limit: 50 },
    });
    expect(calls[0]?.url).toBe('/api/v1/patients?q=04%2F17%2F1988&limit=50');
  });

  it('turns a problem+json body into an ApiError with field errors', async () => {
    const { fetch } = fakeFetch(() =>
      problem(400, {
        type: 'x',
        title: 'The request has invalid fields',
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: [{ path: 'address.postalCode', message: 'must be a postal code' }, { bad: true }],
      }),
    );
    const error = await new ApiClient({ fetch }).call('POST', '/patients', { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect([e.status, e.code, e.title]).toEqual([400, 'VALIDATION_FAILED', 'The request has invalid fields']);
    expect(e.errors).toEqual([{ path: 'address.postalCode', message: 'must be a postal code' }]);
    expect(errorMessage(e)).toBe('The request has invalid fields');
  });

  it('reports an ended session once per request, except where a 401 is expected', async () => {
    const { fetch } = fakeFetch(() => problem(401, { title: 'The session has ended', status: 401, code: 'SESSION_EXPIRED', errors: [] }));
    const client = new ApiClient({ fetch });
    const ended = vi.fn();
    client.onSessionEnded = ended;
    await client.get('/patients', z.unknown()).catch(() => undefined);
    await client.get('/auth/me', z.unknown(), { expectUnauthenticated: true }).catch(() => undefined);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('does not treat a wrong password as an ended session', async () => {
    const { fetch } = fakeFetch(() => problem(401, { title: 'E-mail or password is incorrect', status: 401, code: 'INVALID_CREDENTIALS' }));
    const client = new ApiClient({ fetch });
    const ended = vi.fn();
    client.onSessionEnded = ended;
    await client.call('POST', '/auth/login', { body: {} }).catch(() => undefined);
    expect(ended).not.toHaveBeenCalled();
  });

  it('explains failures that are not problems: network down, proxy errors, unexpected answers', async () => {
    const down = new ApiClient({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    expect(await down.get('/x', z.unknown()).catch((e: ApiError) => e.code)).toBe('NETWORK_ERROR');

    const proxy = new ApiClient({ fetch: () => Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502 })) });
    const e = (await proxy.get('/x', z.unknown()).catch((err: unknown) => err)) as ApiError;
    expect([e.status, e.code]).toEqual([502, 'INTERNAL']);

    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const odd = new ApiClient({ fetch: () => Promise.resolve(json({ items: 'nope' })) });
    expect(await odd.get('/x', z.object({ items: z.array(z.string()) })).catch((err: ApiError) => err.code)).toBe('UNEXPECTED_RESPONSE');
  });
});
