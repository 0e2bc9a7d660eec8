import {
  addDays,
  clockText,
  DomainError,
  localDate,
  type Permission,
  expandSeries,
  type SeriesCreate,
  type SeriesEnd,
  type SeriesException,
  type SeriesView,
  type SessionConflict,
  type SeriesOptions,
  type SessionsOverview,
} from '@openiop/core';
import { recordAudit } from '../../platform/audit';

import type { Db } from '../../db/database';
import { actorCan, assertCan, type Ctx } from '../../platform/context';
import { billingFactsFor, scheduleWarnings } from '../authorizations/authorizations.service';
import { loadVisible } from '../patients/patients.service';
import * as repo from './sessions.repo';
import { occurrenceView, seriesView } from './sessions.views';

/** How far ahead a series is expanded into occurrences: 26 weeks from its first day. */
export const SERIES_HORIZON_DAYS = 26 * 7;
/** The chart lists the person's sessions this far ahead. */
const CHART_AHEAD_DAYS = 60;

interface InChart {
  tx: Db;
  breakGlass: boolean;
  locationId: string;
  timeZone: string;
  today: string;
}

/**
 * Like `withPatient`, with the person's location too (a series belongs to it): the permission, then the person
 * through the one scope predicate (other organization or out of scope → 404), then the work, in one transaction.
 */
export async function inChart<T>(ctx: Ctx, patientId: string, permission: Permission, work: (c: InChart) => Promise<T>): Promise<T> {
  assertCan(ctx.actor, permission);
  return ctx.db.transaction(async (tx) => {
    const { row, breakGlass } = await loadVisible(tx, ctx, patientId);
    const timeZone = row.locationTimeZone;
    return work({ tx, breakGlass, locationId: row.locationId, timeZone, today: localDate(ctx.clock.now(), timeZone) });
  });
}

const CLASH_TEXT: Record<SessionConflict['with'], string> = {
  person: 'the person already has a session then',
  staff: 'the staff member already has a session then',
  room: 'the room is booked then',
  closure: 'the clinic is closed that day',
};

const DEFAULT_TITLES = { individual: 'Individual session', family: 'Family session' } as const;

/** The person's upcoming sessions and their series, for the chart. */
export async function sessionsOverview(ctx: Ctx, patientId: string): Promise<SessionsOverview> {
  return inChart(ctx, patientId, 'schedule.read', async ({ tx, breakGlass }) => {
    const now = ctx.clock.now();
    const org = ctx.actor.organizationId;
    const upcoming = await repo.listForPatient(
      tx,
      org,
      patientId,
      { from: now, to: new Date(now.getTime() + CHART_AHEAD_DAYS * 86_400_000) },
      false,
    );
    const series = await repo.listSeries(tx, org, patientId, now);
    await recordAudit(tx, ctx, {
      action: 'sessions.read',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
      breakGlass,
      details: { occurrences: upcoming.length, series: series.length },
    });
    return { upcoming: upcoming.map(occurrenceView), series: series.map(seriesView) };
  });
}

/**
 * A recurring individual or family session: the rule is expanded 26 weeks from its first day into scheduled
 * occurrences with the person on each roster. Refused with 409 when any of them would double-book the person, the
 * staff member or the room against scheduled sessions, or fall on a closure; the answer lists the clashing times and
 * what they clash with, never who else is booked.
 */
export async function createSeries(ctx: Ctx, patientId: string, input: SeriesCreate): Promise<SeriesView> {
  return inChart(ctx, patientId, 'schedule.move', async ({ tx, breakGlass, today, timeZone, locationId }) => {
    const org = ctx.actor.organizationId;
    if (input.firstDay < today)
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'firstDay', message: 'must be today or later' }]);
    const staff = await repo.findStaff(tx, org, input.staffId);
    if (!staff) throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'staffId', message: 'is not an active staff member' }]);
    const room = input.roomId ? await repo.findRoom(tx, org, locationId, input.roomId) : undefined;
    if (input.roomId && !room)
      throw new DomainError('VALIDATION_FAILED', undefined, [
        { path: 'roomId', message: "is not an active room at the person's location" },
      ]);
    const expanded = expandSeries({ ...input, timeZone }, addDays(input.firstDay, SERIES_HORIZON_DAYS - 1));
    const ahead = expanded.filter((o) => o.startsAt > ctx.clock.now());
    if (!ahead.length)
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'rrule', message: 'rrule: produces no session ahead' }]);
    const conflicts: SessionConflict[] = [];
    const closed = new Set(
      (
        await repo.closuresOn(
          tx,
          org,
          locationId,
          ahead.map((o) => o.day),
        )
      ).map((c) => c.day),
    );
    for (const o of ahead)
      if (closed.has(o.day))
        conflicts.push({ day: o.day, startsAt: o.startsAt.toISOString(), endsAt: o.endsAt.toISOString(), with: 'closure' });
    const clashes = await repo.findClashes(tx, org, { patientId, staffId: input.staffId, roomId: input.roomId ?? null }, ahead);
    for (const c of clashes)
      for (const w of ['person', 'staff', 'room'] as const)
        if (c[w]) conflicts.push({ day: c.day, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString(), with: w });
    if (conflicts.length) {
      conflicts.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
      const slot = `${clockText(input.startMinute)}–${clockText(input.startMinute + input.durationMinutes)}`;
      throw new DomainError(
        'CONFLICT',
        `${conflicts.length} of the sessions would clash; change the time or the first day`,
        conflicts.map((c, i) => ({ path: `conflicts.${i}`, message: `${c.day} ${slot}: ${CLASH_TEXT[c.with]}` })),
        { conflicts },
      );
    }
    const title = input.title ?? DEFAULT_TITLES[input.kind];
    const series = await repo.insertSeries(tx, {
      organizationId: org,
      locationId: locationId,
      kind: input.kind,
      title,
      patientId,
      staffId: input.staffId,
      roomId: input.roomId ?? null,
      modality: input.modality,
      rrule: input.rrule,
      firstDay: input.firstDay,
      startMinute: input.startMinute,
      durationMinutes: input.durationMinutes,
      exceptDays: [],
      createdBy: ctx.actor.userId,
    });
    await repo.insertOccurrences(
      tx,
      org,
      patientId,
      ahead.map((o) => ({
        organizationId: org,
        locationId: locationId,
        seriesId: series.id,
        kind: input.kind,
        title,
        day: o.day,
        startMinute: o.startMinute,
        endMinute: o.endMinute,
        startsAt: o.startsAt,
        endsAt: o.endsAt,
        roomId: input.roomId ?? null,
        modality: input.modality,
        videoUrl: input.modality === 'virtual' ? (input.videoUrl ?? null) : null,
        capacity: 1,
        staffId: input.staffId,
        status: 'scheduled' as const,
      })),
    );
    await recordAudit(tx, ctx, {
      action: 'session_series.create',
      resourceType: 'session_series',
      resourceId: series.id,
      patientId,
      breakGlass,
      details: { kind: input.kind, occurrences: ahead.length, staffId: input.staffId, roomId: input.roomId ?? null },
    });
    const warnings = await seriesAuthorizationWarnings(
      ctx,
      tx,
      patientId,
      today,
      ahead.map((o) => o.day),
    );
    return {
      ...seriesView({ series, staffName: staff.name, roomName: room?.name ?? null, upcoming: ahead.length }),
      authorizationWarnings: warnings,
    };
  });
}

