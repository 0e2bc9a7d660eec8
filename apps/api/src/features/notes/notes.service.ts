import {
  DomainError,
  findLeaks,
  foreignKeys,
  noteTemplates,
  partTexts,
  sharedTexts,
  signProblems,
  type FieldError,
  type NoteAddendumCreate,
  type NoteView,
  type PartContent,
  type Reauth,
  type SharedContent,
  type TextField,
} from '@openiop/core';
import type { Db } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { isUniqueViolation } from '../../platform/errors';
import { countingSignerFailures, reauthenticate } from '../auth/signer';
import * as repo from './notes.repo';
import { ABSENT, asMember, loadNote, loadSession, loadWorld, membersOf, noteView, type NoteWorld } from './notes.views';

const stale = () => new DomainError('PRECONDITION_FAILED', 'The note was changed elsewhere; reload and try again');
const signed = () => new DomainError('NOTE_SIGNED');

/** One audit event per person whose part the request read or wrote, plus the note itself. Ids only. */
async function auditMembers(
  tx: Db,
  ctx: Ctx,
  action: string,
  note: repo.NoteRow,
  patientIds: string[],
  details: Record<string, unknown> = {},
) {
  await recordAudit(tx, ctx, {
    action,
    resourceType: 'session_note',
    resourceId: note.id,
    details: { ...details, members: patientIds.length },
  });
  for (const patientId of patientIds)
    await recordAudit(tx, ctx, { action, resourceType: 'session_note', resourceId: note.id, patientId, details });
}

function assertHeld(occ: repo.OccurrenceRow, now: Date): void {
  if (occ.status !== 'scheduled' || occ.startsAt.getTime() > now.getTime()) throw new DomainError('SESSION_NOT_HELD');
}

function assertAuthor(ctx: Ctx, note: repo.NoteRow): void {
  if (note.authorId !== ctx.actor.userId) throw new DomainError('FORBIDDEN', "Only the note's author writes and signs it");
}

/** The editor: the note of a session, for its members (each read audited under that person). */
export async function getNote(ctx: Ctx, occurrenceId: string): Promise<NoteView> {
  assertCan(ctx.actor, 'note.read');
  return ctx.db.transaction(async (tx) => {
    const occ = await loadSession(tx, ctx, occurrenceId);
    const note = await repo.findNoteOf(tx, ctx.actor.organizationId, occ.id);
    if (!note) throw new DomainError('NOT_FOUND', 'This session has no note yet');
    const w = await loadWorld(tx, ctx, note, occ);
    await auditMembers(
      tx,
      ctx,
      'note.read',
      note,
      membersOf(w).map((m) => m.patientId),
    );
    return noteView(tx, ctx, w);
  });
}

/**
 * Opens the note of a held session: creates it (the caller is its author) or returns the one that exists. A group
 * uses the group template; individual and family sessions choose DAP, BIRP or SOAP.
 */
