/**
 * The week optimiser on realistic synthetic locations, beside the greedy baseline (issue 5). See bench/README.md.
 *
 *   npm run bench scheduling [-- --runs 5] [--sizes 150,10x150,600]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { greedyWeek, validateWeek, type WeekPlan } from '@openiop/core';
import { generateLocationWeek } from '../apps/api/src/features/scheduling/instances';
import { solveInWorker } from '../apps/api/src/features/scheduling/solve-in-worker';
import type { WeekSolution } from '../apps/api/src/features/scheduling/solve-week';

const log = (msg = '') => process.stdout.write(`${msg}\n`);

interface Size {
  name: string;
  locations: number;
  patients: number;
  /** HiGHS's time limit per location, and the gap it may stop at. */
  timeLimitSeconds: number;
  relativeGap: number;
  target: { seconds: number; gap: number; text: string };
}

const SIZES: Record<string, Size> = {
  '150': {
    name: '1 location × 150',
    locations: 1,
    patients: 150,
    // Longer than the target, so a run that misses it still shows how long a proof takes here.
    timeLimitSeconds: 10,
    relativeGap: 1e-6,
    target: { seconds: 2, gap: 1e-6, text: 'proven optimal in < 2 s' },
  },
  '10x150': {
    name: '10 locations × 150',
    locations: 10,
    patients: 150,
    // Two workers on two cores, five locations each: the target leaves 4 s apiece; the limit lets a proof finish.
    timeLimitSeconds: 10,
    relativeGap: 1e-6,
    target: { seconds: 20, gap: 1e-6, text: 'every location proven optimal, all in < 20 s' },
  },
  '600': {
    name: '1 location × 600',
    locations: 1,
    patients: 600,
    timeLimitSeconds: 60,
    relativeGap: 0.01,
    target: { seconds: 30, gap: 0.01, text: 'within 1% (proven gap) in < 30 s' },
  },
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

/** People at their hour floor in a week. */
const atFloor = (w: WeekPlan): Set<string> => {
  const short = new Set(validateWeek(w).flatMap((v) => (v.kind === 'below_hour_floor' ? [v.patientId] : [])));
  return new Set(w.patients.filter((p) => !short.has(p.id)).map((p) => p.id));
};
const hardBreaks = (w: WeekPlan) => validateWeek(w).filter((v) => v.kind !== 'below_hour_floor').length;

/** Solves locations with at most `parallel` workers at once; wall-clock seconds and each location's answer. */
async function solveAll(plans: WeekPlan[], size: Size, parallel: number): Promise<{ seconds: number; solutions: WeekSolution[] }> {
  const started = performance.now();
  const solutions: WeekSolution[] = [];
  let next = 0;
  const lane = async () => {
    while (next < plans.length) {
      const i = next++;
      // The benchmark measures how long a solve takes; the worker's own stop (time limit + 30 s) would cut it short.
      solutions[i] = await solveInWorker(plans[i] as WeekPlan, {
        timeLimitSeconds: size.timeLimitSeconds,
        relativeGap: size.relativeGap,
        hardTimeoutMs: 15 * 60_000,
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, plans.length) }, lane));
  return { seconds: (performance.now() - started) / 1000, solutions };
}

interface Result {
  size: Size;
  seconds: number[];
  objective: number;
  gap: number;
  optimal: boolean;
  floorPct: number;
  greedyFloorPct: number;
  greedyMs: number;
  greedyBreaks: number;
  breaks: number;
  /** People greedy brings to the floor whom the optimiser's week leaves short. */
  lost: number;
  unplaced: number;
  greedyUnplaced: number;
  requests: number;
}

async function benchSize(size: Size, runs: number, parallel: number): Promise<Result> {
  const plans = Array.from({ length: size.locations }, (_, i) =>
    generateLocationWeek({ patients: size.patients, seed: 1000 + i, prefix: size.locations > 1 ? `L${i}-` : '' }),
  );
  const people = plans.reduce((n, p) => n + p.patients.length, 0);
  const requests = plans.reduce((n, p) => n + (p.requests?.length ?? 0), 0);
  log(
    `\n[${size.name}] ${people} people, ${plans.reduce((n, p) => n + p.groups.length, 0)} group occurrences, ` +
      `${plans.reduce((n, p) => n + p.staff.length, 0)} staff, ${requests} session requests`,
  );
  const g0 = performance.now();
  const greedy = plans.map(greedyWeek);
  const greedyMs = performance.now() - g0;
  const seconds: number[] = [];
  let last: WeekSolution[] = [];
  for (let r = 0; r < runs; r += 1) {
    const out = await solveAll(plans, size, parallel);
    seconds.push(out.seconds);
    last = out.solutions;
    const worst = Math.max(...out.solutions.map((s) => s.gap));
    log(
      `  run ${r + 1}: ${out.seconds.toFixed(2)} s, worst gap ${(worst * 100).toFixed(3)}%, statuses ${[...new Set(out.solutions.map((s) => s.status))].join(', ')}`,
    );
  }
  let lost = 0;
  let floor = 0;
  let greedyFloor = 0;
  for (const [i, s] of last.entries()) {
    const mine = atFloor(s.plan);
    // Greedy ignores per-diem days: a person it seats on a short per-diem day has no valid week, so is not counted.
    const broken = new Set(validateWeek(greedy[i] as WeekPlan).flatMap((v) => (v.kind === 'short_service_day' ? [v.patientId] : [])));
    const theirs = new Set([...atFloor(greedy[i] as WeekPlan)].filter((id) => !broken.has(id)));
    floor += mine.size;
    greedyFloor += theirs.size;
    for (const id of theirs) if (!mine.has(id)) lost += 1;
  }
  const placedBy = (w: WeekPlan) => w.appointments.filter((a) => a.requestId !== undefined).length;
  return {
    size,
    seconds,
    objective: last.reduce((o, s) => o + s.objective, 0),
    // The organization's proven gap: summed objectives against summed bounds.
    gap: gapOf(
      last.reduce((o, s) => o + s.objective, 0),
      last.reduce((o, s) => o + s.bound, 0),
    ),
    optimal: last.every((s) => s.status === 'Optimal'),
    floorPct: (100 * floor) / people,
    greedyFloorPct: (100 * greedyFloor) / people,
    greedyMs,
    greedyBreaks: greedy.reduce((n, w) => n + hardBreaks(w), 0),
    breaks: last.reduce((n, s) => n + hardBreaks(s.plan), 0),
    lost,
    unplaced: requests - last.reduce((n, s) => n + placedBy(s.plan), 0),
    greedyUnplaced: requests - greedy.reduce((n, w) => n + placedBy(w), 0),
    requests,
  };
}

const gapOf = (objective: number, bound: number) => (objective === 0 ? 0 : Math.max(0, objective - bound) / Math.abs(objective));

const HEAD = ['size', 'solver', 'time (median)', 'objective', 'proven gap', 'at floor', 'sessions unplaced', 'hard limits broken'];
function rows(results: Result[]): string[][] {
  return results.flatMap((r) => [
    [
      r.size.name,
      `HiGHS ×${r.seconds.length}`,
      `${median(r.seconds).toFixed(2)} s`,
      r.objective.toFixed(1),
      `${(r.gap * 100).toFixed(3)}%`,
      `${r.floorPct.toFixed(1)}%`,
      `${r.unplaced}/${r.requests}`,
      String(r.breaks),
    ],
    [
      r.size.name,
      'greedy',
      `${r.greedyMs.toFixed(0)} ms`,
      '—',
      '—',
      `${r.greedyFloorPct.toFixed(1)}%`,
      `${r.greedyUnplaced}/${r.requests}`,
      String(r.greedyBreaks),
    ],
  ]);
}

/** The same layout as bench/report.ts: padded text columns, numbers right-aligned. */
function textTable(body: string[][]): string {
  const all = [HEAD, ...body];
  const widths = HEAD.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => (i >= 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}

function verdicts(results: Result[]): { met: boolean; text: string }[] {
  return results.flatMap((r) => [
    {
      met: median(r.seconds) < r.size.target.seconds && r.gap <= r.size.target.gap && (r.size.target.gap >= 0.01 || r.optimal),
      text: `${r.size.name}: ${r.size.target.text} — median ${median(r.seconds).toFixed(2)} s, proven gap ${(r.gap * 100).toFixed(3)}%${r.optimal ? ', optimal' : ''}`,
    },
    {
      met: r.lost === 0 && r.breaks === 0,
      text: `${r.size.name}: the optimiser places everyone greedy brings to the floor, and breaks no hard limit — ${r.lost} left short, ${r.breaks} broken (greedy ${r.greedyFloorPct.toFixed(1)}% → optimiser ${r.floorPct.toFixed(1)}% at floor)`,
    },
  ]);
}

export async function benchScheduling(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '5' },
      sizes: { type: 'string', default: '150,10x150,600' },
      parallel: { type: 'string', default: '2' },
    },
  });
  const runs = Math.max(1, Math.floor(Number(values.runs)));
  const parallel = Math.max(1, Math.floor(Number(values.parallel)));
  const sizes = values.sizes.split(',').map((s) => {
    const size = SIZES[s.trim()];
    if (!size) throw new Error(`unknown size ${s} (${Object.keys(SIZES).join(', ')})`);
    return size;
  });
  const started = Date.now();
  log(`openiop scheduling benchmark — ${new Date().toISOString()}`);
  log(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; load average at start ` +
      `${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')}; ${runs} run(s) per size, ${parallel} worker(s) at a time`,
  );
  const results: Result[] = [];
  for (const size of sizes) results.push(await benchSize(size, runs, parallel));
  log(`\n${textTable(rows(results))}\n`);
  const v = verdicts(results);
  for (const line of v) log(`${line.met ? 'PASS' : 'FAIL'}  ${line.text}`);
  log(
    `Total run time ${((Date.now() - started) / 1000).toFixed(0)} s; load average at end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}.`,
  );
  return 0;
}
