/** Sets up what is measured: a seeded database on one backend, the real app listening on it, a bare Fastify. */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../apps/api/src/app';
import { repoRoot } from '../apps/api/src/config';
import { migrateDatabase, openDatabase, type Database } from '../apps/api/src/db/database';
import { patients } from '../apps/api/src/db/schema/index';
import { DEMO_DOMAIN, DEMO_PASSWORD, seedDemo } from '../apps/api/src/demo/demo';
import { findSessionByHash } from '../apps/api/src/features/auth/auth.repo';
import { scopePredicates } from '../apps/api/src/features/patients/patients.scope';
import { actorFrom } from '../apps/api/src/platform/auth';
import { systemClock } from '../apps/api/src/platform/clock';
import type { Actor, AppDeps, Ctx } from '../apps/api/src/platform/context';
import { sha256 } from '../apps/api/src/platform/crypto';
import type { JanitorMessage, Job } from './janitor';
import type { Backend } from './types';

/** The part of scripts/pg-cluster.mjs the benchmark uses (it is plain JavaScript without declarations). */
interface PgCluster {
  url: string;
  port: number;
  /** Also the directory of the cluster's Unix socket. */
  dir: string;
  stop(): Promise<void>;
}
interface PgClusterModule {
  startPostgres: (opts?: { database?: string }) => Promise<PgCluster>;
  findPgBin: () => string | undefined;
}

export type Cleanup = () => Promise<void>;
const log = (msg: string) => process.stdout.write(`${msg}\n`);

let janitor: Promise<ChildProcess> | undefined;
let lastJob = 0;

/** Registers `job` with the janitor (bench/janitor.ts), which undoes it if this process dies before `release`. */
async function guard(job: Job): Promise<{ release: Cleanup }> {
  janitor ??= new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./janitor.ts', import.meta.url)), [], {
      detached: true,
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      child.channel?.unref();
      resolve(child);
    });
  });
  const child = await janitor;
  const id = (lastJob += 1);
  const send = (msg: JanitorMessage) => (child.connected ? child.send(msg) : false);
  send({ add: id, job });
  return { release: async () => void send({ done: id }) };
}

export interface OpenedBackend {
  database: Database;
  /** PostgreSQL only: the connection string, for the EXPLAIN profile. */
  url?: string;
  /** PostgreSQL only: CPU milliseconds the cluster's processes (postmaster and its children) have used so far. */
  dbCpuMs?: () => number;
}

/** User + system CPU of a process and its children, live or ended (a PostgreSQL postmaster and its backends), from /proc. */
export function processTreeCpuMs(rootPid: number): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // Fields after the parenthesised command name: state ppid … utime (14th) stime (15th).
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(entry);
    const ppid = Number(rest[1]);
    if (pid !== rootPid && ppid !== rootPid) continue;
    total += (Number(rest[11]) + Number(rest[12])) * tick;
    // The root's cutime + cstime (16th, 17th) hold the CPU of children it has reaped (a backend that ended), so the
    // sum does not drop when a connection closes.
    if (pid === rootPid) total += (Number(rest[13]) + Number(rest[14])) * tick;
  }
  return total;
}

