import loadHighs from 'highs';
import {
  assignRooms,
  type AssignmentModel,
  buildAssignmentModel,
  classStarts,
  explainShortfall,
  explainUnplacedRequest,
  greedyWeek,
  optionKey,
  type RequestExplanation,
  type RequestOption,
  UNPLACED_COST,
  type ShortfallExplanation,
  validateWeek,
  type WeekPlan,
} from '@openiop/core';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Promise<Highs> | undefined;

/** Where a solve stands, for a progress bar: 0–100 and, while HiGHS runs, its incumbent, bound and gap. */
export interface SolveProgress {
  stage: 'model built' | 'solving' | 'checked';
  percent: number;
  /** Best objective found so far (the incumbent). */
  objective?: number;
  /** Best proven lower bound so far. */
  bound?: number;
  /** Relative gap between them, 0–1. */
  gap?: number;
}

export interface SolveOptions {
  /**
   * Seconds on the wall clock for the solve (default 10): HiGHS's runs get what building the programs and start weeks
   * leaves. The checks and explanations after the last run come on top.
   */
  timeLimitSeconds?: number;
  /** Stop at this proven relative gap (default 1e-6: optimal for every practical purpose). */
  relativeGap?: number;
  /** Start grid for individual and family sessions, in minutes (default 60: sessions start on the hour). */
  gridMinutes?: number;
  /** Explain shortfalls and unplaced sessions (default true). */
  explain?: boolean;
  /** HiGHS's `mip_heuristic_effort` (its default 0.05 leaves the greedy start unimproved for long on real weeks). */
  heuristicEffort?: number;
  /** One variable per class of equivalent session starts, then a start for each (default true; see `solveWeek`). */
  sessionClasses?: boolean;
  /** Polish a week HiGHS left short of optimal: its seats kept, the rest solved again (default true; see `solveWeek`). */
  polish?: boolean;
  onProgress?: (p: SolveProgress) => void;
}

export interface WeekSolution {
  /** The plan with the solver's seats and placed sessions added to those it already had. */
  plan: WeekPlan;
  /** HiGHS's model status: `Optimal`, or e.g. `Time limit reached` with the best week found. */
  status: string;
  objective: number;
  /** HiGHS's proven lower bound on the objective (the MIP dual bound). */
  bound: number;
  /** The proven relative gap, (objective − bound) / objective; 0 when optimal. */
  gap: number;
  /** Hours each person still falls short of their floor (only those who do). */
  shortfalls: { patientId: string; hours: number }[];
  /** For each of them: what binds, and the smallest availability change that would reach the floor. */
  explanations: ShortfallExplanation[];
  /** Requested sessions the week could not hold, each with why and what would place it. */
  unplaced: RequestExplanation[];
  /** Seconds HiGHS ran. */
  seconds: number;
}

const STATUS: Record<number, string> = {
  7: 'Optimal',
  8: 'Infeasible',
  9: 'Primal infeasible or unbounded',
  10: 'Unbounded',
  11: 'Bound on objective reached',
  12: 'Target for objective reached',
  13: 'Time limit reached',
  14: 'Iteration limit reached',
  15: 'Unknown',
  16: 'Solution limit reached',
  17: 'Interrupted by user',
};

/**
 * Places a week's people in its groups and its requested sessions at times, with HiGHS (issue 5's optimiser): the
 * model from core `buildAssignmentModel`, solved as a MIP within `timeLimitSeconds`, reporting HiGHS's proven dual
 * bound and gap. HiGHS is synchronous WebAssembly: a server calls this through `solveInWorker` so requests keep
 * flowing. The model always has a solution (every hard limit that could fail has a priced slack), so an infeasible
 * week never throws: the answer passes core `validateWeek` but for the floors it names as short, each with what
 * binds and a change that would fix it; requests it could not place come back explained.
 */
