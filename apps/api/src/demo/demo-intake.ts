import {
  defaultRuleSet,
  dimensions,
  finaliseAssessment,
  type AssessmentRatings,
  type IntakeDocument,
  type LevelOfCare,
  type PlacementFlag,
} from '@openiop/core';
import type { Db } from '../db/database';
import { dimensionalAssessments, type episodes, intakes } from '../db/schema/index';
import { Rng } from './random';

/** Synthetic intake stories; none describes a real person. */
const PROFILES: { substance: string; route: 'oral' | 'smoked' | 'intranasal' | 'injected'; first: number; reason: string; goal: string }[] =
  [
    {
      substance: 'Alcohol',
      route: 'oral',
      first: 15,
      reason: 'Daily drinking after a divorce; missed work twice this month',
      goal: 'Stop drinking and keep my job',
    },
    {
      substance: 'Fentanyl',
      route: 'smoked',
      first: 22,
      reason: 'Started buprenorphine last week; wants structure to stay on it',
      goal: 'Stay on medication and rebuild trust with family',
    },
    {
      substance: 'Methamphetamine',
      route: 'smoked',
      first: 19,
      reason: 'Paranoia and no sleep after weekend use; referred by primary care',
      goal: 'Sleep again and get back to school',
    },
    {
      substance: 'Cannabis',
      route: 'smoked',
      first: 14,
      reason: 'Using all day; anxiety worse; court asked for treatment',
      goal: 'Cut down and finish probation',
    },
    {
      substance: 'Cocaine',
      route: 'intranasal',
      first: 24,
      reason: 'Weekend binges spilling into the week; debt',
      goal: 'Stop using and pay off what I owe',
    },
    {
      substance: 'Alcohol',
      route: 'oral',
      first: 17,
      reason: 'Drinking to sleep since a back injury; spouse worried',
      goal: 'Find other ways to manage pain and sleep',
    },
  ];

/** Ratings that lead the default rules to each level (dimensions 1–6), for believable recommendations. */
const RATINGS_FOR: Partial<Record<LevelOfCare, number[]>> = {
  '1.0': [0, 1, 1, 1, 1, 1],
  '2.1': [1, 1, 2, 2, 2, 1],
  '2.5': [1, 1, 3, 2, 2, 1],
};

const EVIDENCE = [
  'No withdrawal signs at intake; last use four days ago.',
  'No acute medical issues; blood pressure checked by nursing.',
  'PHQ-9 in the moderate range; no thoughts of self-harm reported.',
  'Ambivalent but attending; wants help with cravings.',
  'Cravings most evenings; has relapsed after past treatment.',
  'Lives with a supportive sister; one drinking friend nearby.',
];

function documentFor(rng: Rng, profileIndex: number, lastUse: string, complete: boolean): IntakeDocument {
  const p = PROFILES[profileIndex % PROFILES.length] ?? PROFILES[0]!;
  const doc: IntakeDocument = {
    presentingProblem: { reasonForSeeking: p.reason, ownGoals: p.goal },
    substanceUse: {
      substances: [
        {
          substance: p.substance,
          ageAtFirstUse: p.first,
          frequency: rng.pick(['daily', 'several_weekly', 'several_daily'] as const),
          route: p.route,
          amount: p.substance === 'Alcohol' ? `${rng.int(5, 12)} drinks` : 'Varies',
          lastUse,
          longestAbstinence: `${rng.int(1, 11)} months`,
        },
        ...(rng.chance(0.5)
          ? [{ substance: 'Nicotine', ageAtFirstUse: 16, frequency: 'daily' as const, route: 'smoked' as const, lastUse }]
          : []),
      ],
    },
    priorTreatment: rng.chance(0.5) ? { any: 'yes', details: 'Outpatient counselling two years ago; completed 8 weeks' } : { any: 'no' },
    mentalHealth: { history: rng.pick(['Depression since teens', 'Anxiety; panic attacks when using', 'No prior diagnosis']) },
  };
  if (!complete) return doc;
  return {
    ...doc,
    medical: { conditions: rng.pick(['None known', 'Hypertension', 'Chronic low back pain', 'Hepatitis C, treated']) },
    medications: rng.chance(0.5) ? { none: true } : { none: false, list: 'Sertraline 50 mg daily' },
    allergies: rng.chance(0.7) ? { none: true } : { none: false, list: 'Penicillin (rash)' },
    legal: rng.chance(0.25) ? { involvement: 'yes', details: 'On probation for a DUI; check-ins monthly' } : { involvement: 'no' },
    employmentEducation: { status: rng.pick(['Employed full time', 'Part-time student', 'Looking for work', 'Employed, on leave']) },
    familySocial: { supports: rng.pick(['Sister and two close friends', 'Partner; parents nearby', 'Church group; sponsor from AA']) },
    housing: { situation: 'stable', details: 'Rents with a partner; no alcohol kept at home' },
    trauma: { discussed: rng.pick(['yes', 'no', 'declined'] as const), notes: null },
    strengths: {
      strengths: rng.pick(['Funny, persistent, good with people', 'Steady work history; loves their kids', 'Honest about use; curious']),
    },
    summary: {
      clinicianSummary: 'Substance use disorder with co-occurring mood symptoms; motivated for IOP with weekly individual sessions.',
    },
  };
}

