// `npm test`: format, lint, typecheck, unit, integration on PGlite and on a throwaway PostgreSQL, web build,
// browser tests in Debian's Chromium. Ends with one line `N passed, N failed` carrying the real totals.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { findPgBin, startPostgres } from './pg-cluster.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, '.tmp');
fs.mkdirSync(tmp, { recursive: true });
process.chdir(root);

const CHROMIUM = '/usr/bin/chromium';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const totals = { passed: 0, failed: 0, skipped: 0 };
const stages = [];
/** Names of the tests that failed, so the summary at the end says what to look at. */
const failures = [];

function log(msg) {
  process.stdout.write(`${msg}\n`);
}

/** Installs Debian packages the suite needs when root; otherwise stops with the exact command to run. */
function ensureSystemPackages() {
  const missing = [];
  if (!fs.existsSync(CHROMIUM)) missing.push('chromium');
  if (!findPgBin()) missing.push('postgresql');
  if (!missing.length) return;
  const cmd = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (!isRoot) {
    log(`openiop tests need Debian packages that are missing: ${missing.join(', ')}\nRun as root:\n  ${cmd}`);
    log('0 passed, 1 failed');
    process.exit(1);
  }
  log(`Installing ${missing.join(', ')} from Debian packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...missing],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      log(`apt-get ${args.join(' ')} failed`);
      log('0 passed, 1 failed');
      process.exit(1);
    }
  }
}

function run(cmd, args, env = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return { ok: r.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

/** A check that is one pass or one fail (format, lint, typecheck, build). */
function check(name, cmd, args, env) {
  log(`\n── ${name}`);
  const r = run(cmd, args, env);
  if (r.ok) totals.passed += 1;
  else totals.failed += 1;
  stages.push(`${r.ok ? 'ok  ' : 'FAIL'} ${name} (${r.seconds} s)`);
}

const firstLine = (text) =>
  (
    String(text ?? '')
      .split('\n')
      .find((l) => l.trim()) ?? ''
  )
    .trim()
    .slice(0, 300);

/**
 * A failed test in one line: its error's first line, what a browser step was waiting for, and the line of the test
 * file it failed at, so the summary (often all a CI log keeps) says where to look.
 */
function failureLine(message, file) {
  const text = stripVTControlCharacters(String(message ?? ''));
  const waiting = text.match(/^\s*- (waiting for .*)$/m)?.[1];
  const at = text
    .split('\n')
    .map((l) => l.match(/\((.+):(\d+):\d+\)$|at (.+):(\d+):\d+$/))
    .find((m) => m && (m[1] ?? m[3]) === file);
  const line = at ? (at[2] ?? at[4]) : undefined;
  return [firstLine(text), waiting?.slice(0, 200), line && `at line ${line}`].filter(Boolean).join(' · ');
}

/**
 * Checks that are one pass or one fail, run in lanes side by side (eslint and tsc are single-threaded, and this
 * machine has two cores). Each check's output is printed whole when it ends, so lanes never interleave lines.
 */
async function checksInLanes(lanes) {
  const runOne = ([name, cmd, args]) =>
    new Promise((resolve) => {
      const started = Date.now();
      const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
      const chunks = [];
      child.stdout.on('data', (c) => chunks.push(c));
      child.stderr.on('data', (c) => chunks.push(c));
      child.on('close', (code) => {
        const output = Buffer.concat(chunks).toString('utf8');
        log(`\n── ${name}${output.trim() ? `\n${output.trimEnd()}` : ''}`);
        resolve({ name, ok: code === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) });
      });
    });
  const results = await Promise.all(
    lanes.map(async (lane) => {
      const done = [];
      for (const item of lane) done.push(await runOne(item));
      return done;
    }),
  );
  const byName = new Map(results.flat().map((r) => [r.name, r]));
  for (const item of lanes.flat()) {
    const r = byName.get(item[0]);
    if (r.ok) totals.passed += 1;
    else totals.failed += 1;
    stages.push(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds} s)`);
  }
}

/** A vitest project: counts every test it ran, read from its JSON report. */
function vitest(name, project, env = {}) {
  log(`\n── ${name}`);
  const out = path.join(tmp, `vitest-${name.replace(/\W+/g, '-')}.json`);
  fs.rmSync(out, { force: true });
  const r = run('npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  try {
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed = report.numPassedTests;
    failed = report.numFailedTests;
    skipped = report.numPendingTests + (report.numTodoTests ?? 0);
    // A file that failed outside its tests (import error, failing beforeAll) is a failure all the same.
    failed += report.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
    for (const file of report.testResults) {
      const where = path.relative(root, file.name);
      const broken = file.assertionResults.filter((a) => a.status === 'failed');
      if (file.status === 'failed' && !broken.length) failures.push(`${name}: ${where}: ${firstLine(file.message)}`);
      for (const a of broken) failures.push(`${name}: ${where} › ${a.fullName}: ${failureLine(a.failureMessages?.[0], file.name)}`);
    }
  } catch {
    failed = 1;
  }
  if (!r.ok && failed === 0) failed = 1;
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  stages.push(
    `${failed ? 'FAIL' : 'ok  '} ${name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} (${r.seconds} s)`,
  );
}

ensureSystemPackages();
await checksInLanes([
  [
    ['format (prettier --check)', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']],
    ['lint (eslint)', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ],
  ['packages/core', 'apps/api', 'apps/web', 'bench'].map((pkg) => [`typecheck ${pkg}`, 'npx', ['tsc', '-p', `${pkg}/tsconfig.json`]]),
]);
vitest('unit', 'unit');
vitest('integration on PGlite', 'int');

log('\n── starting a throwaway PostgreSQL cluster');
let pg;
try {
  pg = await startPostgres({ database: 'openiop_test' });
  vitest('integration on PostgreSQL', 'int', { OPENIOP_TEST_DATABASE_URL: pg.url });
} catch (err) {
  log(String(err?.message ?? err));
  totals.failed += 1;
  stages.push('FAIL integration on PostgreSQL: the cluster did not start');
} finally {
  await pg?.stop();
}

check('web build (vite)', 'npm', ['run', 'build', '--silent']);
vitest('browser (Chromium)', 'e2e', { OPENIOP_CHROMIUM: CHROMIUM });

log('\n── summary');
for (const s of stages) log(`  ${s}`);
if (failures.length) {
  log('  failed tests:');
  for (const f of failures) log(`    ${f}`);
}
log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed ? 1 : 0);