export async function solveWeek(plan: WeekPlan, opts: SolveOptions = {}): Promise<WeekSolution> {
  // Progress only moves forward, also when the program with a variable per start takes over from the classes'.
  let percent = 0;
  const report = (p: SolveProgress) => {
    percent = Math.max(percent, p.percent);
    opts.onProgress?.({ ...p, percent });
  };
  const started = Date.now();
  const gridMinutes = opts.gridMinutes ?? 60;
  // Everyone the greedy baseline (what a human scheduler does) brings to their floor stays there: a row each, which
  // its week satisfies, so they always hold. Not on a grid without greedy's on-the-hour starts.
  const baseline = dropShortServiceDays(greedyWeek(plan), plan);
  const keepAtFloor = 60 % gridMinutes === 0 ? clearlyAtFloor(baseline) : new Set<string>();
  highs ??= loadHighs();
  const h = await highs;
  const timeLimit = opts.timeLimitSeconds ?? 10;
  /** Seconds left of the time limit on the wall clock: building programs and start weeks counts too. */
  const secondsLeft = () => timeLimit - (Date.now() - started) / 1000;
  // First, in at most a third of the time, the most people the week's groups could bring to their floor (the first
  // goal alone): a row the LP cannot find for itself, which closes most of the gap on weeks where groups are contested,
  // and seats to start from.
  const floors = mostAtFloor(h, plan, timeLimit / 3, gridMinutes, keepAtFloor);
  const modelOptions = { gridMinutes, keepAtFloor, floorsAtMost: floors?.atMost };
  // One variable per class of equivalent starts (same staff member, day, seats overlapped and cost, next to each other
  // on the grid): a relaxation with about half the session variables and none of their symmetry. Its week is the
  // answer when every class it chose gets a start (and a room), which is then optimal for the full program too.
  let model = buildAssignmentModel(plan, { ...modelOptions, sessionClasses: opts.sessionClasses ?? true });
  // Everyone the packing pass counted who cannot be at their floor costs the first goal's price, and no other term
  // is negative: a proven lower bound on the week's objective before HiGHS starts.
  const floorBound = floors?.atMost ? UNPLACED_COST * Math.max(0, floors.atMost.among.size - floors.atMost.count) : 0;
  const relativeGap = opts.relativeGap ?? 1e-6;
  report({ stage: 'model built', percent: 10 });
  if (!model.pairs.length && !model.shortfalls.length && !model.requests.length) {
    report({ stage: 'checked', percent: 100, objective: 0, bound: 0, gap: 0 });
    return { plan, status: 'Optimal', objective: 0, bound: 0, gap: 0, shortfalls: [], explanations: [], unplaced: [], seconds: 0 };
  }
  // Start from a whole week, so HiGHS has a good answer from the first node and a time limit never leaves it with
  // none: the packing pass's seats (or what the incumbent can keep) with the greedy week around them, unless that
  // leaves short someone the greedy baseline brings to their floor (a row requires them); then the baseline itself.
  const seeded = startingWeek(plan, model, plan.incumbent ? [] : (floors?.seats ?? []));
  const reached = clearlyAtFloor(seeded);
  const start = startKeys([...keepAtFloor].every((id) => reached.has(id)) ? seeded : baseline, plan);
  const limit = Math.max(0.5, secondsLeft());
  // Two fifths of the time are kept for the polish (below), should HiGHS need all the rest without proving its week:
  // at 600 people its own run stops improving its week long before it proves it, and the polish needs about 7 s.
  const polishing = opts.polish ?? true;
  const settings = {
    limit: polishing ? 0.6 * limit : limit,
    // The progress bar spans the whole limit, polish included: it reaches 95% only as the time runs out.
    progress: { before: 0, total: limit },
    relativeGap,
    floorBound,
    heuristicEffort: opts.heuristicEffort ?? 0.3,
    report,
  };
  let run = runModel(h, model, start, settings);
  let perStart = !(opts.sessionClasses ?? true);
  let spent = run.seconds;
  let picked = run.ok ? pick(plan, model, run.values, !perStart) : undefined;
  if (run.ok && !picked) {
    // Rare: the chosen classes cannot all have a start or a room at once. The program with a variable per start
    // decides, from the same start week, in the time left.
    const relaxed = run.bound;
    model = buildAssignmentModel(plan, modelOptions);
    perStart = true;
    const fallbackSettings = {
      ...settings,
      limit: Math.max(0.5, settings.limit - run.seconds),
      progress: { before: run.seconds, total: limit },
    };
    run = runModel(h, model, start, fallbackSettings);
    spent += run.seconds;
    // The classes' bound holds for this program too (it is a relaxation of it).
    const both = Math.max(run.bound, relaxed);
    run = { ...run, bound: Number.isFinite(run.objective) ? Math.min(run.objective, both) : both };
    picked = run.ok ? pick(plan, model, run.values, false) : undefined;
  }
  let { status, objective } = run;
  const { bound } = run;
  if (!picked) {
    // No solution at all (HiGHS rejected the start and found none in time): the greedy week, which keeps every hard
    // limit it checks, stands in, with the status saying so.
    const fallback = greedyWeek(plan);
    const fixedSeats = new Set(plan.seats);
    const fixedAppointments = new Set(plan.appointments);
    picked = {
      seats: fallback.seats.filter((s) => !fixedSeats.has(s)),
      appointments: fallback.appointments.filter((a) => !fixedAppointments.has(a)),
    };
    objective = Infinity;
    status = `${status} (no solution found: the greedy week)`;
  }
  // The polish. A week HiGHS left short of optimal (stopped at a looser gap, or by the time limit) keeps its seats, and
  // the rest (sessions, hours short, days) is solved again in the program with a variable per start, from that week,
  // for up to three times as long as the first run took (at least a second) within the time left. On large weeks the
  // first run stops at its gap long before the lower goals are settled: at 600 people this places about a hundred more
  // sessions. (The classes' program finds the same week sooner, but there its sessions could not all be given starts.)
  // Fixing seats only narrows the program, so the first run's bound still holds. The first run's week stands unless
  // the polished one is better and every session in it has a room.
  const polishFor = () => Math.min(secondsLeft(), Math.max(1, 3 * spent));
  if (polishing && Number.isFinite(objective) && gapOf(objective, bound) > POLISHED_GAP && polishFor() >= 0.5 && model.pairs.length) {
    const full = perStart ? model : buildAssignmentModel(plan, modelOptions);
    const week = { ...plan, seats: [...plan.seats, ...picked.seats], appointments: [...plan.appointments, ...picked.appointments] };
    const polishSettings = {
      ...settings,
      // What is left once its program is built (at least a moment, so a late start still returns its week).
      limit: Math.max(0.2, polishFor()),
      relativeGap: POLISHED_GAP,
      floorBound: 0,
      fixSeats: true,
      shownBound: bound,
      progress: { before: spent, total: limit },
    };
    const polished = runModel(h, full, startKeys(week, plan), polishSettings);
    const better = polished.ok && polished.objective < objective ? pick(plan, full, polished.values, false, true) : undefined;
    if (better) {
      picked = better;
      objective = polished.objective;
    }
  }
  const withSeats: WeekPlan = { ...plan, seats: [...plan.seats, ...picked.seats] };
  // A session left without a room can leave a per-diem day short: that day's solver-placed items go too.
  const mip: WeekPlan = dropShortServiceDays({ ...withSeats, appointments: [...plan.appointments, ...picked.appointments] }, plan);
  // A run stopped by its time limit can leave sessions out (or people short) that still fit: a greedy pass over
  // what is left places them, keeping every hard limit (it can only lower the objective, so the gap stays proven).
  const left = (plan.requests ?? []).filter((r) => !mip.appointments.some((a) => a.requestId === r.id));
  const topped = dropShortServiceDays(greedyWeek({ ...mip, requests: left }), mip);
  const solved: WeekPlan = { ...topped, requests: plan.requests ?? [] };
  // From the week as it stands (a session left without a room no longer counts), not from the model's `s`.
  const shortfalls = validateWeek(solved).flatMap((v) =>
    v.kind === 'below_hour_floor' ? [{ patientId: v.patientId, hours: Math.round((v.floor - v.hours) * 100) / 100 }] : [],
  );
  const placedIds = new Set(solved.appointments.map((a) => a.requestId));
  const explain = opts.explain ?? true;
  const unplaced = (plan.requests ?? [])
    .filter((r) => explain && !placedIds.has(r.id))
    .flatMap((r) => explainUnplacedRequest(solved, r.id, opts.gridMinutes ?? 60) ?? []);
  report({ stage: 'checked', percent: 100, objective, bound, gap: gapOf(objective, bound) });
  return {
    plan: solved,
    status,
    objective,
    bound,
    gap: gapOf(objective, bound),
    shortfalls,
    explanations: explain ? shortfalls.flatMap((s) => explainShortfall(solved, s.patientId) ?? []) : [],
    unplaced,
    seconds: (Date.now() - started) / 1000,
  };
}

