import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@openiop/core';
import { buildTestApp, setupOrg, type Agent, type TestOrg } from '../../../test/harness';
import { admitPatient, assignCaseload, missingId } from '../../../test/fixtures';

const t = await buildTestApp();

const ROLES: Role[] = ['admin', 'director', 'clinician', 'medical', 'admissions', 'billing', 'peer'];

/**
 * The patients each role is shown. `ownLocation` and `otherLocation` are pre-admission records at the main and the
 * other clinic; `admitted` is at the main clinic with an active episode. Every user in the test org works at the
 * main clinic. A patient of another organization and an id that does not exist are never shown to anyone.
 */
const SEES: Record<Role, Record<'ownLocation' | 'otherLocation' | 'admitted', boolean>> = {
  admin: { ownLocation: true, otherLocation: true, admitted: true },
  director: { ownLocation: true, otherLocation: true, admitted: true },
  billing: { ownLocation: true, otherLocation: true, admitted: true },
  clinician: { ownLocation: true, otherLocation: false, admitted: true },
  medical: { ownLocation: true, otherLocation: false, admitted: true },
  peer: { ownLocation: true, otherLocation: false, admitted: true },
  admissions: { ownLocation: true, otherLocation: true, admitted: false },
};

type Column = 'ownLocation' | 'otherLocation' | 'admitted' | 'otherOrg' | 'missing';
const COLUMNS: Column[] = ['ownLocation', 'otherLocation', 'admitted', 'otherOrg', 'missing'];
type Patients = Record<Column, string>;

const visible = (role: Role, c: Column): boolean => (c === 'otherOrg' || c === 'missing' ? false : SEES[role][c]);

interface Endpoint {
  name: string;
  /** Roles whose permissions allow the action on a patient they can see. */
  allowed: readonly Role[];
  /** The answer when allowed and visible (an admitted patient already has an open episode, hence 409 there). */
  ok: (c: Column) => number;
  call(agent: Agent, patientId: string, org: TestOrg): Promise<LightMyRequestResponse>;
}

const versionOf = async (id: string): Promise<number> =>
  (await t.database.query<{ version: number }>(sql`select version from patients where id = ${id}::uuid`))[0]?.version ?? 1;

const READS: Endpoint[] = [
  { name: 'GET /patients/:id', allowed: ROLES, ok: () => 200, call: (a, id) => a.get(`/api/v1/patients/${id}`) },
  { name: 'GET /patients/:id/chart', allowed: ROLES, ok: () => 200, call: (a, id) => a.get(`/api/v1/patients/${id}/chart`) },
  { name: 'GET /patients/:id/episodes', allowed: ROLES, ok: () => 200, call: (a, id) => a.get(`/api/v1/patients/${id}/episodes`) },
  { name: 'GET /patients/:id/caseload', allowed: ROLES, ok: () => 200, call: (a, id) => a.get(`/api/v1/patients/${id}/caseload`) },
];

const WRITES: Endpoint[] = [
  {
    name: 'PATCH /patients/:id',
    allowed: ['admin', 'director', 'clinician', 'medical', 'admissions'],
    ok: () => 200,
    call: async (a, id) => a.patch(`/api/v1/patients/${id}`, { pronouns: 'they/them' }, { 'if-match': `"${await versionOf(id)}"` }),
  },
  {
    name: 'POST /patients/:id/episodes',
    allowed: ['admin', 'director', 'clinician', 'admissions'],
    ok: (c) => (c === 'admitted' ? 409 : 201),
    call: (a, id, org) => a.post(`/api/v1/patients/${id}/episodes`, { levelOfCare: '2.1', locationId: org.locations.main }),
  },
  {
    name: 'POST /patients/:id/caseload',
    allowed: ['admin', 'director'],
    ok: () => 201,
    call: (a, id, org) => a.post(`/api/v1/patients/${id}/caseload`, { userId: org.users.peer.id }),
  },
];

function expected(role: Role, e: Endpoint, c: Column): number {
  if (!e.allowed.includes(role)) return 403;
  return visible(role, c) ? e.ok(c) : 404;
}

