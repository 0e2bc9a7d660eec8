import { aliasedTable, and, asc, desc, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import {
  drugTestCollections,
  drugTestDraws,
  drugTestResults,
  drugTestReviews,
  drugTestSelections,
  drugTestSettings,
  episodes,
  locations,
  medications,
  patients,
  patientSchedulePrefs,
  programPhases,
  tasks,
  users,
} from '../../db/schema/index';

export type SettingsRow = typeof drugTestSettings.$inferSelect;
export type DrawRow = typeof drugTestDraws.$inferSelect & { drawnByName: string | null };
export type CollectionRow = typeof drugTestCollections.$inferSelect & { collectorName: string };
export type ResultRow = typeof drugTestResults.$inferSelect & { recordedByName: string };
export type ReviewRow = typeof drugTestReviews.$inferSelect & { reviewedByName: string };

export async function findLocation(db: Db, organizationId: string, id: string) {
  const [row] = await db
    .select({ id: locations.id, timeZone: locations.timeZone })
    .from(locations)
    .where(and(eq(locations.organizationId, organizationId), eq(locations.id, id)));
  return row;
}

export async function findSettings(db: Db, organizationId: string, locationId: string): Promise<SettingsRow | undefined> {
  const [row] = await db
    .select()
    .from(drugTestSettings)
    .where(and(eq(drugTestSettings.organizationId, organizationId), eq(drugTestSettings.locationId, locationId)));
  return row;
}

export async function phasesOf(db: Db, organizationId: string, locationId: string) {
  return db
    .select({ number: programPhases.number, name: programPhases.name })
    .from(programPhases)
    .where(and(eq(programPhases.organizationId, organizationId), eq(programPhases.locationId, locationId)))
    .orderBy(asc(programPhases.number));
}

export async function insertSettings(db: Db, values: typeof drugTestSettings.$inferInsert): Promise<void> {
  await db.insert(drugTestSettings).values(values);
}

export async function updateSettings(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  patch: Pick<SettingsRow, 'ratesByPhase' | 'defaultRatePerWeek' | 'collectionWeekdays' | 'updatedAt'>,
): Promise<boolean> {
  const rows = await db
    .update(drugTestSettings)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(drugTestSettings.organizationId, organizationId), eq(drugTestSettings.id, id), eq(drugTestSettings.version, version)))
    .returning({ id: drugTestSettings.id });
  return rows.length === 1;
}

/** Locations with drug-testing settings, across organizations, for the automatic daily draw. */
export async function allSettings(db: Db) {
  return db
    .select({ s: drugTestSettings, timeZone: locations.timeZone })
    .from(drugTestSettings)
    .innerJoin(
      locations,
      and(eq(locations.id, drugTestSettings.locationId), eq(locations.organizationId, drugTestSettings.organizationId)),
    );
}

/**
 * Who can be drawn on `day`: admitted people whose current episode is active at the location and began by then,
 * with their program phase number (null when none is set).
 */
export async function eligibleOn(db: Db, organizationId: string, locationId: string, day: string) {
  return db
    .select({ patientId: patients.id, phase: programPhases.number })
    .from(patients)
    .innerJoin(episodes, and(eq(episodes.id, patients.currentEpisodeId), eq(episodes.organizationId, patients.organizationId)))
    .leftJoin(
      patientSchedulePrefs,
      and(eq(patientSchedulePrefs.organizationId, patients.organizationId), eq(patientSchedulePrefs.patientId, patients.id)),
    )
    .leftJoin(programPhases, eq(programPhases.id, patientSchedulePrefs.phaseId))
    .where(
      and(
        eq(patients.organizationId, organizationId),
        eq(patients.careStatus, 'active'),
        eq(episodes.status, 'active'),
        eq(episodes.locationId, locationId),
        or(isNull(episodes.admittedOn), lte(episodes.admittedOn, day)),
      ),
    )
    .orderBy(asc(patients.id));
}

