import { aliasedTable, and, asc, desc, eq, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import type { AttendanceStatus, NoteStatus, NoteTemplate } from '../../db/schema/session-run';
import type { Db } from '../../db/database';
import {
  locations,
  noteAddenda,
  noteParts,
  patients,
  sessionAttendance,
  sessionAttendees,
  sessionNotes,
  sessionOccurrences,
  staffSupervision,
  tasks,
  treatmentPlanVersions,
  users,
} from '../../db/schema/index';

export type NoteRow = typeof sessionNotes.$inferSelect;
export type PartRow = typeof noteParts.$inferSelect;
export type AddendumRow = typeof noteAddenda.$inferSelect & { authorName: string };

const facilitator = aliasedTable(users, 'facilitator');

/** A session with what a note needs of it: its location's time zone and the facilitator's name. */
export interface OccurrenceRow {
  id: string;
  locationId: string;
  kind: 'group' | 'individual' | 'family' | 'drug_test';
  title: string;
  day: string;
  startsAt: Date;
  endsAt: Date;
  status: 'draft' | 'scheduled' | 'cancelled';
  staffId: string;
  staffName: string;
  timeZone: string;
}

const occurrenceColumns = {
  id: sessionOccurrences.id,
  locationId: sessionOccurrences.locationId,
  kind: sessionOccurrences.kind,
  title: sessionOccurrences.title,
  day: sessionOccurrences.day,
  startsAt: sessionOccurrences.startsAt,
  endsAt: sessionOccurrences.endsAt,
  status: sessionOccurrences.status,
  staffId: sessionOccurrences.staffId,
  staffName: facilitator.name,
  timeZone: locations.timeZone,
};

function occurrences(db: Db) {
  return db
    .select(occurrenceColumns)
    .from(sessionOccurrences)
    .innerJoin(facilitator, eq(facilitator.id, sessionOccurrences.staffId))
    .innerJoin(locations, eq(locations.id, sessionOccurrences.locationId));
}

export async function findOccurrence(db: Db, organizationId: string, id: string): Promise<OccurrenceRow | undefined> {
  const [row] = await occurrences(db).where(and(eq(sessionOccurrences.organizationId, organizationId), eq(sessionOccurrences.id, id)));
  return row;
}

export async function findOccurrences(db: Db, organizationId: string, ids: string[]): Promise<OccurrenceRow[]> {
  if (!ids.length) return [];
  const rows = await occurrences(db).where(and(eq(sessionOccurrences.organizationId, organizationId), inArray(sessionOccurrences.id, ids)));
  return rows;
}

export interface MemberRow {
  patientId: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  mrn: string;
}

/** The session's roster: people scheduled on it (a cancelled place is not on the roster), by name. */
export async function listRoster(db: Db, organizationId: string, occurrenceId: string): Promise<MemberRow[]> {
  return db
    .select({
      patientId: patients.id,
      givenName: patients.legalGivenName,
      familyName: patients.legalFamilyName,
      preferredName: patients.preferredName,
      mrn: patients.mrn,
    })
    .from(sessionAttendees)
    .innerJoin(patients, and(eq(patients.id, sessionAttendees.patientId), eq(patients.organizationId, sessionAttendees.organizationId)))
    .where(
      and(
        eq(sessionAttendees.organizationId, organizationId),
        eq(sessionAttendees.occurrenceId, occurrenceId),
        eq(sessionAttendees.status, 'scheduled'),
      ),
    )
    .then((rows) => rows.sort(byName));
}

const collator = new Intl.Collator('en', { sensitivity: 'base' });
/** By family then given name, the same on every database whatever its collation. */
const byName = (a: MemberRow, b: MemberRow) =>
  collator.compare(a.familyName, b.familyName) || collator.compare(a.givenName, b.givenName) || a.patientId.localeCompare(b.patientId);

export async function listAttendance(db: Db, organizationId: string, occurrenceId: string): Promise<Map<string, AttendanceStatus>> {
  const rows = await db
    .select({ patientId: sessionAttendance.patientId, status: sessionAttendance.status })
    .from(sessionAttendance)
    .where(and(eq(sessionAttendance.organizationId, organizationId), eq(sessionAttendance.occurrenceId, occurrenceId)));
  return new Map(rows.map((r) => [r.patientId, r.status]));
}

/**
 * Each person's current treatment-plan goals: from their latest signed version, else their latest version in any
 * state (a plan being written still names the goals the person is working on). Superseded versions never count.
 */
export async function currentGoals(
  db: Db,
  organizationId: string,
  patientIds: string[],
): Promise<Map<string, { id: string; text: string }[]>> {
  const out = new Map<string, { id: string; text: string }[]>();
  if (!patientIds.length) return out;
  const rows = await db
    .selectDistinctOn([treatmentPlanVersions.patientId], {
      patientId: treatmentPlanVersions.patientId,
      content: treatmentPlanVersions.content,
    })
    .from(treatmentPlanVersions)
    .where(
      and(
        eq(treatmentPlanVersions.organizationId, organizationId),
        inArray(treatmentPlanVersions.patientId, patientIds),
        ne(treatmentPlanVersions.status, 'superseded'),
      ),
    )
    .orderBy(
      treatmentPlanVersions.patientId,
      sql`(${treatmentPlanVersions.status} = 'signed') desc`,
      desc(treatmentPlanVersions.createdAt),
    );
  for (const r of rows)
    out.set(
      r.patientId,
      r.content.problems.flatMap((p) => p.goals.map((g) => ({ id: g.id, text: g.text }))),
    );
  return out;
}

export async function findNote(db: Db, organizationId: string, id: string): Promise<NoteRow | undefined> {
  const [row] = await db
    .select()
    .from(sessionNotes)
    .where(and(eq(sessionNotes.organizationId, organizationId), eq(sessionNotes.id, id)));
  return row;
}

export async function findNoteOf(db: Db, organizationId: string, occurrenceId: string): Promise<NoteRow | undefined> {
  const [row] = await db
    .select()
    .from(sessionNotes)
    .where(and(eq(sessionNotes.organizationId, organizationId), eq(sessionNotes.occurrenceId, occurrenceId)));
  return row;
}

/** Locks the note row for the rest of the transaction, so two signatures or saves cannot interleave. */
export async function lockNote(db: Db, organizationId: string, id: string): Promise<NoteRow | undefined> {
  const [row] = await db
    .select()
    .from(sessionNotes)
    .where(and(eq(sessionNotes.organizationId, organizationId), eq(sessionNotes.id, id)))
    .for('update');
  return row;
}

export async function insertNote(
  db: Db,
  values: { organizationId: string; occurrenceId: string; kind: NoteRow['kind']; template: NoteTemplate; authorId: string; at: Date },
): Promise<NoteRow> {
  const [row] = await db
    .insert(sessionNotes)
    .values({ ...values, shared: {}, createdAt: values.at, updatedAt: values.at })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** Compare-and-set on the note's version; only a note in `from` status changes. */
export async function updateNote(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  from: NoteStatus,
  patch: Partial<Pick<NoteRow, 'shared' | 'status' | 'signedAt' | 'signedBy' | 'cosignerId' | 'cosignedAt' | 'updatedAt'>>,
): Promise<NoteRow | undefined> {
  const [row] = await db
    .update(sessionNotes)
    .set({ ...patch, version: version + 1 })
    .where(
      and(
        eq(sessionNotes.organizationId, organizationId),
        eq(sessionNotes.id, id),
        eq(sessionNotes.version, version),
        eq(sessionNotes.status, from),
      ),
    )
    .returning();
  return row;
}

export async function listParts(db: Db, organizationId: string, noteId: string): Promise<PartRow[]> {
  return db
    .select()
    .from(noteParts)
    .where(and(eq(noteParts.organizationId, organizationId), eq(noteParts.noteId, noteId)));
}

/** Writes one member's part (insert or replace); a signed note's parts are never passed here. */
export async function upsertPart(
  db: Db,
  values: { organizationId: string; noteId: string; patientId: string; content: Record<string, unknown>; at: Date },
): Promise<void> {
  await db
    .insert(noteParts)
    .values({ ...values, createdAt: values.at, updatedAt: values.at })
    .onConflictDoUpdate({
      target: [noteParts.organizationId, noteParts.noteId, noteParts.patientId],
      set: { content: values.content, updatedAt: values.at, version: sql`${noteParts.version} + 1` },
    });
}

export async function deleteParts(db: Db, organizationId: string, noteId: string, patientIds: string[]): Promise<void> {
  if (!patientIds.length) return;
  await db
    .delete(noteParts)
    .where(and(eq(noteParts.organizationId, organizationId), eq(noteParts.noteId, noteId), inArray(noteParts.patientId, patientIds)));
}

export async function listAddenda(db: Db, organizationId: string, noteIds: string[]): Promise<AddendumRow[]> {
  if (!noteIds.length) return [];
  const rows = await db
    .select({ a: noteAddenda, authorName: users.name })
    .from(noteAddenda)
    .innerJoin(users, eq(users.id, noteAddenda.authorId))
    .where(and(eq(noteAddenda.organizationId, organizationId), inArray(noteAddenda.noteId, noteIds)))
    .orderBy(asc(noteAddenda.signedAt), asc(noteAddenda.id));
  return rows.map((r) => ({ ...r.a, authorName: r.authorName }));
}

export async function insertAddendum(db: Db, values: typeof noteAddenda.$inferInsert): Promise<string> {
  const [row] = await db.insert(noteAddenda).values(values).returning({ id: noteAddenda.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function userNames(db: Db, organizationId: string, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), inArray(users.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** What re-authentication needs of the signer. */
export type SupervisionRow = typeof staffSupervision.$inferSelect;

export async function findSupervisionOf(db: Db, organizationId: string, userId: string): Promise<SupervisionRow | undefined> {
  const [row] = await db
    .select()
    .from(staffSupervision)
    .where(and(eq(staffSupervision.organizationId, organizationId), eq(staffSupervision.userId, userId)));
  return row;
}

export async function findSupervision(db: Db, organizationId: string, id: string): Promise<SupervisionRow | undefined> {
  const [row] = await db
    .select()
    .from(staffSupervision)
    .where(and(eq(staffSupervision.organizationId, organizationId), eq(staffSupervision.id, id)));
  return row;
}

export async function listSupervision(db: Db, organizationId: string): Promise<SupervisionRow[]> {
  return db
    .select()
    .from(staffSupervision)
    .where(eq(staffSupervision.organizationId, organizationId))
    .orderBy(asc(staffSupervision.createdAt));
}

export async function insertSupervision(db: Db, values: typeof staffSupervision.$inferInsert): Promise<SupervisionRow> {
  const [row] = await db.insert(staffSupervision).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function updateSupervision(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  patch: Partial<Pick<SupervisionRow, 'supervisorId' | 'requiresCosign' | 'updatedAt'>>,
): Promise<SupervisionRow | undefined> {
  const [row] = await db
    .update(staffSupervision)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(staffSupervision.organizationId, organizationId), eq(staffSupervision.id, id), eq(staffSupervision.version, version)))
    .returning();
  return row;
}

/** Deletes a supervision at this version; false when it has moved on (or is gone). */
export async function deleteSupervision(db: Db, organizationId: string, id: string, version: number): Promise<boolean> {
  const rows = await db
    .delete(staffSupervision)
    .where(and(eq(staffSupervision.organizationId, organizationId), eq(staffSupervision.id, id), eq(staffSupervision.version, version)))
    .returning({ id: staffSupervision.id });
  return rows.length > 0;
}

export async function activeUser(db: Db, organizationId: string, id: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.id, id), eq(users.active, true)));
  return row;
}

/** Notes this user wrote, in the given states, newest session first. */
export async function notesByAuthor(db: Db, organizationId: string, authorId: string, statuses: NoteStatus[]): Promise<NoteRow[]> {
  return db
    .select()
    .from(sessionNotes)
    .where(
      and(eq(sessionNotes.organizationId, organizationId), eq(sessionNotes.authorId, authorId), inArray(sessionNotes.status, statuses)),
    );
}

export async function notesForCosigner(db: Db, organizationId: string, cosignerId: string): Promise<NoteRow[]> {
  return db
    .select()
    .from(sessionNotes)
    .where(
      and(
        eq(sessionNotes.organizationId, organizationId),
        eq(sessionNotes.cosignerId, cosignerId),
        eq(sessionNotes.status, 'awaiting_cosign'),
      ),
    );
}

/** Held sessions this user facilitated (started by `now`, not cancelled, not drug tests) that have no note yet. */
export async function sessionsWithoutNote(db: Db, organizationId: string, staffId: string, now: Date): Promise<OccurrenceRow[]> {
  const rows = await occurrences(db)
    .leftJoin(
      sessionNotes,
      and(eq(sessionNotes.organizationId, sessionOccurrences.organizationId), eq(sessionNotes.occurrenceId, sessionOccurrences.id)),
    )
    .where(
      and(
        eq(sessionOccurrences.organizationId, organizationId),
        eq(sessionOccurrences.staffId, staffId),
        eq(sessionOccurrences.status, 'scheduled'),
        ne(sessionOccurrences.kind, 'drug_test'),
        lte(sessionOccurrences.startsAt, now),
        isNull(sessionNotes.id),
        sql`exists (select 1 from session_attendees a where a.organization_id = ${sessionOccurrences.organizationId} and a.occurrence_id = ${sessionOccurrences.id} and a.status = 'scheduled')`,
      ),
    )
    .orderBy(desc(sessionOccurrences.startsAt))
    .limit(100);
  return rows;
}

export async function rosterCounts(db: Db, organizationId: string, occurrenceIds: string[]): Promise<Map<string, number>> {
  if (!occurrenceIds.length) return new Map();
  const rows = await db
    .select({ occurrenceId: sessionAttendees.occurrenceId, n: sql<number>`count(*)::int` })
    .from(sessionAttendees)
    .where(
      and(
        eq(sessionAttendees.organizationId, organizationId),
        inArray(sessionAttendees.occurrenceId, occurrenceIds),
        eq(sessionAttendees.status, 'scheduled'),
      ),
    )
    .groupBy(sessionAttendees.occurrenceId);
  return new Map(rows.map((r) => [r.occurrenceId, Number(r.n)]));
}

/** The notes a person has a part in, signed by their author (drafts are not yet part of the record). */
export async function chartParts(db: Db, organizationId: string, patientId: string): Promise<{ note: NoteRow; part: PartRow }[]> {
  const rows = await db
    .select({ note: sessionNotes, part: noteParts })
    .from(noteParts)
    .innerJoin(sessionNotes, and(eq(sessionNotes.organizationId, noteParts.organizationId), eq(sessionNotes.id, noteParts.noteId)))
    .where(and(eq(noteParts.organizationId, organizationId), eq(noteParts.patientId, patientId), ne(sessionNotes.status, 'draft')))
    .orderBy(desc(sessionNotes.signedAt))
    .limit(200);
  return rows;
}

/** Notes that already have a late-note task (open or resolved): a note is flagged once. */
export async function lateTasked(db: Db, organizationId: string, noteIds: string[]): Promise<Set<string>> {
  if (!noteIds.length) return new Set();
  const rows = await db
    .select({ id: tasks.sourceId })
    .from(tasks)
    .where(
      and(
        eq(tasks.organizationId, organizationId),
        eq(tasks.kind, 'late_note'),
        eq(tasks.sourceType, 'session_note'),
        inArray(tasks.sourceId, noteIds),
      ),
    );
  return new Set(rows.map((r) => r.id ?? ''));
}

export async function insertLateTask(db: Db, values: typeof tasks.$inferInsert): Promise<string> {
  const [row] = await db.insert(tasks).values(values).returning({ id: tasks.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

/** Every draft note in the organization whose session ended before `endedBefore` (for the late-note sweep). */
export async function draftsEndedBefore(db: Db, endedBefore: Date): Promise<{ note: NoteRow; endsAt: Date }[]> {
  return db
    .select({ note: sessionNotes, endsAt: sessionOccurrences.endsAt })
    .from(sessionNotes)
    .innerJoin(
      sessionOccurrences,
      and(eq(sessionOccurrences.organizationId, sessionNotes.organizationId), eq(sessionOccurrences.id, sessionNotes.occurrenceId)),
    )
    .where(and(eq(sessionNotes.status, 'draft'), lte(sessionOccurrences.endsAt, endedBefore)))
    .limit(1000);
}
