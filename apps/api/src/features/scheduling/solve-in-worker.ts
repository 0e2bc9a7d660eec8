import { Worker } from 'node:worker_threads';
import type { WeekPlan } from '@openiop/core';
import type { SolveOptions, SolveProgress, WeekSolution } from './solve-week';

/** How long past its own time limit a solve may take (model building, the answer's checks) before it is stopped. */
const GRACE_SECONDS = 30;

/**
 * `solveWeek` in a `node:worker_threads` worker, so the server keeps answering while HiGHS (synchronous
 * WebAssembly) runs. Progress — model built, solving (with HiGHS's incumbent, bound and gap as they improve),
 * checked — comes through `onProgress`. The worker runs the TypeScript source with tsx, as `npm start` and vitest
 * do. A worker that throws, crashes or outlives `timeLimitSeconds` plus a grace period is stopped and the promise
 * rejects; it never hangs. Only ids and numbers cross the thread boundary, never names.
 */
export function solveInWorker(
  plan: WeekPlan,
  opts: Omit<SolveOptions, 'onProgress'> & { hardTimeoutMs?: number } = {},
  onProgress: (p: SolveProgress) => void = () => undefined,
): Promise<WeekSolution> {
  const { hardTimeoutMs, ...solveOpts } = opts;
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./solve-worker.mjs', import.meta.url), { workerData: { plan, opts: solveOpts } });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const limitMs = hardTimeoutMs ?? ((solveOpts.timeLimitSeconds ?? 10) + GRACE_SECONDS) * 1000;
    const timer = setTimeout(
      () => finish(() => reject(new Error(`the week's solve took longer than ${limitMs} ms and was stopped`))),
      limitMs,
    );
    worker.on(
      'message',
      (
        msg: { type: 'progress'; progress: SolveProgress } | { type: 'done'; solution: WeekSolution } | { type: 'error'; message: string },
      ) => {
        if (msg.type === 'progress') {
          if (!settled) onProgress(msg.progress);
        } else if (msg.type === 'done') finish(() => resolve(msg.solution));
        else finish(() => reject(new Error(`the week's solve failed: ${msg.message}`)));
      },
    );
    worker.on('error', (err) => finish(() => reject(new Error(`the week's solve crashed: ${err.message}`))));
    worker.on('exit', (code) => finish(() => reject(new Error(`the week's solve stopped (worker exit ${code})`))));
  });
}
