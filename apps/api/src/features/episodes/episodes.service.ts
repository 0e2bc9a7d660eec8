import {
  careStatusFor,
  changeEpisode,
  DomainError,
  localDate,
  type EpisodeCreate,
  type EpisodeUpdate,
  type EpisodeView,
} from '@openiop/core';
import type { Db } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { getLocationForActor } from '../admin/locations.service';
import { getStaffMember } from '../admin/users.service';
import { loadVisible } from '../patients/patients.service';
import * as repo from './episodes.repo';

export async function listEpisodes(ctx: Ctx, patientId: string): Promise<EpisodeView[]> {
  assertCan(ctx.actor, 'episode.read');
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadVisible(tx, ctx, patientId);
    const items = await repo.listEpisodes(tx, ctx.actor.organizationId, patientId);
    await recordAudit(tx, ctx, {
      action: 'episode.list',
      resourceType: 'episode',
      patientId,
      breakGlass,
      details: { count: items.length },
    });
    return items;
  });
}

/** Opens an episode of care; a patient has at most one open (pending or active) episode at a time. */
export async function openEpisode(ctx: Ctx, patientId: string, input: EpisodeCreate): Promise<EpisodeView> {
  assertCan(ctx.actor, 'episode.write');
  return ctx.db.transaction(async (tx) => {
    const { row, breakGlass } = await loadVisible(tx, ctx, patientId);
    await getLocationForActor(tx, ctx, input.locationId, 'locationId');
    if (input.primaryClinicianId) await getStaffMember(tx, ctx, input.primaryClinicianId, 'primaryClinicianId', ['clinician', 'director']);
    const existing = await repo.listEpisodes(tx, ctx.actor.organizationId, patientId);
    if (existing.some((e) => e.status !== 'discharged')) {
      throw new DomainError('CONFLICT', 'The patient already has an open episode of care; discharge it first');
    }
    const now = ctx.clock.now();
    const today = localDate(now, await repo.locationTimeZone(tx, ctx.actor.organizationId, input.locationId));
    const start = {
      status: 'pending' as const,
      levelOfCare: input.levelOfCare,
      admittedOn: null,
      dischargedOn: null,
      primaryClinicianId: null,
      plannedWeeks: input.plannedWeeks,
    };
    const decided = changeEpisode(start, { status: input.status, admittedOn: input.admittedOn ?? null }, today);
    if ('errors' in decided) throw new DomainError('VALIDATION_FAILED', undefined, decided.errors);
    const id = await repo.insertEpisode(tx, {
      organizationId: ctx.actor.organizationId,
      patientId,
      status: input.status,
      levelOfCare: input.levelOfCare,
      locationId: input.locationId,
      primaryClinicianId: input.primaryClinicianId ?? null,
      admittedOn: input.admittedOn ?? null,
      plannedWeeks: input.plannedWeeks,
      track: input.track ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await repo.setCurrentEpisode(tx, ctx.actor.organizationId, patientId, {
      currentEpisodeId: id,
      careStatus: careStatusFor(input.status),
      locationId: input.locationId,
      version: row.version + 1,
      updatedAt: now,
    });
    if (input.primaryClinicianId) await repo.assign(tx, ctx.actor.organizationId, patientId, input.primaryClinicianId, now);
    await recordAudit(tx, ctx, { action: 'episode.open', resourceType: 'episode', resourceId: id, patientId, breakGlass });
    const created = (await repo.listEpisodes(tx as Db, ctx.actor.organizationId, patientId)).find((e) => e.id === id);
    if (!created) throw new Error('episode vanished inside its own transaction');
    return created;
  });
}

/** Admits, discharges, or changes the level of care, clinician or planned length of an episode (If-Match). */
export async function updateEpisode(
  ctx: Ctx,
  patientId: string,
  episodeId: string,
  version: number,
  patch: EpisodeUpdate,
): Promise<EpisodeView> {
  assertCan(ctx.actor, 'episode.write');
  return ctx.db.transaction(async (tx) => {
    const db = tx as Db;
    const { row, breakGlass } = await loadVisible(db, ctx, patientId);
    const current = (await repo.listEpisodes(db, ctx.actor.organizationId, patientId)).find((e) => e.id === episodeId);
    if (!current) throw new DomainError('NOT_FOUND', 'No such episode');
    if (current.version !== version)
      throw new DomainError('PRECONDITION_FAILED', 'The episode was changed by someone else; reload and try again');
    if (patch.primaryClinicianId) await getStaffMember(db, ctx, patch.primaryClinicianId, 'primaryClinicianId', ['clinician', 'director']);
    const now = ctx.clock.now();
    const today = localDate(now, await repo.locationTimeZone(db, ctx.actor.organizationId, current.locationId));
    const decided = changeEpisode({ ...current, primaryClinicianId: current.primaryClinician?.id ?? null }, patch, today);
    if ('errors' in decided) throw new DomainError('VALIDATION_FAILED', undefined, decided.errors);
    const { next } = decided;
    if (!(await repo.updateEpisode(db, ctx.actor.organizationId, episodeId, version, { ...next, updatedAt: now }))) {
      throw new DomainError('PRECONDITION_FAILED', 'The episode was changed by someone else; reload and try again');
    }
    if (row.currentEpisodeId === episodeId) {
      await repo.setCurrentEpisode(db, ctx.actor.organizationId, patientId, {
        careStatus: careStatusFor(next.status),
        version: row.version + 1,
        updatedAt: now,
      });
    }
    if (next.primaryClinicianId && next.primaryClinicianId !== current.primaryClinician?.id) {
      const onCaseload = await repo.listCaseload(db, ctx.actor.organizationId, patientId);
      if (!onCaseload.some((c) => c.userId === next.primaryClinicianId))
        await repo.assign(db, ctx.actor.organizationId, patientId, next.primaryClinicianId, now);
    }
    await recordAudit(db, ctx, {
      action: 'episode.update',
      resourceType: 'episode',
      resourceId: episodeId,
      patientId,
      breakGlass,
      details: { fields: Object.keys(patch).sort(), status: next.status },
    });
    const updated = (await repo.listEpisodes(db, ctx.actor.organizationId, patientId)).find((e) => e.id === episodeId);
    if (!updated) throw new Error('episode vanished inside its own transaction');
    return updated;
  });
}

export async function listCaseload(ctx: Ctx, patientId: string) {
  assertCan(ctx.actor, 'episode.read');
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadVisible(tx, ctx, patientId);
    const rows = await repo.listCaseload(tx, ctx.actor.organizationId, patientId);
    await recordAudit(tx, ctx, { action: 'caseload.read', resourceType: 'caseload', patientId, breakGlass });
    return rows.map((r) => ({ ...r, assignedAt: r.assignedAt.toISOString() }));
  });
}

