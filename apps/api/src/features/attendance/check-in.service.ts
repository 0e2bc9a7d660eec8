import { acceptsCode, checkInAttendance, checkInWindowOpen, DomainError, type MeCheckIn, type MeCheckInView } from '@openiop/core';
import { and, eq } from 'drizzle-orm';
import { locations } from '../../db/schema/index';
import { appendAudit } from '../../platform/audit';
import { usableMeLink } from '../measures/me-link';
import { publicWho, type PublicClient } from '../instruments/phone-links.service';
import * as repo from './attendance.repo';
import { codeFor } from './check-in-code';
import { followUpAttendance } from './follow-up';

/**
 * A person checks in from their phone link with the code shown in the room: it finds their session open for
 * check-in now whose code matches, records the check-in once (a double submit counts once) and, unless staff have
 * already recorded them, marks them present (or late, from the time they arrived).
 */
export async function meCheckIn(c: PublicClient, token: string, input: MeCheckIn): Promise<MeCheckInView> {
  return c.database.db.transaction(async (tx) => {
    const now = c.clock.now();
    const link = await usableMeLink(tx, token, now);
    const org = link.organizationId;
    const open = (await repo.openSessionsFor(tx, org, link.patientId, now)).filter((s) => checkInWindowOpen(s.occ, now));
    if (!open.length) throw new DomainError('CHECK_IN_CLOSED');
    const match = open.find((s) => acceptsCode(input.code, now, (w) => codeFor(s.secret, w)));
    if (!match) throw new DomainError('CODE_INVALID', undefined, [{ path: 'code', message: 'is not the code shown in the room now' }]);
    const occ = match.occ;
    const inserted = await repo.insertCheckIn(tx, {
      organizationId: org,
      occurrenceId: occ.id,
      patientId: link.patientId,
      method: input.method ?? 'code',
      checkedInAt: now,
    });
    const who = publicWho(c, org);
    const [loc] = await tx
      .select({ timeZone: locations.timeZone })
      .from(locations)
      .where(and(eq(locations.organizationId, org), eq(locations.id, occ.locationId)));
    const timeZone = loc?.timeZone ?? 'UTC';
    if (inserted) {
      const arrival = checkInAttendance(occ, now);
      const attendance = await repo.insertAttendance(tx, {
        organizationId: org,
        occurrenceId: occ.id,
        patientId: link.patientId,
        status: arrival.status,
        minutesAttended: arrival.minutes,
        arrivedAt: now,
        source: 'check_in',
        createdAt: now,
        updatedAt: now,
      });
      await appendAudit(tx, {
        ...who,
        action: 'check_in.record',
        resourceType: 'session_occurrence',
        resourceId: occ.id,
        patientId: link.patientId,
        details: {
          via: 'measures-link',
          linkId: link.id,
          method: input.method ?? 'code',
          attendance: attendance ? arrival.status : 'kept',
        },
      });
      if (attendance)
        await followUpAttendance(tx, who, { patientId: link.patientId, attendanceId: attendance.id, status: attendance.status, timeZone });
    }
    const checkIns = await repo.checkInsFor(tx, org, occ.id);
    const mine = checkIns.find((x) => x.patientId === link.patientId);
    return {
      title: occ.title,
      startsAt: occ.startsAt.toISOString(),
      endsAt: occ.endsAt.toISOString(),
      timeZone,
      checkedInAt: (mine?.checkedInAt ?? now).toISOString(),
      already: !inserted,
    };
  });
}
