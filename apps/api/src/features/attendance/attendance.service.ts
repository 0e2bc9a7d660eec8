import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import QRCode from 'qrcode';
import {
  attendanceMinutes,
  CHECK_IN_WINDOW_SECONDS,
  codeWindow,
  DomainError,
  HELD_WORDS,
  localDate,
  sessionHeld,
  windowEndsAt,
  type AttendanceRecord,
  type AttendanceView,
  type CheckInCodeView,
  type RunSheetView,
  type TodaySessionsView,
} from '@openiop/core';
import type { Db } from '../../db/database';
import { patients } from '../../db/schema/index';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { iso } from '../../platform/http';
import { scopePredicates } from '../patients/patients.scope';
import { assertLocationAccess } from '../schedule/schedule.service';
import { whoOf } from '../tasks/tasks.service';
import * as repo from './attendance.repo';
import { codeFor } from './check-in-code';
import { followUpAttendance } from './follow-up';
import { settleUnrecordedTask } from './unrecorded.job';

const minutesBetween = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / 60_000);

async function visibleIds(tx: Db, ctx: Ctx, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const { visible } = scopePredicates(ctx.actor, ctx.clock.now());
  const rows = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.organizationId, ctx.actor.organizationId), inArray(patients.id, ids), visible));
  return new Set(rows.map((r) => r.id));
}

/** The session, if the reader works at its location (else 404, like a patient out of scope). */
async function occurrenceFor(tx: Db, ctx: Ctx, occurrenceId: string, lock = false) {
  const row = await repo.findOccurrence(tx, ctx.actor.organizationId, occurrenceId, lock);
  if (!row) throw new DomainError('NOT_FOUND', 'No such session');
  assertLocationAccess(ctx, row.occ.locationId);
  return row;
}

export const attendanceView = (r: repo.AttendanceRow): AttendanceView => ({
  status: r.status,
  minutesAttended: r.minutesAttended,
  source: r.source,
  arrivedAt: iso(r.arrivedAt),
  leftAt: iso(r.leftAt),
  version: r.version,
  updatedAt: r.updatedAt.toISOString(),
});

/**
 * The run sheet: the session, its roster (named for those in the reader's scope), the attendance and check-ins so
 * far (whatever set them: staff, self check-in or the video room) and whether check-in is open. Each named person's
 * inclusion is audited.
 */
export async function runSheet(ctx: Ctx, occurrenceId: string): Promise<RunSheetView> {
  assertCan(ctx.actor, 'attendance.read');
  return ctx.db.transaction(async (tx) => {
    const org = ctx.actor.organizationId;
    const row = await occurrenceFor(tx, ctx, occurrenceId);
    const people = await repo.roster(tx, org, occurrenceId);
    const attendance = await repo.attendanceFor(tx, org, occurrenceId);
    const checkIns = await repo.checkInsFor(tx, org, occurrenceId);
    const window = await repo.findWindow(tx, org, occurrenceId);
    // Someone with attendance but no longer on the roster (taken off after the session) still shows.
    const ids = [...new Set([...people.map((p) => p.patientId), ...attendance.map((a) => a.patientId)])];
    const seen = await visibleIds(tx, ctx, ids);
    const names = new Map(people.map((p) => [p.patientId, `${p.preferred ?? p.given} ${p.family}`]));
    for (const id of ids.filter((i) => seen.has(i)))
      await recordAudit(tx, ctx, {
        action: 'attendance.read',
        resourceType: 'session_occurrence',
        resourceId: occurrenceId,
        patientId: id,
      });
    const o = row.occ;
    return {
      occurrence: {
        id: o.id,
        kind: o.kind,
        title: o.title,
        day: o.day,
        startMinute: o.startMinute,
        endMinute: o.endMinute,
        startsAt: o.startsAt.toISOString(),
        endsAt: o.endsAt.toISOString(),
        lengthMinutes: minutesBetween(o.startsAt, o.endsAt),
        status: o.status,
        modality: o.modality,
        locationId: o.locationId,
        locationName: row.locationName,
        timeZone: row.timeZone,
        roomName: row.roomName,
        staffName: row.staffName,
        capacity: o.capacity,
      },
      notHeld: sessionHeld(o, ctx.clock.now()),
      roster: ids.map((patientId) => {
        const a = attendance.find((x) => x.patientId === patientId);
        const c = checkIns.find((x) => x.patientId === patientId);
        return {
          patientId,
          name: seen.has(patientId) ? (names.get(patientId) ?? 'Removed from the roster') : null,
          attendance: a ? attendanceView(a) : null,
          checkedInAt: iso(c?.checkedInAt),
        };
      }),
      checkIn: { open: Boolean(window && !window.closedAt), openedAt: iso(window?.openedAt), closedAt: iso(window?.closedAt) },
    };
  });
}

