import {
  decideStageMove,
  DomainError,
  inquiryStages,
  type FollowUpCreate,
  type FollowUpUpdate,
  type FollowUpView,
  type InquiryBoardPage,
  type InquiryBoardQuery,
  type InquiryCreate,
  type InquiryStageMove,
  type InquiryUpdate,
  type InquiryView,
} from '@openiop/core';
import type { Db } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { decodeCursor, encodeCursor } from '../../platform/http';
import { getLocationForActor } from '../admin/locations.service';
import { getStaffMember } from '../admin/users.service';
import * as repo from './inquiries.repo';
import { followUpToView, inquiryToCard, inquiryToView } from './inquiries.views';

/** Staff who may be given an inquiry or a follow-up to work. */
export const ASSIGNABLE = ['admissions', 'director', 'admin', 'clinician'] as const;

/** Loads an inquiry of the actor's organization or answers NOT_FOUND. */
export async function loadInquiry(tx: Db, ctx: Ctx, id: string, forUpdate = false): Promise<repo.InquiryRow> {
  const row = await repo.findInquiry(tx, ctx.actor.organizationId, id, forUpdate);
  if (!row) throw new DomainError('NOT_FOUND', 'No such inquiry');
  return row;
}

export async function readInquiry(tx: Db, ctx: Ctx, id: string): Promise<InquiryView> {
  const row = await loadInquiry(tx, ctx, id);
  const followUps = await repo.listFollowUps(tx, ctx.actor.organizationId, [id]);
  return inquiryToView(row, followUps, ctx.clock.now());
}

async function checkRefs(tx: Db, ctx: Ctx, input: { locationId?: string | null | undefined; assigneeId?: string | null | undefined }) {
  if (input.locationId) await getLocationForActor(tx, ctx, input.locationId, 'locationId');
  if (input.assigneeId) await getStaffMember(tx, ctx, input.assigneeId, 'assigneeId', [...ASSIGNABLE]);
}

export async function createInquiry(ctx: Ctx, input: InquiryCreate): Promise<InquiryView> {
  assertCan(ctx.actor, 'inquiry.write');
  return ctx.db.transaction(async (tx) => {
    await checkRefs(tx, ctx, input);
    const now = ctx.clock.now();
    const id = await repo.insertInquiry(tx, {
      ...input,
      organizationId: ctx.actor.organizationId,
      stage: 'new',
      stageChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'inquiry.create',
      resourceType: 'inquiry',
      resourceId: id,
      details: { channel: input.channel, referralSource: input.referralSource },
    });
    return readInquiry(tx, ctx, id);
  });
}

export async function getInquiry(ctx: Ctx, id: string): Promise<InquiryView> {
  assertCan(ctx.actor, 'inquiry.read');
  return ctx.db.transaction(async (tx) => {
    const view = await readInquiry(tx, ctx, id);
    await recordAudit(tx, ctx, { action: 'inquiry.read', resourceType: 'inquiry', resourceId: id, patientId: view.patientId });
    return view;
  });
}

export async function updateInquiry(ctx: Ctx, id: string, version: number, patch: InquiryUpdate): Promise<InquiryView> {
  assertCan(ctx.actor, 'inquiry.write');
  return ctx.db.transaction(async (tx) => {
    const row = await loadInquiry(tx, ctx, id);
    if (row.i.version !== version)
      throw new DomainError('PRECONDITION_FAILED', 'The inquiry was changed by someone else; reload and try again');
    if (row.i.stage === 'admitted')
      throw new DomainError('STAGE_NOT_ALLOWED', 'An admitted inquiry is closed; edit the patient’s chart instead');
    await checkRefs(tx, ctx, patch);
    if (!(await repo.updateInquiry(tx, ctx.actor.organizationId, id, version, { ...patch, updatedAt: ctx.clock.now() })))
      throw new DomainError('PRECONDITION_FAILED', 'The inquiry was changed by someone else; reload and try again');
    await recordAudit(tx, ctx, {
      action: 'inquiry.update',
      resourceType: 'inquiry',
      resourceId: id,
      details: { fields: Object.keys(patch).sort() },
    });
    return readInquiry(tx, ctx, id);
  });
}

