import { errorStatus, type ErrorCode, type FieldError } from '@openiop/core';
import type { z } from 'zod';

/** Codes the client adds for failures that never reached, or never came back from, the api. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

/**
 * An RFC 9457 problem as the api sends it, raised as an exception so TanStack Query and forms can handle it
 * in one place. `errors` carries field paths (`address.postalCode`) that forms map onto their inputs.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];

  constructor(init: {
    status: number;
    code: ErrorCode | ClientErrorCode;
    title: string;
    detail?: string | undefined;
    errors?: FieldError[];
  }) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** What to tell the user about a failure: the api's detail when it gave one, else its title. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) return e.detail ?? e.title;
  return 'Something went wrong. Try again, and contact your administrator if it keeps happening.';
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** The ETag of the version being changed; the api answers 412 when the record moved on. */
  ifMatch?: string | null;
  signal?: AbortSignal;
  /**
   * Set on requests whose 401 is an expected answer (reading the session, signing in): they must not trigger
   * the global "session ended" handling.
   */
  expectUnauthenticated?: boolean;
}

export interface ApiResponse {
  data: unknown;
  etag: string | null;
  status: number;
}

export interface WithEtag<T> {
  data: T;
  etag: string | null;
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

const SESSION_ENDING_CODES: ReadonlySet<string> = new Set(['SESSION_EXPIRED', 'UNAUTHENTICATED']);
/** Every code the api can send; derived from core's status map so a new code is known here at once. */
const PROBLEM_FIELDS_CODES: ReadonlySet<string> = new Set(Object.keys(errorStatus));

const FALLBACK_CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toFieldErrors(v: unknown): FieldError[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((e): FieldError[] =>
    isRecord(e) && typeof e.path === 'string' && typeof e.message === 'string' ? [{ path: e.path, message: e.message }] : [],
  );
}

function problemFrom(status: number, body: unknown): ApiError {
  const p = isRecord(body) ? body : {};
  const code =
    typeof p.code === 'string' && PROBLEM_FIELDS_CODES.has(p.code)
      ? (p.code as ErrorCode)
      : (FALLBACK_CODE_BY_STATUS[status] ?? 'INTERNAL');
  const title =
    typeof p.title === 'string'
      ? p.title
      : status >= 500
        ? 'The server could not complete the request. Try again in a moment.'
        : `The request failed (HTTP ${status}).`;
  return new ApiError({
    status,
    code,
    title,
    detail: typeof p.detail === 'string' ? p.detail : undefined,
    errors: toFieldErrors(p.errors),
  });
}

/**
 * The one way the web app talks to the api. It holds the session's CSRF token (the session cookie itself is
 * httpOnly and travels on its own), and turns every failure into an {@link ApiError}.
 */
export class ApiClient {
  private csrfToken: string | null = null;
  private readonly fetchImpl: Fetch;
  private readonly baseUrl: string;
  /** Called when a request finds the session gone (401 SESSION_EXPIRED / UNAUTHENTICATED). */
  onSessionEnded: ((error: ApiError) => void) | null = null;

  constructor(options: { baseUrl?: string; fetch?: Fetch } = {}) {
    this.baseUrl = options.baseUrl ?? '/api/v1';
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  /** An absolute-path URL for links the browser follows itself (CSV downloads). */
  url(path: string, query?: Query): string {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
    }
    const s = qs.toString();
    return `${this.baseUrl}${path}${s ? `?${s}` : ''}`;
  }

  async request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    // Writes always carry a JSON body; actions without input send `{}` (the api validates it as an empty object).
    const body = options.body !== undefined ? options.body : method === 'GET' || method === 'DELETE' ? undefined : {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (options.ifMatch) headers['if-match'] = options.ifMatch;

    let response: Response;
    try {
      response = await this.fetchImpl(this.url(path, options.query), {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: options.signal,
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError({
        status: 0,
        code: 'NETWORK_ERROR',
        title: 'The server could not be reached. Check your connection and try again.',
      });
    }

    const data = await readBody(response);
    if (!response.ok) {
      const error = problemFrom(response.status, data);
      if (response.status === 401 && !options.expectUnauthenticated && SESSION_ENDING_CODES.has(error.code)) {
        this.onSessionEnded?.(error);
      }
      throw error;
    }
    return { data, etag: response.headers.get('etag'), status: response.status };
  }

  async get<S extends z.ZodType>(path: string, schema: S, options?: RequestOptions): Promise<z.output<S>> {
    const r = await this.request('GET', path, options);
    return parse(schema, r.data, path);
  }

  async getWithEtag<S extends z.ZodType>(path: string, schema: S, options?: RequestOptions): Promise<WithEtag<z.output<S>>> {
    const r = await this.request('GET', path, options);
    return { data: parse(schema, r.data, path), etag: r.etag };
  }

  async send<S extends z.ZodType>(
    method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    schema: S,
    options?: RequestOptions,
  ): Promise<WithEtag<z.output<S>>> {
    const r = await this.request(method, path, options);
    return { data: parse(schema, r.data, path), etag: r.etag };
  }

  /** For endpoints whose answer the UI does not read (204, 202, `{ ok: true }`). */
  async call(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, options?: RequestOptions): Promise<void> {
    await this.request(method, path, options);
  }
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }
  return text;
}

function parse<S extends z.ZodType>(schema: S, data: unknown, path: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  // Issue paths and messages only: never the values, which may be PHI.
  console.error(
    `Unexpected response from ${path.split('?')[0] ?? path}`,
    result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
  );
  throw new ApiError({
    status: 200,
    code: 'UNEXPECTED_RESPONSE',
    title: 'The server sent an answer this version of the app does not understand. Reload the page and try again.',
  });
}
