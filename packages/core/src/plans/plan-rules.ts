import type { FieldError } from '../errors/errors';
import type { PlanContent, PlanDiffEntry } from '../contracts/plans';

export type ReadinessCode = 'PLAN_EMPTY' | 'GOAL_WITHOUT_OBJECTIVE' | 'OBJECTIVE_WITHOUT_TARGET_DATE' | 'PROBLEM_WITHOUT_GOAL';
export interface ReadinessProblem extends FieldError {
  code: ReadinessCode;
}

/**
 * Whether a plan version may be signed. Every problem is reported at once, each with the dotted path of the goal or
 * objective that needs work (the same paths the editor's fields carry), so the clinician sees them all in one go.
 */
export function signReadiness(content: PlanContent): ReadinessProblem[] {
  const out: ReadinessProblem[] = [];
  const goals = content.problems.reduce((n, p) => n + p.goals.length, 0);
  if (goals === 0) out.push({ path: 'problems', code: 'PLAN_EMPTY', message: 'needs at least one goal' });
  content.problems.forEach((p, i) => {
    if (p.goals.length === 0 && goals > 0)
      out.push({ path: `problems.${i}.goals`, code: 'PROBLEM_WITHOUT_GOAL', message: 'needs a goal, or remove the problem' });
    p.goals.forEach((g, j) => {
      const at = `problems.${i}.goals.${j}`;
      if (g.objectives.length === 0)
        out.push({ path: `${at}.objectives`, code: 'GOAL_WITHOUT_OBJECTIVE', message: 'needs at least one measurable objective' });
      g.objectives.forEach((o, k) => {
        if (!o.targetDate)
          out.push({ path: `${at}.objectives.${k}.targetDate`, code: 'OBJECTIVE_WITHOUT_TARGET_DATE', message: 'needs a target date' });
      });
    });
  });
  return out;
}

type Item = { kind: PlanDiffEntry['kind']; id: string; label: string; fields: Record<string, unknown> };

function flatten(content: PlanContent): Map<string, Item> {
  const items = new Map<string, Item>();
  const put = (it: Item) => items.set(`${it.kind}:${it.id}`, it);
  for (const p of content.problems) {
    put({
      kind: 'problem',
      id: p.id,
      label: p.statement,
      fields: { statement: p.statement, source: p.source, dimension: p.dimension, diagnosisId: p.diagnosisId },
    });
    for (const g of p.goals) {
      put({ kind: 'goal', id: g.id, label: g.text, fields: { text: g.text, problemId: p.id } });
      for (const o of g.objectives)
        put({ kind: 'objective', id: o.id, label: o.text, fields: { text: o.text, targetDate: o.targetDate, goalId: g.id } });
      for (const iv of g.interventions)
        put({
          kind: 'intervention',
          id: iv.id,
          label: iv.name,
          fields: {
            interventionId: iv.interventionId,
            name: iv.name,
            delivererRole: iv.delivererRole,
            delivererUserId: iv.delivererUserId,
            frequency: iv.frequency,
            goalId: g.id,
          },
        });
    }
  }
  return items;
}

const kindOrder: Record<PlanDiffEntry['kind'], number> = { problem: 0, goal: 1, objective: 2, intervention: 3 };

/**
 * What changed between two versions, item by item. Items are matched by their stable id (kept when a version is
 * copied), so a reworded goal is one `changed` entry rather than a removal and an addition. Moving an item under
 * another parent shows as a change of its parent field.
 */
export function diffPlans(before: PlanContent, after: PlanContent): PlanDiffEntry[] {
  const a = flatten(before);
  const b = flatten(after);
  const out: PlanDiffEntry[] = [];
  for (const [key, old] of a) {
    const next = b.get(key);
    if (!next) {
      out.push({ kind: old.kind, id: old.id, change: 'removed', fields: [], before: old.label, after: null });
      continue;
    }
    const fields = Object.keys({ ...old.fields, ...next.fields }).filter((f) => old.fields[f] !== next.fields[f]);
    if (fields.length)
      out.push({ kind: old.kind, id: old.id, change: 'changed', fields: fields.sort(), before: old.label, after: next.label });
  }
  for (const [key, added] of b)
    if (!a.has(key)) out.push({ kind: added.kind, id: added.id, change: 'added', fields: [], before: null, after: added.label });
  return out.sort((x, y) => kindOrder[x.kind] - kindOrder[y.kind] || x.change.localeCompare(y.change) || x.id.localeCompare(y.id));
}

/** Canonical JSON of plan content (keys sorted), the exact bytes a signature's hash is taken over. */
export function canonicalPlanJson(content: PlanContent): string {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return JSON.stringify(canon(content));
}

/** Every goal and objective id in a version, for checking that a progress rating names something in the plan. */
export function progressTargets(content: PlanContent): { goals: Set<string>; objectives: Set<string> } {
  const goals = new Set<string>();
  const objectives = new Set<string>();
  for (const p of content.problems)
    for (const g of p.goals) {
      goals.add(g.id);
      for (const o of g.objectives) objectives.add(o.id);
    }
  return { goals, objectives };
}

/** Every catalogue intervention a version names. */
export function interventionIdsOf(content: PlanContent): string[] {
  return [...new Set(content.problems.flatMap((p) => p.goals.flatMap((g) => g.interventions.map((i) => i.interventionId))))];
}
