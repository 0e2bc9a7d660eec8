import { describe, expect, it } from 'vitest';
import { validateWeek, type WeekPlan } from '@openiop/core';
import { generateLocationWeek } from './instances';
import { idleSolverThreads, solveInWorker } from './solve-in-worker';
import type { SolveProgress } from './solve-week';

describe('solveInWorker (real worker thread, real HiGHS)', () => {
  it('solves a location week off the main thread, streams progress, and the event loop keeps turning meanwhile', async () => {
    const plan = generateLocationWeek({ patients: 150, seed: 7 });
    const progress: SolveProgress[] = [];
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 20);
    const started = Date.now();
    const solution = await solveInWorker(plan, { timeLimitSeconds: 3 }, (p) => progress.push(p)).finally(() => clearInterval(timer));
    const elapsed = Date.now() - started;
    // The main thread ticked through most of the solve (a blocked loop would tick about once).
    expect(ticks).toBeGreaterThan(elapsed / 20 / 4);
    expect(progress[0]?.stage).toBe('model built');
    expect(progress.some((p) => p.stage === 'solving' && p.objective !== undefined)).toBe(true);
    expect(progress.at(-1)?.stage).toBe('checked');
    expect(validateWeek(solution.plan).filter((v) => v.kind !== 'below_hour_floor')).toEqual([]);
    expect(solution.gap).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('keeps the thread for the next solve', async () => {
    const before = idleSolverThreads();
    expect(before).toBeGreaterThanOrEqual(1);
    const plan = generateLocationWeek({ patients: 20, seed: 3 });
    const running = solveInWorker(plan, { timeLimitSeconds: 2 });
    expect(idleSolverThreads()).toBe(before - 1);
    await running;
    expect(idleSolverThreads()).toBe(before);
  }, 60_000);

  it('rejects cleanly when the solve fails in the worker', async () => {
    const broken = { rooms: [], staff: [], groups: [], seats: [], appointments: [], patients: null } as unknown as WeekPlan;
    const before = idleSolverThreads();
    await expect(solveInWorker(broken)).rejects.toThrow(/the week's solve failed/);
    // Its HiGHS may be in a bad state: the thread is stopped, not put back.
    expect(idleSolverThreads()).toBe(Math.max(0, before - 1));
  });

  it('stops a solve that outlives its hard timeout, and rejects', async () => {
    const plan = generateLocationWeek({ patients: 150, seed: 8 });
    const before = idleSolverThreads();
    await expect(solveInWorker(plan, { timeLimitSeconds: 30, hardTimeoutMs: 300 })).rejects.toThrow(/longer than 300 ms/);
    // A stopped thread is never reused.
    expect(idleSolverThreads()).toBe(Math.max(0, before - 1));
  });
});
