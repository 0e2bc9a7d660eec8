import { sql } from 'drizzle-orm';
import {
  addDays,
  instruments,
  isInstrumentMeasure,
  localDate,
  measureStatus,
  MISSED_CHECKIN_DAYS,
  missedCheckinDays,
  startOfLocalDay,
  type WorklistItem,
} from '@openiop/core';
import type { Db } from '../../db/database';
import { episodes, patients } from '../../db/schema/index';
import type { Actor } from '../../platform/context';
import { scopePredicates } from '../patients/patients.scope';
import * as repo from './measures.repo';
import { answeredDatesOf, scheduleOf } from './measures.views';

/**
 * The worklist's computed measure items for `actor`: every assigned instrument that is due now (`measure_due`)
 * or past its grace period unanswered (`measure_missed`, overdue), for the people the actor is primary clinician
 * or on the caseload of, while they are in care (care status `active`); directors get everyone in their scope. The daily
 * check-in is the person's own routine: a day without one is not work for anyone, but `MISSED_CHECKIN_DAYS` in a row
 * is (`measure_missed`); what a check-in says alerts through `checkin_alert` tasks. Reads only; the worklist page audits.
 */
export async function measuresWorklistSource(tx: Db, actor: Actor, now: Date): Promise<WorklistItem[]> {
  const { inScope } = scopePredicates(actor, now);
  const mine = sql`(${episodes.primaryClinicianId} = ${actor.userId}::uuid or exists (select 1 from caseload_assignments c where c.organization_id = ${patients.organizationId} and c.patient_id = ${patients.id} and c.user_id = ${actor.userId}::uuid and c.ended_at is null))`;
  const inCare = sql`${patients.careStatus} = 'active'`;
  const covers = actor.roles.includes('director') ? sql`(${inScope} and ${inCare})` : sql`(${inScope} and ${inCare} and ${mine})`;
  const rows = await repo.worklistAssignments(tx, actor.organizationId, covers);
  const zones = new Map(rows.map((r) => [r.patient.id, r.timeZone]));
  const ids = [...zones.keys()];
  const checkinIds = [...new Set(rows.filter((r) => r.a.measure === 'daily_checkin').map((r) => r.patient.id))];
  const [scores, checkins] = await Promise.all([
    repo.completedScores(tx, actor.organizationId, ids),
    repo.checkinDates(tx, actor.organizationId, checkinIds),
  ]);
  const answered = answeredDatesOf(scores, checkins, (p) => zones.get(p) ?? 'UTC');
  const items: WorklistItem[] = [];
  const patientOf = (r: (typeof rows)[number]) => ({
    id: r.patient.id,
    name: `${r.patient.preferredName ?? r.patient.givenName} ${r.patient.familyName}`,
    mrn: r.patient.mrn,
  });
  for (const r of rows) {
    const today = localDate(now, r.timeZone);
    const dates = answered.get(`${r.patient.id}:${r.a.measure}`) ?? [];
    if (r.a.measure === 'daily_checkin') {
      const schedule = scheduleOf(r.a);
      if (schedule.endDate !== null && schedule.endDate < today) continue;
      const days = missedCheckinDays(dates, schedule.startDate, today);
      if (days < MISSED_CHECKIN_DAYS) continue;
      items.push({
        kind: 'measure_missed',
        priority: 'normal',
        patient: patientOf(r),
        title: `Daily check-in missed ${days} days running`,
        dueAt: startOfLocalDay(addDays(today, -days), r.timeZone).toISOString(),
        overdue: true,
        href: `/patients/${r.patient.id}#measurement-based-care`,
        taskId: null,
      });
      continue;
    }
    if (!isInstrumentMeasure(r.a.measure)) continue;
    const st = measureStatus(scheduleOf(r.a), dates, today);
    if ((st.state !== 'due' && st.state !== 'missed') || !st.dueDate) continue;
    const missed = st.state === 'missed';
    const name = instruments[r.a.measure].shortName;
    items.push({
      kind: missed ? 'measure_missed' : 'measure_due',
      priority: 'normal',
      patient: patientOf(r),
      title: missed ? `${name} missed` : `${name} due`,
      dueAt: startOfLocalDay(st.dueDate, r.timeZone).toISOString(),
      overdue: missed,
      href: `/patients/${r.patient.id}#measurement-based-care`,
      taskId: null,
    });
  }
  return items.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.patient.id.localeCompare(b.patient.id));
}
