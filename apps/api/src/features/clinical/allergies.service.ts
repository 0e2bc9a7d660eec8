import {
  DomainError,
  type AllergyCreate,
  type AllergyView,
  type ChartAlertCreate,
  type ChartAlertView,
  type ChartFlagsView,
} from '@openiop/core';
import { recordAudit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import * as repo from './clinical.repo';
import { toAlertView, toAllergyView } from './clinical.views';
import { withPatient } from './with-patient';

/**
 * Allergies and chart alerts are safety facts: anyone who may open the chart (`patient.read`) sees them on its
 * header; recording them needs `allergy.write` (ADR 0017).
 */

export async function chartFlags(ctx: Ctx, patientId: string): Promise<ChartFlagsView> {
  return withPatient(ctx, patientId, 'patient.read', async (p) => {
    const org = ctx.actor.organizationId;
    const [allergies, alerts] = [
      await repo.listAllergies(p.tx, org, patientId, { activeOnly: true }),
      await repo.listAlerts(p.tx, org, patientId, { activeOnly: true }),
    ];
    await recordAudit(p.tx, ctx, {
      action: 'chart_flags.read',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
      breakGlass: p.breakGlass,
      details: { allergies: allergies.length, alerts: alerts.length },
    });
    return { allergies: allergies.map(toAllergyView), alerts: alerts.map(toAlertView) };
  });
}

export async function listAllergies(ctx: Ctx, patientId: string): Promise<AllergyView[]> {
  return withPatient(ctx, patientId, 'patient.read', async (p) => {
    const rows = await repo.listAllergies(p.tx, ctx.actor.organizationId, patientId);
    await recordAudit(p.tx, ctx, {
      action: 'allergy.list',
      resourceType: 'allergy',
      patientId,
      breakGlass: p.breakGlass,
      details: { count: rows.length },
    });
    return rows.map(toAllergyView);
  });
}

/**
 * Records an allergy or "no known allergies". NKA while an allergy is active is a contradiction (409); a new
 * allergy retires an active NKA statement (it is no longer true), in the same transaction.
 */
export async function addAllergy(ctx: Ctx, patientId: string, input: AllergyCreate): Promise<AllergyView> {
  return withPatient(ctx, patientId, 'allergy.write', async (p) => {
    const org = ctx.actor.organizationId;
    const now = ctx.clock.now();
    const active = await repo.listAllergies(p.tx, org, patientId, { activeOnly: true });
    const retired: string[] = [];
    if (input.kind === 'no_known_allergies') {
      if (active.some((a) => a.kind === 'allergy'))
        throw new DomainError('CONFLICT', 'Active allergies are recorded; mark them inactive or entered in error first', [
          { path: 'kind', message: 'conflicts with recorded allergies' },
        ]);
      if (active.some((a) => a.kind === 'no_known_allergies'))
        throw new DomainError('CONFLICT', 'No known allergies is already recorded', [{ path: 'kind', message: 'is already recorded' }]);
    } else {
      for (const a of active.filter((x) => x.kind === 'no_known_allergies')) {
        await repo.setAllergyStatus(p.tx, org, a.id, null, 'inactive', now);
        retired.push(a.id);
      }
    }
    const id = await repo.insertAllergy(p.tx, {
      organizationId: org,
      patientId,
      kind: input.kind,
      substance: input.kind === 'allergy' ? input.substance : null,
      reaction: input.kind === 'allergy' ? (input.reaction ?? null) : null,
      severity: input.kind === 'allergy' ? input.severity : null,
      recordedBy: ctx.actor.userId,
      recordedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(p.tx, ctx, {
      action: 'allergy.create',
      resourceType: 'allergy',
      resourceId: id,
      patientId,
      breakGlass: p.breakGlass,
      details: { kind: input.kind, retired },
    });
    const [row] = await repo.listAllergies(p.tx, org, patientId, { id });
    if (!row) throw new Error('allergy vanished inside its own transaction');
    return toAllergyView(row);
  });
}

export async function changeAllergyStatus(
  ctx: Ctx,
  patientId: string,
  id: string,
  version: number,
  status: 'inactive' | 'entered_in_error',
): Promise<AllergyView> {
  return withPatient(ctx, patientId, 'allergy.write', async (p) => {
    const org = ctx.actor.organizationId;
    const [row] = await repo.listAllergies(p.tx, org, patientId, { id });
    if (!row) throw new DomainError('NOT_FOUND', 'No such allergy');
    if (row.status !== 'active')
      throw new DomainError('CONFLICT', 'Only an active allergy can change', [{ path: 'status', message: `is already ${row.status}` }]);
    if (row.version !== version)
      throw new DomainError('PRECONDITION_FAILED', 'The allergy was changed by someone else; reload and try again');
    if (!(await repo.setAllergyStatus(p.tx, org, id, version, status, ctx.clock.now())))
      throw new DomainError('PRECONDITION_FAILED', 'The allergy was changed by someone else; reload and try again');
    await recordAudit(p.tx, ctx, {
      action: 'allergy.status',
      resourceType: 'allergy',
      resourceId: id,
      patientId,
      breakGlass: p.breakGlass,
      details: { to: status },
    });
    const [done] = await repo.listAllergies(p.tx, org, patientId, { id });
    if (!done) throw new Error('allergy vanished inside its own transaction');
    return toAllergyView(done);
  });
}

export async function listAlerts(ctx: Ctx, patientId: string): Promise<ChartAlertView[]> {
  return withPatient(ctx, patientId, 'patient.read', async (p) => {
    const rows = await repo.listAlerts(p.tx, ctx.actor.organizationId, patientId);
    await recordAudit(p.tx, ctx, {
      action: 'chart_alert.list',
      resourceType: 'chart_alert',
      patientId,
      breakGlass: p.breakGlass,
      details: { count: rows.length },
    });
    return rows.map(toAlertView);
  });
}

export async function addAlert(ctx: Ctx, patientId: string, input: ChartAlertCreate): Promise<ChartAlertView> {
  if (input.kind === 'custom' && !input.label)
    throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'label', message: 'is required for a custom alert' }]);
  return withPatient(ctx, patientId, 'allergy.write', async (p) => {
    const org = ctx.actor.organizationId;
    const now = ctx.clock.now();
    const id = await repo.insertAlert(p.tx, {
      organizationId: org,
      patientId,
      kind: input.kind,
      label: input.label ?? null,
      severity: input.severity,
      note: input.note ?? null,
      recordedBy: ctx.actor.userId,
      recordedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(p.tx, ctx, {
      action: 'chart_alert.create',
      resourceType: 'chart_alert',
      resourceId: id,
      patientId,
      breakGlass: p.breakGlass,
      details: { kind: input.kind, severity: input.severity },
    });
    const [row] = await repo.listAlerts(p.tx, org, patientId, { id });
    if (!row) throw new Error('alert vanished inside its own transaction');
    return toAlertView(row);
  });
}

export async function changeAlertStatus(
  ctx: Ctx,
  patientId: string,
  id: string,
  version: number,
  status: 'inactive' | 'entered_in_error',
): Promise<ChartAlertView> {
  return withPatient(ctx, patientId, 'allergy.write', async (p) => {
    const org = ctx.actor.organizationId;
    const [row] = await repo.listAlerts(p.tx, org, patientId, { id });
    if (!row) throw new DomainError('NOT_FOUND', 'No such alert');
    if (row.status !== 'active')
      throw new DomainError('CONFLICT', 'Only an active alert can change', [{ path: 'status', message: `is already ${row.status}` }]);
    if (row.version !== version)
      throw new DomainError('PRECONDITION_FAILED', 'The alert was changed by someone else; reload and try again');
    if (!(await repo.setAlertStatus(p.tx, org, id, version, status, ctx.clock.now())))
      throw new DomainError('PRECONDITION_FAILED', 'The alert was changed by someone else; reload and try again');
    await recordAudit(p.tx, ctx, {
      action: 'chart_alert.status',
      resourceType: 'chart_alert',
      resourceId: id,
      patientId,
      breakGlass: p.breakGlass,
      details: { to: status },
    });
    const [done] = await repo.listAlerts(p.tx, org, patientId, { id });
    if (!done) throw new Error('alert vanished inside its own transaction');
    return toAlertView(done);
  });
}
