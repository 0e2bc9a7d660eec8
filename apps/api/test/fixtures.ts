import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestOrg } from './harness';

/** Opens an active episode, which admits the patient (care status `active`). */
export async function admitPatient(org: TestOrg, patientId: string, locationId = org.locations.main): Promise<void> {
  const director = await org.as('director');
  const res = await director.post(`/api/v1/patients/${patientId}/episodes`, {
    levelOfCare: '2.1',
    locationId,
    status: 'active',
    admittedOn: '2026-11-02',
  });
  expect(res.statusCode, res.body).toBe(201);
}

/** Puts a staff member on a patient's caseload. */
export async function assignCaseload(org: TestOrg, patientId: string, userId: string): Promise<void> {
  const director = await org.as('director');
  const res = await director.post(`/api/v1/patients/${patientId}/caseload`, { userId });
  expect(res.statusCode, res.body).toBe(201);
}

/** An id no record has, to compare "not yours" with "does not exist". */
export const missingId = (): string => randomUUID();