export async function openNote(
  ctx: Ctx,
  occurrenceId: string,
  template: 'dap' | 'birp' | 'soap' | undefined,
): Promise<{ created: boolean; view: NoteView }> {
  assertCan(ctx.actor, 'note.write');
  try {
    return await ctx.db.transaction(async (tx) => {
      const org = ctx.actor.organizationId;
      const occ = await loadSession(tx, ctx, occurrenceId);
      const existing = await repo.findNoteOf(tx, org, occ.id);
      if (existing) {
        const w = await loadWorld(tx, ctx, existing, occ);
        await auditMembers(
          tx,
          ctx,
          'note.read',
          existing,
          membersOf(w).map((m) => m.patientId),
        );
        return { created: false, view: await noteView(tx, ctx, w) };
      }
      if (occ.kind === 'drug_test') throw new DomainError('CONFLICT', 'A drug-test visit has no session note');
      assertHeld(occ, ctx.clock.now());
      if (occ.kind === 'group' && template)
        throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'template', message: 'a group note uses the group template' }]);
      const roster = await repo.listRoster(tx, org, occ.id);
      if (!roster.length)
        throw new DomainError('NOT_ON_ROSTER', 'Nobody is on this session’s roster', [{ path: 'roster', message: 'is empty' }]);
      const note = await repo.insertNote(tx, {
        organizationId: org,
        occurrenceId: occ.id,
        kind: occ.kind,
        template: occ.kind === 'group' ? 'group' : (template ?? 'dap'),
        authorId: ctx.actor.userId,
        at: ctx.clock.now(),
      });
      const w = await loadWorld(tx, ctx, note, occ);
      await auditMembers(
        tx,
        ctx,
        'note.create',
        note,
        membersOf(w).map((m) => m.patientId),
        { template: note.template },
      );
      return { created: true, view: await noteView(tx, ctx, w) };
    });
  } catch (e) {
    // Two tabs starting the same note: the second opens the first's.
    if (isUniqueViolation(e)) return { created: false, view: await getNote(ctx, occurrenceId) };
    throw e;
  }
}

/** Field errors for parts that cannot be saved: not on the roster, recorded absent, foreign fields, unknown goals. */
function partErrors(w: NoteWorld, parts: Record<string, PartContent>): { notOnRoster: FieldError[]; invalid: FieldError[] } {
  const roster = new Set(w.roster.map((m) => m.patientId));
  const notOnRoster: FieldError[] = [];
  const invalid: FieldError[] = [];
  for (const [patientId, content] of Object.entries(parts)) {
    const at = `parts.${patientId}`;
    if (!roster.has(patientId)) {
      notOnRoster.push({ path: at, message: 'is not on this session’s roster' });
      continue;
    }
    const attendance = w.attendance.get(patientId);
    if (attendance && ABSENT.has(attendance)) invalid.push({ path: at, message: 'did not attend: no part is written' });
    for (const key of foreignKeys(w.note.template, content))
      invalid.push({ path: `${at}.${key}`, message: `is not a field of the ${noteTemplates[w.note.template].label} template` });
    const goals = new Set((w.goals.get(patientId) ?? []).map((g) => g.id));
    (content.goalProgress ?? []).forEach((g, i) => {
      if (!goals.has(g.goalId)) invalid.push({ path: `${at}.goalProgress.${i}.goalId`, message: "is not one of this person's plan goals" });
    });
  }
  return { notOnRoster, invalid };
}

/** Saves a draft (If-Match): the shared part and any members' parts, each replaced whole. Autosave calls this. */
export async function saveNote(
  ctx: Ctx,
  id: string,
  version: number,
  input: { shared?: SharedContent | undefined; parts?: Record<string, PartContent> | undefined },
): Promise<NoteView> {
  assertCan(ctx.actor, 'note.write');
  return ctx.db.transaction(async (tx) => {
    const org = ctx.actor.organizationId;
    const { note, occ } = await loadNote(tx, ctx, id, true);
    if (note.status !== 'draft') throw signed();
    assertAuthor(ctx, note);
    if (note.version !== version) throw stale();
    if (input.shared && note.kind !== 'group')
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'shared', message: 'only a group note has a shared part' }]);
    const w = await loadWorld(tx, ctx, note, occ);
    const parts = input.parts ?? {};
    const { notOnRoster, invalid } = partErrors(w, parts);
    if (notOnRoster.length) throw new DomainError('NOT_ON_ROSTER', undefined, notOnRoster);
    if (invalid.length) throw new DomainError('VALIDATION_FAILED', undefined, invalid);
    const now = ctx.clock.now();
    for (const [patientId, content] of Object.entries(parts))
      await repo.upsertPart(tx, { organizationId: org, noteId: note.id, patientId, content, at: now });
    const next = await repo.updateNote(tx, org, note.id, version, 'draft', {
      ...(input.shared ? { shared: input.shared as Record<string, unknown> } : {}),
      updatedAt: now,
    });
    if (!next) throw stale();
    await auditMembers(tx, ctx, 'note.update', next, Object.keys(parts), { shared: Boolean(input.shared) });
    return noteView(tx, ctx, await loadWorld(tx, ctx, next, occ));
  });
}

