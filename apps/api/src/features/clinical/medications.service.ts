import { DomainError, medicationProblems, type MedicationCreate, type MedicationView } from '@openiop/core';
import type { z } from 'zod';
import type { adherenceNoteCreate, medicationStop } from '@openiop/core';
import { recordAudit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import * as repo from './clinical.repo';
import { toMedicationView } from './clinical.views';
import { withPatient, type PatientTx } from './with-patient';

async function one(p: PatientTx, ctx: Ctx, patientId: string, id: string): Promise<MedicationView> {
  const [row] = await repo.listMedications(p.tx, ctx.actor.organizationId, patientId, id);
  if (!row) throw new DomainError('NOT_FOUND', 'No such medication');
  return toMedicationView(row, await repo.listAdherenceNotes(p.tx, ctx.actor.organizationId, [id]));
}

/** Active medications first, then stopped ones, each with its adherence notes (newest first). */
export async function listMedications(ctx: Ctx, patientId: string): Promise<MedicationView[]> {
  return withPatient(ctx, patientId, 'medication.read', async (p) => {
    const rows = await repo.listMedications(p.tx, ctx.actor.organizationId, patientId);
    const notes = await repo.listAdherenceNotes(
      p.tx,
      ctx.actor.organizationId,
      rows.map((r) => r.id),
    );
    await recordAudit(p.tx, ctx, {
      action: 'medication.list',
      resourceType: 'medication',
      patientId,
      breakGlass: p.breakGlass,
      details: { count: rows.length },
    });
    return rows.map((r) => toMedicationView(r, notes));
  });
}

/** Records a medication; methadone must name its opioid treatment program (core `medicationProblems`). */
export async function addMedication(ctx: Ctx, patientId: string, input: MedicationCreate): Promise<MedicationView> {
  return withPatient(ctx, patientId, 'medication.write', async (p) => {
    const problems = medicationProblems({ matKind: input.matKind ?? null, otp: input.otp, startDate: input.startDate }, p.today);
    if (problems.length) throw new DomainError('VALIDATION_FAILED', 'The medication has invalid fields', problems);
    const now = ctx.clock.now();
    const id = await repo.insertMedication(p.tx, {
      organizationId: ctx.actor.organizationId,
      patientId,
      name: input.name,
      dose: input.dose,
      route: input.route,
      frequency: input.frequency,
      prescriber: input.prescriber ?? null,
      startDate: input.startDate ?? null,
      matKind: input.matKind ?? null,
      otpName: input.otp?.name ?? null,
      otpPhone: input.otp?.phone ?? null,
      note: input.note ?? null,
      recordedBy: ctx.actor.userId,
      recordedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(p.tx, ctx, {
      action: 'medication.create',
      resourceType: 'medication',
      resourceId: id,
      patientId,
      breakGlass: p.breakGlass,
      details: { matKind: input.matKind ?? null, otp: Boolean(input.otp) },
    });
    return one(p, ctx, patientId, id);
  });
}

/** Stops a medication with a date and a reason (If-Match). A stopped medication stays on the list. */
export async function stopMedication(
  ctx: Ctx,
  patientId: string,
  id: string,
  version: number,
  input: z.infer<typeof medicationStop>,
): Promise<MedicationView> {
  return withPatient(ctx, patientId, 'medication.write', async (p) => {
    const current = await one(p, ctx, patientId, id);
    if (current.status === 'stopped')
      throw new DomainError('CONFLICT', 'The medication is already stopped', [{ path: 'stopDate', message: 'is already set' }]);
    if (current.version !== version)
      throw new DomainError('PRECONDITION_FAILED', 'The medication was changed by someone else; reload and try again');
    const problems = medicationProblems(
      { matKind: current.matKind, otp: current.otp, startDate: current.startDate, stopDate: input.stopDate },
      p.today,
    ).filter((x) => x.path === 'stopDate');
    if (problems.length) throw new DomainError('VALIDATION_FAILED', 'The stop date is not valid', problems);
    const ok = await repo.stopMedication(p.tx, ctx.actor.organizationId, id, version, {
      stopDate: input.stopDate,
      stopReason: input.reason,
      updatedAt: ctx.clock.now(),
    });
    if (!ok) throw new DomainError('PRECONDITION_FAILED', 'The medication was changed by someone else; reload and try again');
    await recordAudit(p.tx, ctx, {
      action: 'medication.stop',
      resourceType: 'medication',
      resourceId: id,
      patientId,
      breakGlass: p.breakGlass,
      details: { matKind: current.matKind },
    });
    return one(p, ctx, patientId, id);
  });
}

/** Appends a dated adherence note; notes are never edited or removed. */
export async function addAdherenceNote(
  ctx: Ctx,
  patientId: string,
  id: string,
  input: z.infer<typeof adherenceNoteCreate>,
): Promise<MedicationView> {
  return withPatient(ctx, patientId, 'medication.write', async (p) => {
    await one(p, ctx, patientId, id);
    if (input.notedOn > p.today)
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'notedOn', message: 'must not be in the future' }]);
    const noteId = await repo.insertAdherenceNote(p.tx, {
      organizationId: ctx.actor.organizationId,
      medicationId: id,
      notedOn: input.notedOn,
      text: input.text,
      authorId: ctx.actor.userId,
      createdAt: ctx.clock.now(),
    });
    await recordAudit(p.tx, ctx, {
      action: 'medication.adherence_note',
      resourceType: 'medication',
      resourceId: id,
      patientId,
      breakGlass: p.breakGlass,
      details: { noteId, length: input.text.length },
    });
    return one(p, ctx, patientId, id);
  });
}
