import { DomainError, type EpisodeCreate, type EpisodeView } from '@openiop/core';
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
    await recordAudit(tx, ctx, { action: 'episode.list', resourceType: 'episode', patientId, breakGlass, details: { count: items.length } });
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
    if (input.status === 'active' && !input.admittedOn) {
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'admittedOn', message: 'is required for an active episode' }]);
    }
    const now = ctx.clock.now();
    const id = await repo.insertEpisode(tx, {
      organizationId: ctx.actor.organizationId,
      patientId,
      status: input.status,
      levelOfCare: input.levelOfCare,
      locationId: input.locationId,
      primaryClinicianId: input.primaryClinicianId ?? null,
      admittedOn: input.admittedOn ?? null,
      plannedWeeks: input.plannedWeeks,
      createdAt: now,
      updatedAt: now,
    });
    await repo.setCurrentEpisode(tx, ctx.actor.organizationId, patientId, {
      currentEpisodeId: id,
      careStatus: input.status === 'active' ? 'active' : 'pre_admission',
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
