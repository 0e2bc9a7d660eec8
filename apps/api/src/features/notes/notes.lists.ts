import { DEFAULT_LATE_NOTE_HOURS, isLate, lateAt, type ChartNoteView, type PartContent } from '@openiop/core';
import { and, eq, ne } from 'drizzle-orm';
import type { Database, Db } from '../../db/database';
import { treatmentPlanVersions } from '../../db/schema/index';
import { appendAudit, recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { withPatient } from '../clinical/with-patient';
import * as repo from './notes.repo';
import { sessionView, summaryOf } from './notes.views';
import { startPeriodic } from '../../platform/periodic';

/**
 * Raises one `late_note` task for the author of each draft that is late (never twice for a note), inside `tx`. The
 * task hangs off the first member of the note (tasks belong to a person's record) and carries no names: "Session
 * note not signed 24 h after the session".
 */
async function raiseLateTasks(tx: Db, organizationId: string, late: { note: repo.NoteRow; endsAt: Date }[], now: Date): Promise<number> {
  const flagged = await repo.lateTasked(
    tx,
    organizationId,
    late.map((l) => l.note.id),
  );
  let raised = 0;
  for (const { note, endsAt } of late) {
    if (flagged.has(note.id)) continue;
    const [first] = await repo.listRoster(tx, organizationId, note.occurrenceId);
    if (!first) continue;
    const taskId = await repo.insertLateTask(tx, {
      organizationId,
      kind: 'late_note',
      priority: 'normal',
      patientId: first.patientId,
      assigneeUserId: note.authorId,
      title: `Session note not signed ${DEFAULT_LATE_NOTE_HOURS} h after the session`,
      details: { noteId: note.id, occurrenceId: note.occurrenceId },
      sourceType: 'session_note',
      sourceId: note.id,
      dueAt: lateAt(endsAt),
      createdAt: now,
    });
    await appendAudit(tx, {
      organizationId,
      actorUserId: null,
      actorTokenId: null,
      occurredAt: now,
      ip: null,
      userAgent: null,
      action: 'task.create',
      resourceType: 'task',
      resourceId: taskId,
      patientId: first.patientId,
      details: { kind: 'late_note', sourceType: 'session_note', sourceId: note.id, assigneeUserId: note.authorId },
    });
    raised += 1;
  }
  return raised;
}

/** The periodic sweep: late-note tasks for every late draft in every organization. Returns how many were raised. */
export async function sweepLateNotes(database: Database, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - DEFAULT_LATE_NOTE_HOURS * 3_600_000);
  return database.db.transaction(async (tx) => {
    const rows = await repo.draftsEndedBefore(tx, cutoff);
    const byOrg = new Map<string, typeof rows>();
    for (const r of rows) byOrg.set(r.note.organizationId, [...(byOrg.get(r.note.organizationId) ?? []), r]);
    let n = 0;
    for (const [org, late] of byOrg) n += await raiseLateTasks(tx, org, late, now);
    return n;
  });
}

/** Runs the sweep every `everyMs` until stopped (the server starts it; tests call `sweepLateNotes`). */
export function startLateNoteJob(
  database: Database,
  now: () => Date,
  log?: (m: string) => void,
  everyMs = 15 * 60_000,
): () => Promise<void> {
  return startPeriodic('late-note sweep', () => sweepLateNotes(database, now()), everyMs, log);
}

/** The caller's notes page: drafts (late first), held sessions of theirs with no note, and their notes awaiting co-signature. */
export async function myNotes(ctx: Ctx) {
  assertCan(ctx.actor, 'note.read');
  return ctx.db.transaction(async (tx) => {
    const org = ctx.actor.organizationId;
    const me = ctx.actor.userId;
    const now = ctx.clock.now();
    const mine = await repo.notesByAuthor(tx, org, me, ['draft', 'awaiting_cosign']);
    const missing = await repo.sessionsWithoutNote(tx, org, me, now);
    const occs = new Map(
      (
        await repo.findOccurrences(
          tx,
          org,
          mine.map((n) => n.occurrenceId),
        )
      ).map((o) => [o.id, o]),
    );
    const counts = await repo.rosterCounts(tx, org, [...mine.map((n) => n.occurrenceId), ...missing.map((o) => o.id)]);
    const names = await repo.userNames(tx, org, [me]);
    const late = mine
      .filter((n) => n.status === 'draft')
      .flatMap((n) => {
        const occ = occs.get(n.occurrenceId);
        return occ && isLate({ sessionEndsAt: occ.endsAt, status: n.status }, now) ? [{ note: n, endsAt: occ.endsAt }] : [];
      });
    await raiseLateTasks(tx, org, late, now);
    const line = (n: repo.NoteRow) => {
      const occ = occs.get(n.occurrenceId);
      return occ ? [summaryOf(occ, n, counts.get(occ.id) ?? 0, names, now)] : [];
    };
    const byLateThenTime = (a: { late: boolean; session: { startsAt: string } }, b: { late: boolean; session: { startsAt: string } }) =>
      Number(b.late) - Number(a.late) || b.session.startsAt.localeCompare(a.session.startsAt);
    await recordAudit(tx, ctx, {
      action: 'note.list',
      resourceType: 'session_note',
      details: { drafts: mine.length, missing: missing.length },
    });
    return {
      drafts: mine
        .filter((n) => n.status === 'draft')
        .flatMap(line)
        .sort(byLateThenTime),
      missing: missing.map((o) => summaryOf(o, null, counts.get(o.id) ?? 0, names, now)).sort(byLateThenTime),
      awaitingCosign: mine.filter((n) => n.status === 'awaiting_cosign').flatMap(line),
    };
  });
}