function ratingsOf(values: number[], withEvidence: boolean): AssessmentRatings {
  const out: AssessmentRatings = {};
  for (const d of dimensions) {
    const v = values[d - 1];
    out[d] = {
      rating: v ?? null,
      evidence: withEvidence && v !== undefined ? (EVIDENCE[d - 1] ?? null) : null,
      instrumentAdministrationIds: [],
    };
  }
  return out;
}

/**
 * Signed intakes and finalised assessments for a handful of active patients, drafts for a couple of pending ones.
 * Uses its own seeded generator so adding it does not shift the rest of the demo's random draws.
 */
export async function seedIntakeDemo(
  tx: Db,
  opts: { organizationId: string; now: Date; episodes: (typeof episodes.$inferInsert)[]; medicalId: string; seed: number },
): Promise<void> {
  // Its own generator, seeded from the demo's seed: the other parts' draws stay as they were, and two demo
  // programs with different seeds in one database never draw the same record ids.
  const rng = new Rng(opts.seed + 1);
  const active = opts.episodes.filter((e) => e.status === 'active' && e.admittedOn && RATINGS_FOR[e.levelOfCare]).slice(0, 6);
  const firstIop = active.find((e) => e.levelOfCare === '2.1');
  const pending = opts.episodes.filter((e) => e.status === 'pending').slice(0, 2);
  const iRows: (typeof intakes.$inferInsert)[] = [];
  const aRows: (typeof dimensionalAssessments.$inferInsert)[] = [];
  active.forEach((e, i) => {
    const clinician = e.primaryClinicianId ?? opts.medicalId;
    const signedAt = new Date(`${e.admittedOn}T17:30:00Z`);
    signedAt.setUTCDate(signedAt.getUTCDate() - 2);
    const lastUse = new Date(signedAt.getTime() - rng.int(2, 9) * 86_400_000).toISOString().slice(0, 10);
    iRows.push({
      id: rng.uuid(),
      organizationId: opts.organizationId,
      patientId: e.patientId,
      episodeId: e.id ?? null,
      status: 'signed',
      document: documentFor(rng, i, lastUse, true),
      createdBy: clinician,
      signedBy: clinician,
      signedAt,
      version: 3,
      createdAt: new Date(signedAt.getTime() - 90 * 60_000),
      updatedAt: signedAt,
    });
    // One placement where the team chose IOP over the recommended residential care, with the reason recorded.
    const differ = e === firstIop;
    const values = differ ? [1, 1, 2, 2, 2, 4] : (RATINGS_FOR[e.levelOfCare] ?? [0, 0, 0, 0, 0, 0]);
    const flags: PlacementFlag[] = differ ? ['unsafeHousing'] : [];
    const ratings = ratingsOf(values, true);
    const decided = finaliseAssessment(defaultRuleSet, ratings, flags, {
      chosenLevel: e.levelOfCare,
      differenceReason: differ
        ? 'A recovery-housing bed opened this week; the person keeps their job by attending the evening IOP track.'
        : null,
    });
    if ('errors' in decided) throw new Error('demo assessment does not finalise');
    const finalisedAt = new Date(signedAt.getTime() + 30 * 60_000);
    aRows.push({
      id: rng.uuid(),
      organizationId: opts.organizationId,
      patientId: e.patientId,
      episodeId: e.id ?? null,
      status: 'final',
      ratings,
      flags,
      ratedBy: clinician,
      ratedAt: finalisedAt,
      recommendedLevel: decided.recommendation.level,
      chosenLevel: decided.chosenLevel,
      withdrawalManagement: decided.recommendation.withdrawalManagement,
      differenceReason: decided.differenceReason,
      ruleSetId: decided.recommendation.ruleSetId,
      ruleSetVersion: decided.recommendation.ruleSetVersion,
      editionLabel: decided.recommendation.editionLabel,
      recommendation: decided.recommendation,
      finalisedBy: clinician,
      finalisedAt,
      version: 3,
      createdAt: signedAt,
      updatedAt: finalisedAt,
    });
  });
  pending.forEach((e, i) => {
    const clinician = e.primaryClinicianId ?? opts.medicalId;
    const started = new Date(opts.now.getTime() - (i + 1) * 86_400_000);
    iRows.push({
      id: rng.uuid(),
      organizationId: opts.organizationId,
      patientId: e.patientId,
      episodeId: e.id ?? null,
      status: 'draft',
      document: documentFor(rng, i + 2, started.toISOString().slice(0, 10), false),
      createdBy: clinician,
      createdAt: started,
      updatedAt: started,
    });
    aRows.push({
      id: rng.uuid(),
      organizationId: opts.organizationId,
      patientId: e.patientId,
      episodeId: e.id ?? null,
      status: 'draft',
      ratings: ratingsOf([2, 0, 2], true),
      flags: [],
      ratedBy: clinician,
      ratedAt: started,
      createdAt: started,
      updatedAt: started,
    });
  });
  if (iRows.length) await tx.insert(intakes).values(iRows);
  if (aRows.length) await tx.insert(dimensionalAssessments).values(aRows);
}