async function makePatients(org: TestOrg, otherOrg: TestOrg): Promise<Patients> {
  const ownLocation = await org.patient();
  const otherLocation = await org.patient({ locationId: org.locations.other });
  const admitted = await org.patient();
  await admitPatient(org, admitted.id);
  const foreign = await otherOrg.patient();
  return {
    ownLocation: ownLocation.id,
    otherLocation: otherLocation.id,
    admitted: admitted.id,
    otherOrg: foreign.id,
    missing: missingId(),
  };
}

/**
 * Runs one endpoint against every column and checks both the statuses and that whatever is not shown is answered
 * exactly like an id that does not exist, so no response tells "not yours" from "no such patient".
 */
async function checkRow(agent: Agent, role: Role, e: Endpoint, org: TestOrg, patients: Patients): Promise<void> {
  const got: Record<string, number> = {};
  const bodies: Record<string, unknown> = {};
  for (const c of COLUMNS) {
    const res = await e.call(agent, patients[c], org);
    got[c] = res.statusCode;
    bodies[c] = res.statusCode >= 400 ? res.json() : null;
    if (res.statusCode >= 400) expect(res.headers['content-type'], `${role} ${e.name} ${c}`).toContain('application/problem+json');
  }
  const want = Object.fromEntries(COLUMNS.map((c) => [c, expected(role, e, c)]));
  expect(got, `${role} ${e.name}`).toEqual(want);
  for (const c of COLUMNS) {
    if (!visible(role, c)) expect(bodies[c], `${role} ${e.name}: ${c} answers like a missing id`).toEqual(bodies.missing);
  }
}

describe('patient authorization matrix', () => {
  let org: TestOrg;
  let otherOrg: TestOrg;
  let readPatients: Patients;

  beforeAll(async () => {
    org = await setupOrg(t);
    otherOrg = await setupOrg(t);
    readPatients = await makePatients(org, otherOrg);
  });

  describe.each(ROLES)('%s', (role) => {
    it('lists exactly the patients the role may see', async () => {
      const res = await (await org.as(role)).get('/api/v1/patients?limit=200');
      expect(res.statusCode).toBe(200);
      const ids = new Set((res.json().items as { id: string }[]).map((i) => i.id));
      const shown = Object.fromEntries(COLUMNS.map((c) => [c, ids.has(readPatients[c])]));
      expect(shown).toEqual(Object.fromEntries(COLUMNS.map((c) => [c, visible(role, c)])));
    });

    it.each(READS.map((e) => [e.name, e] as const))('%s', async (_name, e) => {
      await checkRow(await org.as(role), role, e, org, readPatients);
    });

    it.each(WRITES.map((e) => [e.name, e] as const))('%s', async (_name, e) => {
      // Writes change the record, so each row gets patients of its own.
      const patients = await makePatients(org, otherOrg);
      await checkRow(await org.as(role), role, e, org, patients);
    });
  });

  it('a refused write leaves the record as it was', async () => {
    const p = await org.patient({ pronouns: 'she/her' });
    const billing = await org.as('billing');
    expect((await billing.patch(`/api/v1/patients/${p.id}`, { pronouns: 'he/him' }, { 'if-match': '"1"' })).statusCode).toBe(403);
    const other = await org.as('otherClinician');
    expect((await other.patch(`/api/v1/patients/${p.id}`, { pronouns: 'he/him' }, { 'if-match': '"1"' })).statusCode).toBe(404);
    expect(
      (await other.post(`/api/v1/patients/${p.id}/episodes`, { levelOfCare: '2.1', locationId: org.locations.other })).statusCode,
    ).toBe(404);
    const after = (await (await org.as('admin')).get(`/api/v1/patients/${p.id}`)).json();
    expect(after).toMatchObject({ pronouns: 'she/her', version: 1, careStatus: 'pre_admission' });
  });

  it('the clinician at the other location sees that location and not the main one', async () => {
    const other = await org.as('otherClinician');
    expect((await other.get(`/api/v1/patients/${readPatients.otherLocation}/chart`)).statusCode).toBe(200);
    expect((await other.get(`/api/v1/patients/${readPatients.ownLocation}/chart`)).statusCode).toBe(404);
  });
});

