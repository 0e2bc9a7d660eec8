import {
  completenessErrors,
  DomainError,
  intakeCompleteness,
  type IntakeCreate,
  type IntakeDocument,
  type IntakeListItem,
  type IntakeView,
} from '@openiop/core';
import type { Db } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { loadVisible } from '../patients/patients.service';
import { confirmPassword, countingSignerFailures } from '../auth/signer';
import * as repo from './intake.repo';

const person = (names: Map<string, string>, id: string) => ({ id, name: names.get(id) ?? 'Unknown' });

async function toView(db: Db, orgId: string, row: repo.IntakeRow): Promise<IntakeView> {
  const addenda = await repo.listAddenda(db, orgId, row.id);
  const names = await repo.staffNames(db, orgId, [row.createdBy, row.signedBy, ...addenda.map((a) => a.signedBy)]);
  return {
    id: row.id,
    patientId: row.patientId,
    episodeId: row.episodeId,
    status: row.status,
    document: row.document,
    completeness: intakeCompleteness(row.document),
    createdBy: person(names, row.createdBy),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    signedBy: row.signedBy ? person(names, row.signedBy) : null,
    signedAt: row.signedAt?.toISOString() ?? null,
    addenda: addenda.map((a) => ({ id: a.id, text: a.text, signedBy: person(names, a.signedBy), signedAt: a.signedAt.toISOString() })),
    version: row.version,
  };
}

async function loadIntake(db: Db, ctx: Ctx, patientId: string, intakeId: string) {
  const { breakGlass } = await loadVisible(db, ctx, patientId);
  const row = await repo.findIntake(db, ctx.actor.organizationId, patientId, intakeId);
  if (!row) throw new DomainError('NOT_FOUND', 'No such intake');
  return { row, breakGlass };
}

export async function assertEpisodeOf(db: Db, ctx: Ctx, patientId: string, episodeId: string | null | undefined): Promise<void> {
  if (episodeId && !(await repo.episodeBelongs(db, ctx.actor.organizationId, patientId, episodeId))) {
    throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'episodeId', message: 'is not an episode of this patient' }]);
  }
}

const locked = () => new DomainError('RECORD_LOCKED', 'The intake is signed; add an addendum instead');

export async function listIntakes(ctx: Ctx, patientId: string): Promise<IntakeListItem[]> {
  assertCan(ctx.actor, 'intake.read');
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadVisible(tx, ctx, patientId);
    const rows = await repo.listIntakes(tx, ctx.actor.organizationId, patientId);
    const names = await repo.staffNames(
      tx,
      ctx.actor.organizationId,
      rows.flatMap((r) => [r.createdBy, r.signedBy]),
    );
    await recordAudit(tx, ctx, { action: 'intake.list', resourceType: 'intake', patientId, breakGlass, details: { count: rows.length } });
    return rows.map((r) => ({
      id: r.id,
      episodeId: r.episodeId,
      status: r.status,
      createdBy: person(names, r.createdBy),
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      signedBy: r.signedBy ? person(names, r.signedBy) : null,
      signedAt: r.signedAt?.toISOString() ?? null,
      version: r.version,
    }));
  });
}

export async function startIntake(ctx: Ctx, patientId: string, input: IntakeCreate): Promise<IntakeView> {
  assertCan(ctx.actor, 'intake.write');
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadVisible(tx, ctx, patientId);
    await assertEpisodeOf(tx, ctx, patientId, input.episodeId);
    const now = ctx.clock.now();
    const row = await repo.insertIntake(tx, {
      organizationId: ctx.actor.organizationId,
      patientId,
      episodeId: input.episodeId ?? null,
      document: input.document,
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, { action: 'intake.create', resourceType: 'intake', resourceId: row.id, patientId, breakGlass });
    return toView(tx, ctx.actor.organizationId, row);
  });
}

/** An intake as its page shows it, for another read in the caller's transaction (the PDF); the caller audits. */
export async function intakeViewOf(db: Db, ctx: Ctx, patientId: string, intakeId: string): Promise<IntakeView> {
  const row = await repo.findIntake(db, ctx.actor.organizationId, patientId, intakeId);
  if (!row) throw new DomainError('NOT_FOUND', 'No such intake');
  return toView(db, ctx.actor.organizationId, row);
}

