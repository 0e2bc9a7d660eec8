import { and, asc, eq, gt, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import {
  calendarFeeds,
  closures,
  locations,
  rooms,
  sessionAttendees,
  sessionOccurrences,
  sessionReminders,
  sessionSeries,
  userLocations,
  users,
} from '../../db/schema/index';

export type SeriesRow = typeof sessionSeries.$inferSelect;
export type OccurrenceInsert = typeof sessionOccurrences.$inferInsert;

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** A staff member of the organization who can run sessions (active). */
export async function findStaff(tx: Db, organizationId: string, userId: string) {
  const [row] = await tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.id, userId), eq(users.active, true)));
  return row;
}

/** An active room at the location. */
export async function findRoom(tx: Db, organizationId: string, locationId: string, roomId: string) {
  const [row] = await tx
    .select({ id: rooms.id, name: rooms.name, capacity: rooms.capacity })
    .from(rooms)
    .where(and(eq(rooms.organizationId, organizationId), eq(rooms.locationId, locationId), eq(rooms.id, roomId), eq(rooms.active, true)));
  return row;
}

export interface Slot {
  day: string;
  startsAt: Date;
  endsAt: Date;
}

export interface Clash {
  day: string;
  startsAt: Date;
  endsAt: Date;
  person: boolean;
  staff: boolean;
  room: boolean;
}

/**
 * Existing scheduled sessions that overlap any of `slots` and share the person (as a scheduled attendee), the staff
 * member or the room: one statement over the candidate slots as a VALUES list. Half-open intervals, so back-to-back
 * sessions do not clash.
 */
export async function findClashes(
  tx: Db,
  organizationId: string,
  who: { patientId: string; staffId: string; roomId: string | null },
  slots: readonly Slot[],
): Promise<Clash[]> {
  if (!slots.length) return [];
  const values = sql.join(
    slots.map((s) => sql`(${s.day}::date, ${s.startsAt.toISOString()}::timestamptz, ${s.endsAt.toISOString()}::timestamptz)`),
    sql`, `,
  );
  const rows = rowsOf<{ day: string; startsAt: string | Date; endsAt: string | Date; person: boolean; staff: boolean; room: boolean }>(
    await tx.execute(sql`
    select c.day::text as day, c.s as "startsAt", c.e as "endsAt",
      bool_or(exists (select 1 from session_attendees a where a.organization_id = o.organization_id and a.occurrence_id = o.id
        and a.patient_id = ${who.patientId}::uuid and a.status = 'scheduled')) as person,
      bool_or(o.staff_id = ${who.staffId}::uuid) as staff,
      bool_or(${who.roomId}::uuid is not null and o.room_id = ${who.roomId}::uuid) as room
    from (values ${values}) as c(day, s, e)
    join session_occurrences o on o.organization_id = ${organizationId} and o.status = 'scheduled'
      and o.starts_at < c.e and o.ends_at > c.s
    where o.staff_id = ${who.staffId}::uuid
      or (${who.roomId}::uuid is not null and o.room_id = ${who.roomId}::uuid)
      or exists (select 1 from session_attendees a where a.organization_id = o.organization_id and a.occurrence_id = o.id
        and a.patient_id = ${who.patientId}::uuid and a.status = 'scheduled')
    group by c.day, c.s, c.e
    order by c.s`),
  );
  return rows.map((r) => ({ ...r, startsAt: new Date(r.startsAt), endsAt: new Date(r.endsAt) }));
}

/** Closures at the location (or organization-wide) on any of `days`. */
export async function closuresOn(tx: Db, organizationId: string, locationId: string, days: readonly string[]) {
  if (!days.length) return [];
  return tx
    .select({ day: closures.day })
    .from(closures)
    .where(
      and(
        eq(closures.organizationId, organizationId),
        or(isNull(closures.locationId), eq(closures.locationId, locationId)),
        inArray(closures.day, [...days]),
      ),
    );
}

export async function insertSeries(tx: Db, row: typeof sessionSeries.$inferInsert): Promise<SeriesRow> {
  const [out] = await tx.insert(sessionSeries).values(row).returning();
  if (!out) throw new Error('series insert returned nothing');
  return out;
}

/** Inserts occurrences and the person on each roster. */
export async function insertOccurrences(tx: Db, organizationId: string, patientId: string, rows: OccurrenceInsert[]): Promise<void> {
  if (!rows.length) return;
  const ids = await tx.insert(sessionOccurrences).values(rows).returning({ id: sessionOccurrences.id });
  await tx
    .insert(sessionAttendees)
    .values(ids.map(({ id }) => ({ organizationId, occurrenceId: id, patientId, source: 'series' as const })));
}