export async function assignCaseload(ctx: Ctx, patientId: string, userId: string) {
  assertCan(ctx.actor, 'caseload.manage');
  await ctx.db.transaction(async (tx) => {
    await loadVisible(tx, ctx, patientId);
    await getStaffMember(tx, ctx, userId, 'userId', ['clinician', 'medical', 'peer', 'director']);
    const current = await repo.listCaseload(tx, ctx.actor.organizationId, patientId);
    if (current.some((c) => c.userId === userId)) throw new DomainError('CONFLICT', 'Already on this caseload');
    await repo.assign(tx, ctx.actor.organizationId, patientId, userId, ctx.clock.now());
    await recordAudit(tx, ctx, { action: 'caseload.assign', resourceType: 'caseload', resourceId: userId, patientId });
  });
  return listCaseload(ctx, patientId);
}

export async function unassignCaseload(ctx: Ctx, patientId: string, userId: string): Promise<void> {
  assertCan(ctx.actor, 'caseload.manage');
  await ctx.db.transaction(async (tx) => {
    await loadVisible(tx, ctx, patientId);
    const n = await repo.unassign(tx, ctx.actor.organizationId, patientId, [userId], ctx.clock.now());
    if (!n) throw new DomainError('NOT_FOUND', 'Not on this caseload');
    await recordAudit(tx, ctx, { action: 'caseload.unassign', resourceType: 'caseload', resourceId: userId, patientId });
  });
}
