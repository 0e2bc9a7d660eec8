import { videoAttendance } from '@openiop/core';
import type { Db } from '../../db/database';
import { appendAudit, type RawAuditInput } from '../../platform/audit';
import * as repo from './video.repo';

/**
 * Attendance from a person's video stays, written when they leave the room (or their connection drops or the room
 * closes): minutes and status from `videoAttendance`, source `video`. A row staff recorded is left as it is (staff's
 * word wins), and a person who was never admitted gets no row. Audited in the caller's transaction.
 */
export async function recordVideoAttendance(
  tx: Db,
  who: Omit<RawAuditInput, 'action' | 'resourceType' | 'patientId'>,
  occ: { id: string; organizationId: string; startsAt: Date; endsAt: Date },
  patientId: string,
  now: Date,
): Promise<'written' | 'kept_staff' | 'none'> {
  const stays = (await repo.listStays(tx, occ.organizationId, occ.id, patientId)).flatMap((s) =>
    s.joinedAt ? [{ joinedAt: s.joinedAt, leftAt: s.leftAt }] : [],
  );
  const att = videoAttendance(stays, occ.startsAt, occ.endsAt, now);
  if (!att) return 'none';
  const wrote = await repo.upsertVideoAttendance(tx, {
    organizationId: occ.organizationId,
    occurrenceId: occ.id,
    patientId,
    status: att.status,
    minutesAttended: att.minutesAttended,
    arrivedAt: att.arrivedAt,
    leftAt: att.leftAt,
    at: now,
  });
  if (!wrote) return 'kept_staff';
  await appendAudit(tx, {
    ...who,
    action: 'attendance.record',
    resourceType: 'session_attendance',
    resourceId: occ.id,
    patientId,
    details: { source: 'video', status: att.status, minutes: att.minutesAttended },
  });
  return 'written';
}
