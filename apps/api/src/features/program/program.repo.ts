import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { ClosureView, PhaseView, RoomView, SchedulingSettingsView, TemplateView, TrackView } from '@openiop/core';
import type { Db } from '../../db/database';
import { closures, groupTemplates, locations, programPhases, rooms, schedulingSettings, tracks } from '../../db/schema/index';

/** Reads of a location's program structure, always within one organization. */

export type LocationRow = typeof locations.$inferSelect;

export async function locationRow(db: Db, organizationId: string, locationId: string): Promise<LocationRow | undefined> {
  const [row] = await db
    .select()
    .from(locations)
    .where(and(eq(locations.organizationId, organizationId), eq(locations.id, locationId)));
  return row;
}

export const roomOf = (r: typeof rooms.$inferSelect): RoomView => ({
  id: r.id,
  locationId: r.locationId,
  name: r.name,
  capacity: r.capacity,
  active: r.active,
  version: r.version,
});
export const trackOf = (r: typeof tracks.$inferSelect): TrackView => ({
  id: r.id,
  locationId: r.locationId,
  name: r.name,
  kind: r.kind,
  modality: r.modality,
  active: r.active,
  version: r.version,
});
export const phaseOf = (r: typeof programPhases.$inferSelect): PhaseView => ({
  id: r.id,
  locationId: r.locationId,
  number: r.number,
  name: r.name,
  weeklyHours: r.weeklyHours,
  daysPerWeek: r.daysPerWeek,
  typicalWeeks: r.typicalWeeks,
  stepDown: r.stepDown,
  version: r.version,
});
export const templateOf = (r: typeof groupTemplates.$inferSelect): TemplateView => ({
  id: r.id,
  locationId: r.locationId,
  trackId: r.trackId,
  topic: r.topic,
  curriculum: r.curriculum,
  weekday: r.weekday,
  startMinute: r.startMinute,
  durationMinutes: r.durationMinutes,
  capacity: r.capacity,
  minToRun: r.minToRun,
  credential: r.credential,
  roomId: r.roomId,
  facilitatorId: r.facilitatorId,
  active: r.active,
  version: r.version,
});
export const closureOf = (r: typeof closures.$inferSelect): ClosureView => ({
  id: r.id,
  locationId: r.locationId,
  day: r.day,
  name: r.name,
  version: r.version,
});

export const DEFAULT_SETTINGS = {
  individualMinutes: 50,
  individualEveryWeeks: 1,
  familyMinutes: 50,
  familyEveryWeeks: 2,
  collectionSlots: [] as { weekday: number; start: number; end: number }[],
  reminderOffsetsMinutes: [1440, 120],
};

export const settingsOf = (locationId: string, r: typeof schedulingSettings.$inferSelect | undefined): SchedulingSettingsView =>
  r
    ? {
        locationId,
        individualMinutes: r.individualMinutes,
        individualEveryWeeks: r.individualEveryWeeks,
        familyMinutes: r.familyMinutes,
        familyEveryWeeks: r.familyEveryWeeks,
        collectionSlots: r.collectionSlots,
        reminderOffsetsMinutes: r.reminderOffsetsMinutes,
        version: r.version,
      }
    : { locationId, ...DEFAULT_SETTINGS, version: 0 };

const at = <T extends typeof rooms | typeof tracks | typeof programPhases | typeof groupTemplates | typeof schedulingSettings>(
  t: T,
  organizationId: string,
  locationId: string,
) => and(eq(t.organizationId, organizationId), eq(t.locationId, locationId));

export const listRooms = async (db: Db, org: string, loc: string) =>
  (
    await db
      .select()
      .from(rooms)
      .where(at(rooms, org, loc))
      .orderBy(asc(rooms.name))
  ).map(roomOf);
export const listTracks = async (db: Db, org: string, loc: string) =>
  (
    await db
      .select()
      .from(tracks)
      .where(at(tracks, org, loc))
      .orderBy(asc(tracks.name))
  ).map(trackOf);
export const listPhases = async (db: Db, org: string, loc: string) =>
  (
    await db
      .select()
      .from(programPhases)
      .where(at(programPhases, org, loc))
      .orderBy(asc(programPhases.number))
  ).map(phaseOf);
export const listTemplates = async (db: Db, org: string, loc: string) =>
  (
    await db
      .select()
      .from(groupTemplates)
      .where(at(groupTemplates, org, loc))
      .orderBy(asc(groupTemplates.weekday), asc(groupTemplates.startMinute), asc(groupTemplates.topic))
  ).map(templateOf);
export async function getSettings(db: Db, org: string, loc: string): Promise<SchedulingSettingsView> {
  const [row] = await db
    .select()
    .from(schedulingSettings)
    .where(at(schedulingSettings, org, loc));
  return settingsOf(loc, row);
}

/** The location's own closures and the organization-wide ones, first day to last inclusive. */
export async function listClosures(db: Db, org: string, loc: string, from: string, to: string): Promise<ClosureView[]> {
  const rows = await db
    .select()
    .from(closures)
    .where(
      and(
        eq(closures.organizationId, org),
        or(isNull(closures.locationId), eq(closures.locationId, loc)),
        gte(closures.day, from),
        lte(closures.day, to),
      ),
    )
    .orderBy(asc(closures.day), asc(closures.name));
  return rows.map(closureOf);
}