export async function getSeries(tx: Db, organizationId: string, patientId: string, seriesId: string, lock = false) {
  const q = tx
    .select()
    .from(sessionSeries)
    .where(and(eq(sessionSeries.organizationId, organizationId), eq(sessionSeries.patientId, patientId), eq(sessionSeries.id, seriesId)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function saveSeriesExceptions(tx: Db, series: SeriesRow, exceptDays: string[], now: Date): Promise<SeriesRow> {
  const [out] = await tx
    .update(sessionSeries)
    .set({ exceptDays, version: series.version + 1, updatedAt: now })
    .where(and(eq(sessionSeries.organizationId, series.organizationId), eq(sessionSeries.id, series.id)))
    .returning();
  if (!out) throw new Error('series vanished inside its own transaction');
  return out;
}

/** Cancels a series' scheduled occurrences on `day`, or from `fromDay` on; returns how many. */
export async function cancelSeriesOccurrences(
  tx: Db,
  organizationId: string,
  seriesId: string,
  range: { day: string } | { fromDay: string; after: Date },
  now: Date,
): Promise<number> {
  const when =
    'day' in range
      ? eq(sessionOccurrences.day, range.day)
      : and(gte(sessionOccurrences.day, range.fromDay), gt(sessionOccurrences.startsAt, range.after));
  const cancelled = await tx
    .update(sessionOccurrences)
    .set({ status: 'cancelled', version: sql`${sessionOccurrences.version} + 1`, updatedAt: now })
    .where(
      and(
        eq(sessionOccurrences.organizationId, organizationId),
        eq(sessionOccurrences.seriesId, seriesId),
        eq(sessionOccurrences.status, 'scheduled'),
        when,
      ),
    )
    .returning({ id: sessionOccurrences.id });
  return cancelled.length;
}

export async function listSeries(tx: Db, organizationId: string, patientId: string, now: Date) {
  return tx
    .select({
      series: sessionSeries,
      staffName: users.name,
      roomName: rooms.name,
      upcoming: sql<number>`(select count(*)::int from session_occurrences o where o.organization_id = ${sessionSeries.organizationId}
        and o.series_id = ${sessionSeries.id} and o.status = 'scheduled' and o.starts_at > ${now.toISOString()}::timestamptz)`,
    })
    .from(sessionSeries)
    .innerJoin(users, eq(users.id, sessionSeries.staffId))
    .leftJoin(rooms, eq(rooms.id, sessionSeries.roomId))
    .where(and(eq(sessionSeries.organizationId, organizationId), eq(sessionSeries.patientId, patientId)))
    .orderBy(asc(sessionSeries.createdAt));
}

const occurrenceColumns = {
  id: sessionOccurrences.id,
  seriesId: sessionOccurrences.seriesId,
  kind: sessionOccurrences.kind,
  title: sessionOccurrences.title,
  day: sessionOccurrences.day,
  startMinute: sessionOccurrences.startMinute,
  endMinute: sessionOccurrences.endMinute,
  startsAt: sessionOccurrences.startsAt,
  endsAt: sessionOccurrences.endsAt,
  status: sessionOccurrences.status,
  modality: sessionOccurrences.modality,
  videoUrl: sessionOccurrences.videoUrl,
  version: sessionOccurrences.version,
  updatedAt: sessionOccurrences.updatedAt,
  locationName: locations.name,
  timeZone: locations.timeZone,
  roomName: rooms.name,
  staffName: users.name,
};
export type OccurrenceRow = Awaited<ReturnType<typeof listForPatient>>[number];

/**
 * A person's sessions (where they are on the roster) between two instants; `includeCancelled` for feeds, which
 * tell calendar apps about cancellations.
 */
export async function listForPatient(
  tx: Db,
  organizationId: string,
  patientId: string,
  range: { from: Date; to: Date },
  includeCancelled: boolean,
) {
  return tx
    .select({ ...occurrenceColumns, attendeeStatus: sessionAttendees.status })
    .from(sessionAttendees)
    .innerJoin(sessionOccurrences, eq(sessionOccurrences.id, sessionAttendees.occurrenceId))
    .innerJoin(locations, eq(locations.id, sessionOccurrences.locationId))
    .innerJoin(users, eq(users.id, sessionOccurrences.staffId))
    .leftJoin(rooms, eq(rooms.id, sessionOccurrences.roomId))
    .where(
      and(
        eq(sessionAttendees.organizationId, organizationId),
        eq(sessionAttendees.patientId, patientId),
        includeCancelled
          ? inArray(sessionOccurrences.status, ['scheduled', 'cancelled'])
          : and(eq(sessionOccurrences.status, 'scheduled'), eq(sessionAttendees.status, 'scheduled')),
        gt(sessionOccurrences.endsAt, range.from),
        lt(sessionOccurrences.startsAt, range.to),
      ),
    )
    .orderBy(asc(sessionOccurrences.startsAt));
}

/** A staff member's sessions between two instants, cancelled ones included (for their feed). */
export async function listForStaff(tx: Db, organizationId: string, userId: string, range: { from: Date; to: Date }) {
  return tx
    .select({ ...occurrenceColumns, attendeeStatus: sql<'scheduled' | 'cancelled'>`'scheduled'` })
    .from(sessionOccurrences)
    .innerJoin(locations, eq(locations.id, sessionOccurrences.locationId))
    .innerJoin(users, eq(users.id, sessionOccurrences.staffId))
    .leftJoin(rooms, eq(rooms.id, sessionOccurrences.roomId))
    .where(
      and(
        eq(sessionOccurrences.organizationId, organizationId),
        eq(sessionOccurrences.staffId, userId),
        inArray(sessionOccurrences.status, ['scheduled', 'cancelled']),
        gt(sessionOccurrences.endsAt, range.from),
        lt(sessionOccurrences.startsAt, range.to),
      ),
    )
    .orderBy(asc(sessionOccurrences.startsAt));
}

// Calendar feeds

export type FeedOwner = { patientId: string } | { userId: string };
const ownerIs = (owner: FeedOwner) =>
  'patientId' in owner ? eq(calendarFeeds.patientId, owner.patientId) : eq(calendarFeeds.userId, owner.userId);

export async function activeFeed(tx: Db, organizationId: string, owner: FeedOwner) {
  const [row] = await tx
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.organizationId, organizationId), ownerIs(owner), isNull(calendarFeeds.revokedAt)));
  return row;
}

