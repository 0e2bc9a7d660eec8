import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import {
  locations,
  patients,
  sessionAttendance,
  sessionAttendees,
  sessionOccurrences,
  users,
  videoPresence,
  videoSettings,
} from '../../db/schema/index';
import type { AttendanceStatus } from '../../db/schema/session-run';

/** The default mesh size when a location has no video settings row. */
export const DEFAULT_MESH_LIMIT = 6;

/** A session as its room needs it: times, place, who runs it, its location's video settings and roster size. */
export async function findRoomOccurrence(tx: Db, organizationId: string, occurrenceId: string) {
  const [row] = await tx
    .select({
      id: sessionOccurrences.id,
      organizationId: sessionOccurrences.organizationId,
      locationId: sessionOccurrences.locationId,
      title: sessionOccurrences.title,
      kind: sessionOccurrences.kind,
      startsAt: sessionOccurrences.startsAt,
      endsAt: sessionOccurrences.endsAt,
      modality: sessionOccurrences.modality,
      status: sessionOccurrences.status,
      staffId: sessionOccurrences.staffId,
      staffName: users.name,
      timeZone: locations.timeZone,
      externalUrlTemplate: videoSettings.externalUrlTemplate,
      meshLimit: videoSettings.meshLimit,
      // The room signs each connection's TURN credential with the secret; it stays in the api process.
      stunUrls: videoSettings.stunUrls,
      turnUrls: videoSettings.turnUrls,
      turnSecret: videoSettings.turnSecret,
      rosterSize: sql<number>`(select count(*)::int from ${sessionAttendees} a
        where a.organization_id = ${sessionOccurrences.organizationId} and a.occurrence_id = ${sessionOccurrences.id}
          and a.status = 'scheduled')`,
    })
    .from(sessionOccurrences)
    .innerJoin(users, and(eq(users.id, sessionOccurrences.staffId), eq(users.organizationId, sessionOccurrences.organizationId)))
    .innerJoin(
      locations,
      and(eq(locations.id, sessionOccurrences.locationId), eq(locations.organizationId, sessionOccurrences.organizationId)),
    )
    .leftJoin(
      videoSettings,
      and(eq(videoSettings.organizationId, sessionOccurrences.organizationId), eq(videoSettings.locationId, sessionOccurrences.locationId)),
    )
    .where(and(eq(sessionOccurrences.organizationId, organizationId), eq(sessionOccurrences.id, occurrenceId)));
  return row
    ? {
        ...row,
        meshLimit: row.meshLimit ?? DEFAULT_MESH_LIMIT,
        stunUrls: row.stunUrls ?? [],
        turnUrls: row.turnUrls ?? [],
        rosterSize: Number(row.rosterSize),
      }
    : undefined;
}
export type RoomOccurrence = NonNullable<Awaited<ReturnType<typeof findRoomOccurrence>>>;

/** The person's first name (preferred if they gave one) when they are on the session's roster; otherwise nothing. */
export async function findRosterPerson(tx: Db, organizationId: string, occurrenceId: string, patientId: string) {
  const [row] = await tx
    .select({ patientId: patients.id, firstName: sql<string>`coalesce(${patients.preferredName}, ${patients.legalGivenName})` })
    .from(sessionAttendees)
    .innerJoin(patients, and(eq(patients.id, sessionAttendees.patientId), eq(patients.organizationId, sessionAttendees.organizationId)))
    .where(
      and(
        eq(sessionAttendees.organizationId, organizationId),
        eq(sessionAttendees.occurrenceId, occurrenceId),
        eq(sessionAttendees.patientId, patientId),
        eq(sessionAttendees.status, 'scheduled'),
      ),
    );
  return row;
}

export async function insertPresence(
  tx: Db,
  row: {
    organizationId: string;
    occurrenceId: string;
    patientId: string | null;
    userId: string | null;
    waitingAt: Date;
    joinedAt: Date | null;
  },
): Promise<string> {
  const [out] = await tx.insert(videoPresence).values(row).returning({ id: videoPresence.id });
  if (!out) throw new Error('presence insert returned nothing');
  return out.id;
}

/** Marks a stay admitted. */
export async function markJoined(tx: Db, organizationId: string, presenceId: string, at: Date): Promise<void> {
  await tx
    .update(videoPresence)
    .set({ joinedAt: at })
    .where(and(eq(videoPresence.organizationId, organizationId), eq(videoPresence.id, presenceId), isNull(videoPresence.joinedAt)));
}

/** Ends a stay (once). */
export async function markLeft(tx: Db, organizationId: string, presenceId: string, at: Date): Promise<void> {
  await tx
    .update(videoPresence)
    .set({ leftAt: at })
    .where(and(eq(videoPresence.organizationId, organizationId), eq(videoPresence.id, presenceId), isNull(videoPresence.leftAt)));
}

