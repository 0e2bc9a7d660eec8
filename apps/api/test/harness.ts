import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import type { Role } from '@openiop/core';
import { buildApp } from '../src/app';
import type { Database, Db } from '../src/db/database';
import { locations, organizations, userLocations, users } from '../src/db/schema/index';
import { hashPassword } from '../src/features/auth/passwords';
import { startAuditChain } from '../src/platform/audit';
import { ManualClock } from '../src/platform/clock';
import type { AppDeps } from '../src/platform/context';
import type { Mailer, MailMessage } from '../src/platform/mailer';
import { openTestDatabase } from './database';

export const PASSWORD = 'correct horse battery staple';
let sharedDatabase: Promise<Database> | undefined;
let passwordHash: Promise<string> | undefined;

/**
 * One database per test worker, shared by the files that worker runs one after another (the int project does not
 * isolate files), just as every file shares the one PostgreSQL test database: tests isolate themselves with a fresh
 * organization each. It lives as long as the worker.
 */
export function testDatabase(): Promise<Database> {
  sharedDatabase ??= openTestDatabase();
  return sharedDatabase;
}

/** Captures mail in memory; the SMTP path has its own test with a real in-process SMTP server. */
export class MemoryMailer implements Mailer {
  sent: MailMessage[] = [];
  async send(msg: MailMessage): Promise<void> {
    this.sent.push(msg);
  }
}

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  clock: ManualClock;
  mailer: MemoryMailer;
  database: Database;
}

export async function buildTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const database = await testDatabase();
  const clock = new ManualClock(new Date('2026-11-16T15:00:00Z'));
  const mailer = new MemoryMailer();
  const deps: AppDeps = {
    database,
    clock,
    mailer,
    publicUrl: 'http://openiop.test',
    authRateLimit: { max: 10_000, timeWindowMs: 60_000 },
    bodyLimit: 64 * 1024,
    ...overrides,
  };
  const app = await buildApp(deps);
  afterAll(() => app.close());
  return { app, deps, clock, mailer: deps.mailer as MemoryMailer, database };
}

export interface Agent {
  /** The `Cookie` header this agent sends, for tests that need to send a request without the CSRF token. */
  cookie: string;
  csrfToken: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** A signed-in browser: keeps the session cookie and sends the CSRF token on writes. */
export function agentFor(app: FastifyInstance, cookie: string, csrfToken: string): Agent {
  const request = (opts: InjectOptions) => app.inject({ ...opts, headers: { cookie, 'x-csrf-token': csrfToken, ...(opts.headers ?? {}) } });
  return {
    cookie,
    csrfToken,
    request,
    get: (url, headers) => request({ method: 'GET', url, ...(headers ? { headers } : {}) }),
    post: (url, body, headers) =>
      request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }), ...(headers ? { headers } : {}) }),
    patch: (url, body, headers) => request({ method: 'PATCH', url, payload: body as object, ...(headers ? { headers } : {}) }),
    delete: (url, headers) => request({ method: 'DELETE', url, ...(headers ? { headers } : {}) }),
  };
}

export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<Agent> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'openiop_session');
  if (!cookie) throw new Error('no session cookie');
  return agentFor(app, `openiop_session=${cookie.value}`, res.json<{ csrfToken: string }>().csrfToken);
}

export interface TestOrg {
  id: string;
  locations: { main: string; other: string };
  users: Record<Role | 'otherClinician', { id: string; email: string }>;
  as(who: Role | 'otherClinician'): Promise<Agent>;
  /** Creates a patient at a location (main by default) through the api, as the admin. */
  patient(fields?: Record<string, unknown>): Promise<{ id: string; mrn: string; version: number }>;
}

const ROLES: Role[] = ['admin', 'director', 'clinician', 'medical', 'admissions', 'billing', 'peer'];

/**
 * A fresh organization with two locations and one user per role (all at the main location, plus a clinician at
 * the other), so tests never share mutable fixtures.
 */
export async function setupOrg(t: TestApp, opts: { caseloadOnly?: boolean; mfaRequiredRoles?: Role[] } = {}): Promise<TestOrg> {
  const db: Db = t.database.db;
  const id = randomUUID();
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const tag = id.slice(0, 8);
  const mainId = randomUUID();
  const otherId = randomUUID();
  const people = [...ROLES.map((role) => ({ key: role, role })), { key: 'otherClinician' as const, role: 'clinician' as Role }].map(
    (p) => ({
      ...p,
      id: randomUUID(),
      email: `${p.key.toLowerCase()}.${tag}@test.openiop.test`,
    }),
  );
  await db.transaction(async (tx) => {
    await tx
      .insert(organizations)
      .values({ id, name: `Test org ${tag}`, caseloadOnly: opts.caseloadOnly ?? false, mfaRequiredRoles: opts.mfaRequiredRoles ?? [] });
    await startAuditChain(tx, id);
    const address = { line1: '1 Main St', line2: null, city: 'Portland', region: 'OR', postalCode: '97214', country: 'US' };
    await tx.insert(locations).values([
      { id: mainId, organizationId: id, name: 'Main clinic', timeZone: 'America/Los_Angeles', address, phone: '+1 503 555 0100' },
      { id: otherId, organizationId: id, name: 'Other clinic', timeZone: 'America/New_York', address, phone: '+1 212 555 0100' },
    ]);
    await tx
      .insert(users)
      .values(
        people.map((p) => ({ id: p.id, organizationId: id, email: p.email, name: `${p.key} ${tag}`, roles: [p.role], passwordHash: hash })),
      );
    await tx
      .insert(userLocations)
      .values(people.map((p) => ({ organizationId: id, userId: p.id, locationId: p.key === 'otherClinician' ? otherId : mainId })));
  });
  const usersByKey = Object.fromEntries(people.map((p) => [p.key, { id: p.id, email: p.email }])) as TestOrg['users'];
  const agents = new Map<string, Agent>();
  const as = async (who: Role | 'otherClinician') => {
    const cached = agents.get(who);
    if (cached) return cached;
    const agent = await signIn(t.app, usersByKey[who].email);
    agents.set(who, agent);
    return agent;
  };
  let n = 0;
  return {
    id,
    locations: { main: mainId, other: otherId },
    users: usersByKey,
    as,
    async patient(fields = {}) {
      n += 1;
      const admin = await as('admin');
      const res = await admin.post('/api/v1/patients', {
        legalGivenName: `Given${n}`,
        legalFamilyName: `Family${tag}`,
        dateOfBirth: '1990-04-12',
        sexAssignedAtBirth: 'female',
        locationId: mainId,
        ...fields,
      });
      if (res.statusCode !== 201) throw new Error(`patient create failed: ${res.statusCode} ${res.body}`);
      return res.json<{ id: string; mrn: string; version: number }>();
    },
  };
}
