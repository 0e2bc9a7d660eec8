import loadHighs from 'highs';
import { buildAssignmentModel, explainShortfall, type ShortfallExplanation, type WeekPlan } from '@openiop/core';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Promise<Highs> | undefined;

export interface WeekSolution {
  /** The plan with the solver's seats added to those it already had. */
  plan: WeekPlan;
  /** HiGHS's model status: `Optimal`, or e.g. `Time limit reached` with the best seats found. */
  status: string;
  objective: number;
  /** Hours each person still falls short of their floor (only those who do). */
  shortfalls: { patientId: string; hours: number }[];
  /** For each of them: what binds, and the smallest availability change that would reach the floor. */
  explanations: ShortfallExplanation[];
}

/**
 * Seats a week's people in its groups with HiGHS (issue 5's optimiser, first part): the model from core
 * `buildAssignmentModel`, solved as a MIP within `timeLimitSeconds`. HiGHS is synchronous WebAssembly: a server calls
 * this from a worker thread so requests keep flowing (the scheduling feature's job, next). The answer always passes
 * core `validateWeek`'s hard limits; who cannot reach their floor is named with the hours missing, what binds, and
 * the smallest availability change that would fix it (core `explainShortfall`).
 */
export async function solveWeek(plan: WeekPlan, opts: { timeLimitSeconds?: number } = {}): Promise<WeekSolution> {
  const model = buildAssignmentModel(plan);
  if (!model.pairs.length && !model.shortfalls.length) return { plan, status: 'Optimal', objective: 0, shortfalls: [], explanations: [] };
  highs ??= loadHighs();
  const solution = (await highs).solve(model.lp, { time_limit: opts.timeLimitSeconds ?? 10, mip_rel_gap: 1e-6, output_flag: false });
  if (solution.Status !== 'Optimal' && solution.Status !== 'Time limit reached')
    throw new Error(`the week's model did not solve: ${solution.Status}`);
  const value = (name: string): number => (solution.Columns[name] as { Primal?: number } | undefined)?.Primal ?? 0;
  const seats = model.pairs.filter((_, i) => value(`x${i}`) > 0.5);
  const solved: WeekPlan = { ...plan, seats: [...plan.seats, ...seats] };
  const shortfalls = model.shortfalls
    .map((patientId, j) => ({ patientId, hours: Math.round(value(`s${j}`) * 100) / 100 }))
    .filter((s) => s.hours > 0);
  return {
    plan: solved,
    status: solution.Status,
    objective: solution.ObjectiveValue,
    shortfalls,
    explanations: shortfalls.flatMap((s) => explainShortfall(solved, s.patientId) ?? []),
  };
}
