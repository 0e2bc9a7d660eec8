import {
  DomainError,
  leaveOverlaps,
  mergeWindows,
  type FieldError,
  type StaffLeaveCreate,
  type StaffLeaveView,
  type StaffScheduleUpdate,
  type StaffScheduleView,
} from '@openiop/core';
import type { Db } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import { actorCan, type Ctx } from '../../platform/context';
import * as repo from './availability.repo';

/**
 * Staff working hours, caps and leave. Everyone reads and keeps their own hours and leave (the same routes with
 * their own id); `staff_hours.manage` keeps anyone's, and only it changes caps. The scheduling team
 * (`schedule.read`) reads anyone's. Another organization's user is 404.
 */
const mayEdit = (ctx: Ctx, userId: string): boolean => ctx.actor.userId === userId || actorCan(ctx.actor, 'staff_hours.manage');
const mayRead = (ctx: Ctx, userId: string): boolean => mayEdit(ctx, userId) || actorCan(ctx.actor, 'schedule.read');
const forbidden = () => new DomainError('FORBIDDEN', "Only staff who manage working hours may change someone else's");

async function staffOrThrow(tx: Db, ctx: Ctx, userId: string) {
  const staff = await repo.findStaff(tx, ctx.actor.organizationId, userId);
  if (!staff) throw new DomainError('NOT_FOUND', 'No such staff member');
  return staff;
}

const leaveView = (l: { id: string; startsOn: string; endsOn: string; reason: string }): StaffLeaveView => ({
  id: l.id,
  startsOn: l.startsOn,
  endsOn: l.endsOn,
  reason: l.reason,
});

async function readSchedule(tx: Db, ctx: Ctx, staff: { id: string; name: string }): Promise<StaffScheduleView> {
  const org = ctx.actor.organizationId;
  const [hours, caps, leave, locations] = await Promise.all([
    repo.listStaffHours(tx, org, staff.id),
    repo.findCaps(tx, org, staff.id),
    repo.listLeave(tx, org, [staff.id]),
    repo.staffLocations(tx, org, staff.id),
  ]);
  return {
    userId: staff.id,
    name: staff.name,
    hours,
    caseloadCap: caps?.caseloadCap ?? null,
    weeklySessionCap: caps?.weeklySessionCap ?? null,
    leave: leave.map(leaveView),
    locations,
    canEdit: mayEdit(ctx, staff.id),
    version: caps?.version ?? 0,
  };
}

export async function getSchedule(ctx: Ctx, userId: string): Promise<StaffScheduleView> {
  return ctx.db.transaction(async (tx) => {
    const staff = await staffOrThrow(tx, ctx, userId);
    if (!mayRead(ctx, userId)) throw new DomainError('FORBIDDEN', "Your role does not allow reading someone else's working hours");
    return readSchedule(tx, ctx, staff);
  });
}

/**
 * Replaces the weekly hours (merged per location; one person cannot work at two locations at once) and the caps,
 * against the version read (0 before the first save).
 */
export async function updateSchedule(ctx: Ctx, userId: string, version: number, input: StaffScheduleUpdate): Promise<StaffScheduleView> {
  return ctx.db.transaction(async (tx) => {
    const org = ctx.actor.organizationId;
    const staff = await staffOrThrow(tx, ctx, userId);
    if (!mayEdit(ctx, userId)) throw forbidden();
    const prior = await repo.findCaps(tx, org, userId, true);
    const capsChanged = input.caseloadCap !== (prior?.caseloadCap ?? null) || input.weeklySessionCap !== (prior?.weeklySessionCap ?? null);
    if (capsChanged && !actorCan(ctx.actor, 'staff_hours.manage'))
      throw new DomainError('FORBIDDEN', 'Only staff who manage working hours may change caps', [
        {
          path: input.caseloadCap !== (prior?.caseloadCap ?? null) ? 'caseloadCap' : 'weeklySessionCap',
          message: 'may not be changed by you',
        },
      ]);
    const known = new Set((await repo.staffLocations(tx, org, userId)).map((l) => l.id));
    const errors: FieldError[] = [];
    input.hours.forEach((h, i) => {
      if (!known.has(h.locationId)) errors.push({ path: `hours.${i}.locationId`, message: 'is not a location this person works at' });
      const clash = input.hours.findIndex(
        (o, j) => j !== i && o.locationId !== h.locationId && o.weekday === h.weekday && o.start < h.end && h.start < o.end,
      );
      if (clash >= 0) errors.push({ path: `hours.${i}`, message: `overlaps hours at another location (row ${clash + 1})` });
    });
    if (errors.length) throw new DomainError('VALIDATION_FAILED', undefined, errors);
    const merged = [...known].flatMap((locationId) =>
      mergeWindows(input.hours.filter((h) => h.locationId === locationId)).map((w) => ({ ...w, locationId })),
    );
    const now = ctx.clock.now();
    const saved = await repo.saveCaps(
      tx,
      org,
      userId,
      version,
      { caseloadCap: input.caseloadCap, weeklySessionCap: input.weeklySessionCap },
      now,
    );
    if (!saved) throw new DomainError('PRECONDITION_FAILED', 'The working hours were changed by someone else; reload and try again');
    await repo.replaceStaffHours(tx, org, userId, merged, now);
    await recordAudit(tx, ctx, {
      action: 'staff_schedule.update',
      resourceType: 'staff_schedule',
      resourceId: userId,
      details: { windows: merged.length, capsChanged, fromVersion: version },
    });
    return readSchedule(tx, ctx, staff);
  });
}

/** Adds whole days of leave; leave may not overlap leave already recorded (409 naming the field). */
export async function addLeave(ctx: Ctx, userId: string, input: StaffLeaveCreate): Promise<StaffLeaveView> {
  return ctx.db.transaction(async (tx) => {
    const org = ctx.actor.organizationId;
    await staffOrThrow(tx, ctx, userId);
    if (!mayEdit(ctx, userId)) throw forbidden();
    await repo.lockStaff(tx, org, userId);
    const clash = (await repo.listLeave(tx, org, [userId])).find((l) => leaveOverlaps(l, input));
    if (clash)
      throw new DomainError('CONFLICT', 'This leave overlaps leave already recorded', [
        { path: 'startsOn', message: `overlaps leave from ${clash.startsOn} to ${clash.endsOn}` },
      ]);
    const now = ctx.clock.now();
    const row = await repo.insertLeave(tx, {
      organizationId: org,
      userId,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      reason: input.reason,
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'staff_leave.create',
      resourceType: 'staff_leave',
      resourceId: row.id,
      details: { userId, days: [input.startsOn, input.endsOn] },
    });
    return leaveView(row);
  });
}

export async function removeLeave(ctx: Ctx, userId: string, leaveId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await staffOrThrow(tx, ctx, userId);
    if (!mayEdit(ctx, userId)) throw forbidden();
    if (!(await repo.deleteLeave(tx, ctx.actor.organizationId, userId, leaveId))) throw new DomainError('NOT_FOUND', 'No such leave');
    await recordAudit(tx, ctx, { action: 'staff_leave.delete', resourceType: 'staff_leave', resourceId: leaveId, details: { userId } });
  });
}
