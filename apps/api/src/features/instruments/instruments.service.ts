import {
  definitionViewOf,
  DomainError,
  instrumentList,
  instruments,
  pointsFor,
  scoreResponse,
  type AdministrationCreate,
  type AdministrationListItem,
  type AdministrationView,
  type Answers,
  type InstrumentDefinition,
  type InstrumentDefinitionView,
  type InstrumentId,
  type ScoreOptions,
  type ScoreResult,
} from '@openiop/core';
import type { Db } from '../../db/database';
import { appendAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { loadVisible } from '../patients/patients.service';
import { raiseWorseningIfAny } from '../measures/measures.worsening';
import { raiseSafetyTask, whoOf, type AuditWho } from '../tasks/tasks.service';
import * as repo from './instruments.repo';

export const definitionView = definitionViewOf;

export function listDefinitions(ctx: Ctx): InstrumentDefinitionView[] {
  assertCan(ctx.actor, 'instrument.read');
  return instrumentList.map(definitionView);
}

/** Scores answers or throws the per-item 400 before anything is written. */
export function scoreOrThrow(def: InstrumentDefinition, answers: Answers, opts: ScoreOptions): ScoreResult {
  const outcome = scoreResponse(def, answers, opts);
  if ('errors' in outcome) throw new DomainError('VALIDATION_FAILED', undefined, outcome.errors);
  return outcome;
}

export const pointsOf = (def: InstrumentDefinition) => (itemId: string, value: number) => {
  const item = def.items.find((i) => i.id === itemId);
  return item && item.scored !== false ? pointsFor(item, value) : 0;
};

/**
 * Closes an administration with its score: completed when every asked item is answered, otherwise incomplete
 * and unscored. Raises the urgent safety task in the same transaction when the answers carry a safety flag.
 */
export async function finalize(
  tx: Db,
  who: AuditWho,
  a: { id: string; version: number; patientId: string; instrumentId: InstrumentId },
  score: ScoreResult,
  audit: { breakGlass?: boolean; details?: Record<string, unknown> } = {},
): Promise<void> {
  const auditExtra = audit.details ?? {};
  const status = score.complete ? 'completed' : 'incomplete';
  const ok = await repo.updateDraft(tx, who.organizationId, a.id, a.version, {
    status,
    total: score.total ?? null,
    bandCode: score.band?.code ?? null,
    bandLabel: score.band?.label ?? null,
    bandSetUsed: score.band?.bandSet ?? null,
    subscales: score.subscales ?? null,
    positive: score.positive ?? null,
    screen: score.screen?.code ?? null,
    safetyFlags: score.safetyFlags,
    missingItems: score.missingItems,
    notes: score.notes,
    submittedAt: who.occurredAt,
    updatedAt: who.occurredAt,
  });
  if (!ok) throw new DomainError('PRECONDITION_FAILED', 'The questionnaire was changed by someone else; reload and try again');
  const taskId = await raiseSafetyTask(tx, who, {
    patientId: a.patientId,
    administrationId: a.id,
    flags: score.safetyFlags,
    extra: auditExtra,
  });
  const worseningTaskId = score.complete
    ? await raiseWorseningIfAny(tx, who, {
        administrationId: a.id,
        patientId: a.patientId,
        instrumentId: a.instrumentId,
        total: score.total,
      })
    : null;
  await appendAudit(tx, {
    ...who,
    action: 'instrument.submit',
    resourceType: 'instrument_administration',
    resourceId: a.id,
    patientId: a.patientId,
    breakGlass: audit.breakGlass ?? false,
    details: { instrumentId: a.instrumentId, status, safetyTaskId: taskId, worseningTaskId, ...auditExtra },
  });
}

/**
 * Stores and closes answers the person gave on their own (a phone link or their measures link): one
 * administration without a staff author, scored, with its safety and worsening tasks. Inside the caller's
 * transaction; returns the administration id.
 */
export async function recordPersonAnswers(
  tx: Db,
  who: AuditWho,
  p: {
    patientId: string;
    episodeId: string | null;
    def: InstrumentDefinition;
    answers: Answers;
    score: ScoreResult;
    details: Record<string, unknown>;
  },
): Promise<string> {
  const id = await repo.insertAdministration(tx, {
    organizationId: who.organizationId,
    patientId: p.patientId,
    episodeId: p.episodeId,
    instrumentId: p.def.id,
    definitionVersion: p.def.version,
    status: 'in_progress',
    source: 'phone_link',
    administeredBy: null,
    createdAt: who.occurredAt,
    updatedAt: who.occurredAt,
  });
  await repo.replaceAnswers(tx, who.organizationId, id, p.answers, pointsOf(p.def), who.occurredAt);
  await finalize(tx, who, { id, version: 1, patientId: p.patientId, instrumentId: p.def.id }, p.score, { details: p.details });
  return id;
}

async function readBack(tx: Db, ctx: Ctx, patientId: string, id: string): Promise<AdministrationView> {
  const row = await repo.getAdministration(tx, ctx.actor.organizationId, patientId, id);
  if (!row) throw new DomainError('NOT_FOUND', 'No such questionnaire');
  const def = instruments[row.a.instrumentId];
  return { ...repo.toListItem(row, def.shortName), answers: await repo.listAnswers(tx, ctx.actor.organizationId, id) };
}

const optsOf = (a: { bandSet: string | null; cutoff: number | null }, sex: string): ScoreOptions => ({
  sexAssignedAtBirth: sex,
  bandSet: a.bandSet,
  cutoff: a.cutoff,
});

/** Starts an administration in the chart (a draft), optionally submitting it at once. */
export async function createAdministration(ctx: Ctx, patientId: string, input: AdministrationCreate): Promise<AdministrationView> {
  assertCan(ctx.actor, 'instrument.administer');
  const def = instruments[input.instrumentId];
  return ctx.db.transaction(async (tx) => {
    const { row, breakGlass } = await loadVisible(tx, ctx, patientId);
    const settings = { bandSet: input.bandSet ?? null, cutoff: input.cutoff ?? null };
    const score = scoreOrThrow(def, input.items, optsOf(settings, row.sexAssignedAtBirth));
    const now = ctx.clock.now();
    const id = await repo.insertAdministration(tx, {
      organizationId: ctx.actor.organizationId,
      patientId,
      episodeId: row.currentEpisodeId,
      instrumentId: def.id,
      definitionVersion: def.version,
      status: 'in_progress',
      source: 'staff',
      administeredBy: ctx.actor.userId,
      ...settings,
      createdAt: now,
      updatedAt: now,
    });
    await repo.replaceAnswers(tx, ctx.actor.organizationId, id, input.items, pointsOf(def), now);
    await appendAudit(tx, {
      ...whoOf(ctx),
      action: 'instrument.start',
      resourceType: 'instrument_administration',
      resourceId: id,
      patientId,
      breakGlass,
      details: { instrumentId: def.id, answered: Object.keys(input.items).length },
    });
    if (input.submit) await finalize(tx, whoOf(ctx), { id, version: 1, patientId, instrumentId: def.id }, score, { breakGlass });
    return readBack(tx, ctx, patientId, id);
  });
}

async function loadDraft(tx: Db, ctx: Ctx, patientId: string, id: string, version: number) {
  const found = await repo.getAdministration(tx, ctx.actor.organizationId, patientId, id);
  if (!found) throw new DomainError('NOT_FOUND', 'No such questionnaire');
  if (found.a.status !== 'in_progress') throw new DomainError('ADMINISTRATION_CLOSED');
  if (found.a.version !== version)
    throw new DomainError('PRECONDITION_FAILED', 'The questionnaire was changed by someone else; reload and try again');
  return found.a;
}

/** Saves a draft's answers (the whole set) without scoring; invalid answers are refused and nothing changes. */
export async function saveDraft(ctx: Ctx, patientId: string, id: string, version: number, answers: Answers): Promise<AdministrationView> {
  assertCan(ctx.actor, 'instrument.administer');
  return ctx.db.transaction(async (tx) => {
    const { row, breakGlass } = await loadVisible(tx, ctx, patientId);
    const a = await loadDraft(tx, ctx, patientId, id, version);
    const def = instruments[a.instrumentId];
    scoreOrThrow(def, answers, optsOf(a, row.sexAssignedAtBirth));
    const now = ctx.clock.now();
    await repo.replaceAnswers(tx, ctx.actor.organizationId, id, answers, pointsOf(def), now);
    if (!(await repo.updateDraft(tx, ctx.actor.organizationId, id, version, { updatedAt: now })))
      throw new DomainError('PRECONDITION_FAILED', 'The questionnaire was changed by someone else; reload and try again');
    await appendAudit(tx, {
      ...whoOf(ctx),
      action: 'instrument.save',
      resourceType: 'instrument_administration',
      resourceId: id,
      patientId,
      breakGlass,
      details: { instrumentId: def.id, answered: Object.keys(answers).length },
    });
    return readBack(tx, ctx, patientId, id);
  });
}

/** Submits a draft (with its final answers, or the saved ones): scored when complete, stored as incomplete if not. */
export async function submitAdministration(
  ctx: Ctx,
  patientId: string,
  id: string,
  version: number,
  answers: Answers | undefined,
): Promise<AdministrationView> {
  assertCan(ctx.actor, 'instrument.administer');
  return ctx.db.transaction(async (tx) => {
    const { row, breakGlass } = await loadVisible(tx, ctx, patientId);
    const a = await loadDraft(tx, ctx, patientId, id, version);
    const def = instruments[a.instrumentId];
    const saved = Object.fromEntries((await repo.listAnswers(tx, ctx.actor.organizationId, id)).map((r) => [r.itemId, r.value]));
    const final = answers ?? saved;
    const score = scoreOrThrow(def, final, optsOf(a, row.sexAssignedAtBirth));
    if (answers) await repo.replaceAnswers(tx, ctx.actor.organizationId, id, answers, pointsOf(def), ctx.clock.now());
    await finalize(tx, whoOf(ctx), { id, version, patientId, instrumentId: def.id }, score, { breakGlass });
    return readBack(tx, ctx, patientId, id);
  });
}

export async function listAdministrations(ctx: Ctx, patientId: string): Promise<AdministrationListItem[]> {
  assertCan(ctx.actor, 'instrument.read');
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadVisible(tx, ctx, patientId);
    const rows = await repo.listForPatient(tx, ctx.actor.organizationId, patientId);
    await appendAudit(tx, {
      ...whoOf(ctx),
      action: 'instrument.list',
      resourceType: 'instrument_administration',
      patientId,
      breakGlass,
      details: { count: rows.length },
    });
    return rows.map((r) => repo.toListItem(r, instruments[r.a.instrumentId].shortName));
  });
}

export async function getAdministration(ctx: Ctx, patientId: string, id: string): Promise<AdministrationView> {
  assertCan(ctx.actor, 'instrument.read');
  return ctx.db.transaction(async (tx) => {
    const { breakGlass } = await loadVisible(tx, ctx, patientId);
    const view = await readBack(tx, ctx, patientId, id);
    await appendAudit(tx, {
      ...whoOf(ctx),
      action: 'instrument.read',
      resourceType: 'instrument_administration',
      resourceId: id,
      patientId,
      breakGlass,
      details: { instrumentId: view.instrumentId },
    });
    return view;
  });
}
