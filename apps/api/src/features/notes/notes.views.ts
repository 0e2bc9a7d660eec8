import { DomainError, isLate, lateAt, patientScopeFor, type GroupMember, type NoteSummary, type NoteView } from '@openiop/core';
import type { Db } from '../../db/database';
import type { Ctx } from '../../platform/context';
import * as repo from './notes.repo';

export const ABSENT = new Set(['absent_excused', 'absent_unexcused']);

export const displayName = (m: Pick<repo.MemberRow, 'givenName' | 'familyName' | 'preferredName'>): string =>
  m.preferredName ? `${m.preferredName} ${m.familyName}` : `${m.givenName} ${m.familyName}`;

export const asMember = (m: repo.MemberRow): GroupMember => ({
  patientId: m.patientId,
  givenName: m.givenName,
  familyName: m.familyName,
  preferredName: m.preferredName,
  mrn: m.mrn,
});

/**
 * Who may open a session's note: its facilitator, the note's author or co-signer, and staff whose patient scope
 * covers the session's location (directors: the whole organization). Everyone else gets the same 404 as a session
 * that does not exist. In a caseload-only organization only the first three.
 */
export function seesSession(ctx: Ctx, occ: repo.OccurrenceRow, note?: repo.NoteRow): boolean {
  const me = ctx.actor.userId;
  if (occ.staffId === me || note?.authorId === me || note?.cosignerId === me) return true;
  return patientScopeFor(ctx.actor, ctx.actor.settings).some(
    (s) => s.kind === 'organization' || (s.kind === 'locations' && s.locationIds.includes(occ.locationId)),
  );
}

export async function loadSession(tx: Db, ctx: Ctx, occurrenceId: string): Promise<repo.OccurrenceRow> {
  const occ = await repo.findOccurrence(tx, ctx.actor.organizationId, occurrenceId);
  if (!occ || !seesSession(ctx, occ, await repo.findNoteOf(tx, ctx.actor.organizationId, occurrenceId)))
    throw new DomainError('NOT_FOUND', 'No such session');
  return occ;
}

export async function loadNote(tx: Db, ctx: Ctx, id: string, lock = false): Promise<{ note: repo.NoteRow; occ: repo.OccurrenceRow }> {
  const org = ctx.actor.organizationId;
  const note = lock ? await repo.lockNote(tx, org, id) : await repo.findNote(tx, org, id);
  const occ = note ? await repo.findOccurrence(tx, org, note.occurrenceId) : undefined;
  if (!note || !occ || !seesSession(ctx, occ, note)) throw new DomainError('NOT_FOUND', 'No such note');
  return { note, occ };
}

export function sessionView(occ: repo.OccurrenceRow) {
  return {
    occurrenceId: occ.id,
    title: occ.title,
    kind: occ.kind === 'drug_test' ? ('individual' as const) : occ.kind,
    day: occ.day,
    startsAt: occ.startsAt.toISOString(),
    endsAt: occ.endsAt.toISOString(),
    timeZone: occ.timeZone,
    facilitator: { id: occ.staffId, name: occ.staffName },
  };
}

/** Everything the editor shows about one note: the members it is written for, their goals, parts and addenda. */
export interface NoteWorld {
  note: repo.NoteRow;
  occ: repo.OccurrenceRow;
  roster: repo.MemberRow[];
  attendance: Map<string, string>;
  parts: Map<string, repo.PartRow>;
  goals: Map<string, { id: string; text: string }[]>;
}

export async function loadWorld(tx: Db, ctx: Ctx, note: repo.NoteRow, occ: repo.OccurrenceRow): Promise<NoteWorld> {
  const org = ctx.actor.organizationId;
  const roster = await repo.listRoster(tx, org, occ.id);
  const attendance = await repo.listAttendance(tx, org, occ.id);
  const parts = new Map((await repo.listParts(tx, org, note.id)).map((p) => [p.patientId, p]));
  const goals = await repo.currentGoals(
    tx,
    org,
    roster.map((m) => m.patientId),
  );
  return { note, occ, roster, attendance, parts, goals };
}

/**
 * The members a note is written for: a draft's roster as it stands; a signed note's are those with a part (the
 * record as signed, even if the roster changed later).
 */
export function membersOf(w: NoteWorld): repo.MemberRow[] {
  return w.note.status === 'draft' ? w.roster : w.roster.filter((m) => w.parts.has(m.patientId));
}

export async function noteView(tx: Db, ctx: Ctx, w: NoteWorld): Promise<NoteView> {
  const org = ctx.actor.organizationId;
  const { note, occ } = w;
  const addenda = await repo.listAddenda(tx, org, [note.id]);
  const names = await repo.userNames(tx, org, [note.authorId, ...(note.cosignerId ? [note.cosignerId] : [])]);
  const now = ctx.clock.now();
  return {
    id: note.id,
    session: sessionView(occ),
    kind: note.kind,
    template: note.template,
    status: note.status,
    shared: note.shared,
    members: membersOf(w).map((m) => {
      const attendance = w.attendance.get(m.patientId) ?? null;
      return {
        patientId: m.patientId,
        name: displayName(m),
        attendance,
        absent: attendance !== null && ABSENT.has(attendance),
        goals: w.goals.get(m.patientId) ?? [],
        content: w.parts.get(m.patientId)?.content ?? {},
      };
    }),
    author: { id: note.authorId, name: names.get(note.authorId) ?? '' },
    signedAt: note.signedAt?.toISOString() ?? null,
    cosigner: note.cosignerId ? { id: note.cosignerId, name: names.get(note.cosignerId) ?? '' } : null,
    cosignedAt: note.cosignedAt?.toISOString() ?? null,
    late: isLate({ sessionEndsAt: occ.endsAt, status: note.status }, now),
    lateAt: lateAt(occ.endsAt).toISOString(),
    addenda: addenda.map((a) => ({
      id: a.id,
      patientId: a.patientId,
      text: a.text,
      author: { id: a.authorId, name: a.authorName },
      signedAt: a.signedAt.toISOString(),
    })),
    version: note.version,
  };
}

/** A list line: the session, the state and whether it is late; no member names and no content. */
export function summaryOf(
  occ: repo.OccurrenceRow,
  note: repo.NoteRow | null,
  members: number,
  names: Map<string, string>,
  now: Date,
): NoteSummary {
  return {
    id: note?.id ?? null,
    session: sessionView(occ),
    status: note?.status ?? null,
    template: note?.template ?? null,
    author: note ? { id: note.authorId, name: names.get(note.authorId) ?? '' } : null,
    members,
    late: isLate({ sessionEndsAt: occ.endsAt, status: note?.status ?? null }, now),
    lateAt: lateAt(occ.endsAt).toISOString(),
  };
}
