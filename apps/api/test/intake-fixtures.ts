import { expect } from 'vitest';
import type { IntakeDocument } from '@openiop/core';
import { PASSWORD, type Agent } from './harness';

/** A biopsychosocial intake with every section answered (synthetic). */
export const completeIntake: IntakeDocument = {
  presentingProblem: { reasonForSeeking: 'Drinking every day since a job loss', ownGoals: 'Stop drinking and be present for my kids' },
  substanceUse: {
    substances: [
      {
        substance: 'Alcohol',
        ageAtFirstUse: 15,
        frequency: 'daily',
        route: 'oral',
        amount: 'About 8 drinks',
        lastUse: '2026-11-14',
        longestAbstinence: '4 months in 2022',
      },
      { substance: 'Cannabis', ageAtFirstUse: 17, frequency: 'weekly', route: 'smoked', lastUse: '2026-11-10' },
    ],
  },
  priorTreatment: { any: 'yes', details: 'Outpatient counselling in 2022' },
  mentalHealth: { history: 'Depressed mood for two years', currentSymptoms: 'Poor sleep' },
  medical: { conditions: 'Raised blood pressure' },
  medications: { none: false, list: 'Lisinopril 10 mg daily' },
  allergies: { none: true },
  legal: { involvement: 'no' },
  employmentEducation: { status: 'Unemployed since August' },
  familySocial: { supports: 'Sister nearby; AA sponsor from 2022' },
  housing: { situation: 'stable', details: 'Rents an apartment' },
  trauma: { discussed: 'declined' },
  strengths: { strengths: 'Honest about use; strong bond with children' },
  summary: { clinicianSummary: 'Alcohol use, moderate to severe; motivated; IOP with medical follow-up.' },
};

/** Starts an intake with the complete document and signs it; returns its id. */
export async function seedSignedIntake(agent: Agent, patientId: string, episodeId?: string): Promise<string> {
  const base = `/api/v1/patients/${patientId}/intakes`;
  const created = await agent.post(base, { document: completeIntake, ...(episodeId ? { episodeId } : {}) });
  expect(created.statusCode, created.body).toBe(201);
  const signed = await agent.post(
    `${base}/${created.json().id}/sign`,
    { password: PASSWORD },
    { 'if-match': created.headers.etag as string },
  );
  expect(signed.statusCode, signed.body).toBe(200);
  return created.json().id as string;
}
