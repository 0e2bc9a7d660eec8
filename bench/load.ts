import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Samples, type LoadSpec, type Measurement } from './types';

type ChildAnswer = { ok: true; m: Measurement } | { ok: false; error: string };

const childPath = fileURLToPath(new URL('./load-child.ts', import.meta.url));

/**
 * Runs one HTTP load in a separate process (autocannon), so the load generator and the server under test each have
 * an event loop — and, on a 2-core machine, a core — of their own. tsx's loader is inherited through execArgv.
 */
export async function httpLoad(spec: LoadSpec): Promise<Measurement> {
  const cpu0 = process.cpuUsage();
  const m = await runChild(spec);
  const cpu = process.cpuUsage(cpu0);
  const ops = Object.values(m.statuses).reduce((a, b) => a + b, 0);
  return { ...m, ops, cpuMsPerOp: ops ? (cpu.user + cpu.system) / 1000 / ops : Number.NaN };
}

function runChild(spec: LoadSpec): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = fork(childPath, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answered = false;
    const limit = setTimeout(() => child.kill('SIGKILL'), (spec.warmupSec + spec.durationSec + 60) * 1000);
    child.once('message', (msg: ChildAnswer) => {
      answered = true;
      // JSON (IPC) turns NaN into null: turn it back.
      if (msg.ok)
        resolve(Object.fromEntries(Object.entries(msg.m).map(([k, v]) => [k, v === null ? Number.NaN : v])) as unknown as Measurement);
      else reject(new Error(`load generator failed: ${msg.error}`));
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(limit);
      if (!answered) reject(new Error(`load generator exited (${signal ?? code}) without an answer`));
    });
    child.send(spec);
  });
}

/**
 * The in-process counterpart for the floors: `clients` loops each call `op(i)` back to back for warm-up + duration
 * seconds; latencies of the calls that finished after the warm-up are summarised. A thrown error counts as non-2xx.
 */
export async function inProcessLoad(
  op: (i: number) => Promise<unknown>,
  clients: number,
  warmupSec: number,
  durationSec: number,
): Promise<Measurement> {
  const samples = new Samples();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const end = t0 + (warmupSec + durationSec) * 1000;
  let failures = 0;
  let firstError: unknown;
  let n = 0;
  const loop = async (client: number) => {
    let i = client * 7919;
    while (performance.now() < end) {
      const start = performance.now();
      let ok = true;
      try {
        await op(i);
      } catch (err) {
        ok = false;
        failures += 1;
        firstError ??= err;
      }
      samples.add(performance.now(), performance.now() - start, ok);
      i += 1;
      n += 1;
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => loop(c)));
  if (failures > 0 && failures === n) throw new Error(`every call failed: ${String(firstError)}`);
  const cpu = process.cpuUsage(cpu0);
  const from = t0 + warmupSec * 1000;
  const m = samples.summarise(from, from + durationSec * 1000, { errors: 0, statuses: failures ? { failed: failures } : {} });
  return { ...m, ops: n, cpuMsPerOp: n ? (cpu.user + cpu.system) / 1000 / n : Number.NaN };
}
