import {
  diagnosisCategoryOf,
  DomainError,
  findIcd10,
  mayChangeStatus,
  primaryChange,
  searchIcd10,
  type DiagnosisCreate,
  type DiagnosisView,
} from '@openiop/core';
import type { z } from 'zod';
import type { diagnosisStatusChange, icd10SearchView } from '@openiop/core';
import type { Db } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import * as repo from './clinical.repo';
import { toDiagnosisView } from './clinical.views';
import { isUniqueViolation } from '../../platform/errors';
import { withPatient, type PatientTx } from './with-patient';

const stale = () => new DomainError('PRECONDITION_FAILED', 'The diagnosis was changed by someone else; reload and try again');

/** The curated ICD-10-CM list, searched by code or words. Reference data only: no patient, nothing to audit. */
export function searchCodes(ctx: Ctx, q: string, limit: number): z.infer<typeof icd10SearchView> {
  assertCan(ctx.actor, 'diagnosis.read');
  return {
    items: searchIcd10(q, limit).map((e) => ({
      code: e.code,
      description: e.description,
      also: e.also ?? [],
      category: diagnosisCategoryOf(e.code),
    })),
  };
}

async function one(p: PatientTx, ctx: Ctx, patientId: string, id: string): Promise<repo.DiagnosisRow> {
  const [row] = await repo.listDiagnoses(p.tx, ctx.actor.organizationId, patientId, id);
  if (!row) throw new DomainError('NOT_FOUND', 'No such diagnosis');
  return row;
}

/** The whole problem list, entered-in-error rows included (they stay visible, struck through). */
export async function listDiagnoses(ctx: Ctx, patientId: string): Promise<DiagnosisView[]> {
  return withPatient(ctx, patientId, 'diagnosis.read', async (p) => {
    const rows = await repo.listDiagnoses(p.tx, ctx.actor.organizationId, patientId);
    await recordAudit(p.tx, ctx, {
      action: 'diagnosis.list',
      resourceType: 'diagnosis',
      patientId,
      breakGlass: p.breakGlass,
      details: { count: rows.length },
    });
    return rows.map(toDiagnosisView);
  });
}

/**
 * Adds a diagnosis. A code from the curated list takes the list's description unless one is given; any other
 * well-formed code needs its description. Marked primary, it takes the flag from the current primary.
 */