/** A person's admitted stays in one session's room. */
export async function listStays(tx: Db, organizationId: string, occurrenceId: string, patientId: string) {
  return tx
    .select({ joinedAt: videoPresence.joinedAt, leftAt: videoPresence.leftAt })
    .from(videoPresence)
    .where(
      and(
        eq(videoPresence.organizationId, organizationId),
        eq(videoPresence.occurrenceId, occurrenceId),
        eq(videoPresence.patientId, patientId),
        isNotNull(videoPresence.joinedAt),
      ),
    )
    .orderBy(asc(videoPresence.joinedAt));
}

/**
 * Writes the person's attendance from video unless staff recorded it (`source = 'staff'`: staff's word wins).
 * One statement, so a staff entry landing at the same moment is never overwritten. Returns whether it wrote.
 */
export async function upsertVideoAttendance(
  tx: Db,
  row: {
    organizationId: string;
    occurrenceId: string;
    patientId: string;
    status: AttendanceStatus;
    minutesAttended: number;
    arrivedAt: Date;
    leftAt: Date | null;
    at: Date;
  },
): Promise<boolean> {
  const { at, ...values } = row;
  const out = await tx
    .insert(sessionAttendance)
    .values({ ...values, source: 'video', recordedBy: null, createdAt: at, updatedAt: at })
    .onConflictDoUpdate({
      target: [sessionAttendance.organizationId, sessionAttendance.occurrenceId, sessionAttendance.patientId],
      set: {
        status: values.status,
        minutesAttended: values.minutesAttended,
        arrivedAt: values.arrivedAt,
        leftAt: values.leftAt,
        source: 'video',
        recordedBy: null,
        version: sql`${sessionAttendance.version} + 1`,
        updatedAt: at,
      },
      setWhere: sql`${sessionAttendance.source} <> 'staff'`,
    })
    .returning({ id: sessionAttendance.id });
  return out.length > 0;
}

/** A location's saved settings, if any. The TURN secret is not read: only whether one is stored. */
export async function findSettings(tx: Db, organizationId: string, locationId: string) {
  const [row] = await tx
    .select({
      externalUrlTemplate: videoSettings.externalUrlTemplate,
      meshLimit: videoSettings.meshLimit,
      stunUrls: videoSettings.stunUrls,
      turnUrls: videoSettings.turnUrls,
      turnSecretSet: sql<boolean>`${videoSettings.turnSecret} is not null`,
      version: videoSettings.version,
    })
    .from(videoSettings)
    .where(and(eq(videoSettings.organizationId, organizationId), eq(videoSettings.locationId, locationId)));
  return row;
}

export interface SettingsValues {
  externalUrlTemplate: string | null;
  meshLimit: number;
  stunUrls: string[];
  turnUrls: string[];
  /** A new secret, `null` to clear it, `undefined` to keep what is stored. */
  turnSecret?: string | null | undefined;
  at: Date;
}

/**
 * Saves a location's settings against the version read (0: none yet). Returns the new version and whether a TURN
 * secret is stored after the write, or undefined if stale.
 */
export async function saveSettings(
  tx: Db,
  organizationId: string,
  locationId: string,
  version: number,
  values: SettingsValues,
): Promise<{ version: number; turnSecretSet: boolean } | undefined> {
  const fields = {
    externalUrlTemplate: values.externalUrlTemplate,
    meshLimit: values.meshLimit,
    stunUrls: values.stunUrls,
    turnUrls: values.turnUrls,
    ...(values.turnSecret !== undefined ? { turnSecret: values.turnSecret } : {}),
  };
  const returning = { version: videoSettings.version, turnSecretSet: sql<boolean>`${videoSettings.turnSecret} is not null` };
  if (version === 0) {
    const out = await tx
      .insert(videoSettings)
      .values({ organizationId, locationId, ...fields, createdAt: values.at, updatedAt: values.at })
      .onConflictDoNothing()
      .returning(returning);
    return out[0];
  }
  const out = await tx
    .update(videoSettings)
    .set({ ...fields, version: sql`${videoSettings.version} + 1`, updatedAt: values.at })
    .where(
      and(eq(videoSettings.organizationId, organizationId), eq(videoSettings.locationId, locationId), eq(videoSettings.version, version)),
    )
    .returning(returning);
  return out[0];
}

/** Whether the location belongs to the organization. */
export async function locationExists(tx: Db, organizationId: string, locationId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.organizationId, organizationId), eq(locations.id, locationId)));
  return row !== undefined;
}
