import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { WeekPlan } from '@openiop/core';
import type { SolveOptions, SolveProgress, WeekSolution } from './solve-week';

/** How long past its own time limit a solve may take (model building, the answer's checks) before it is stopped. */
const GRACE_SECONDS = 30;

type Message =
  | { id: number; type: 'progress'; progress: SolveProgress }
  | { id: number; type: 'done'; solution: WeekSolution }
  | { id: number; type: 'error'; message: string };

/**
 * Solver threads kept between solves, one per core at most: starting a thread (tsx compiling the solver) and warming
 * HiGHS cost most of a second, a large share of a small week's solve. An idle thread does not keep the process alive.
 */
const idle: Worker[] = [];
const keep = () => Math.max(1, os.availableParallelism());
let nextId = 1;

function takeWorker(): Worker {
  const reused = idle.pop();
  if (reused) {
    reused.ref();
    return reused;
  }
  const worker = new Worker(new URL('./solve-worker.mjs', import.meta.url));
  // A thread that dies while idle leaves the pool; its error never reaches the process as an uncaught one.
  worker.on('error', () => undefined);
  worker.on('exit', () => {
    const i = idle.indexOf(worker);
    if (i !== -1) idle.splice(i, 1);
  });
  return worker;
}

function releaseWorker(worker: Worker): void {
  if (idle.length >= keep()) {
    void worker.terminate();
    return;
  }
  worker.unref();
  idle.push(worker);
}

/** Idle solver threads, for tests. */
export const idleSolverThreads = (): number => idle.length;

/**
 * `solveWeek` in a `node:worker_threads` worker, so the server keeps answering while HiGHS (synchronous
 * WebAssembly) runs. Progress — model built, solving (with HiGHS's incumbent, bound and gap as they improve),
 * checked — comes through `onProgress`. The worker runs the TypeScript source with tsx, as `npm start` and vitest
 * do, and goes back to a small pool when the solve ends. A worker whose solve throws, that crashes or that outlives
 * `timeLimitSeconds` plus a grace period is stopped (never reused) and the promise rejects; it never hangs. Only ids
 * and numbers cross the thread boundary, never names.
 */
export function solveInWorker(
  plan: WeekPlan,
  opts: Omit<SolveOptions, 'onProgress'> & { hardTimeoutMs?: number } = {},
  onProgress: (p: SolveProgress) => void = () => undefined,
): Promise<WeekSolution> {
  const { hardTimeoutMs, ...solveOpts } = opts;
  return new Promise((resolve, reject) => {
    const worker = takeWorker();
    const id = nextId++;
    let settled = false;
    const onMessage = (msg: Message) => {
      if (msg.id !== id) return;
      if (msg.type === 'progress') {
        if (!settled) onProgress(msg.progress);
      } else if (msg.type === 'done') finish(true, () => resolve(msg.solution));
      // A solve that threw may have left HiGHS's WebAssembly in a bad state: that thread is not reused.
      else finish(false, () => reject(new Error(`the week's solve failed: ${msg.message}`)));
    };
    const onError = (err: Error) => finish(false, () => reject(new Error(`the week's solve crashed: ${err.message}`)));
    const onExit = (code: number) => finish(false, () => reject(new Error(`the week's solve stopped (worker exit ${code})`)));
    const finish = (healthy: boolean, fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      fn();
      if (healthy) releaseWorker(worker);
      else void worker.terminate();
    };
    const limitMs = hardTimeoutMs ?? ((solveOpts.timeLimitSeconds ?? 10) + GRACE_SECONDS) * 1000;
    const timer = setTimeout(
      () => finish(false, () => reject(new Error(`the week's solve took longer than ${limitMs} ms and was stopped`))),
      limitMs,
    );
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ id, plan, opts: solveOpts });
  });
}
