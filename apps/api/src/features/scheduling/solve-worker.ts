// The worker thread's side of `solveInWorker`: solves one week per message, in turn, posting progress and the answer
// back under the job's id. The thread stays up between solves, with HiGHS loaded and warm.
import { parentPort } from 'node:worker_threads';
import type { WeekPlan } from '@openiop/core';
import { solveWeek, type SolveOptions } from './solve-week';

interface Job {
  id: number;
  plan: WeekPlan;
  opts: Omit<SolveOptions, 'onProgress'>;
}

parentPort?.on('message', ({ id, plan, opts }: Job) => {
  solveWeek(plan, { ...opts, onProgress: (progress) => parentPort?.postMessage({ id, type: 'progress', progress }) }).then(
    (solution) => parentPort?.postMessage({ id, type: 'done', solution }),
    (err: unknown) => parentPort?.postMessage({ id, type: 'error', message: err instanceof Error ? err.message : String(err) }),
  );
});