interface RunSettings {
  limit: number;
  relativeGap: number;
  /** A proven lower bound from before HiGHS started (the packing pass's), 0 when there is none. */
  floorBound: number;
  heuristicEffort: number;
  report: (p: SolveProgress) => void;
  /** Seats fixed as the start week has them (a polish of that week's other parts). */
  fixSeats?: boolean;
  /** The bound progress shows, when HiGHS's own is a narrowed program's. */
  shownBound?: number;
  /** Where this run sits on the progress bar: seconds of the solve before it, out of `total` (default: its own limit). */
  progress?: { before: number; total: number };
}

/**
 * One HiGHS run of a week's program from a start week, stopped within the gap asked for (counting the packing pass's
 * bound as well as HiGHS's), streaming progress. `ok` is false when it ends with no solution.
 */
function runModel(h: Highs, model: AssignmentModel, start: ReturnType<typeof startKeys>, settings: RunSettings) {
  const { limit, relativeGap, floorBound, report } = settings;
  const runStarted = Date.now();
  const m = h.createModel({ format: 'lp', data: model.lp });
  try {
    m.options.set({
      output_flag: false,
      time_limit: limit,
      mip_rel_gap: relativeGap,
      mip_heuristic_effort: settings.heuristicEffort,
      // Two of HiGHS's primal heuristics off: feasibility jump, which looks for a first solution before the root LP (this
      // run always has one, the start week), and the sub-MIP on the root's reduced costs. Measured on generated weeks,
      // the same optima about a third sooner (ADR 0021); RINS, RENS and the roundings stay on.
      mip_heuristic_run_feasibility_jump: false,
      mip_heuristic_run_root_reduced_cost: false,
      // A smaller cut pool than HiGHS's 10,000 (its soft limit, which ages cuts out sooner): the root's separation
      // rounds are where these weeks spend their time, and the bound is tight early. 10% less time over 20 weeks.
      mip_pool_soft_limit: 300,
    });
    let last = 0;
    // HiGHS checks its gap only once its root LP is solved, which takes most of the time on large weeks; with the
    // packing pass's bound the start may already be within the gap asked for, and then the solve stops there.
    let stoppedAtGap = false;
    type Progress = { running_time?: number; mip_primal_bound?: number; mip_dual_bound?: number; mip_gap?: number };
    /** The better of HiGHS's bound and the packing pass's (−∞ while neither is known). */
    const boundOf = (data: Progress) =>
      Math.max(Number.isFinite(data.mip_dual_bound) ? (data.mip_dual_bound as number) : -Infinity, floorBound || -Infinity);
    const solutionOf = (data: Progress) =>
      Number.isFinite(data.mip_primal_bound) && Math.abs(data.mip_primal_bound as number) < 1e20
        ? (data.mip_primal_bound as number)
        : undefined;
    const stopWithinGap = (e: { data: Progress; interrupt(): void }) => {
      const primal = solutionOf(e.data);
      if (primal !== undefined && gapOf(primal, boundOf(e.data)) <= relativeGap) {
        stoppedAtGap = true;
        e.interrupt();
      }
    };
    const progress = (data: Progress, force = false): undefined => {
      const now = Date.now();
      if (!force && now - last < 200) return undefined;
      last = now;
      const t = data.running_time ?? (now - runStarted) / 1000;
      const primal = solutionOf(data);
      const dual = settings.shownBound ?? boundOf(data);
      report({
        stage: 'solving',
        percent: Math.min(95, 10 + Math.round((85 * ((settings.progress?.before ?? 0) + t)) / (settings.progress?.total ?? limit))),
        ...(primal !== undefined ? { objective: primal } : {}),
        ...(dual > -Infinity ? { bound: dual } : {}),
        ...(primal !== undefined && dual > -Infinity ? { gap: gapOf(primal, dual) } : {}),
      });
      return undefined;
    };
    // Column names without one wasm call per column (slow on large weeks): HiGHS numbers an LP file's variables in
    // the order they first appear; a spot check confirms it, or we ask for every name.
    const names = columnOrder(model.lp, m.getDimensions().numCols, (i) => m.getColName(i));
    const index = new Map(names.map((n, i) => [n, i]));
    const col = (name: string) => index.get(name) ?? m.getColByName(name);
    const indices: number[] = [];
    const startValues: number[] = [];
    for (const [i, pair] of model.pairs.entries()) {
      indices.push(col(`x${i}`));
      startValues.push(start.seats.has(`${pair.groupId}:${pair.patientId}`) ? 1 : 0);
    }
    for (const [k, c] of model.classes.entries()) {
      indices.push(col(`a${k}`));
      startValues.push(c.some((o) => start.appointments.has(optionKey(o))) ? 1 : 0);
    }
    if (settings.fixSeats && model.pairs.length) {
      // HiGHS takes a set of columns in increasing order.
      const seats = model.pairs
        .map((pair, i) => ({ col: col(`x${i}`), value: start.seats.has(`${pair.groupId}:${pair.patientId}`) ? 1 : 0 }))
        .sort((a, b) => a.col - b.col);
      const fixed = seats.map((s) => s.value);
      m.changeColsBounds({ kind: 'set', indices: seats.map((s) => s.col) }, fixed, fixed);
    }
    if (indices.length) m.setSolution({ indices, values: startValues });
    report({ stage: 'solving', percent: 10 });
    m.run({
      [h.constants.callbackType.mipImprovingSolution]: (e) => progress(e.data, true),
      [h.constants.callbackType.mipInterrupt]: (e) => {
        progress(e.data);
        stopWithinGap(e);
        return undefined;
      },
    });
    const code = m.getModelStatus();
    // Stopped by us within the gap asked for: what HiGHS itself calls optimal (within `mip_rel_gap`).
    const status = stoppedAtGap && code === h.constants.modelStatus.interrupted ? 'Optimal' : (STATUS[code] ?? `HiGHS status ${code}`);
    const { colValue } = m.getSolution();
    const values = new Map<string, number>();
    for (let i = 0; i < colValue.length; i += 1) values.set(names[i] ?? m.getColName(i), colValue[i] ?? 0);
    const objective = m.getObjectiveValue();
    const reported = Number(m.info.get('mip_dual_bound'));
    const dual = Math.max(Number.isFinite(reported) ? reported : code === h.constants.modelStatus.optimal ? objective : 0, floorBound);
    const ok = Number.isFinite(objective) && Math.abs(objective) < 1e20 && colValue.length > 0 && status !== 'Infeasible';
    return {
      ok,
      values,
      status,
      objective,
      bound: Number.isFinite(objective) ? Math.min(objective, dual) : dual,
      seconds: (Date.now() - runStarted) / 1000,
    };
  } finally {
    m.dispose();
  }
}