/** Every text of the note with its path and owner, for the leak check. */
function textsOf(note: repo.NoteRow, parts: { patientId: string; content: PartContent }[]): TextField[] {
  const out: TextField[] = [];
  if (note.kind === 'group') for (const t of sharedTexts(note.shared)) out.push({ path: `shared.${t.path}`, text: t.text, ownerId: null });
  for (const p of parts)
    for (const t of partTexts(note.template, p.content))
      out.push({ path: `parts.${p.patientId}.${t.path}`, text: t.text, ownerId: p.patientId });
  return out;
}

/**
 * Signs a draft (If-Match, re-authenticated): every present member needs a complete part, no part may name or
 * identify another member, and the shared part may name nobody. Parts of members recorded absent are dropped. A
 * signer who needs co-signature sends the note to their supervisor (`awaiting_cosign`); it is locked either way.
 */
export async function signNote(ctx: Ctx, id: string, version: number, input: Reauth): Promise<NoteView> {
  assertCan(ctx.actor, 'note.sign');
  return countingSignerFailures(ctx, () =>
    ctx.db.transaction(async (tx) => {
      const org = ctx.actor.organizationId;
      const { note, occ } = await loadNote(tx, ctx, id, true);
      if (note.status !== 'draft') throw signed();
      assertAuthor(ctx, note);
      if (note.version !== version) throw stale();
      const now = ctx.clock.now();
      assertHeld(occ, now);
      const w = await loadWorld(tx, ctx, note, occ);
      const onRoster = new Set(w.roster.map((m) => m.patientId));
      const gone = [...w.parts.keys()].filter((p) => !onRoster.has(p));
      if (gone.length)
        throw new DomainError(
          'NOT_ON_ROSTER',
          undefined,
          gone.map((p) => ({ path: `parts.${p}`, message: 'is no longer on this session’s roster' })),
        );
      const present = w.roster.filter((m) => !ABSENT.has(w.attendance.get(m.patientId) ?? ''));
      const toSign = present.map((m) => ({ patientId: m.patientId, content: w.parts.get(m.patientId)?.content ?? {} }));
      const problems = signProblems(note.template, note.shared, toSign);
      if (problems.length) throw new DomainError('NOTE_INCOMPLETE', undefined, problems);
      const leaks = findLeaks(textsOf(note, toSign), w.roster.map(asMember));
      if (leaks.length)
        throw new DomainError(
          'NOTE_NAMES_OTHERS',
          undefined,
          leaks.map((l) => ({
            path: l.path,
            message: l.path.startsWith('shared.') ? 'names a member of the group' : 'names another member of the group',
          })),
          { kinds: [...new Set(leaks.map((l) => l.kind))] },
        );
      const method = await reauthenticate(tx, ctx, input);
      const absentWithPart = w.roster
        .filter((m) => ABSENT.has(w.attendance.get(m.patientId) ?? '') && w.parts.has(m.patientId))
        .map((m) => m.patientId);
      await repo.deleteParts(tx, org, note.id, absentWithPart);
      // Present members with no part yet get their (complete) part row; signProblems has already checked it is complete.
      const supervision = await repo.findSupervisionOf(tx, org, ctx.actor.userId);
      const needsCosign = Boolean(supervision?.requiresCosign && supervision.supervisorId !== ctx.actor.userId);
      const next = await repo.updateNote(tx, org, note.id, version, 'draft', {
        status: needsCosign ? 'awaiting_cosign' : 'signed',
        signedAt: now,
        signedBy: ctx.actor.userId,
        cosignerId: needsCosign ? (supervision?.supervisorId ?? null) : null,
        updatedAt: now,
      });
      if (!next) throw stale();
      await auditMembers(
        tx,
        ctx,
        needsCosign ? 'note.sign' : 'note.lock',
        next,
        toSign.map((p) => p.patientId),
        {
          method,
          cosignerId: next.cosignerId,
          droppedAbsent: absentWithPart.length,
        },
      );
      return noteView(tx, ctx, await loadWorld(tx, ctx, next, occ));
    }),
  );
}

