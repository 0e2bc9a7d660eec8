import { describe, expect, it } from 'vitest';
import type { PlanContent, PlanGoal, PlanProblem } from '../contracts/plans';
import { canonicalPlanJson, diffPlans, signReadiness } from './plan-rules';

const uid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const goal = (n: number, objectives: PlanGoal['objectives'], interventions: PlanGoal['interventions'] = []): PlanGoal => ({
  id: uid(n),
  text: `Goal ${n}`,
  objectives,
  interventions,
});
const problem = (n: number, goals: PlanGoal[]): PlanProblem => ({
  id: uid(n),
  source: 'dimension',
  dimension: 5,
  diagnosisId: null,
  statement: `Problem ${n}`,
  goals,
});
const obj = (n: number, targetDate: string | null = '2026-12-31') => ({ id: uid(n), text: `Objective ${n}`, targetDate });
const iv = (n: number, frequency = 'Weekly') => ({
  id: uid(n),
  interventionId: uid(900),
  name: 'CBT',
  delivererRole: 'clinician' as const,
  delivererUserId: null,
  delivererName: null,
  frequency,
});

describe('signReadiness', () => {
  const cases: [string, PlanContent, { path: string; code: string }[]][] = [
    ['a complete plan', { problems: [problem(1, [goal(2, [obj(3)], [iv(4)])])] }, []],
    ['no problems at all', { problems: [] }, [{ path: 'problems', code: 'PLAN_EMPTY' }]],
    ['problems but no goals', { problems: [problem(1, [])] }, [{ path: 'problems', code: 'PLAN_EMPTY' }]],
    [
      'a goal without an objective',
      { problems: [problem(1, [goal(2, [obj(3)]), goal(4, [])])] },
      [{ path: 'problems.0.goals.1.objectives', code: 'GOAL_WITHOUT_OBJECTIVE' }],
    ],
    [
      'an objective without a target date',
      { problems: [problem(1, [goal(2, [obj(3), obj(5, null)])])] },
      [{ path: 'problems.0.goals.0.objectives.1.targetDate', code: 'OBJECTIVE_WITHOUT_TARGET_DATE' }],
    ],
    [
      'a second problem left without a goal',
      { problems: [problem(1, [goal(2, [obj(3)])]), problem(6, [])] },
      [{ path: 'problems.1.goals', code: 'PROBLEM_WITHOUT_GOAL' }],
    ],
    [
      'every problem reported at once, in document order',
      { problems: [problem(1, [goal(2, [])]), problem(6, [goal(7, [obj(8, null), obj(9, null)])])] },
      [
        { path: 'problems.0.goals.0.objectives', code: 'GOAL_WITHOUT_OBJECTIVE' },
        { path: 'problems.1.goals.0.objectives.0.targetDate', code: 'OBJECTIVE_WITHOUT_TARGET_DATE' },
        { path: 'problems.1.goals.0.objectives.1.targetDate', code: 'OBJECTIVE_WITHOUT_TARGET_DATE' },
      ],
    ],
  ];
  it.each(cases)('%s', (_name, content, expected) => {
    expect(signReadiness(content).map(({ path, code }) => ({ path, code }))).toEqual(expected);
  });
});

describe('diffPlans', () => {
  const v1: PlanContent = { problems: [problem(1, [goal(2, [obj(3)], [iv(4)])])] };
  const cases: [string, PlanContent, { kind: string; id: string; change: string; fields: string[] }[]][] = [
    ['identical versions', JSON.parse(JSON.stringify(v1)) as PlanContent, []],
    [
      'a reworded goal is one change, matched by id',
      { problems: [problem(1, [{ ...goal(2, [obj(3)], [iv(4)]), text: 'Stay sober for my kids' }])] },
      [{ kind: 'goal', id: uid(2), change: 'changed', fields: ['text'] }],
    ],
    [
      'a new target date and a new frequency',
      { problems: [problem(1, [goal(2, [obj(3, '2027-01-15')], [iv(4, 'Twice weekly')])])] },
      [
        { kind: 'objective', id: uid(3), change: 'changed', fields: ['targetDate'] },
        { kind: 'intervention', id: uid(4), change: 'changed', fields: ['frequency'] },
      ],
    ],
    [
      'an added objective and a removed intervention',
      { problems: [problem(1, [goal(2, [obj(3), obj(5)])])] },
      [
        { kind: 'objective', id: uid(5), change: 'added', fields: [] },
        { kind: 'intervention', id: uid(4), change: 'removed', fields: [] },
      ],
    ],
    [
      'a goal moved to a new problem',
      { problems: [problem(1, []), problem(6, [goal(2, [obj(3)], [iv(4)])])] },
      [
        { kind: 'problem', id: uid(6), change: 'added', fields: [] },
        { kind: 'goal', id: uid(2), change: 'changed', fields: ['problemId'] },
      ],
    ],
    [
      'everything removed',
      { problems: [] },
      [
        { kind: 'problem', id: uid(1), change: 'removed', fields: [] },
        { kind: 'goal', id: uid(2), change: 'removed', fields: [] },
        { kind: 'objective', id: uid(3), change: 'removed', fields: [] },
        { kind: 'intervention', id: uid(4), change: 'removed', fields: [] },
      ],
    ],
  ];
  it.each(cases)('%s', (_name, v2, expected) => {
    expect(diffPlans(v1, v2).map(({ kind, id, change, fields }) => ({ kind, id, change, fields }))).toEqual(expected);
  });

  it('carries the words before and after for a reader', () => {
    const v2: PlanContent = { problems: [problem(1, [{ ...goal(2, [obj(3)], [iv(4)]), text: 'Keep my job' }])] };
    expect(diffPlans(v1, v2)[0]).toMatchObject({ before: 'Goal 2', after: 'Keep my job' });
  });
});

describe('canonicalPlanJson', () => {
  it('does not depend on key order, so the same content always hashes the same', () => {
    const a = { problems: [{ ...problem(1, []), statement: 'x' }] };
    const p = a.problems[0] as PlanProblem;
    const b = { problems: [{ goals: [], statement: 'x', diagnosisId: null, dimension: 5, source: p.source, id: p.id }] };
    expect(canonicalPlanJson(b as PlanContent)).toBe(canonicalPlanJson(a));
    expect(canonicalPlanJson({ problems: [] })).toBe('{"problems":[]}');
  });
});
