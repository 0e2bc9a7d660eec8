import { ATTENDANCE_GRACE_HOURS, unrecorded, unrecordedAttendanceWindow } from '@openiop/core';
import type { Database, Db } from '../../db/database';
import { startPeriodic } from '../../platform/periodic';
import { raiseCareTask, resolveRaisedTask, systemWho, taskRaisedFor, type AuditWho } from '../tasks/tasks.service';
import * as repo from './attendance.repo';

const KIND = 'attendance_unrecorded';
const sourceOf = (occurrenceId: string) => ({ type: 'session_occurrence', id: occurrenceId });

/**
 * Resolves the session's unrecorded-attendance task once everyone on its roster has a record (or the session was
 * cancelled), inside `tx`, as `who`. Recording attendance calls it; so does the sweep, for records that came from a
 * check-in or the video room and for rosters that changed. Returns whether a task was resolved.
 */
export async function settleUnrecordedTask(tx: Db, who: AuditWho, occurrenceId: string): Promise<boolean> {
  const org = who.organizationId;
  const occ = await repo.findOccurrence(tx, org, occurrenceId);
  if (!occ) return false;
  let note = 'Session cancelled';
  if (occ.occ.status !== 'cancelled') {
    const [roster, recorded] = await Promise.all([repo.roster(tx, org, occurrenceId), repo.attendanceFor(tx, org, occurrenceId)]);
    const left = unrecorded(
      roster.map((r) => r.patientId),
      recorded.map((r) => r.patientId),
    );
    if (left.length) return false;
    note = 'Attendance recorded';
  }
  return resolveRaisedTask(tx, who, KIND, sourceOf(occurrenceId), note);
}

/**
 * The unrecorded-attendance sweep: for each held session that ended at least `ATTENDANCE_GRACE_HOURS` ago (and
 * within the lookback) with people on its roster and no record for them, one task for its facilitator, never twice
 * for a session. It hangs off the first person without a record (tasks belong to a person's record) and names
 * nobody: "Attendance not recorded 4 h after a session". Then open tasks whose session is now recorded are resolved.
 */
export async function sweepUnrecordedAttendance(database: Database, now: Date): Promise<{ raised: number; resolved: number }> {
  const { from, to } = unrecordedAttendanceWindow(now);
  return database.db.transaction(async (tx) => {
    const rows = await repo.unrecordedAttendees(tx, from, to);
    const sessions = new Map<string, { organizationId: string; staffId: string; endsAt: Date; patientIds: string[] }>();
    for (const r of rows) {
      const s = sessions.get(r.occurrenceId);
      if (s) s.patientIds.push(r.patientId);
      else
        sessions.set(r.occurrenceId, { organizationId: r.organizationId, staffId: r.staffId, endsAt: r.endsAt, patientIds: [r.patientId] });
    }
    let raised = 0;
    for (const [occurrenceId, s] of sessions) {
      if (await taskRaisedFor(tx, s.organizationId, KIND, sourceOf(occurrenceId))) continue;
      await raiseCareTask(tx, systemWho(s.organizationId, now), {
        kind: KIND,
        priority: 'normal',
        patientId: s.patientIds[0] as string,
        title: `Attendance not recorded ${ATTENDANCE_GRACE_HOURS} h after a session`,
        details: { occurrenceId, unrecorded: s.patientIds.length },
        source: sourceOf(occurrenceId),
        dueAt: new Date(s.endsAt.getTime() + 86_400_000),
        assigneeUserId: s.staffId,
      });
      raised += 1;
    }
    let resolved = 0;
    for (const t of await repo.openUnrecordedTasks(tx))
      if (t.occurrenceId && (await settleUnrecordedTask(tx, systemWho(t.organizationId, now), t.occurrenceId))) resolved += 1;
    return { raised, resolved };
  });
}

/** Runs the sweep every `everyMs` until stopped (the server starts it; tests call `sweepUnrecordedAttendance`). */
export function startUnrecordedAttendanceJob(
  database: Database,
  now: () => Date,
  log?: (m: string) => void,
  everyMs = 15 * 60_000,
): () => Promise<void> {
  return startPeriodic('unrecorded-attendance sweep', () => sweepUnrecordedAttendance(database, now()), everyMs, log);
}