/** Moves an inquiry along the board; the rules (and the reasons an ending needs) are in core. */
export async function moveInquiry(ctx: Ctx, id: string, version: number, move: InquiryStageMove): Promise<InquiryView> {
  assertCan(ctx.actor, 'inquiry.write');
  return ctx.db.transaction(async (tx) => {
    const row = await loadInquiry(tx, ctx, id);
    if (row.i.version !== version)
      throw new DomainError('PRECONDITION_FAILED', 'The inquiry was changed by someone else; reload and try again');
    const d = decideStageMove(row.i.stage, move, row.i.prescreenVerdict !== null);
    if (!d.ok) {
      if (d.code === 'VALIDATION_FAILED') throw new DomainError('VALIDATION_FAILED', undefined, d.errors);
      throw new DomainError(d.code, d.message, [], { from: row.i.stage, to: move.to });
    }
    const now = ctx.clock.now();
    const ending = d.to === 'referred_elsewhere' || d.to === 'lost';
    const ok = await repo.updateInquiry(tx, ctx.actor.organizationId, id, version, {
      stage: d.to,
      stageReason: d.reason,
      stageReasonText: d.reasonText,
      referredTo: d.to === 'referred_elsewhere' ? (move.referredTo ?? null) : ending ? null : row.i.referredTo,
      stageChangedAt: now,
      updatedAt: now,
    });
    if (!ok) throw new DomainError('PRECONDITION_FAILED', 'The inquiry was changed by someone else; reload and try again');
    await recordAudit(tx, ctx, {
      action: 'inquiry.stage',
      resourceType: 'inquiry',
      resourceId: id,
      details: { from: row.i.stage, to: d.to, reason: d.reason },
    });
    return readInquiry(tx, ctx, id);
  });
}

export async function listBoard(ctx: Ctx, f: InquiryBoardQuery): Promise<InquiryBoardPage> {
  assertCan(ctx.actor, 'inquiry.read');
  const after = decodeCursor(f.cursor, 2) as [string, string] | undefined;
  return ctx.db.transaction(async (tx) => {
    const { rows, counts } = await repo.listBoard(tx, ctx.actor.organizationId, f, after);
    const page = rows.slice(0, f.limit);
    const last = page.at(-1);
    const nextCursor = rows.length > f.limit && last ? encodeCursor([last.i.createdAt.toISOString(), last.i.id]) : null;
    const open = await repo.listFollowUps(
      tx,
      ctx.actor.organizationId,
      page.map((r) => r.i.id),
      true,
    );
    const now = ctx.clock.now();
    const items = page.map((r) =>
      inquiryToCard(
        r,
        open.filter((o) => o.f.inquiryId === r.i.id),
        now,
      ),
    );
    await recordAudit(tx, ctx, {
      action: 'inquiry.list',
      resourceType: 'inquiry',
      details: { count: items.length, inquiryIds: items.map((i) => i.id), stage: f.stage ?? null },
    });
    const byStage = Object.fromEntries(inquiryStages.map((s) => [s, Number(counts.find((c) => c.stage === s)?.n ?? 0)]));
    return { items, nextCursor, counts: byStage as InquiryBoardPage['counts'] };
  });
}

export async function addFollowUp(ctx: Ctx, inquiryId: string, input: FollowUpCreate): Promise<FollowUpView> {
  assertCan(ctx.actor, 'inquiry.write');
  return ctx.db.transaction(async (tx) => {
    await loadInquiry(tx, ctx, inquiryId);
    if (input.assigneeId) await getStaffMember(tx, ctx, input.assigneeId, 'assigneeId', [...ASSIGNABLE]);
    const now = ctx.clock.now();
    const id = await repo.insertFollowUp(tx, {
      organizationId: ctx.actor.organizationId,
      inquiryId,
      what: input.what,
      dueAt: new Date(input.dueAt),
      assigneeId: input.assigneeId ?? ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'inquiry.follow_up.create',
      resourceType: 'inquiry_follow_up',
      resourceId: id,
      details: { inquiryId },
    });
    return readFollowUp(tx, ctx, inquiryId, id);
  });
}

async function readFollowUp(tx: Db, ctx: Ctx, inquiryId: string, id: string): Promise<FollowUpView> {
  const found = (await repo.listFollowUps(tx, ctx.actor.organizationId, [inquiryId])).find((f) => f.f.id === id);
  if (!found) throw new DomainError('NOT_FOUND', 'No such follow-up');
  return followUpToView(found, ctx.clock.now());
}

export async function updateFollowUp(ctx: Ctx, inquiryId: string, id: string, patch: FollowUpUpdate): Promise<FollowUpView> {
  assertCan(ctx.actor, 'inquiry.write');
  return ctx.db.transaction(async (tx) => {
    await loadInquiry(tx, ctx, inquiryId);
    await readFollowUp(tx, ctx, inquiryId, id);
    if (patch.assigneeId) await getStaffMember(tx, ctx, patch.assigneeId, 'assigneeId', [...ASSIGNABLE]);
    const now = ctx.clock.now();
    const { done, dueAt, ...rest } = patch;
    await repo.updateFollowUp(tx, ctx.actor.organizationId, inquiryId, id, {
      ...rest,
      ...(dueAt ? { dueAt: new Date(dueAt) } : {}),
      ...(done === undefined ? {} : done ? { doneAt: now, doneBy: ctx.actor.userId } : { doneAt: null, doneBy: null }),
      updatedAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'inquiry.follow_up.update',
      resourceType: 'inquiry_follow_up',
      resourceId: id,
      details: { inquiryId, fields: Object.keys(patch).sort() },
    });
    return readFollowUp(tx, ctx, inquiryId, id);
  });
}
