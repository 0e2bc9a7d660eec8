import { canonicalPlanJson, defaultInterventions, dimensionLabels, type PlanContent, type ProgressRating } from '@openiop/core';
import type { Db } from '../db/database';
import {
  episodes as episodesTable,
  interventions,
  planProgress,
  treatmentPlanSignatures,
  treatmentPlanVersions,
  treatmentPlans,
} from '../db/schema/index';
import { sha256 } from '../platform/crypto';
import { Rng } from './random';

type EpisodeRow = typeof episodesTable.$inferInsert;

const GOALS: { problem: 3 | 5 | 6; statement: string; goal: string; objective: string; keys: string[] }[] = [
  {
    problem: 5,
    statement: 'Returns to use under stress, especially evenings alone',
    goal: 'I want to get through the evenings without drinking',
    objective: 'Use one coping skill from group on 5 of 7 evenings, logged in the daily check-in',
    keys: ['cbt', 'peer_mentoring'],
  },
  {
    problem: 3,
    statement: 'Anxiety and low mood that make cravings worse',
    goal: 'I want to feel calm enough to sleep and go to work',
    objective: 'Practise a breathing or grounding skill daily; GAD-7 below 10',
    keys: ['dbt_skills', 'mindfulness'],
  },
  {
    problem: 6,
    statement: 'Money and work stress at home',
    goal: 'I want to keep my job and stop falling behind on rent',
    objective: 'Make a monthly budget with my peer mentor and keep to it for 4 weeks',
    keys: ['life_budgeting', 'life_job_readiness'],
  },
  {
    problem: 5,
    statement: 'Opioid cravings after stopping use',
    goal: 'I want to stay off opioids for my kids',
    objective: 'Take buprenorphine as prescribed and attend every medication review',
    keys: ['mat', 'mi'],
  },
];

/**
 * Treatment plans for the demo's first admitted patients, each a different moment of the workflow: signed and
 * current, signed with an overdue review, awaiting the person's signature, a signed plan with a second version in
 * draft (so there is a diff), due for review soon, and a fresh draft. Its own generator keeps other draws stable.
 */