export async function insertDraw(db: Db, values: typeof drugTestDraws.$inferInsert): Promise<string> {
  const [row] = await db.insert(drugTestDraws).values(values).returning({ id: drugTestDraws.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

const drawer = aliasedTable(users, 'drawer');

export async function findDraw(db: Db, organizationId: string, locationId: string, day: string): Promise<DrawRow | undefined> {
  const [row] = await db
    .select({ d: drugTestDraws, drawnByName: drawer.name })
    .from(drugTestDraws)
    .leftJoin(drawer, eq(drawer.id, drugTestDraws.drawnBy))
    .where(and(eq(drugTestDraws.organizationId, organizationId), eq(drugTestDraws.locationId, locationId), eq(drugTestDraws.day, day)));
  return row ? { ...row.d, drawnByName: row.drawnByName } : undefined;
}

/** Selects people for a day; someone already selected that day (for cause, say) keeps their selection. */
export async function insertSelections(db: Db, rows: (typeof drugTestSelections.$inferInsert)[]): Promise<string[]> {
  if (!rows.length) return [];
  const out = await db
    .insert(drugTestSelections)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: drugTestSelections.id, patientId: drugTestSelections.patientId });
  return out.map((r) => r.patientId);
}

/** Patients among `ids` the reader may see, with name parts and MRN. */
export async function visiblePatients(db: Db, organizationId: string, ids: string[], visible: SQL) {
  if (!ids.length) return [];
  return db
    .select({
      id: patients.id,
      mrn: patients.mrn,
      preferredName: patients.preferredName,
      legalGivenName: patients.legalGivenName,
      legalFamilyName: patients.legalFamilyName,
    })
    .from(patients)
    .where(and(eq(patients.organizationId, organizationId), inArray(patients.id, ids), visible));
}

/** Selections with the person's name parts and MRN and the collection made for each, filtered by `where`. */
const selectionRows = (db: Db, where: SQL | undefined) =>
  db
    .select({
      s: drugTestSelections,
      mrn: patients.mrn,
      preferredName: patients.preferredName,
      legalGivenName: patients.legalGivenName,
      legalFamilyName: patients.legalFamilyName,
      collectionId: drugTestCollections.id,
    })
    .from(drugTestSelections)
    .innerJoin(patients, and(eq(patients.id, drugTestSelections.patientId), eq(patients.organizationId, drugTestSelections.organizationId)))
    .leftJoin(
      drugTestCollections,
      and(
        eq(drugTestCollections.organizationId, drugTestSelections.organizationId),
        eq(drugTestCollections.selectionId, drugTestSelections.id),
      ),
    )
    .where(where);
export type SelectionRow = Awaited<ReturnType<typeof selectionRows>>[number];

/** A day's selections at a location for the people the reader may see, with the collection made for each. */
export async function listSelections(db: Db, organizationId: string, locationId: string, day: string, visible: SQL) {
  return selectionRows(
    db,
    and(
      eq(drugTestSelections.organizationId, organizationId),
      eq(drugTestSelections.locationId, locationId),
      eq(drugTestSelections.day, day),
      visible,
    ),
  ).orderBy(asc(patients.legalFamilyName), asc(patients.legalGivenName), asc(patients.id));
}

/** One person's selections, newest day first (or the one with `id`). */
export async function patientSelections(db: Db, organizationId: string, patientId: string, id?: string) {
  return selectionRows(
    db,
    and(
      eq(drugTestSelections.organizationId, organizationId),
      eq(drugTestSelections.patientId, patientId),
      id ? eq(drugTestSelections.id, id) : undefined,
    ),
  ).orderBy(desc(drugTestSelections.day), desc(drugTestSelections.createdAt));
}

/** One selection (for cause); the unique index refuses a second selection of the person that day. */
export async function insertSelection(db: Db, row: typeof drugTestSelections.$inferInsert): Promise<string> {
  const [out] = await db.insert(drugTestSelections).values(row).returning({ id: drugTestSelections.id });
  if (!out) throw new Error('insert returned nothing');
  return out.id;
}

/** Compare-and-set on version: false when someone changed the selection first. */
export async function setSelectionOutcome(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  patch: { status: 'pending' | 'missed' | 'refused' | 'excused'; note: string | null },
  at: Date,
): Promise<boolean> {
  const rows = await db
    .update(drugTestSelections)
    .set({ ...patch, updatedAt: at, version: version + 1 })
    .where(
      and(eq(drugTestSelections.organizationId, organizationId), eq(drugTestSelections.id, id), eq(drugTestSelections.version, version)),
    )
    .returning({ id: drugTestSelections.id });
  return rows.length === 1;
}

export async function findSelection(db: Db, organizationId: string, patientId: string, id: string) {
  const [row] = await db
    .select()
    .from(drugTestSelections)
    .where(
      and(
        eq(drugTestSelections.organizationId, organizationId),
        eq(drugTestSelections.patientId, patientId),
        eq(drugTestSelections.id, id),
      ),
    );
  return row;
}

export async function markSelection(db: Db, organizationId: string, id: string, status: 'collected', at: Date): Promise<void> {
  await db
    .update(drugTestSelections)
    .set({ status, updatedAt: at, version: sql`${drugTestSelections.version} + 1` })
    .where(and(eq(drugTestSelections.organizationId, organizationId), eq(drugTestSelections.id, id)));
}

export async function insertCollection(db: Db, values: typeof drugTestCollections.$inferInsert): Promise<string> {
  const [row] = await db.insert(drugTestCollections).values(values).returning({ id: drugTestCollections.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

const collector = aliasedTable(users, 'collector');

function selectCollections(db: Db) {
  return db
    .select({ c: drugTestCollections, collectorName: collector.name })
    .from(drugTestCollections)
    .innerJoin(collector, eq(collector.id, drugTestCollections.collectorId));
}

export async function findCollection(db: Db, organizationId: string, patientId: string, id: string): Promise<CollectionRow | undefined> {
  const [row] = await selectCollections(db).where(
    and(
      eq(drugTestCollections.organizationId, organizationId),
      eq(drugTestCollections.patientId, patientId),
      eq(drugTestCollections.id, id),
    ),
  );
  return row ? { ...row.c, collectorName: row.collectorName } : undefined;
}

export async function listCollections(db: Db, organizationId: string, patientId: string): Promise<CollectionRow[]> {
  const rows = await selectCollections(db)
    .where(and(eq(drugTestCollections.organizationId, organizationId), eq(drugTestCollections.patientId, patientId)))
    .orderBy(desc(drugTestCollections.collectedAt), desc(drugTestCollections.id));
  return rows.map((r) => ({ ...r.c, collectorName: r.collectorName }));
}

export async function updateCollection(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  patch: Partial<Pick<typeof drugTestCollections.$inferInsert, 'custodyEvents' | 'custodyIntact' | 'validity' | 'updatedAt'>>,
): Promise<boolean> {
  const rows = await db
    .update(drugTestCollections)
    .set({ ...patch, version: version + 1 })
    .where(
      and(eq(drugTestCollections.organizationId, organizationId), eq(drugTestCollections.id, id), eq(drugTestCollections.version, version)),
    )
    .returning({ id: drugTestCollections.id });
  return rows.length === 1;
}

export async function touchCollection(db: Db, organizationId: string, id: string, at: Date): Promise<void> {
  await db
    .update(drugTestCollections)
    .set({ updatedAt: at, version: sql`${drugTestCollections.version} + 1` })
    .where(and(eq(drugTestCollections.organizationId, organizationId), eq(drugTestCollections.id, id)));
}

export async function insertResults(db: Db, rows: (typeof drugTestResults.$inferInsert)[]): Promise<string[]> {
  const out = await db.insert(drugTestResults).values(rows).returning({ id: drugTestResults.id });
  return out.map((r) => r.id);
}

const recorder = aliasedTable(users, 'recorder');

export async function resultsOf(db: Db, organizationId: string, collectionIds: string[]): Promise<ResultRow[]> {
  if (!collectionIds.length) return [];
  const rows = await db
    .select({ r: drugTestResults, recordedByName: recorder.name })
    .from(drugTestResults)
    .innerJoin(recorder, eq(recorder.id, drugTestResults.recordedBy))
    .where(and(eq(drugTestResults.organizationId, organizationId), inArray(drugTestResults.collectionId, collectionIds)))
    .orderBy(asc(drugTestResults.resultedAt), asc(drugTestResults.substanceClass), asc(drugTestResults.method));
  return rows.map((r) => ({ ...r.r, recordedByName: r.recordedByName }));
}

export async function insertReview(db: Db, values: typeof drugTestReviews.$inferInsert): Promise<string> {
  const [row] = await db.insert(drugTestReviews).values(values).returning({ id: drugTestReviews.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

const reviewer = aliasedTable(users, 'reviewer');

export async function reviewsOf(db: Db, organizationId: string, collectionIds: string[]): Promise<ReviewRow[]> {
  if (!collectionIds.length) return [];
  const rows = await db
    .select({ r: drugTestReviews, reviewedByName: reviewer.name })
    .from(drugTestReviews)
    .innerJoin(reviewer, eq(reviewer.id, drugTestReviews.reviewedBy))
    .where(and(eq(drugTestReviews.organizationId, organizationId), inArray(drugTestReviews.collectionId, collectionIds)))
    .orderBy(asc(drugTestReviews.reviewedAt));
  return rows.map((r) => ({ ...r.r, reviewedByName: r.reviewedByName }));
}

export async function medicationsOf(db: Db, organizationId: string, patientId: string) {
  return db
    .select({ name: medications.name, matKind: medications.matKind, startDate: medications.startDate, stopDate: medications.stopDate })
    .from(medications)
    .where(and(eq(medications.organizationId, organizationId), eq(medications.patientId, patientId)));
}

/** Whether an open review task already exists for a specimen (one task per specimen, however many results). */
export async function openReviewTask(db: Db, organizationId: string, collectionId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(
      and(
        eq(tasks.organizationId, organizationId),
        eq(tasks.kind, 'drug_test_review'),
        eq(tasks.sourceId, collectionId),
        eq(tasks.status, 'open'),
      ),
    );
  return row?.id;
}

/** Closes the specimen's open review task once the review with the person is recorded. */
export async function resolveReviewTask(db: Db, organizationId: string, id: string, by: string, at: Date): Promise<void> {
  await db
    .update(tasks)
    .set({ status: 'resolved', resolvedBy: by, resolvedAt: at, resolutionNote: 'Reviewed with the person (drug-test review note)' })
    .where(and(eq(tasks.organizationId, organizationId), eq(tasks.id, id), eq(tasks.status, 'open')));
}

/** Where a person is tested: their current episode's location, else their home location. */
export async function patientLocation(db: Db, organizationId: string, patientId: string): Promise<string> {
  const [row] = await db
    .select({ home: patients.locationId, episode: episodes.locationId })
    .from(patients)
    .leftJoin(episodes, and(eq(episodes.id, patients.currentEpisodeId), eq(episodes.organizationId, patients.organizationId)))
    .where(and(eq(patients.organizationId, organizationId), eq(patients.id, patientId)));
  if (!row) throw new Error('patient vanished inside its transaction');
  return row.episode ?? row.home;
}

export async function setResultFlag(db: Db, organizationId: string, id: string, flagged: string | null): Promise<void> {
  await db
    .update(drugTestResults)
    .set({ flagged })
    .where(and(eq(drugTestResults.organizationId, organizationId), eq(drugTestResults.id, id)));
}
