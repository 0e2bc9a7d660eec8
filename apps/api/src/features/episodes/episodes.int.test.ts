import { describe, expect, it } from 'vitest';
import { buildTestApp, setupOrg } from '../../../test/harness';

const t = await buildTestApp();

describe('episodes of care', () => {
  it('admits a pending episode and later discharges it; the patient follows', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const admissions = await org.as('admissions');
    const opened = await admissions.post(`/api/v1/patients/${p.id}/episodes`, { levelOfCare: '2.1', locationId: org.locations.main });
    expect(opened.statusCode).toBe(201);
    const ep = opened.json();
    expect(ep).toMatchObject({ status: 'pending', admittedOn: null, plannedWeeks: 10 });

    const url = `/api/v1/patients/${p.id}/episodes/${ep.id}`;
    const admitted = await admissions.patch(
      url,
      { status: 'active', admittedOn: '2026-11-16', primaryClinicianId: org.users.clinician.id },
      { 'if-match': `"${ep.version}"` },
    );
    expect(admitted.statusCode).toBe(200);
    expect(admitted.json()).toMatchObject({ status: 'active', admittedOn: '2026-11-16' });
    // Admitted patients leave admissions' pre-admission scope.
    expect((await admissions.get(`/api/v1/patients/${p.id}`)).statusCode).toBe(404);

    const director = await org.as('director');
    const early = await director.patch(
      url,
      { status: 'discharged', dischargedOn: '2026-11-15' },
      { 'if-match': admitted.headers.etag as string },
    );
    expect(early.statusCode).toBe(400);
    expect(early.json().errors).toEqual([{ path: 'dischargedOn', message: 'cannot be before the admission date' }]);
    const stale = await director.patch(url, { levelOfCare: '1.0' }, { 'if-match': `"${ep.version}"` });
    expect(stale.statusCode).toBe(412);

    const done = await director.patch(
      url,
      { status: 'discharged', dischargedOn: '2026-11-16' },
      { 'if-match': admitted.headers.etag as string },
    );
    expect(done.statusCode).toBe(200);
    expect((await director.get(`/api/v1/patients/${p.id}`)).json().careStatus).toBe('discharged');
    const reopen = await director.patch(url, { status: 'active' }, { 'if-match': done.headers.etag as string });
    expect(reopen.statusCode).toBe(400);
    // A new episode may open once the last one is discharged.
    expect(
      (await director.post(`/api/v1/patients/${p.id}/episodes`, { levelOfCare: '1.0', locationId: org.locations.main })).statusCode,
    ).toBe(201);
  });

  it('refuses an admission date in the clinic-local future', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const director = await org.as('director');
    // The test clock is 2026-11-16 07:00 in Los Angeles.
    const res = await director.post(`/api/v1/patients/${p.id}/episodes`, {
      levelOfCare: '2.1',
      locationId: org.locations.main,
      status: 'active',
      admittedOn: '2026-11-17',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('admittedOn');
  });

  it('peers and billing cannot change episodes (403 on a patient they can see)', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    for (const role of ['peer', 'billing'] as const) {
      const agent = await org.as(role);
      expect(
        (await agent.post(`/api/v1/patients/${p.id}/episodes`, { levelOfCare: '2.1', locationId: org.locations.main })).statusCode,
      ).toBe(403);
    }
  });
});
