import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, tasks } from '../../db/schema/index';
import { buildTestApp, setupOrg } from '../../../test/harness';
import { orgSnapshot } from '../../../test/db-state';

const t = await buildTestApp();
// The harness clock: Monday 2026-11-16, 07:00 in Portland (the main clinic).
const TODAY = '2026-11-16';
const CAUSE = 'Slurred speech and smelled of alcohol at morning group.';

describe('drug-test selections made and settled by hand', () => {
  it('selects a person for cause, lists it, and records it refused, excused or back to pending (If-Match)', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const peer = await org.as('peer');
    const base = `/api/v1/patients/${p.id}/drug-tests/selections`;

    const created = await clinician.post(base, { day: TODAY, cause: `  ${CAUSE}  ` });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const sel = created.json();
    expect(sel).toMatchObject({ day: TODAY, reason: 'for_cause', status: 'pending', cause: CAUSE, note: null, collectionId: null });
    expect(sel.patient).toMatchObject({ id: p.id, mrn: p.mrn });
    // The event says a cause was given, never what it is.
    const events = await t.database.db
      .select({ details: auditEvents.details, patientId: auditEvents.patientId })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, 'drug_test_selection.create')));
    expect(events).toEqual([{ patientId: p.id, details: { day: TODAY, reason: 'for_cause' } }]);

    // One selection per person per day; bad days name the field; nothing is written.
    const before = await orgSnapshot(t.database, org.id);
    const twice = await clinician.post(base, { day: TODAY, cause: 'Again' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().errors).toEqual([{ path: 'day', message: 'already has a selection for this person' }]);
    expect((await clinician.post(base, { day: '2026-11-15', cause: CAUSE })).json().errors).toEqual([
      { path: 'day', message: 'must be today or later in the clinic' },
    ]);
    expect((await clinician.post(base, { day: '2026-12-01', cause: CAUSE })).json().errors).toEqual([
      { path: 'day', message: 'must be within 14 days of today' },
    ]);
    const noCause = await clinician.post(base, { day: '2026-11-17', cause: '   ' });
    expect(noCause.statusCode).toBe(400);
    expect(noCause.json().errors.map((e: { path: string }) => e.path)).toEqual(['cause']);
    expect(await orgSnapshot(t.database, org.id)).toEqual(before);

    // It is on the location's list for the day and in the person's history.
    const list = await peer.get(`/api/v1/locations/${org.locations.main}/drug-tests/selections?day=${TODAY}`);
    expect(list.json().items).toEqual([expect.objectContaining({ id: sel.id, reason: 'for_cause', cause: CAUSE })]);
    const history = await clinician.get(`/api/v1/patients/${p.id}/drug-tests`);
    expect(history.json().selections).toEqual([expect.objectContaining({ id: sel.id, status: 'pending' })]);

    // Settled by hand, with If-Match; excused needs why; pending clears the note.
    const url = `${base}/${sel.id}`;
    expect((await peer.patch(url, { status: 'refused' })).statusCode).toBe(428);
    const refused = await peer.patch(url, { status: 'refused', note: 'Declined to give a sample.' }, { 'if-match': '"1"' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.headers.etag).toBe('"2"');
    expect(refused.json()).toMatchObject({ status: 'refused', note: 'Declined to give a sample.' });
    expect((await peer.patch(url, { status: 'missed' }, { 'if-match': '"1"' })).statusCode).toBe(412);
    const unexcused = await peer.patch(url, { status: 'excused', note: ' ' }, { 'if-match': '"2"' });
    expect(unexcused.statusCode).toBe(400);
    expect(unexcused.json().errors).toEqual([{ path: 'note', message: 'must say why the test is excused' }]);
    // Refused raises one outreach task for the person's clinician; its title says nothing more.
    const followUps = await t.database.db
      .select({ kind: tasks.kind, title: tasks.title, status: tasks.status })
      .from(tasks)
      .where(and(eq(tasks.organizationId, org.id), eq(tasks.sourceId, sel.id)));
    expect(followUps).toEqual([{ kind: 'outreach', title: 'Follow up a refused drug test', status: 'open' }]);
    const back = await peer.patch(url, { status: 'pending', note: 'ignored' }, { 'if-match': '"2"' });
    expect(back.json()).toMatchObject({ status: 'pending', note: null, version: 3 });

    // A specimen settles it: collected, then no hand change.
    const collected = await peer.post(`/api/v1/patients/${p.id}/drug-tests/collections`, {
      selectionId: sel.id,
      specimenType: 'urine',
      observed: true,
      custodyId: `FC-${org.id.slice(0, 8)}`,
      temperatureC: 34,
      temperatureMinutes: 2,
    });
    expect(collected.statusCode, collected.body).toBe(201);
    const settled = await peer.patch(url, { status: 'missed' }, { 'if-match': '"4"' });
    expect(settled.statusCode).toBe(409);
    expect(settled.json().errors).toEqual([{ path: 'status', message: 'is settled by its collection' }]);

    // A day ahead can be set, but not marked missed before it comes.
    const ahead = await clinician.post(base, { day: '2026-11-18', cause: CAUSE });
    expect(ahead.statusCode).toBe(201);
    const early = await peer.patch(`${base}/${ahead.json().id}`, { status: 'missed' }, { 'if-match': '"1"' });
    expect(early.json().errors).toEqual([{ path: 'status', message: 'can be recorded on the day or after' }]);
    expect(
      (await clinician.get(`/api/v1/patients/${p.id}/drug-tests`))
        .json()
        .selections.map((s: { day: string; status: string }) => [s.day, s.status]),
    ).toEqual([
      ['2026-11-18', 'pending'],
      [TODAY, 'collected'],
    ]);
  });

  it('is deny by default: no permission 403, out of scope or another organization 404', async () => {
    const org = await setupOrg(t);
    const other = await setupOrg(t);
    const p = await org.patient();
    const base = `/api/v1/patients/${p.id}/drug-tests/selections`;
    const billing = await org.as('billing');
    expect((await billing.post(base, { day: TODAY, cause: CAUSE })).statusCode).toBe(403);
    const elsewhere = await org.as('otherClinician');
    expect((await elsewhere.post(base, { day: TODAY, cause: CAUSE })).statusCode).toBe(404);
    const stranger = await other.as('clinician');
    expect((await stranger.post(base, { day: TODAY, cause: CAUSE })).statusCode).toBe(404);
    const made = await (await org.as('clinician')).post(base, { day: TODAY, cause: CAUSE });
    expect((await stranger.patch(`${base}/${made.json().id}`, { status: 'missed' }, { 'if-match': '"1"' })).statusCode).toBe(404);
    const q = await org.patient();
    const wrongPerson = await (
      await org.as('peer')
    ).patch(`/api/v1/patients/${q.id}/drug-tests/selections/${made.json().id}`, { status: 'missed' }, { 'if-match': '"1"' });
    expect(wrongPerson.statusCode).toBe(404);
  });
});