/** The supervisor's queue: notes signed by those they supervise, waiting for their co-signature, oldest first. */
export async function cosignQueue(ctx: Ctx) {
  assertCan(ctx.actor, 'note.cosign');
  return ctx.db.transaction(async (tx) => {
    const org = ctx.actor.organizationId;
    const rows = await repo.notesForCosigner(tx, org, ctx.actor.userId);
    const occs = new Map(
      (
        await repo.findOccurrences(
          tx,
          org,
          rows.map((n) => n.occurrenceId),
        )
      ).map((o) => [o.id, o]),
    );
    const counts = await repo.rosterCounts(
      tx,
      org,
      rows.map((n) => n.occurrenceId),
    );
    const names = await repo.userNames(
      tx,
      org,
      rows.map((n) => n.authorId),
    );
    const now = ctx.clock.now();
    await recordAudit(tx, ctx, { action: 'note.cosign_queue', resourceType: 'session_note', details: { count: rows.length } });
    return {
      items: rows
        .flatMap((n) => {
          const occ = occs.get(n.occurrenceId);
          return occ ? [summaryOf(occ, n, counts.get(occ.id) ?? 0, names, now)] : [];
        })
        .sort((a, b) => a.session.startsAt.localeCompare(b.session.startsAt)),
    };
  });
}

/** Goal words by goal id across the person's plan versions (newest wins), so an old note still shows its goal's words. */
async function goalWords(tx: Db, organizationId: string, patientId: string): Promise<Map<string, string>> {
  const rows = await tx
    .select({ content: treatmentPlanVersions.content })
    .from(treatmentPlanVersions)
    .where(
      and(
        eq(treatmentPlanVersions.organizationId, organizationId),
        eq(treatmentPlanVersions.patientId, patientId),
        ne(treatmentPlanVersions.status, 'superseded'),
      ),
    )
    .orderBy(treatmentPlanVersions.createdAt);
  const out = new Map<string, string>();
  for (const r of rows) for (const p of r.content.problems) for (const g of p.goals) out.set(g.id, g.text);
  return out;
}

/**
 * A person's session notes for their chart: each note's shared part, their own part and the addenda to either,
 * never another member's part or name. Signed notes only (a draft is not yet part of the record).
 */
export async function chartNotes(ctx: Ctx, patientId: string): Promise<{ items: ChartNoteView[] }> {
  return withPatient(ctx, patientId, 'note.read', async (p) => {
    const org = ctx.actor.organizationId;
    const rows = await repo.chartParts(p.tx, org, patientId);
    const occs = new Map(
      (
        await repo.findOccurrences(
          p.tx,
          org,
          rows.map((r) => r.note.occurrenceId),
        )
      ).map((o) => [o.id, o]),
    );
    const addenda = (
      await repo.listAddenda(
        p.tx,
        org,
        rows.map((r) => r.note.id),
      )
    ).filter((a) => a.patientId === null || a.patientId === patientId);
    const names = await repo.userNames(
      p.tx,
      org,
      rows.map((r) => r.note.authorId),
    );
    const words = await goalWords(p.tx, org, patientId);
    await recordAudit(p.tx, ctx, {
      action: 'note.chart_read',
      resourceType: 'session_note',
      patientId,
      breakGlass: p.breakGlass,
      details: { count: rows.length },
    });
    const items: ChartNoteView[] = [];
    for (const { note, part } of rows) {
      const occ = occs.get(note.occurrenceId);
      if (!occ) continue;
      const content = part.content as PartContent;
      const { facilitator: _f, ...session } = sessionView(occ);
      items.push({
        noteId: note.id,
        session,
        template: note.template,
        status: note.status,
        author: { id: note.authorId, name: names.get(note.authorId) ?? '' },
        signedAt: note.signedAt?.toISOString() ?? null,
        cosignedAt: note.cosignedAt?.toISOString() ?? null,
        shared: note.kind === 'group' ? note.shared : {},
        content,
        goals: (content.goalProgress ?? []).map((g) => ({ id: g.goalId, text: words.get(g.goalId) ?? 'A goal no longer in the plan' })),
        addenda: addenda
          .filter((a) => a.noteId === note.id)
          .map((a) => ({
            id: a.id,
            patientId: a.patientId,
            text: a.text,
            author: { id: a.authorId, name: a.authorName },
            signedAt: a.signedAt.toISOString(),
          })),
      });
    }
    return { items };
  });
}