/** Opens an empty database on a throwaway PGlite directory or PostgreSQL cluster; registers its removal. */
export async function openBackend(
  kind: Backend,
  cleanups: Cleanup[],
  opts: { poolSize?: number | undefined; socket?: boolean } = {},
): Promise<OpenedBackend> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openiop-bench-'));
    const { release } = await guard({ kind: 'dir', path: dir });
    cleanups.push(release, async () => fs.rmSync(dir, { recursive: true, force: true }));
    const database = await openDatabase({ dataDir: dir });
    cleanups.push(() => database.close());
    return { database };
  }
  const href = pathToFileURL(path.join(repoRoot, 'scripts/pg-cluster.mjs')).href;
  const { startPostgres, findPgBin } = (await import(href)) as PgClusterModule;
  const cluster = await startPostgres({ database: 'openiop_bench' });
  const { release } = await guard({
    kind: 'pg',
    pgCtl: path.join(findPgBin() ?? '', 'pg_ctl'),
    dataDir: path.join(cluster.dir, 'data'),
    dir: cluster.dir,
  });
  cleanups.push(release, () => cluster.stop());
  // --socket: the cluster's Unix socket instead of TCP on 127.0.0.1 (a database on the same host).
  const url = opts.socket ? `postgres://postgres@/openiop_bench?host=${encodeURIComponent(cluster.dir)}&port=${cluster.port}` : cluster.url;
  // The app's own pool size unless --pool says otherwise.
  const database = await openDatabase({ databaseUrl: url, ...(opts.poolSize ? { poolSize: opts.poolSize } : {}) });
  cleanups.push(() => database.close());
  const postmaster = Number(fs.readFileSync(path.join(cluster.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return { database, url, dbCpuMs: () => processTreeCpuMs(postmaster) };
}

/** Migrates and seeds the synthetic program, then gives the planner statistics (and PGlite a checkpoint). */
export async function seed(database: Database, patientCount: number): Promise<number> {
  await migrateDatabase(database);
  const t0 = Date.now();
  let lastShown = 0;
  await seedDemo(database.db, {
    patients: patientCount,
    now: new Date(),
    onProgress: (done, total) => {
      if (done === total || Date.now() - lastShown > 2000) {
        lastShown = Date.now();
        log(
          `    seeding ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} patients  (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
        );
      }
    },
  });
  // Right after a bulk load neither backend has statistics yet (PGlite runs no autovacuum at all); a live
  // database would have them, so the benchmark measures plans made with them.
  await database.query(sql`analyze`);
  if (database.kind === 'pglite') await database.query(sql`checkpoint`);
  return (Date.now() - t0) / 1000;
}

export interface Target {
  origin: string;
  app: FastifyInstance;
  deps: AppDeps;
}

/** The real app (as server.ts builds it, minus logging and the web files) listening on a free local port. */
export async function startApp(database: Database, cleanups: Cleanup[]): Promise<Target> {
  const deps: AppDeps = {
    database,
    clock: systemClock,
    mailer: { send: async () => undefined },
    publicUrl: 'http://127.0.0.1',
    authRateLimit: { max: 10_000, timeWindowMs: 60_000 },
    bodyLimit: 256 * 1024,
    logger: false,
  };
  const app = await buildApp(deps);
  // Framework + the app's plugins and hooks + the session lookup, and nothing else: the cost every API call pays.
  app.get('/api/v1/bench/session', async (req) => ({ ok: req.actor !== null }));
  cleanups.push(() => app.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { origin: originOf(app), app, deps };
}

/** A minimal Fastify with one route: the framework's ceiling on this machine. */
export async function startBare(cleanups: Cleanup[]): Promise<string> {
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => ({ ok: true }));
  cleanups.push(() => bare.close());
  await bare.listen({ port: 0, host: '127.0.0.1' });
  return originOf(bare);
}

function originOf(app: FastifyInstance): string {
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('server is not listening on TCP');
  return `http://127.0.0.1:${addr.port}`;
}

export interface SignedIn {
  email: string;
  headers: Record<string, string>;
  csrfToken: string;
  /** sha256 of the session token, as the sessions table stores it. */
  tokenHash: string;
  /** The same principal the HTTP requests run as, for the in-process floors. */
  ctx: Ctx;
}

/** Signs in over HTTP like the web app does and rebuilds the request context from the session row. */
export async function signIn(target: Target, role: string): Promise<SignedIn> {
  const email = `${role}@${DEMO_DOMAIN}`;
  const res = await fetch(`${target.origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const body = (await res.json()) as { status?: string; csrfToken?: string };
  if (res.status !== 200 || body.status !== 'signed-in' || !body.csrfToken)
    throw new Error(`sign-in as ${email} failed: ${res.status} ${JSON.stringify(body)}`);
  const token = res.headers
    .getSetCookie()
    .map((c) => /^openiop_session=([^;]+)/.exec(c)?.[1])
    .find(Boolean);
  if (!token) throw new Error('sign-in set no session cookie');
  const { database } = target.deps;
  const row = await findSessionByHash(database.db, sha256(token));
  if (!row) throw new Error('session row not found');
  const actor: Actor = actorFrom(row, { kind: 'user', tokenId: null, sessionId: row.sessionId, scopes: null });
  const ctx: Ctx = {
    actor,
    db: database.db,
    database,
    clock: systemClock,
    mailer: target.deps.mailer,
    ip: '127.0.0.1',
    userAgent: 'openiop-bench',
    requestId: 'bench',
    publicUrl: target.deps.publicUrl,
  };
  return {
    email,
    csrfToken: body.csrfToken,
    tokenHash: sha256(token),
    headers: { cookie: `openiop_session=${token}`, 'user-agent': 'openiop-bench' },
    ctx,
  };
}

export interface Fixtures {
  chartIds: string[];
  queries: string[];
}

/**
 * Up to `count` patients the actor may see (through the app's own scope predicate), in a scattered but
 * deterministic order, and a search mix a front desk would type: family-name prefixes, full names, given name +
 * family initial, MRNs and dates of birth in both accepted formats.
 */
export async function fixtures(ctx: Ctx, count: number): Promise<Fixtures> {
  const { visible } = scopePredicates(ctx.actor, ctx.clock.now());
  const rows = await ctx.db
    .select({
      id: patients.id,
      mrn: patients.mrn,
      given: patients.legalGivenName,
      family: patients.legalFamilyName,
      dob: patients.dateOfBirth,
    })
    .from(patients)
    .where(and(eq(patients.organizationId, ctx.actor.organizationId), visible))
    .orderBy(sql`md5(${patients.id}::text)`)
    .limit(count);
  if (rows.length === 0) throw new Error(`${ctx.actor.email} sees no patients`);
  const queries = ['gar', 'ng', 'mc', 'kim', 'sch', 'al', 'ramirez', 'thi'];
  for (const [i, r] of rows.slice(0, 40).entries()) {
    const [y, m, d] = r.dob.split('-');
    const forms = [
      r.family.slice(0, 3).toLowerCase(),
      `${r.given} ${r.family}`,
      `${r.given.slice(0, 4).toLowerCase()} ${r.family.slice(0, 1).toLowerCase()}`,
      r.mrn,
      r.dob,
      `${m}/${d}/${y}`,
      `${r.family}, ${r.given}`,
      r.given.slice(0, 3).toLowerCase(),
    ];
    queries.push(forms[i % forms.length] ?? r.family);
  }
  return { chartIds: rows.map((r) => r.id), queries };
}

/** Asserts that a scenario's requests answer 200 before measuring them, and reports how many rows the searches hit. */
export async function precheck(origin: string, headers: Record<string, string>, paths: string[]): Promise<number[]> {
  const itemCounts: number[] = [];
  for (const p of paths) {
    const res = await fetch(`${origin}${p}`, { headers });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status}: ${text.slice(0, 300)}`);
    const parsed = JSON.parse(text) as { items?: unknown[] };
    if (Array.isArray(parsed.items)) itemCounts.push(parsed.items.length);
  }
  return itemCounts;
}
