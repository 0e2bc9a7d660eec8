import { and, asc, eq, inArray } from 'drizzle-orm';
import { addDays, localDate, mondayOf, zonedInstant, type AttendanceStatusValue } from '@openiop/core';
import type { Db } from '../db/database';
import type { SessionKind } from '../db/schema/index';
import {
  episodes,
  groupTemplates,
  patientAvailability,
  patients,
  sessionAttendance,
  sessionAttendees,
  sessionOccurrences,
} from '../db/schema';
import { Rng } from './random';

/** A session the demo held (it is over), for the notes and drug-testing demos to build on. */
export interface HeldDemoSession {
  occurrenceId: string;
  locationId: string;
  kind: SessionKind;
  staffId: string;
  startsAt: Date;
  endsAt: Date;
  patientIds: string[];
}

/** The groups a person is seated in per week: about three 3-hour groups, the adult IOP floor. */
const GROUPS_PER_PERSON = 3;

/**
 * Held group sessions for the demo (issue 6): for each location, last week's and this week's groups from the
 * templates that are already over by `now`, with rosters of the location's active people whose availability covers
 * the group (up to its capacity, about three groups each), and attendance — mostly present, some late, left early
 * or absent. One person at the first location missed their last two sessions in a row: their chart shows the
 * engagement-risk flag. Sessions still ahead are not created here: planning them is the schedule's job, and the
 * published-week demo must stay the optimiser's.
 */
export async function seedSessionsDemo(
  tx: Db,
  input: { organizationId: string; seed: number; now: Date; locations: { id: string; timeZone: string }[] },
): Promise<HeldDemoSession[]> {
  const rng = new Rng((input.seed ^ 0x0a77e9d5) >>> 0);
  const { organizationId, now } = input;
  const held: HeldDemoSession[] = [];
  const occurrenceRows: (typeof sessionOccurrences.$inferInsert)[] = [];
  const rosterRows: (typeof sessionAttendees.$inferInsert)[] = [];
  const attendanceRows: (typeof sessionAttendance.$inferInsert)[] = [];

  for (const [li, location] of input.locations.entries()) {
    const templates = await tx
      .select()
      .from(groupTemplates)
      .where(
        and(eq(groupTemplates.organizationId, organizationId), eq(groupTemplates.locationId, location.id), eq(groupTemplates.active, true)),
      )
      .orderBy(asc(groupTemplates.weekday), asc(groupTemplates.startMinute), asc(groupTemplates.id));
    const people = (
      await tx
        .select({ id: patients.id })
        .from(patients)
        .innerJoin(episodes, and(eq(episodes.organizationId, patients.organizationId), eq(episodes.id, patients.currentEpisodeId)))
        .where(
          and(
            eq(patients.organizationId, organizationId),
            eq(patients.careStatus, 'active'),
            eq(episodes.status, 'active'),
            eq(episodes.locationId, location.id),
          ),
        )
        .orderBy(asc(patients.mrn))
    ).map((p) => p.id);
    const windows = people.length
      ? await tx
          .select()
          .from(patientAvailability)
          .where(and(eq(patientAvailability.organizationId, organizationId), inArray(patientAvailability.patientId, people)))
      : [];
    const fits = (patientId: string, weekday: number, start: number, end: number) =>
      windows.some((w) => w.patientId === patientId && w.weekday === weekday && w.startMinute <= start && end <= w.endMinute);

    // The same cohort both weeks: seat each person in the first groups that fit them.
    const seats = new Map<string, string[]>();
    const count = new Map<string, number>();
    for (const t of templates) {
      const list: string[] = [];
      for (const p of people) {
        if (list.length >= t.capacity) break;
        if ((count.get(p) ?? 0) >= GROUPS_PER_PERSON) continue;
        if (!fits(p, t.weekday, t.startMinute, t.startMinute + t.durationMinutes)) continue;
        list.push(p);
        count.set(p, (count.get(p) ?? 0) + 1);
      }
      seats.set(t.id, list);
    }

    const thisWeek = mondayOf(localDate(now, location.timeZone));
    const locationHeld: HeldDemoSession[] = [];
    for (const weekStart of [addDays(thisWeek, -7), thisWeek]) {
      for (const t of templates) {
        if (!t.facilitatorId) continue;
        const day = addDays(weekStart, t.weekday);
        const end = t.startMinute + t.durationMinutes;
        const startsAt = zonedInstant(day, t.startMinute, location.timeZone);
        const endsAt = zonedInstant(day, end, location.timeZone);
        if (endsAt.getTime() > now.getTime()) continue;
        const id = rng.uuid();
        const patientIds = seats.get(t.id) ?? [];
        occurrenceRows.push({
          id,
          organizationId,
          locationId: location.id,
          templateId: t.id,
          trackId: t.trackId,
          kind: 'group',
          title: t.topic,
          day,
          startMinute: t.startMinute,
          endMinute: end,
          startsAt,
          endsAt,
          roomId: t.roomId,
          modality: t.roomId ? 'in_person' : 'virtual',
          capacity: t.capacity,
          credential: t.credential,
          staffId: t.facilitatorId,
          status: 'scheduled',
          createdAt: startsAt,
          updatedAt: startsAt,
        });
        for (const patientId of patientIds)
          rosterRows.push({ organizationId, occurrenceId: id, patientId, source: 'manual', createdAt: startsAt, updatedAt: startsAt });
        locationHeld.push({
          occurrenceId: id,
          locationId: location.id,
          kind: 'group',
          staffId: t.facilitatorId,
          startsAt,
          endsAt,
          patientIds,
        });
      }
    }

    // The engagement-risk showcase: the first seated person at the first location misses their last two sessions.
    const showcase = li === 0 ? people.find((p) => locationHeld.filter((h) => h.patientIds.includes(p)).length >= 2) : undefined;
    const missed = new Set(
      showcase
        ? locationHeld
            .filter((h) => h.patientIds.includes(showcase))
            .slice(-2)
            .map((h) => h.occurrenceId)
        : [],
    );
    for (const h of locationHeld) {
      const length = Math.round((h.endsAt.getTime() - h.startsAt.getTime()) / 60_000);
      const facilitator = h.staffId;
      for (const patientId of h.patientIds) {
        const roll = rng.next();
        const [status, minutes]: [AttendanceStatusValue, number] =
          patientId === showcase && missed.has(h.occurrenceId)
            ? ['absent_unexcused', 0]
            : roll < 0.8
              ? ['present', length]
              : roll < 0.88
                ? ['late', length - rng.int(10, 40)]
                : roll < 0.92
                  ? ['left_early', length - rng.int(30, 60)]
                  : roll < 0.96
                    ? ['absent_excused', 0]
                    : ['absent_unexcused', 0];
        attendanceRows.push({
          organizationId,
          occurrenceId: h.occurrenceId,
          patientId,
          status,
          minutesAttended: minutes,
          source: 'staff',
          recordedBy: facilitator,
          createdAt: h.endsAt,
          updatedAt: h.endsAt,
        });
      }
    }
    held.push(...locationHeld);
  }

  if (occurrenceRows.length) await tx.insert(sessionOccurrences).values(occurrenceRows);
  if (rosterRows.length) await tx.insert(sessionAttendees).values(rosterRows);
  if (attendanceRows.length) await tx.insert(sessionAttendance).values(attendanceRows);
  return held;
}