/** A week within this gap of its bound is not polished: it is optimal for every practical purpose. */
const POLISHED_GAP = 1e-6;

/**
 * The seats and sessions a program's solution holds, sessions with their rooms. With session classes, each chosen
 * class first gets a start (`classStarts`); `undefined` when some cannot, or when a session is left without a room
 * (with session classes, or when `allRoomed`).
 */
function pick(plan: WeekPlan, model: AssignmentModel, values: ReadonlyMap<string, number>, classes: boolean, allRoomed = classes) {
  const on = (name: string) => (values.get(name) ?? 0) > 0.5;
  const seats = model.pairs.filter((_, i) => on(`x${i}`));
  const chosen = model.classes.filter((_, k) => on(`a${k}`));
  const placed = classes ? classStarts(plan, chosen) : chosen.map((c) => c[0] as RequestOption);
  if (!placed) return undefined;
  const rooms = assignRooms({ ...plan, seats: [...plan.seats, ...seats] }, placed, plan.requests ?? []);
  if (allRoomed && rooms.roomless.length) return undefined;
  return { seats, appointments: rooms.appointments };
}

/**
 * The most people the week's groups could bring to their floor, as a bound for the whole week: core's `floorsOnly`
 * model (groups only, each floor lowered by the person's requested sessions, which could add at most that much),
 * solved until its bound and its best week are within one person or the time is up. The bound is HiGHS's proven dual
 * bound, so it holds even when the time runs out; the seats are a start. Nothing when no seat could matter.
 */