export async function getIntake(ctx: Ctx, patientId: string, intakeId: string): Promise<IntakeView> {
  assertCan(ctx.actor, 'intake.read');
  return ctx.db.transaction(async (tx) => {
    const { row, breakGlass } = await loadIntake(tx, ctx, patientId, intakeId);
    await recordAudit(tx, ctx, { action: 'intake.read', resourceType: 'intake', resourceId: row.id, patientId, breakGlass });
    return toView(tx, ctx.actor.organizationId, row);
  });
}

/** Saves the whole draft document (autosave); the If-Match version keeps two tabs from overwriting each other. */
export async function saveIntakeDraft(
  ctx: Ctx,
  patientId: string,
  intakeId: string,
  version: number,
  document: IntakeDocument,
): Promise<IntakeView> {
  assertCan(ctx.actor, 'intake.write');
  return ctx.db.transaction(async (tx) => {
    const { row, breakGlass } = await loadIntake(tx, ctx, patientId, intakeId);
    if (row.status !== 'draft') throw locked();
    if (row.version !== version) throw new DomainError('PRECONDITION_FAILED', 'The intake was changed elsewhere; reload and try again');
    const saved = await repo.updateIntake(tx, ctx.actor.organizationId, intakeId, version, { document, updatedAt: ctx.clock.now() });
    if (!saved) throw new DomainError('PRECONDITION_FAILED', 'The intake was changed elsewhere; reload and try again');
    await recordAudit(tx, ctx, {
      action: 'intake.save',
      resourceType: 'intake',
      resourceId: intakeId,
      patientId,
      breakGlass,
      details: { sections: Object.keys(document).sort(), substances: document.substanceUse?.substances?.length ?? 0 },
    });
    return toView(tx, ctx.actor.organizationId, saved);
  });
}

/** Signs a complete draft; from then on it is read-only and changes only by addendum. */
export async function signIntake(ctx: Ctx, patientId: string, intakeId: string, version: number, password: string): Promise<IntakeView> {
  assertCan(ctx.actor, 'intake.write');
  return countingSignerFailures(ctx, async (signer) => {
    // The same Argon2 check sign-in uses, before the transaction: a wrong password writes nothing but its count.
    await confirmPassword(ctx, signer, password);
    return ctx.db.transaction(async (tx) => {
      const { row, breakGlass } = await loadIntake(tx, ctx, patientId, intakeId);
      if (row.status !== 'draft') throw locked();
      if (row.version !== version) throw new DomainError('PRECONDITION_FAILED', 'The intake was changed elsewhere; reload and try again');
      const missing = completenessErrors(row.document);
      if (missing.length) throw new DomainError('VALIDATION_FAILED', 'The intake is not complete yet', missing);
      const now = ctx.clock.now();
      const signed = await repo.updateIntake(tx, ctx.actor.organizationId, intakeId, version, {
        status: 'signed',
        signedBy: ctx.actor.userId,
        signedAt: now,
        updatedAt: now,
      });
      if (!signed) throw new DomainError('PRECONDITION_FAILED', 'The intake was changed elsewhere; reload and try again');
      await recordAudit(tx, ctx, { action: 'intake.sign', resourceType: 'intake', resourceId: intakeId, patientId, breakGlass });
      return toView(tx, ctx.actor.organizationId, signed);
    });
  });
}

/** A later correction to a signed intake: its own signed text, appended, never an edit. */
export async function addIntakeAddendum(
  ctx: Ctx,
  patientId: string,
  intakeId: string,
  text: string,
  password: string,
): Promise<IntakeView> {
  assertCan(ctx.actor, 'intake.write');
  return countingSignerFailures(ctx, async (signer) => {
    // The same Argon2 check sign-in uses, before the transaction: a wrong password writes nothing but its count.
    await confirmPassword(ctx, signer, password);
    return ctx.db.transaction(async (tx) => {
      const { row, breakGlass } = await loadIntake(tx, ctx, patientId, intakeId);
      if (row.status !== 'signed') throw new DomainError('RECORD_NOT_SIGNED', 'A draft is edited directly; addenda are for signed intakes');
      const id = await repo.insertAddendum(tx, {
        organizationId: ctx.actor.organizationId,
        intakeId,
        patientId,
        text,
        signedBy: ctx.actor.userId,
        signedAt: ctx.clock.now(),
      });
      await recordAudit(tx, ctx, {
        action: 'intake.addendum',
        resourceType: 'intake',
        resourceId: intakeId,
        patientId,
        breakGlass,
        details: { addendumId: id },
      });
      return toView(tx, ctx.actor.organizationId, row);
    });
  });
}
