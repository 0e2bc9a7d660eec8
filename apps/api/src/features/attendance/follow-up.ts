import { createHash } from 'node:crypto';
import { isAbsence, localDate, mondayOf, needsHoursWarning, type AttendanceStatusValue } from '@openiop/core';
import type { Db } from '../../db/database';
import { raiseCareTask, taskRaisedFor, type AuditWho } from '../tasks/tasks.service';
import * as repo from './attendance.repo';
import { engagementOf, ledgersFor } from './hours.service';

const DAY_MS = 86_400_000;

/** A stable id for "this person's week", so a week's hours warning is raised once (tasks take a uuid source). */
export function personWeekId(patientId: string, weekStart: string): string {
  const h = createHash('sha256').update(`hours-week:${patientId}:${weekStart}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * What a recorded attendance sets in motion, inside the recording's transaction (clinical reference §4):
 * a missed session → an outreach task for the primary clinician due within a day (once per session and person);
 * two misses in a row or two weeks running under the floor → an engagement-risk task (one open at a time);
 * a week that can no longer reach the floor → a mid-week hours warning (once per person and week).
 * Titles carry no names or clinical detail.
 */
export async function followUpAttendance(
  tx: Db,
  who: AuditWho,
  input: { patientId: string; attendanceId: string; status: AttendanceStatusValue; timeZone: string },
): Promise<void> {
  const org = who.organizationId;
  const now = who.occurredAt;
  const dueAt = new Date(now.getTime() + DAY_MS);
  if (isAbsence(input.status) && !(await taskRaisedFor(tx, org, 'outreach', { type: 'session_attendance', id: input.attendanceId })))
    await raiseCareTask(tx, who, {
      kind: 'outreach',
      priority: 'normal',
      patientId: input.patientId,
      title: 'Reach out after a missed session',
      details: { excused: input.status === 'absent_excused' },
      source: { type: 'session_attendance', id: input.attendanceId },
      dueAt,
    });
  const thisWeek = mondayOf(localDate(now, input.timeZone));
  const reasons = await engagementOf(tx, org, input.patientId, thisWeek, now);
  if (reasons.length && !(await repo.openTaskFor(tx, org, 'engagement_risk', input.patientId)))
    await raiseCareTask(tx, who, {
      kind: 'engagement_risk',
      priority: 'normal',
      patientId: input.patientId,
      title: reasons.includes('two_misses_in_a_row')
        ? 'Engagement risk: two missed sessions in a row'
        : 'Engagement risk: under the hour floor two weeks running',
      details: { reasons },
      source: { type: 'patient', id: input.patientId },
      dueAt,
    });
  const week = (await ledgersFor(tx, org, [input.patientId], thisWeek, now)).get(input.patientId);
  const weekId = personWeekId(input.patientId, thisWeek);
  if (week && needsHoursWarning(week.ledger) && !(await taskRaisedFor(tx, org, 'hours_warning', { type: 'hours_week', id: weekId })))
    await raiseCareTask(tx, who, {
      kind: 'hours_warning',
      priority: 'normal',
      patientId: input.patientId,
      title: "This week's hours can no longer reach the floor: offer a make-up session",
      details: { weekStart: thisWeek, floorMinutes: week.ledger.floorMinutes, possibleMinutes: week.ledger.possibleMinutes },
      source: { type: 'hours_week', id: weekId },
      dueAt,
    });
}