export async function seedPlanDemo(
  tx: Db,
  opts: { organizationId: string; now: Date; seed: number; episodes: EpisodeRow[]; fallbackClinician: string; names: Map<string, string> },
) {
  const rng = new Rng(opts.seed + 7);
  const org = opts.organizationId;
  const catalogue = defaultInterventions.map((d) => ({
    id: rng.uuid(),
    organizationId: org,
    ...d,
    createdAt: opts.now,
    updatedAt: opts.now,
  }));
  await tx.insert(interventions).values(catalogue);
  const byKey = new Map(catalogue.map((c) => [c.key, c]));
  const day = 86_400_000;
  const active = opts.episodes
    .filter((e) => e.status === 'active' && e.admittedOn && e.id)
    .sort((a, b) => String(a.admittedOn).localeCompare(String(b.admittedOn)))
    .slice(0, 6);
  // The oldest admissions get the oldest plans (an overdue review needs a plan signed over 30 days ago).
  // Ordered by how long ago each was signed, so the longest-admitted people get the oldest plans.
  const situations = ['overdue', 'due_soon', 'revised', 'signed', 'awaiting_person', 'draft'] as const;
  const plans: (typeof treatmentPlans.$inferInsert)[] = [];
  const versions: (typeof treatmentPlanVersions.$inferInsert)[] = [];
  const sigs: (typeof treatmentPlanSignatures.$inferInsert)[] = [];
  const progress: (typeof planProgress.$inferInsert)[] = [];
  active.forEach((e, i) => {
    const situation = situations[i] ?? 'draft';
    const clinician = e.primaryClinicianId ?? opts.fallbackClinician;
    const admitted = new Date(`${e.admittedOn}T18:00:00Z`).getTime();
    const ago = { overdue: 38, signed: 6, awaiting_person: 2, revised: 12, due_soon: 26, draft: 1 }[situation];
    const lockedAt = new Date(Math.max(admitted + day, opts.now.getTime() - ago * day));
    const picks = [GOALS[i % GOALS.length], GOALS[(i + 1) % GOALS.length]].filter((g) => g !== undefined);
    const target = new Date(lockedAt.getTime() + 45 * day).toISOString().slice(0, 10);
    const content: PlanContent = {
      problems: picks.map((g) => ({
        id: rng.uuid(),
        source: 'dimension',
        dimension: g.problem,
        diagnosisId: null,
        statement: `${dimensionLabels[g.problem]}: ${g.statement.toLowerCase()}`,
        goals: [
          {
            id: rng.uuid(),
            text: g.goal,
            objectives: [{ id: rng.uuid(), text: g.objective, targetDate: target }],
            interventions: g.keys.map((k) => {
              const c = byKey.get(k);
              return {
                id: rng.uuid(),
                interventionId: c?.id ?? '',
                name: c?.name ?? k,
                delivererRole: c?.defaultDelivererRole ?? 'clinician',
                delivererUserId: null,
                delivererName: null,
                frequency: c?.defaultFrequency ?? 'Weekly',
              };
            }),
          },
        ],
      })),
    };
    const hash = sha256(canonicalPlanJson(content));
    const planId = rng.uuid();
    const createdAt = new Date(lockedAt.getTime() - 3600_000);
    plans.push({
      id: planId,
      organizationId: org,
      patientId: e.patientId,
      episodeId: e.id as string,
      createdBy: clinician,
      createdAt,
      updatedAt: lockedAt,
    });
    const v1 = rng.uuid();
    const locked = situation !== 'awaiting_person' && situation !== 'draft';
    versions.push({
      id: v1,
      organizationId: org,
      planId,
      patientId: e.patientId,
      number: 1,
      status: locked ? 'signed' : situation === 'awaiting_person' ? 'signing' : 'draft',
      content,
      contentHash: hash,
      levelOfCareAtSigning: locked ? e.levelOfCare : null,
      lockedAt: locked ? lockedAt : null,
      createdBy: clinician,
      version: locked ? 4 : 2,
      createdAt,
      updatedAt: lockedAt,
    });
    if (situation !== 'draft')
      sigs.push({
        organizationId: org,
        versionId: v1,
        signer: 'clinician',
        method: 'staff',
        name: opts.names.get(clinician) ?? 'Primary clinician',
        userId: clinician,
        contentHash: hash,
        signedAt: lockedAt,
      });
    if (locked)
      sigs.push({
        organizationId: org,
        versionId: v1,
        signer: 'person',
        method: i % 2 === 0 ? 'link' : 'tablet',
        name: opts.names.get(e.patientId) ?? 'The person',
        userId: null,
        contentHash: hash,
        signedAt: new Date(lockedAt.getTime() - 600_000),
      });
    if (situation === 'revised') {
      const next = structuredClone(content);
      const g = next.problems[0]?.goals[0];
      if (g) g.objectives.push({ id: rng.uuid(), text: 'Call my sponsor before 8 pm on weekend evenings', targetDate: target });
      versions.push({
        id: rng.uuid(),
        organizationId: org,
        planId,
        patientId: e.patientId,
        number: 2,
        content: next,
        contentHash: sha256(canonicalPlanJson(next)),
        createdBy: clinician,
        version: 2,
        createdAt: new Date(opts.now.getTime() - day),
        updatedAt: new Date(opts.now.getTime() - day),
      });
    }
    if (locked) {
      const ratings: ProgressRating[] = ['not_started', 'in_progress', situation === 'overdue' ? 'met' : 'in_progress'];
      ratings.forEach((rating, k) => {
        const goal = content.problems[0]?.goals[0];
        if (!goal) return;
        progress.push({
          organizationId: org,
          planId,
          patientId: e.patientId,
          targetKind: k === 2 ? 'objective' : 'goal',
          targetId: k === 2 ? (goal.objectives[0]?.id ?? goal.id) : goal.id,
          rating,
          note:
            ['Plan agreed in session.', 'Using the skill most evenings; two hard nights.', 'Logged 6 of 7 evenings this week.'][k] ?? null,
          recordedBy: clinician,
          recordedAt: new Date(
            lockedAt.getTime() + (k + 1) * 3 * day > opts.now.getTime()
              ? opts.now.getTime() - (3 - k) * 3600_000
              : lockedAt.getTime() + (k + 1) * 3 * day,
          ),
        });
      });
    }
  });
  if (!plans.length) return;
  await tx.insert(treatmentPlans).values(plans);
  await tx.insert(treatmentPlanVersions).values(versions);
  if (sigs.length) await tx.insert(treatmentPlanSignatures).values(sigs);
  if (progress.length) await tx.insert(planProgress).values(progress);
}