/** What a new series' sessions go past of the person's authorizations, in words (empty without the permission). */
async function seriesAuthorizationWarnings(ctx: Ctx, tx: Db, patientId: string, today: string, days: readonly string[]): Promise<string[]> {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last || !actorCan(ctx.actor, 'authorization.read')) return [];
  const billing = await billingFactsFor(tx, ctx.actor.organizationId, patientId);
  if (!billing) return [];
  const found = await scheduleWarnings(tx, ctx.actor.organizationId, [{ patientId, billing }], today, { from: first, to: last });
  return found.map((w) => w.message);
}

async function seriesFor(tx: Db, ctx: Ctx, patientId: string, seriesId: string, expected: number) {
  const series = await repo.getSeries(tx, ctx.actor.organizationId, patientId, seriesId, true);
  if (!series) throw new DomainError('NOT_FOUND', 'No such series');
  if (series.version !== expected) throw new DomainError('PRECONDITION_FAILED', 'The series changed since it was shown; reload it');
  return series;
}

async function viewOf(tx: Db, ctx: Ctx, patientId: string, seriesId: string): Promise<SeriesView> {
  const found = (await repo.listSeries(tx, ctx.actor.organizationId, patientId, ctx.clock.now())).find((s) => s.series.id === seriesId);
  if (!found) throw new Error('series vanished inside its own transaction');
  return seriesView(found);
}

/** Skips one date of a series: that date joins its exceptions and its occurrence is cancelled. */
export async function skipDate(
  ctx: Ctx,
  patientId: string,
  seriesId: string,
  expected: number,
  input: SeriesException,
): Promise<SeriesView> {
  return inChart(ctx, patientId, 'schedule.move', async ({ tx, breakGlass }) => {
    const series = await seriesFor(tx, ctx, patientId, seriesId, expected);
    if (series.exceptDays.includes(input.day)) throw new DomainError('CONFLICT', 'That date is already skipped');
    const now = ctx.clock.now();
    const cancelled = await repo.cancelSeriesOccurrences(tx, series.organizationId, series.id, { day: input.day }, now);
    if (!cancelled)
      throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'day', message: 'is not a date this series has a session on' }]);
    await repo.saveSeriesExceptions(tx, series, [...series.exceptDays, input.day].sort(), now);
    await recordAudit(tx, ctx, {
      action: 'session_series.skip',
      resourceType: 'session_series',
      resourceId: series.id,
      patientId,
      breakGlass,
      details: { day: input.day, cancelled },
    });
    return viewOf(tx, ctx, patientId, series.id);
  });
}

/** Ends a series: its sessions from `fromDay` (default today) that have not started yet are cancelled. */
export async function endSeries(ctx: Ctx, patientId: string, seriesId: string, expected: number, input: SeriesEnd): Promise<SeriesView> {
  return inChart(ctx, patientId, 'schedule.move', async ({ tx, breakGlass, today }) => {
    const series = await seriesFor(tx, ctx, patientId, seriesId, expected);
    const now = ctx.clock.now();
    const fromDay = input.fromDay ?? today;
    const cancelled = await repo.cancelSeriesOccurrences(tx, series.organizationId, series.id, { fromDay, after: now }, now);
    await repo.saveSeriesExceptions(tx, series, series.exceptDays, now);
    await recordAudit(tx, ctx, {
      action: 'session_series.end',
      resourceType: 'session_series',
      resourceId: series.id,
      patientId,
      breakGlass,
      details: { fromDay, cancelled },
    });
    return viewOf(tx, ctx, patientId, series.id);
  });
}

/** What the new-series form offers: staff and rooms at the person's location, and today there. */
export async function seriesOptions(ctx: Ctx, patientId: string): Promise<SeriesOptions> {
  return inChart(ctx, patientId, 'schedule.move', async ({ tx, locationId, timeZone, today }) => ({
    ...(await repo.seriesOptions(tx, ctx.actor.organizationId, locationId)),
    timeZone,
    today,
  }));
}
