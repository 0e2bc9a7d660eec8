import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema/index';
import { buildTestApp, setupOrg } from '../../../test/harness';

const t = await buildTestApp();
const phq = (q9: number) => ({ q1: 1, q2: 1, q3: 1, q4: 1, q5: 1, q6: 1, q7: 1, q8: 1, q9 });

describe('safety tasks', () => {
  it('PHQ-9 item 9 above 0 in the chart raises an urgent task; banner shows until a clinician resolves it with a note', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const director = await org.as('director');
    // On the caseload, no primary clinician: the caseload's clinician gets the task.
    expect((await director.post(`/api/v1/patients/${p.id}/caseload`, { userId: org.users.clinician.id })).statusCode).toBe(201);
    const medical = await org.as('medical');
    const a = await medical.post(`/api/v1/patients/${p.id}/administrations`, { instrumentId: 'phq9', items: phq(1), submit: true });
    expect(a.statusCode).toBe(201);
    expect(a.json().safetyFlags).toEqual([{ kind: 'phq9_item9', summary: expect.stringContaining('item 9') }]);

    const banner = await medical.get(`/api/v1/patients/${p.id}/safety`);
    expect(banner.statusCode).toBe(200);
    const [task] = banner.json().items;
    expect(task).toMatchObject({
      kind: 'safety',
      priority: 'urgent',
      status: 'open',
      assignee: { id: org.users.clinician.id },
      source: { type: 'administration', id: a.json().id },
      dueAt: t.clock.now().toISOString(),
    });
    expect(task.title).not.toMatch(/several days|more than half/i);

    const clinician = await org.as('clinician');
    const mine = (await clinician.get('/api/v1/tasks')).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([task.id]);
    expect((await medical.get('/api/v1/tasks')).json().items).toEqual([]);
    expect((await medical.get('/api/v1/tasks?assignee=all')).statusCode).toBe(403);
    expect((await director.get('/api/v1/tasks?assignee=all')).json().items.map((x: { id: string }) => x.id)).toEqual([task.id]);

    const noNote = await clinician.post(`/api/v1/tasks/${task.id}/resolve`, { note: '   ' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().errors[0].path).toBe('note');
    expect((await clinician.post(`/api/v1/tasks/${task.id}/resolve`, {})).statusCode).toBe(400);
    const peer = await org.as('peer');
    expect((await peer.get(`/api/v1/patients/${p.id}/safety`)).json().items).toHaveLength(1);
    expect((await peer.post(`/api/v1/tasks/${task.id}/resolve`, { note: 'Spoke with them' })).statusCode).toBe(403);
    expect((await (await org.as('billing')).get(`/api/v1/patients/${p.id}/safety`)).statusCode).toBe(403);

    const done = await clinician.post(`/api/v1/tasks/${task.id}/resolve`, { note: 'Safety plan reviewed by phone; no intent.' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'resolved',
      resolvedBy: { id: org.users.clinician.id },
      resolutionNote: expect.any(String),
    });
    const twice = await director.post(`/api/v1/tasks/${task.id}/resolve`, { note: 'again' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('TASK_CLOSED');
    expect((await medical.get(`/api/v1/patients/${p.id}/safety`)).json().items).toEqual([]);
    expect((await clinician.get('/api/v1/tasks?status=resolved')).json().items).toHaveLength(1);

    const events = await t.database.db
      .select({ action: auditEvents.action, actorUserId: auditEvents.actorUserId, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), inArray(auditEvents.action, ['task.create', 'task.resolve', 'safety.read'])));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['task.create', 'task.resolve', 'safety.read']));
    const resolved = events.find((e) => e.action === 'task.resolve');
    expect(resolved?.actorUserId).toBe(org.users.clinician.id);
    expect(JSON.stringify(resolved?.details)).not.toContain('Safety plan');
  });

  it('an ASQ acute positive in the chart raises a task to the primary clinician; a negative ASQ raises none', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const director = await org.as('director');
    await director.post(`/api/v1/patients/${p.id}/episodes`, {
      levelOfCare: '2.1',
      locationId: org.locations.main,
      primaryClinicianId: org.users.clinician.id,
    });
    const clinician = await org.as('clinician');
    const negative = await clinician.post(`/api/v1/patients/${p.id}/administrations`, {
      instrumentId: 'asq',
      items: { q1: 0, q2: 0, q3: 0, q4: 0 },
      submit: true,
    });
    expect(negative.json()).toMatchObject({ status: 'completed', screen: 'negative', positive: false });
    expect((await clinician.get(`/api/v1/patients/${p.id}/safety`)).json().items).toEqual([]);

    const acute = await clinician.post(`/api/v1/patients/${p.id}/administrations`, {
      instrumentId: 'asq',
      items: { q1: 1, q2: 0, q3: 0, q4: 0, q5: 1 },
      submit: true,
    });
    expect(acute.json()).toMatchObject({ screen: 'acute_positive', positive: true });
    const banner = (await clinician.get(`/api/v1/patients/${p.id}/safety`)).json().items;
    expect(banner).toMatchObject([{ assignee: { id: org.users.clinician.id }, title: expect.stringContaining('acute') }]);
  });

  it('a draft with item 9 above 0 raises nothing until it is submitted; an incomplete submission still raises it', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    const draft = await clinician.post(`/api/v1/patients/${p.id}/administrations`, { instrumentId: 'phq9', items: { q9: 3 } });
    expect((await clinician.get(`/api/v1/patients/${p.id}/safety`)).json().items).toEqual([]);
    const sent = await clinician.post(
      `/api/v1/patients/${p.id}/administrations/${draft.json().id}/submit`,
      {},
      { 'if-match': draft.headers.etag as string },
    );
    expect(sent.json().status).toBe('incomplete');
    expect((await clinician.get(`/api/v1/patients/${p.id}/safety`)).json().items).toHaveLength(1);
  });

  it('tasks of patients out of scope are not found', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const clinician = await org.as('clinician');
    await clinician.post(`/api/v1/patients/${p.id}/administrations`, { instrumentId: 'phq9', items: phq(2), submit: true });
    const [task] = (await clinician.get(`/api/v1/patients/${p.id}/safety`)).json().items;
    const away = await org.as('otherClinician');
    expect((await away.get(`/api/v1/patients/${p.id}/safety`)).statusCode).toBe(404);
    expect((await away.post(`/api/v1/tasks/${task.id}/resolve`, { note: 'x' })).statusCode).toBe(404);
    const other = await setupOrg(t);
    expect((await (await other.as('director')).post(`/api/v1/tasks/${task.id}/resolve`, { note: 'x' })).statusCode).toBe(404);
  });
});
