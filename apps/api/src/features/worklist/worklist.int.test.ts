import { describe, expect, it } from 'vitest';
import type { WorklistItem } from '@openiop/core';
import { tasks } from '../../db/schema/index';
import { buildTestApp, setupOrg, type TestOrg } from '../../../test/harness';
import type { Actor, Ctx } from '../../platform/context';
import { taskRowsSource, worklistSources, type WorklistSource } from './sources';
import { getWorklist, getWorklistCounts } from './worklist.service';

const t = await buildTestApp();

async function task(
  org: TestOrg,
  patientId: string,
  f: { kind: string; priority: 'urgent' | 'normal'; dueAt: Date; assignee: string; status?: string },
) {
  const [row] = await t.database.db
    .insert(tasks)
    .values({
      organizationId: org.id,
      kind: f.kind as 'safety',
      priority: f.priority,
      patientId,
      assigneeUserId: f.assignee,
      title: `${f.kind} task`,
      dueAt: f.dueAt,
      createdAt: new Date(f.dueAt.getTime() - 3600_000),
      status: (f.status ?? 'open') as 'open',
    })
    .returning({ id: tasks.id });
  if (!row) throw new Error('no task');
  return row.id;
}

describe('worklist', () => {
  it('lists open tasks assigned to me, urgent first, then overdue, then by due time; filters by kind; counts', async () => {
    const org = await setupOrg(t);
    const p1 = await org.patient();
    const p2 = await org.patient();
    const now = t.clock.now();
    const h = (n: number) => new Date(now.getTime() + n * 3600_000);
    const me = org.users.clinician.id;
    const missed = await task(org, p1.id, { kind: 'measure_missed', priority: 'normal', dueAt: h(-2), assignee: me });
    const worse = await task(org, p2.id, { kind: 'measure_worsening', priority: 'normal', dueAt: h(5), assignee: me });
    const checkin = await task(org, p2.id, { kind: 'checkin_alert', priority: 'urgent', dueAt: h(1), assignee: me });
    const safety = await task(org, p1.id, { kind: 'safety', priority: 'urgent', dueAt: h(-1), assignee: me });
    await task(org, p1.id, { kind: 'safety', priority: 'urgent', dueAt: h(-1), assignee: me, status: 'resolved' });
    await task(org, p1.id, { kind: 'safety', priority: 'urgent', dueAt: h(-1), assignee: org.users.medical.id });

    const clinician = await org.as('clinician');
    const res = await clinician.get('/api/v1/worklist');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as WorklistItem[];
    expect(items.map((i) => i.taskId)).toEqual([safety, checkin, missed, worse]);
    expect(items[0]).toMatchObject({
      kind: 'safety',
      priority: 'urgent',
      overdue: true,
      href: `/patients/${p1.id}`,
      patient: { id: p1.id },
    });
    expect(items[1]?.overdue).toBe(false);

    const only = await clinician.get('/api/v1/worklist?kind=checkin_alert');
    expect(only.json().items.map((i: WorklistItem) => i.taskId)).toEqual([checkin]);
    expect((await clinician.get('/api/v1/worklist?kind=nope')).statusCode).toBe(400);
    expect((await clinician.get('/api/v1/worklist?extra=1')).statusCode).toBe(400);

    const counts = await clinician.get('/api/v1/worklist/counts');
    expect(counts.json()).toEqual({ total: 4, urgent: 2, overdue: 2 });
    expect((await (await org.as('medical')).get('/api/v1/worklist/counts')).json()).toEqual({ total: 1, urgent: 1, overdue: 1 });
    expect((await (await org.as('billing')).get('/api/v1/worklist')).statusCode).toBe(403);
    expect((await (await org.as('otherClinician')).get('/api/v1/worklist')).json().items).toEqual([]);
    const other = await setupOrg(t);
    expect((await (await other.as('clinician')).get('/api/v1/worklist/counts')).json()).toEqual({ total: 0, urgent: 0, overdue: 0 });
  });

  it('merges computed sources with task rows in one order', async () => {
    const org = await setupOrg(t);
    const p = await org.patient();
    const now = t.clock.now();
    await task(org, p.id, {
      kind: 'measure_missed',
      priority: 'normal',
      dueAt: new Date(now.getTime() + 3600_000),
      assignee: org.users.clinician.id,
    });
    const computed: WorklistSource = async () => [
      {
        kind: 'plan_review_overdue',
        priority: 'normal',
        patient: { id: p.id, name: 'Given Family', mrn: p.mrn },
        title: 'Treatment plan review overdue',
        dueAt: new Date(now.getTime() - 86_400_000).toISOString(),
        overdue: true,
        href: `/patients/${p.id}/plans/x`,
        taskId: null,
      },
    ];
    const actor: Actor = {
      kind: 'user',
      userId: org.users.clinician.id,
      tokenId: null,
      sessionId: null,
      organizationId: org.id,
      name: 'clinician',
      email: org.users.clinician.email,
      roles: ['clinician'],
      locationIds: [org.locations.main],
      scopes: null,
      settings: { name: 'Test org', idleTimeoutMinutes: 15, caseloadOnly: false, breakGlassMinutes: 60 },
    };
    const ctx: Ctx = {
      actor,
      db: t.database.db,
      database: t.database,
      clock: t.clock,
      mailer: t.mailer,
      ip: null,
      userAgent: null,
      requestId: 'r',
      publicUrl: '',
    };
    expect(worklistSources[0]).toBe(taskRowsSource);
    const items = await getWorklist(ctx, undefined, [...worklistSources, computed]);
    expect(items.map((i) => i.kind)).toEqual(['plan_review_overdue', 'measure_missed']);
    expect(await getWorklistCounts(ctx, [...worklistSources, computed])).toEqual({ total: 2, urgent: 0, overdue: 1 });
    expect((await getWorklist(ctx, 'measure_missed', [...worklistSources, computed])).map((i) => i.kind)).toEqual(['measure_missed']);
  });
});