/**
 * Records (or corrects, with If-Match) one person's attendance at a held session. Refused when the session has not
 * happened (draft, cancelled, not started: SESSION_NOT_HELD), the minutes fall outside it (VALIDATION_FAILED on
 * `minutesAttended`) or the person is not on its roster (NOT_ON_ROSTER). A miss raises the follow-up tasks.
 */
export async function recordAttendance(
  ctx: Ctx,
  occurrenceId: string,
  patientId: string,
  expected: number | null,
  input: AttendanceRecord,
): Promise<AttendanceView> {
  assertCan(ctx.actor, 'attendance.record');
  return ctx.db.transaction(async (tx) => {
    const org = ctx.actor.organizationId;
    const now = ctx.clock.now();
    const row = await occurrenceFor(tx, ctx, occurrenceId, true);
    if (!(await visibleIds(tx, ctx, [patientId])).has(patientId)) throw new DomainError('NOT_FOUND', 'No such person');
    const notHeld = sessionHeld(row.occ, now);
    if (notHeld) throw new DomainError('SESSION_NOT_HELD', HELD_WORDS[notHeld], [], { reason: notHeld });
    const existing = await repo.findAttendance(tx, org, occurrenceId, patientId);
    if (!existing && !(await repo.onRoster(tx, org, occurrenceId, patientId)))
      throw new DomainError('NOT_ON_ROSTER', undefined, [{ path: 'patientId', message: "is not on this session's roster" }]);
    const minutes = attendanceMinutes(input.status, minutesBetween(row.occ.startsAt, row.occ.endsAt), input.minutesAttended);
    if ('issue' in minutes) throw new DomainError('VALIDATION_FAILED', undefined, [minutes.issue]);
    let saved: repo.AttendanceRow;
    if (existing) {
      if (expected === null) throw new DomainError('PRECONDITION_REQUIRED', 'Send the ETag you read in an If-Match header');
      if (existing.version !== expected)
        throw new DomainError('PRECONDITION_FAILED', 'The attendance changed since you read it; reload and try again');
      saved = await repo.updateAttendance(tx, org, existing.id, {
        status: input.status,
        minutesAttended: minutes.minutes,
        source: 'staff',
        recordedBy: ctx.actor.userId,
        updatedAt: now,
      });
    } else {
      if (expected !== null && expected !== 0)
        throw new DomainError('PRECONDITION_FAILED', 'The attendance changed since you read it; reload and try again');
      const inserted = await repo.insertAttendance(tx, {
        organizationId: org,
        occurrenceId,
        patientId,
        status: input.status,
        minutesAttended: minutes.minutes,
        source: 'staff',
        recordedBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      // Inserted meanwhile by a check-in or the video room: the caller read a sheet without it.
      if (!inserted) throw new DomainError('PRECONDITION_FAILED', 'The attendance changed since you read it; reload and try again');
      saved = inserted;
    }
    await recordAudit(tx, ctx, {
      action: existing ? 'attendance.update' : 'attendance.record',
      resourceType: 'session_attendance',
      resourceId: saved.id,
      patientId,
      details: {
        occurrenceId,
        status: saved.status,
        minutesAttended: saved.minutesAttended,
        ...(existing ? { from: existing.status } : {}),
      },
    });
    await followUpAttendance(tx, whoOf(ctx), { patientId, attendanceId: saved.id, status: saved.status, timeZone: row.timeZone });
    // The last record a session's roster lacked settles its unrecorded-attendance task.
    await settleUnrecordedTask(tx, whoOf(ctx), occurrenceId);
    return attendanceView(saved);
  });
}

/** Opens self check-in for a published session of today, with a fresh secret (earlier codes stop working). */
export async function openCheckIn(ctx: Ctx, occurrenceId: string): Promise<RunSheetView['checkIn']> {
  assertCan(ctx.actor, 'attendance.record');
  return ctx.db.transaction(async (tx) => {
    const row = await occurrenceFor(tx, ctx, occurrenceId, true);
    const now = ctx.clock.now();
    if (row.occ.status !== 'scheduled')
      throw new DomainError('SESSION_NOT_HELD', HELD_WORDS[row.occ.status === 'draft' ? 'draft' : 'cancelled']);
    if (row.occ.endsAt.getTime() < now.getTime()) throw new DomainError('CHECK_IN_CLOSED', 'This session is over');
    if (row.occ.day !== localDate(now, row.timeZone)) throw new DomainError('CHECK_IN_CLOSED', 'Check-in opens on the day of the session');
    await repo.openWindow(tx, {
      organizationId: ctx.actor.organizationId,
      occurrenceId,
      secret: randomBytes(32).toString('base64url'),
      openedBy: ctx.actor.userId,
      openedAt: now,
    });
    await recordAudit(tx, ctx, { action: 'check_in.open', resourceType: 'session_occurrence', resourceId: occurrenceId });
    return { open: true, openedAt: now.toISOString(), closedAt: null };
  });
}

export async function closeCheckIn(ctx: Ctx, occurrenceId: string): Promise<RunSheetView['checkIn']> {
  assertCan(ctx.actor, 'attendance.record');
  return ctx.db.transaction(async (tx) => {
    await occurrenceFor(tx, ctx, occurrenceId, true);
    const now = ctx.clock.now();
    await repo.closeWindow(tx, ctx.actor.organizationId, occurrenceId, now);
    await recordAudit(tx, ctx, { action: 'check_in.close', resourceType: 'session_occurrence', resourceId: occurrenceId });
    const w = await repo.findWindow(tx, ctx.actor.organizationId, occurrenceId);
    return { open: Boolean(w && !w.closedAt), openedAt: iso(w?.openedAt), closedAt: iso(w?.closedAt) };
  });
}

/** The code to show in the room now, and a QR code of the check-in page with it filled in. */
export async function checkInCode(ctx: Ctx, occurrenceId: string, publicUrl: string): Promise<CheckInCodeView> {
  assertCan(ctx.actor, 'attendance.record');
  const { code, window } = await ctx.db.transaction(async (tx) => {
    await occurrenceFor(tx, ctx, occurrenceId);
    const w = await repo.findWindow(tx, ctx.actor.organizationId, occurrenceId);
    if (!w || w.closedAt) throw new DomainError('CHECK_IN_CLOSED');
    const current = codeWindow(ctx.clock.now());
    return { code: codeFor(w.secret, current), window: current };
  });
  const url = `${publicUrl}/check-in?code=${code}`;
  return {
    code,
    url,
    qrDataUrl: await QRCode.toDataURL(url, { margin: 1, width: 240 }),
    expiresAt: windowEndsAt(window).toISOString(),
    windowSeconds: CHECK_IN_WINDOW_SECONDS,
  };
}

/**
 * Today's sessions for the signed-in staff member (clinic-local today at each session's location); a director, who
 * runs the program rather than sessions, sees every session at their locations.
 */
export async function todaySessions(ctx: Ctx): Promise<TodaySessionsView> {
  assertCan(ctx.actor, 'attendance.read');
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const from = new Date(now.getTime() - 30 * 3_600_000);
    const to = new Date(now.getTime() + 30 * 3_600_000);
    const org = ctx.actor.organizationId;
    const who = ctx.actor.roles.includes('director') ? { locationIds: ctx.actor.locationIds } : { staffId: ctx.actor.userId };
    const rows = (await repo.sessionsBetween(tx, org, who, from, to)).filter((r) => r.occ.day === localDate(now, r.timeZone));
    const tz = rows[0]?.timeZone ?? 'UTC';
    return {
      day: localDate(now, tz),
      items: rows.map((r) => ({
        id: r.occ.id,
        title: r.occ.title,
        kind: r.occ.kind,
        startsAt: r.occ.startsAt.toISOString(),
        endsAt: r.occ.endsAt.toISOString(),
        startMinute: r.occ.startMinute,
        endMinute: r.occ.endMinute,
        locationName: r.locationName,
        roomName: r.roomName,
        rosterCount: r.rosterCount,
        recordedCount: r.recordedCount,
      })),
    };
  });
}