function mostAtFloor(h: Highs, plan: WeekPlan, seconds: number, gridMinutes: number, keepAtFloor: ReadonlySet<string>) {
  const started = Date.now();
  const credit = new Map<string, number>();
  for (const r of plan.requests ?? []) credit.set(r.patientId, (credit.get(r.patientId) ?? 0) + r.minutes / 60);
  const groupsOnly: WeekPlan = { ...plan, requests: [], ...(plan.incumbent ? { incumbent: { ...plan.incumbent, appointments: [] } } : {}) };
  const model = buildAssignmentModel(groupsOnly, { gridMinutes, keepAtFloor, floorsOnly: { credit } });
  if (!model.pairs.length || !model.shortfalls.length) return undefined;
  const m = h.createModel({ format: 'lp', data: model.lp });
  try {
    m.options.set({ output_flag: false, time_limit: Math.max(0.2, seconds), mip_rel_gap: 0, mip_abs_gap: 0.999 });
    m.run({});
    const dual = Number(m.info.get('mip_dual_bound'));
    const { colValue } = m.getSolution();
    const names = columnOrder(model.lp, m.getDimensions().numCols, (i) => m.getColName(i));
    const value = new Map(names.map((n, i) => [n, colValue[i] ?? 0]));
    return {
      // The objective is minus the people at their floor, a whole number: the bound, rounded down, is the most of
      // them (the people this model counts: those whose floor its credit leaves above zero).
      atMost: Number.isFinite(dual) ? { count: Math.floor(-dual + 1e-6), among: new Set(model.shortfalls) } : undefined,
      seats: model.pairs.filter((_, i) => (value.get(`x${i}`) ?? 0) > 0.5),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    m.dispose();
  }
}

/**
 * A week to start from: these seats (the most-at-floor pass's; or, re-solving, what the incumbent can still keep:
 * seats whose group still runs and the person can still attend), then the greedy baseline on top.
 */
function startingWeek(plan: WeekPlan, model: ReturnType<typeof buildAssignmentModel>, seated: WeekPlan['seats']): WeekPlan {
  const pairs = new Set(model.pairs.map((p) => `${p.groupId}:${p.patientId}`));
  const kept = (seated.length ? seated : (plan.incumbent?.seats ?? [])).filter((s) => pairs.has(`${s.groupId}:${s.patientId}`));
  const base = validateWeek({ ...plan, seats: [...plan.seats, ...kept] }).some(
    (v) => v.kind !== 'below_hour_floor' && v.kind !== 'short_service_day',
  )
    ? plan
    : { ...plan, seats: [...plan.seats, ...kept] };
  return dropShortServiceDays(greedyWeek(base), plan);
}

/** A start week's seats and sessions beyond what the plan fixed, keyed `group:patient` and `request:staff:day:start`. */
function startKeys(week: WeekPlan, plan: WeekPlan) {
  const fixed = new Set(plan.seats.map((s) => `${s.groupId}:${s.patientId}`));
  return {
    seats: new Set(week.seats.map((s) => `${s.groupId}:${s.patientId}`).filter((k) => !fixed.has(k))),
    appointments: new Set(
      week.appointments.flatMap((a) => (a.requestId === undefined ? [] : [optionKey({ ...a, requestId: a.requestId })])),
    ),
  };
}

/** The people a week brings to their floor without breaking a hard limit of theirs. */
function clearlyAtFloor(week: WeekPlan): Set<string> {
  const broken = new Set(validateWeek(week).map((v) => ('patientId' in v ? v.patientId : undefined)));
  return new Set(week.patients.filter((p) => !broken.has(p.id)).map((p) => p.id));
}

/**
 * The greedy baseline knows nothing of per-diem days: as a start, a per-diem person's day short of the minimum loses
 * what the greedy week added to it (what the plan fixed stays), so the start keeps every hard limit.
 */
function dropShortServiceDays(week: WeekPlan, plan: WeekPlan): WeekPlan {
  const short = new Set(validateWeek(week).flatMap((v) => (v.kind === 'short_service_day' ? [`${v.patientId}:${v.day}`] : [])));
  if (!short.size) return week;
  const groups = new Map(week.groups.map((g) => [g.id, g]));
  const fixedSeats = new Set(plan.seats);
  const fixedAppts = new Set(plan.appointments);
  return {
    ...week,
    seats: week.seats.filter((s) => fixedSeats.has(s) || !short.has(`${s.patientId}:${groups.get(s.groupId)?.slot.day}`)),
    appointments: week.appointments.filter((a) => fixedAppts.has(a) || !short.has(`${a.patientId}:${a.slot.day}`)),
  };
}

function columnOrder(lp: string, numCols: number, nameOf: (i: number) => string): string[] {
  // Row labels (`name:`) are not variables.
  const body = lp.replace(/^\s*[A-Za-z][\w]*:/gm, '');
  const seen = new Set<string>();
  const order: string[] = [];
  for (const token of body.match(/\b(?:[xasymdue]\d+|k)\b/g) ?? []) {
    if (seen.has(token)) continue;
    seen.add(token);
    order.push(token);
  }
  const probe = [0, Math.floor(numCols / 3), Math.floor((2 * numCols) / 3), numCols - 1].filter((i) => i >= 0);
  if (order.length === numCols && probe.every((i) => nameOf(i) === order[i])) return order;
  return Array.from({ length: numCols }, (_, i) => nameOf(i));
}

/** Relative gap as HiGHS defines it: |objective − bound| / |objective|, 0 when both are 0. */
const gapOf = (objective: number, bound: number) =>
  objective === 0 ? (bound === 0 ? 0 : Infinity) : Math.max(0, objective - bound) / Math.abs(objective);