/** The supervisor named on the note co-signs it (re-authenticated), which makes it signed. */
export async function cosignNote(ctx: Ctx, id: string, version: number, input: Reauth): Promise<NoteView> {
  assertCan(ctx.actor, 'note.cosign');
  return countingSignerFailures(ctx, () =>
    ctx.db.transaction(async (tx) => {
      const org = ctx.actor.organizationId;
      const { note, occ } = await loadNote(tx, ctx, id, true);
      if (note.status === 'signed') throw signed();
      if (note.status === 'draft') throw new DomainError('CONFLICT', 'The author has not signed this note yet');
      if (note.cosignerId !== ctx.actor.userId) throw new DomainError('FORBIDDEN', 'Only the supervisor named on the note co-signs it');
      if (note.version !== version) throw stale();
      const method = await reauthenticate(tx, ctx, input);
      const now = ctx.clock.now();
      const next = await repo.updateNote(tx, org, note.id, version, 'awaiting_cosign', {
        status: 'signed',
        cosignedAt: now,
        updatedAt: now,
      });
      if (!next) throw stale();
      const w = await loadWorld(tx, ctx, next, occ);
      await auditMembers(
        tx,
        ctx,
        'note.cosign',
        next,
        membersOf(w).map((m) => m.patientId),
        { method },
      );
      return noteView(tx, ctx, w);
    }),
  );
}

/**
 * Adds a signed addendum to a signed note (or one waiting for its co-signature): for one member's part, or for the
 * shared part of a group note. The same name check applies: a member's addendum names nobody else; a shared one,
 * nobody at all.
 */
export async function addAddendum(ctx: Ctx, id: string, input: NoteAddendumCreate): Promise<NoteView> {
  assertCan(ctx.actor, 'note.sign');
  return countingSignerFailures(ctx, () =>
    ctx.db.transaction(async (tx) => {
      const org = ctx.actor.organizationId;
      const { note, occ } = await loadNote(tx, ctx, id, true);
      if (note.status === 'draft')
        throw new DomainError('CONFLICT', 'A draft is edited, not amended', [{ path: 'status', message: 'is draft' }]);
      const w = await loadWorld(tx, ctx, note, occ);
      if (input.patientId === null && note.kind !== 'group')
        throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'patientId', message: 'only a group note has a shared part' }]);
      if (input.patientId !== null && !w.parts.has(input.patientId))
        throw new DomainError('NOT_ON_ROSTER', 'That person has no part in this note', [
          { path: 'patientId', message: 'has no part in this note' },
        ]);
      const leaks = findLeaks([{ path: 'text', text: input.text, ownerId: input.patientId }], w.roster.map(asMember));
      if (leaks.length)
        throw new DomainError('NOTE_NAMES_OTHERS', undefined, [
          { path: 'text', message: input.patientId ? 'names another member of the group' : 'names a member of the group' },
        ]);
      const method = await reauthenticate(tx, ctx, input);
      const addendumId = await repo.insertAddendum(tx, {
        organizationId: org,
        noteId: note.id,
        patientId: input.patientId,
        text: input.text,
        authorId: ctx.actor.userId,
        signedAt: ctx.clock.now(),
      });
      const about = input.patientId ? [input.patientId] : membersOf(w).map((m) => m.patientId);
      await auditMembers(tx, ctx, 'note.addendum', note, about, { addendumId, method });
      return noteView(tx, ctx, w);
    }),
  );
}