/** Revokes the owner's live feed, if any; returns its id. */
export async function revokeFeeds(tx: Db, organizationId: string, owner: FeedOwner, now: Date): Promise<string[]> {
  const out = await tx
    .update(calendarFeeds)
    .set({ revokedAt: now })
    .where(and(eq(calendarFeeds.organizationId, organizationId), ownerIs(owner), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  return out.map((r) => r.id);
}

export async function insertFeed(tx: Db, row: typeof calendarFeeds.$inferInsert) {
  const [out] = await tx.insert(calendarFeeds).values(row).returning();
  if (!out) throw new Error('feed insert returned nothing');
  return out;
}

/** The live feed a token's hash names, across organizations (the token is the only key a public request has). */
export async function findFeedByHash(tx: Db, tokenHash: string) {
  const [row] = await tx
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)));
  return row;
}

export async function touchFeed(tx: Db, organizationId: string, id: string, now: Date): Promise<void> {
  await tx
    .update(calendarFeeds)
    .set({ lastFetchedAt: now })
    .where(and(eq(calendarFeeds.organizationId, organizationId), eq(calendarFeeds.id, id)));
}

/** In-app reminders for a person sent since `since`. */
export async function inAppReminders(tx: Db, organizationId: string, patientId: string, since: Date) {
  return tx
    .select({
      id: sessionReminders.id,
      occurrenceId: sessionReminders.occurrenceId,
      offsetMinutes: sessionReminders.offsetMinutes,
      sentAt: sessionReminders.sentAt,
    })
    .from(sessionReminders)
    .where(
      and(
        eq(sessionReminders.organizationId, organizationId),
        eq(sessionReminders.patientId, patientId),
        eq(sessionReminders.channel, 'in_app'),
        gte(sessionReminders.sentAt, since),
      ),
    )
    .orderBy(asc(sessionReminders.sentAt));
}

/** Who can run a person's sessions and where: active staff and rooms at the location. */
export async function seriesOptions(tx: Db, organizationId: string, locationId: string) {
  const staff = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(userLocations, and(eq(userLocations.userId, users.id), eq(userLocations.organizationId, users.organizationId)))
    .where(and(eq(users.organizationId, organizationId), eq(userLocations.locationId, locationId), eq(users.active, true)))
    .orderBy(asc(users.name));
  const places = await tx
    .select({ id: rooms.id, name: rooms.name })
    .from(rooms)
    .where(and(eq(rooms.organizationId, organizationId), eq(rooms.locationId, locationId), eq(rooms.active, true)))
    .orderBy(asc(rooms.name));
  return { staff, rooms: places };
}