export async function addDiagnosis(ctx: Ctx, patientId: string, input: DiagnosisCreate): Promise<DiagnosisView> {
  const description = input.description ?? findIcd10(input.code)?.description;
  if (!description)
    throw new DomainError('VALIDATION_FAILED', undefined, [
      { path: 'description', message: 'is required for a code outside the curated list' },
    ]);
  try {
    return await withPatient(ctx, patientId, 'diagnosis.write', async (p) => {
      const now = ctx.clock.now();
      if (input.episodeId) {
        if (!(await repo.isEpisodeOf(p.tx, ctx.actor.organizationId, patientId, input.episodeId)))
          throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'episodeId', message: "is not one of this patient's episodes" }]);
      }
      let demoted: string[] = [];
      if (input.isPrimary) {
        const list = await repo.listDiagnoses(p.tx, ctx.actor.organizationId, patientId);
        demoted = list.filter((d) => d.isPrimary && d.status === 'active').map((d) => d.id);
        await repo.demotePrimaries(p.tx, ctx.actor.organizationId, demoted, now);
      }
      const id = await repo.insertDiagnosis(p.tx, {
        organizationId: ctx.actor.organizationId,
        patientId,
        episodeId: input.episodeId ?? null,
        code: input.code,
        description,
        category: diagnosisCategoryOf(input.code),
        isPrimary: input.isPrimary,
        onsetDate: input.onsetDate ?? null,
        note: input.note ?? null,
        recordedBy: ctx.actor.userId,
        recordedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(p.tx, ctx, {
        action: 'diagnosis.create',
        resourceType: 'diagnosis',
        resourceId: id,
        patientId,
        breakGlass: p.breakGlass,
        details: { curated: Boolean(findIcd10(input.code)), isPrimary: input.isPrimary, demoted },
      });
      return toDiagnosisView(await one(p, ctx, patientId, id));
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('CONFLICT', 'Another primary diagnosis was set at the same time; reload and try again');
    throw e;
  }
}

/** Makes an active diagnosis the primary one (If-Match), taking the flag from any other. */
export async function setPrimary(ctx: Ctx, patientId: string, id: string, version: number): Promise<DiagnosisView> {
  try {
    return await withPatient(ctx, patientId, 'diagnosis.write', async (p) => {
      const list = await repo.listDiagnoses(p.tx, ctx.actor.organizationId, patientId);
      const target = list.find((d) => d.id === id);
      if (!target) throw new DomainError('NOT_FOUND', 'No such diagnosis');
      if (target.version !== version) throw stale();
      const change = primaryChange(list, id);
      if (!change.ok)
        throw new DomainError('CONFLICT', 'Only an active diagnosis can be primary', [{ path: 'status', message: 'must be active' }]);
      const now = ctx.clock.now();
      await repo.demotePrimaries(p.tx, ctx.actor.organizationId, change.demote, now);
      if (
        !target.isPrimary &&
        !(await repo.updateDiagnosis(p.tx, ctx.actor.organizationId, id, version, { isPrimary: true, updatedAt: now }))
      )
        throw stale();
      await recordAudit(p.tx, ctx, {
        action: 'diagnosis.primary',
        resourceType: 'diagnosis',
        resourceId: id,
        patientId,
        breakGlass: p.breakGlass,
        details: { demoted: change.demote },
      });
      return toDiagnosisView(await one(p, ctx, patientId, id));
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('CONFLICT', 'Another primary diagnosis was set at the same time; reload and try again');
    throw e;
  }
}

/**
 * Resolves, reactivates or marks a diagnosis entered in error (If-Match). Entered in error is final; a resolved or
 * erroneous diagnosis stops being primary.
 */
export async function changeStatus(
  ctx: Ctx,
  patientId: string,
  id: string,
  version: number,
  input: z.infer<typeof diagnosisStatusChange>,
): Promise<DiagnosisView> {
  return withPatient(ctx, patientId, 'diagnosis.write', async (p) => {
    const row = await one(p, ctx, patientId, id);
    if (row.version !== version) throw stale();
    if (!mayChangeStatus(row.status, input.status))
      throw new DomainError(
        'CONFLICT',
        `A diagnosis that is ${row.status.replace(/_/g, ' ')} cannot become ${input.status.replace(/_/g, ' ')}`,
        [{ path: 'status', message: `cannot change from ${row.status}` }],
      );
    const now = ctx.clock.now();
    const ok = await repo.updateDiagnosis(p.tx, ctx.actor.organizationId, id, version, {
      status: input.status,
      isPrimary: input.status === 'active' ? row.isPrimary : false,
      resolvedAt: input.status === 'resolved' ? now : input.status === 'active' ? null : row.resolvedAt,
      note: input.note ?? row.note,
      updatedAt: now,
    });
    if (!ok) throw stale();
    await recordAudit(p.tx, ctx, {
      action: 'diagnosis.status',
      resourceType: 'diagnosis',
      resourceId: id,
      patientId,
      breakGlass: p.breakGlass,
      details: { from: row.status, to: input.status, wasPrimary: row.isPrimary },
    });
    return toDiagnosisView(await one(p, ctx, patientId, id));
  });
}

/**
 * The active problem list (primary first) for another feature working inside its own transaction, e.g. the treatment
 * plan seeding its problems. The caller has loaded the patient through the scope predicate and audits its own read.
 */
export async function activeDiagnosesFor(tx: Db, organizationId: string, patientId: string): Promise<DiagnosisView[]> {
  return (await repo.listDiagnoses(tx, organizationId, patientId)).filter((d) => d.status === 'active').map(toDiagnosisView);
}
