// The worker thread's side of `solveInWorker`: one solve per worker, progress and the answer posted back.
import { parentPort, workerData } from 'node:worker_threads';
import type { WeekPlan } from '@openiop/core';
import { solveWeek, type SolveOptions } from './solve-week';

const { plan, opts } = workerData as { plan: WeekPlan; opts: Omit<SolveOptions, 'onProgress'> };
solveWeek(plan, { ...opts, onProgress: (progress) => parentPort?.postMessage({ type: 'progress', progress }) }).then(
  (solution) => parentPort?.postMessage({ type: 'done', solution }),
  (err: unknown) => parentPort?.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
);
