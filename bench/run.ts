/**
 * Patient search and chart open under load, on PGlite and PostgreSQL, beside the framework's ceiling (a bare
 * Fastify route) and the database's floor (the same SQL in-process). See bench/README.md.
 *
 *   npm run bench -- [--patients 20000] [--duration 5] [--warmup 1] [--clients 1,20] [--backends pglite,postgres]
 *                    [--user clinician] [--floor-duration 2] [--charts 1000] [--explain] [--profile] [--pool N] [--socket]
 *   npm run bench scheduling [-- --runs 5 --sizes 150,10x150,600]   (the week optimiser: bench/scheduling.ts)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { explainProfile } from './explain';
import { floorOps } from './floor';
import { httpLoad, inProcessLoad } from './load';
import { sampleWaits, startCpuProfile } from './profile';
import { context, markdownTable, ROW_MEANINGS, SCENARIOS, textTable, verdictLine, verdicts } from './report';
import { fixtures, openBackend, precheck, seed, signIn, startApp, startBare, type Cleanup } from './target';
import type { Backend, LoadSpec, Measurement, Row } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));
const log = (msg = '') => process.stdout.write(`${msg}\n`);

function options() {
  const { values } = parseArgs({
    options: {
      patients: { type: 'string', default: '20000' },
      duration: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '1' },
      clients: { type: 'string', default: '1,20' },
      backends: { type: 'string', default: 'pglite,postgres' },
      user: { type: 'string', default: 'clinician' },
      'floor-duration': { type: 'string', default: '2' },
      charts: { type: 'string', default: '1000' },
      explain: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      pool: { type: 'string' },
      socket: { type: 'boolean', default: false },
    },
  });
  const num = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}, not ${v}`);
    return n;
  };
  const backends = values.backends.split(',').map((b) => b.trim());
  for (const b of backends) if (b !== 'pglite' && b !== 'postgres') throw new Error(`unknown backend ${b} (pglite, postgres)`);
  return {
    patients: Math.floor(num('patients', values.patients, 1)),
    duration: num('duration', values.duration, 0.5),
    warmup: num('warmup', values.warmup, 0),
    clients: values.clients.split(',').map((c) => Math.floor(num('clients', c, 1))),
    backends: backends as Backend[],
    user: values.user,
    floorDuration: num('floor-duration', values['floor-duration'], 0.2),
    charts: Math.floor(num('charts', values.charts, 1)),
    explain: values.explain,
    profile: values.profile,
    socket: values.socket,
    pool: values.pool === undefined ? undefined : Math.floor(num('pool', values.pool, 1)),
  };
}

type Options = ReturnType<typeof options>;

const loadAvg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

async function runCleanups(cleanups: Cleanup[]): Promise<void> {
  while (cleanups.length) {
    const next = cleanups.pop();
    try {
      await next?.();
    } catch (err) {
      log(`  cleanup failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

const short = (m: Measurement) =>
  `p50 ${m.p50.toFixed(2)} ms  p95 ${m.p95.toFixed(2)} ms  ${Math.round(m.rps).toLocaleString('en-US')} req/s  cpu ${m.cpuMsPerOp?.toFixed(3) ?? '—'} ms/op` +
  (m.dbCpuMsPerOp !== undefined ? `  db cpu ${m.dbCpuMsPerOp.toFixed(3)} ms/op` : '') +
  (m.non2xx || m.errors ? `  NON-2XX ${m.non2xx} ERRORS ${m.errors} ${JSON.stringify(m.statuses)}` : '');

async function benchBackend(backend: Backend, opt: Options, rows: Row[], cleanups: Cleanup[], notes: string[]): Promise<void> {
  log(`\n[${backend}] opening a throwaway database…`);
  const t0 = Date.now();
  const { database, url, dbCpuMs } = await openBackend(backend, cleanups, { poolSize: opt.pool, socket: opt.socket });
  log(`  open: ${((Date.now() - t0) / 1000).toFixed(1)} s; migrating and seeding ${opt.patients.toLocaleString('en-US')} patients…`);
  const seedSec = await seed(database, opt.patients);
  log(`  seeded in ${seedSec.toFixed(1)} s (incl. ANALYZE${backend === 'pglite' ? ' and CHECKPOINT' : ''})`);
  const target = await startApp(database, cleanups);
  const bareOrigin = await startBare(cleanups);
  const who = await signIn(target, opt.user);
  const fx = await fixtures(who.ctx, opt.charts);
  const searchPaths = fx.queries.map((q) => `/api/v1/patients?q=${encodeURIComponent(q)}&limit=25`);
  const chartPaths = fx.chartIds.map((id) => `/api/v1/patients/${id}/chart`);
  const hits = await precheck(target.origin, who.headers, searchPaths);
  await precheck(target.origin, who.headers, chartPaths.slice(0, 50));
  await precheck(
    target.origin,
    who.headers,
    fx.chartIds.slice(0, 50).map((id) => `/api/v1/patients/${id}`),
  );
  log(
    `  signed in as ${who.email}; ${chartPaths.length} chart ids; ${searchPaths.length} search queries ` +
      `(rows per page: median ${hits.sort((a, b) => a - b)[Math.floor(hits.length / 2)] ?? 0}, ${hits.filter((h) => h === 0).length} empty)`,
  );

  // The database's CPU since the previous row ended, per operation of this row (PostgreSQL only).
  let dbMark = dbCpuMs?.() ?? 0;
  const record = (scenario: string, clients: number, measured: Measurement) => {
    const now = dbCpuMs?.();
    const m = now !== undefined && measured.ops ? { ...measured, dbCpuMsPerOp: (now - dbMark) / measured.ops } : measured;
    dbMark = now ?? 0;
    rows.push({ backend, scenario, clients, m });
    log(`  ${scenario.padEnd(15)} ${String(clients).padStart(2)} client(s)  ${short(m)}`);
  };
  const http = (origin: string, paths: string[], headers: Record<string, string>, connections: number): Promise<Measurement> => {
    const spec: LoadSpec = { origin, paths, headers, connections, warmupSec: opt.warmup, durationSec: opt.duration };
    return httpLoad(spec);
  };
  const ops = floorOps(who.ctx, fx.queries, fx.chartIds);
  const floorWarmup = Math.min(opt.warmup, 0.5);
  for (const c of opt.clients) record(SCENARIOS.bare, c, await http(bareOrigin, ['/bare'], {}, c));
  for (const c of opt.clients) record(SCENARIOS.session, c, await http(target.origin, ['/api/v1/bench/session'], who.headers, c));
  // --profile: a CPU profile of the server (and, on PostgreSQL, its backends' wait events) for the rows at the
  // most clients; everything else runs as without it.
  const maxClients = Math.max(...opt.clients);
  const profiled = async (scenario: string, c: number, run: () => Promise<Measurement>): Promise<Measurement> => {
    if (!opt.profile || c !== maxClients) return run();
    const slug = `${backend}-${scenario.replace(/\W+/g, '-')}-${c}`;
    const file = path.join(here, 'results', `${slug}.cpuprofile`);
    const stopCpu = await startCpuProfile(file);
    const stopWaits = url ? sampleWaits(url) : undefined;
    const m = await run();
    const lines = [...(await stopCpu()), ...((await stopWaits?.()) ?? [])];
    log(`  profile of ${scenario} at ${c} clients (${path.relative(process.cwd(), file)}):`);
    for (const line of lines) log(`    ${line}`);
    return m;
  };
  for (const c of opt.clients)
    record(SCENARIOS.search, c, await profiled(SCENARIOS.search, c, () => http(target.origin, searchPaths, who.headers, c)));
  for (const c of opt.clients)
    record(SCENARIOS.chart, c, await profiled(SCENARIOS.chart, c, () => http(target.origin, chartPaths, who.headers, c)));
  const recordPaths = fx.chartIds.map((id) => `/api/v1/patients/${id}`);
  for (const c of opt.clients)
    record(SCENARIOS.record, c, await profiled(SCENARIOS.record, c, () => http(target.origin, recordPaths, who.headers, c)));
  for (const c of opt.clients) record(SCENARIOS.svcSearch, c, await inProcessLoad(ops.serviceSearch, c, floorWarmup, opt.floorDuration));
  for (const c of opt.clients) record(SCENARIOS.svcChart, c, await inProcessLoad(ops.serviceChart, c, floorWarmup, opt.floorDuration));
  for (const c of opt.clients) record(SCENARIOS.rawSearch, c, await inProcessLoad(ops.rawSearch, c, floorWarmup, opt.floorDuration));
  for (const c of opt.clients) record(SCENARIOS.rawChart, c, await inProcessLoad(ops.rawChart, c, floorWarmup, opt.floorDuration));

  if (opt.explain && url) {
    const { summary, detail } = await explainProfile(url, who.ctx, fx.queries, fx.chartIds, who.tokenHash);
    for (const line of summary) log(`  ${line}`);
    notes.push(...summary.map((line) => `${backend}: ${line}`));
    const file = path.join(here, 'results', 'explain-postgres.txt');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${detail}\n`);
    log(`  EXPLAIN ANALYZE of every statement written to ${path.relative(process.cwd(), file)}`);
  }
}

async function main(): Promise<number> {
  const opt = options();
  const started = Date.now();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const header = [
    `openiop benchmark — ${new Date().toISOString()}`,
    `${opt.patients.toLocaleString('en-US')} synthetic patients; ${opt.duration} s measured after ${opt.warmup} s warm-up per HTTP row ` +
      `(${opt.floorDuration} s after ${Math.min(opt.warmup, 0.5)} s for in-process rows); clients: ${opt.clients.join(', ')}; user: ${opt.user}@ (demo); ` +
      `PostgreSQL over ${opt.socket ? 'its Unix socket' : 'TCP on 127.0.0.1'}, pool ${opt.pool ?? "the app's default (20)"}`,
    `Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; ` +
      `load average at start ${loadAvg()} (anything above ~0.3 means other work shares the cores: figures drop)`,
    `Placement: the servers (real app, bare Fastify) and PGlite run in this process; autocannon runs in a child process ` +
      `(one core each; in the server's process it halved the bare route's req/s, see bench/README.md). ` +
      `Latency percentiles are exact, from every response in the measured window (2xx only; non-2xx counted).`,
  ];
  if ((os.loadavg()[0] ?? 0) > 1) {
    header.push(
      `WARNING: the machine is busy (1-minute load ${os.loadavg()[0]?.toFixed(2)} on ${os.cpus().length} cores): every figure below is depressed.`,
    );
  }
  log(header.join('\n'));
  const rows: Row[] = [];
  const notes: string[] = [];
  const cleanups: Cleanup[] = [];
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    log('\ninterrupted: cleaning up…');
    void runCleanups(cleanups).then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let failed = false;
  for (const backend of opt.backends) {
    try {
      await benchBackend(backend, opt, rows, cleanups, notes);
    } catch (err) {
      failed = true;
      log(`\n[${backend}] FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    } finally {
      await runCleanups(cleanups);
    }
  }
  const maxClients = Math.max(...opt.clients);
  const v = verdicts(rows, opt.backends);
  const errorRows = rows.filter((r) => r.m.non2xx > 0 || r.m.errors > 0);
  log(`\n${textTable(rows)}\n`);
  for (const line of v) log(verdictLine(line));
  const info = context(rows, maxClients, opt.backends);
  for (const line of info) log(line);
  if (errorRows.length) log(`WARNING: ${errorRows.length} row(s) had non-2xx responses or errors; their figures are not valid.`);
  const total = `Total run time ${((Date.now() - started) / 1000).toFixed(0)} s; load average at end ${loadAvg()}.`;
  log(total);

  const md = [
    `# openiop benchmark results`,
    '',
    ...header.map((h) => `${h}  `),
    '',
    markdownTable(rows),
    '',
    ...v.map((line) => `- **${line.met === undefined ? 'N/A' : line.met ? 'MET' : 'NOT MET'}** — ${line.text}`),
    ...info.map((line) => `- ${line}`),
    ...(notes.length
      ? ['', 'Round trips and server-side execution time (`--explain`; plans in explain-postgres.txt):', '', ...notes.map((n) => `- ${n}`)]
      : []),
    ...(errorRows.length ? [``, `**Warning:** ${errorRows.length} row(s) had non-2xx responses or errors.`] : []),
    '',
    'Rows:',
    '',
    ...ROW_MEANINGS.map((m) => `- \`${m.split('—')[0]?.trim()}\` —${m.split('—').slice(1).join('—')}`),
    '',
    total,
    '',
  ].join('\n');
  const file = path.join(here, 'results', 'latest.md');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, md);
  log(`Written to ${path.relative(process.cwd(), file)}`);
  return failed || errorRows.length ? 1 : 0;
}

// A first positional argument names a scenario; none runs the chart/search benchmark above.
const scenario = process.argv[2] && !process.argv[2].startsWith('-') ? process.argv[2] : undefined;
const run =
  scenario === 'scheduling'
    ? () => import('./scheduling').then((m) => m.benchScheduling(process.argv.slice(3)))
    : scenario
      ? () => Promise.reject(new Error(`unknown scenario ${scenario} (scheduling; none for chart and search)`))
      : main;

run().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
