import type { WorklistItem } from '@openiop/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../platform/context';
import { measuresWorklistSource } from '../measures/measures.worklist';
import { planWorklistSource } from '../plans/plans.worklist';
import { openTasksAssignedTo } from '../tasks/tasks.service';

/**
 * A worklist source computes the items one clinician should see (their caseload, or the patients they are primary
 * clinician for; directors everyone in scope). Task rows are one source; plan reviews and measures due are others,
 * added by the features that own them. Sources run one after another in the request's transaction.
 */
export type WorklistSource = (tx: Db, actor: Actor, now: Date) => Promise<WorklistItem[]>;

/** Where a task's work is done: the administration that raised it, else the patient's chart. */
function taskHref(patientId: string, source: { type: string; id: string } | null): string {
  if (source?.type === 'administration') return `/patients/${patientId}/measures/${source.id}`;
  if (source?.type === 'session_occurrence') return `/sessions/${source.id}`;
  return `/patients/${patientId}`;
}

/** Open task rows (safety, measure worsening, measure missed, check-in alerts) assigned to the actor. */
export const taskRowsSource: WorklistSource = async (tx, actor, now) =>
  (await openTasksAssignedTo(tx, actor, now)).map((t) => ({
    kind: t.kind,
    priority: t.priority,
    patient: t.patient,
    title: t.title,
    dueAt: t.dueAt,
    overdue: new Date(t.dueAt).getTime() < now.getTime(),
    href: taskHref(t.patient.id, t.source),
    taskId: t.id,
  }));

/** Every source, task rows first: then plan reviews and unsigned plans, then measures due or missed. */
export const worklistSources: WorklistSource[] = [taskRowsSource, planWorklistSource, measuresWorklistSource];