/** Caseload mode: clinicians, medical staff and peers see only the patients assigned to them, at any location. */
const SEES_CASELOAD: Record<Role, Record<'assigned' | 'unassigned' | 'assignedElsewhere' | 'admittedAssigned', boolean>> = {
  admin: { assigned: true, unassigned: true, assignedElsewhere: true, admittedAssigned: true },
  director: { assigned: true, unassigned: true, assignedElsewhere: true, admittedAssigned: true },
  billing: { assigned: true, unassigned: true, assignedElsewhere: true, admittedAssigned: true },
  clinician: { assigned: true, unassigned: false, assignedElsewhere: true, admittedAssigned: true },
  medical: { assigned: true, unassigned: false, assignedElsewhere: true, admittedAssigned: true },
  peer: { assigned: true, unassigned: false, assignedElsewhere: true, admittedAssigned: true },
  admissions: { assigned: true, unassigned: true, assignedElsewhere: true, admittedAssigned: false },
};

describe('patient authorization in caseload-only mode', () => {
  let org: TestOrg;
  let patients: Record<keyof (typeof SEES_CASELOAD)['admin'], string>;

  beforeAll(async () => {
    org = await setupOrg(t, { caseloadOnly: true });
    const assigned = await org.patient();
    const unassigned = await org.patient();
    const assignedElsewhere = await org.patient({ locationId: org.locations.other });
    const admittedAssigned = await org.patient();
    await admitPatient(org, admittedAssigned.id);
    for (const p of [assigned, assignedElsewhere, admittedAssigned]) {
      for (const who of ['clinician', 'medical', 'peer'] as const) await assignCaseload(org, p.id, org.users[who].id);
    }
    patients = {
      assigned: assigned.id,
      unassigned: unassigned.id,
      assignedElsewhere: assignedElsewhere.id,
      admittedAssigned: admittedAssigned.id,
    };
  });

  it.each(ROLES)('%s sees exactly their caseload (or their usual scope)', async (role) => {
    const agent = await org.as(role);
    const want = SEES_CASELOAD[role];
    const listed = new Set(((await agent.get('/api/v1/patients?limit=200')).json().items as { id: string }[]).map((i) => i.id));
    const got: Record<string, unknown> = {};
    for (const [k, id] of Object.entries(patients)) {
      got[k] = {
        listed: listed.has(id),
        get: (await agent.get(`/api/v1/patients/${id}`)).statusCode,
        chart: (await agent.get(`/api/v1/patients/${id}/chart`)).statusCode,
        episodes: (await agent.get(`/api/v1/patients/${id}/episodes`)).statusCode,
      };
    }
    const expectRow = (sees: boolean) => ({ listed: sees, get: sees ? 200 : 404, chart: sees ? 200 : 404, episodes: sees ? 200 : 404 });
    expect(got).toEqual(Object.fromEntries(Object.entries(want).map(([k, sees]) => [k, expectRow(sees)])));
  });

  it('assigning a patient opens the chart to the clinician; ending the assignment closes it again', async () => {
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const url = `/api/v1/patients/${p.id}/chart`;
    expect((await clinician.get(url)).statusCode).toBe(404);
    await assignCaseload(org, p.id, org.users.clinician.id);
    expect((await clinician.get(url)).statusCode).toBe(200);
    const director = await org.as('director');
    expect((await director.delete(`/api/v1/patients/${p.id}/caseload/${org.users.clinician.id}`)).statusCode).toBe(204);
    expect((await clinician.get(url)).statusCode).toBe(404);
  });

  it('the caseload decides, not the location: the same-location clinician cannot open an unassigned patient', async () => {
    const clinician = await org.as('clinician');
    const res = await clinician.get(`/api/v1/patients/${patients.unassigned}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});
