import { and, asc, eq, inArray } from 'drizzle-orm';
import type { WeeklyWindow } from '@openiop/core';
import type { Db } from '../../db/database';
import {
  locations,
  patientAvailability,
  patients,
  patientSchedulePrefs,
  programPhases,
  staffHours,
  staffLeave,
  staffScheduling,
  tracks,
  userLocations,
  users,
} from '../../db/schema/index';

export type PrefsRow = typeof patientSchedulePrefs.$inferSelect;
export type PrefsValues = Pick<
  PrefsRow,
  | 'phaseId'
  | 'phaseStartedOn'
  | 'perDiem'
  | 'familySessions'
  | 'preferredTrackIds'
  | 'modality'
  | 'preferredDays'
  | 'constraintsNote'
  | 'updatedBy'
  | 'updatedByPerson'
>;

const asWindow = (r: { weekday: number; startMinute: number; endMinute: number }): WeeklyWindow => ({
  weekday: r.weekday as WeeklyWindow['weekday'],
  start: r.startMinute,
  end: r.endMinute,
});

export async function listWindows(db: Db, organizationId: string, patientId: string): Promise<WeeklyWindow[]> {
  const rows = await db
    .select()
    .from(patientAvailability)
    .where(and(eq(patientAvailability.organizationId, organizationId), eq(patientAvailability.patientId, patientId)))
    .orderBy(asc(patientAvailability.weekday), asc(patientAvailability.startMinute));
  return rows.map(asWindow);
}

export async function replaceWindows(db: Db, organizationId: string, patientId: string, windows: readonly WeeklyWindow[], at: Date) {
  await db
    .delete(patientAvailability)
    .where(and(eq(patientAvailability.organizationId, organizationId), eq(patientAvailability.patientId, patientId)));
  if (windows.length)
    await db
      .insert(patientAvailability)
      .values(
        windows.map((w) => ({ organizationId, patientId, weekday: w.weekday, startMinute: w.start, endMinute: w.end, createdAt: at })),
      );
}

export async function findPrefs(db: Db, organizationId: string, patientId: string, lock = false): Promise<PrefsRow | undefined> {
  const q = db
    .select()
    .from(patientSchedulePrefs)
    .where(and(eq(patientSchedulePrefs.organizationId, organizationId), eq(patientSchedulePrefs.patientId, patientId)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** Creates the row (version 1) when `version` is 0; otherwise bumps it only if it is still at `version`. */
export async function savePrefs(
  db: Db,
  organizationId: string,
  patientId: string,
  version: number,
  values: PrefsValues,
  at: Date,
): Promise<PrefsRow | undefined> {
  if (version === 0) {
    const [row] = await db
      .insert(patientSchedulePrefs)
      .values({ organizationId, patientId, ...values, createdAt: at, updatedAt: at })
      .onConflictDoNothing()
      .returning();
    return row;
  }
  const [row] = await db
    .update(patientSchedulePrefs)
    .set({ ...values, version: version + 1, updatedAt: at })
    .where(
      and(
        eq(patientSchedulePrefs.organizationId, organizationId),
        eq(patientSchedulePrefs.patientId, patientId),
        eq(patientSchedulePrefs.version, version),
      ),
    )
    .returning();
  return row;
}

/** A location's phases (by number) and active tracks (by name): read-only, for validation and the form's choices. */
export async function programChoices(db: Db, organizationId: string, locationId: string) {
  const [phases, trackRows] = await Promise.all([
    db
      .select({
        id: programPhases.id,
        name: programPhases.name,
        number: programPhases.number,
        weeklyHours: programPhases.weeklyHours,
        daysPerWeek: programPhases.daysPerWeek,
        stepDown: programPhases.stepDown,
      })
      .from(programPhases)
      .where(and(eq(programPhases.organizationId, organizationId), eq(programPhases.locationId, locationId)))
      .orderBy(asc(programPhases.number)),
    db
      .select({ id: tracks.id, name: tracks.name, kind: tracks.kind, modality: tracks.modality })
      .from(tracks)
      .where(and(eq(tracks.organizationId, organizationId), eq(tracks.locationId, locationId), eq(tracks.active, true)))
      .orderBy(asc(tracks.name)),
  ]);
  return { phases, tracks: trackRows };
}

// Staff

export async function findStaff(db: Db, organizationId: string, userId: string) {
  const [row] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.id, userId)));
  return row;
}

export async function staffLocations(db: Db, organizationId: string, userId: string) {
  return db
    .select({ id: locations.id, name: locations.name })
    .from(userLocations)
    .innerJoin(locations, eq(locations.id, userLocations.locationId))
    .where(and(eq(userLocations.organizationId, organizationId), eq(userLocations.userId, userId)))
    .orderBy(asc(locations.name));
}

export async function listStaffHours(db: Db, organizationId: string, userId: string) {
  const rows = await db
    .select()
    .from(staffHours)
    .where(and(eq(staffHours.organizationId, organizationId), eq(staffHours.userId, userId)))
    .orderBy(asc(staffHours.weekday), asc(staffHours.startMinute));
  return rows.map((r) => ({ ...asWindow(r), locationId: r.locationId }));
}

export async function replaceStaffHours(
  db: Db,
  organizationId: string,
  userId: string,
  hours: readonly (WeeklyWindow & { locationId: string })[],
  at: Date,
) {
  await db.delete(staffHours).where(and(eq(staffHours.organizationId, organizationId), eq(staffHours.userId, userId)));
  if (hours.length)
    await db.insert(staffHours).values(
      hours.map((h) => ({
        organizationId,
        userId,
        locationId: h.locationId,
        weekday: h.weekday,
        startMinute: h.start,
        endMinute: h.end,
        createdAt: at,
      })),
    );
}

export async function findCaps(db: Db, organizationId: string, userId: string, lock = false) {
  const q = db
    .select()
    .from(staffScheduling)
    .where(and(eq(staffScheduling.organizationId, organizationId), eq(staffScheduling.userId, userId)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function saveCaps(
  db: Db,
  organizationId: string,
  userId: string,
  version: number,
  caps: { caseloadCap: number | null; weeklySessionCap: number | null },
  at: Date,
) {
  if (version === 0) {
    const [row] = await db
      .insert(staffScheduling)
      .values({ organizationId, userId, ...caps, createdAt: at, updatedAt: at })
      .onConflictDoNothing()
      .returning();
    return row;
  }
  const [row] = await db
    .update(staffScheduling)
    .set({ ...caps, version: version + 1, updatedAt: at })
    .where(
      and(eq(staffScheduling.organizationId, organizationId), eq(staffScheduling.userId, userId), eq(staffScheduling.version, version)),
    )
    .returning();
  return row;
}

export async function listLeave(db: Db, organizationId: string, userIds: string[]) {
  if (!userIds.length) return [];
  return db
    .select()
    .from(staffLeave)
    .where(and(eq(staffLeave.organizationId, organizationId), inArray(staffLeave.userId, userIds)))
    .orderBy(asc(staffLeave.startsOn));
}

export async function insertLeave(db: Db, values: typeof staffLeave.$inferInsert): Promise<typeof staffLeave.$inferSelect> {
  const [row] = await db.insert(staffLeave).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function deleteLeave(db: Db, organizationId: string, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(staffLeave)
    .where(and(eq(staffLeave.organizationId, organizationId), eq(staffLeave.userId, userId), eq(staffLeave.id, id)))
    .returning({ id: staffLeave.id });
  return rows.length > 0;
}

/** Serialises leave changes of one staff member, so two overlapping requests cannot both pass the overlap check. */
export async function lockStaff(db: Db, organizationId: string, userId: string): Promise<void> {
  await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.id, userId)))
    .for('update');
}

export async function patientLocation(db: Db, organizationId: string, patientId: string): Promise<string> {
  const [row] = await db
    .select({ locationId: patients.locationId })
    .from(patients)
    .where(and(eq(patients.organizationId, organizationId), eq(patients.id, patientId)));
  if (!row) throw new Error('a link always has its patient');
  return row.locationId;
}
