import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  addDays,
  ageOn,
  DEFAULT_PHASES,
  DomainError,
  localDate,
  phaseIssues,
  programPopulation,
  templateIssues,
  type AgeGroup,
  type ClosureView,
  type closureInput,
  type FieldError,
  type PhaseFacts,
  type PhaseView,
  type phaseInput,
  type phaseUpdate,
  type ProgramIssue,
  type ProgramView,
  type RoomView,
  type roomInput,
  type roomUpdate,
  type SchedulingSettingsView,
  type schedulingSettingsInput,
  type TemplateFacts,
  type TemplateView,
  type templateInput,
  type templateUpdate,
  type TrackView,
  type trackInput,
  type trackUpdate,
} from '@openiop/core';
import type { z } from 'zod';
import type { Db } from '../../db/database';
import {
  closures,
  episodes,
  groupTemplates,
  patientSchedulePrefs,
  patients,
  programPhases,
  rooms,
  schedulingSettings,
  tracks,
  users,
} from '../../db/schema/index';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { isUniqueViolation } from '../../platform/errors';
import * as repo from './program.repo';

/**
 * Issue 5: a location's program structure. Reading needs `program.read`, writing `program.manage`; a location of
 * another organization is not found. Rows referenced by schedules are retired (`active: false`), never deleted;
 * phases and closures, which have no such flag, are deleted only while nothing refers to them. Every write is
 * audited in its own transaction (the structure is not PHI, but who changed the program, when, is kept).
 */

const notFound = (what: string) => new DomainError('NOT_FOUND', `No such ${what}`);
const stale = (what: string) => new DomainError('PRECONDITION_FAILED', `The ${what} was changed by someone else; reload and try again`);
const refuse = (issues: ProgramIssue[]) => new DomainError('VALIDATION_FAILED', undefined, issues);

async function location(db: Db, ctx: Ctx, locationId: string): Promise<repo.LocationRow> {
  const row = await repo.locationRow(db, ctx.actor.organizationId, locationId);
  if (!row) throw notFound('location');
  return row;
}

/** Runs a write at a location: permission, the location in this organization, one transaction, one audit event. */
async function write<T extends { id: string }>(
  ctx: Ctx,
  locationId: string,
  action: string,
  fields: string[],
  run: (tx: Db, loc: repo.LocationRow) => Promise<T>,
  duplicate?: FieldError,
): Promise<T> {
  assertCan(ctx.actor, 'program.manage');
  try {
    return await ctx.db.transaction(async (tx) => {
      const loc = await location(tx, ctx, locationId);
      const result = await run(tx, loc);
      const [entity, verb] = action.split('.') as [string, string];
      await recordAudit(tx, ctx, {
        action: `program.${action}`,
        resourceType: entity,
        resourceId: result.id,
        details: { locationId, verb, fields: [...fields].sort() },
      });
      return result;
    });
  } catch (err) {
    if (duplicate && isUniqueViolation(err)) throw new DomainError('DUPLICATE', undefined, [duplicate]);
    throw err;
  }
}

const today = (ctx: Ctx, loc: repo.LocationRow) => localDate(ctx.clock.now(), loc.timeZone);

export async function getProgram(
  ctx: Ctx,
  locationId: string,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<ProgramView> {
  assertCan(ctx.actor, 'program.read');
  const org = ctx.actor.organizationId;
  const loc = await location(ctx.db, ctx, locationId);
  const from = range.from ?? today(ctx, loc);
  const [roomList, trackList, phases, templates, closureList, settings] = await Promise.all([
    repo.listRooms(ctx.db, org, locationId),
    repo.listTracks(ctx.db, org, locationId),
    repo.listPhases(ctx.db, org, locationId),
    repo.listTemplates(ctx.db, org, locationId),
    repo.listClosures(ctx.db, org, locationId, from, range.to ?? addDays(from, 365)),
    repo.getSettings(ctx.db, org, locationId),
  ]);
  return {
    location: { id: loc.id, name: loc.name, timeZone: loc.timeZone },
    rooms: roomList,
    tracks: trackList,
    phases,
    templates,
    closures: closureList,
    settings,
  };
}

/** Lists one part of the structure (rooms, tracks, phases or templates). */
export async function listPart<T>(ctx: Ctx, locationId: string, list: (db: Db, org: string, loc: string) => Promise<T[]>): Promise<T[]> {
  assertCan(ctx.actor, 'program.read');
  await location(ctx.db, ctx, locationId);
  return list(ctx.db, ctx.actor.organizationId, locationId);
}
export const listRooms = (ctx: Ctx, loc: string) => listPart(ctx, loc, repo.listRooms);
export const listTracks = (ctx: Ctx, loc: string) => listPart(ctx, loc, repo.listTracks);
export const listPhases = (ctx: Ctx, loc: string) => listPart(ctx, loc, repo.listPhases);
export const listTemplates = (ctx: Ctx, loc: string) => listPart(ctx, loc, repo.listTemplates);

/**
 * A room or track change must leave every active weekly group that uses it valid (a room not made smaller than a
 * group it holds, a track not made virtual under groups with rooms, neither retired under active groups).
 */
async function keepTemplatesValid(tx: Db, ctx: Ctx, loc: repo.LocationRow, path: string, uses: (t: TemplateView) => boolean) {
  const org = ctx.actor.organizationId;
  const [trackList, roomList, templates] = await Promise.all([
    repo.listTracks(tx, org, loc.id),
    repo.listRooms(tx, org, loc.id),
    repo.listTemplates(tx, org, loc.id),
  ]);
  const broken = templates
    .filter((t) => t.active && uses(t))
    .flatMap((t) =>
      templateIssues({ ...t, facilitatorId: null }, { tracks: trackList, rooms: roomList, today: today(ctx, loc) }).map(
        (i) => `the weekly group “${t.topic}” (${i.path} ${i.message})`,
      ),
    );
  if (broken.length) {
    throw new DomainError('CONFLICT', 'The change would leave weekly groups that cannot run', [
      { path, message: `would break ${broken.slice(0, 3).join('; ')}${broken.length > 3 ? ` and ${broken.length - 3} more` : ''}` },
    ]);
  }
}
const firstOf = (patch: object, keys: string[]) => keys.find((k) => k in patch) ?? keys[0] ?? 'body';

// Rooms

export const createRoom = (ctx: Ctx, locationId: string, input: z.infer<typeof roomInput>): Promise<RoomView> =>
  write(
    ctx,
    locationId,
    'room.create',
    Object.keys(input),
    async (tx) => {
      const now = ctx.clock.now();
      const [row] = await tx
        .insert(rooms)
        .values({ ...input, organizationId: ctx.actor.organizationId, locationId, createdAt: now, updatedAt: now })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      return repo.roomOf(row);
    },
    { path: 'name', message: 'is already the name of a room at this location' },
  );

export const updateRoom = (
  ctx: Ctx,
  locationId: string,
  id: string,
  version: number,
  patch: z.infer<typeof roomUpdate>,
): Promise<RoomView> =>
  write(
    ctx,
    locationId,
    patch.active === false ? 'room.retire' : 'room.update',
    Object.keys(patch),
    async (tx, loc) => {
      const where = and(eq(rooms.organizationId, ctx.actor.organizationId), eq(rooms.locationId, locationId), eq(rooms.id, id));
      const [current] = await tx.select({ id: rooms.id }).from(rooms).where(where);
      if (!current) throw notFound('room');
      const [row] = await tx
        .update(rooms)
        .set({ ...patch, version: version + 1, updatedAt: ctx.clock.now() })
        .where(and(where, eq(rooms.version, version)))
        .returning();
      if (!row) throw stale('room');
      await keepTemplatesValid(tx, ctx, loc, firstOf(patch, ['active', 'capacity']), (t) => t.roomId === id);
      return repo.roomOf(row);
    },
    { path: 'name', message: 'is already the name of a room at this location' },
  );

// Tracks

export const createTrack = (ctx: Ctx, locationId: string, input: z.infer<typeof trackInput>): Promise<TrackView> =>
  write(
    ctx,
    locationId,
    'track.create',
    Object.keys(input),
    async (tx) => {
      const now = ctx.clock.now();
      const [row] = await tx
        .insert(tracks)
        .values({ ...input, organizationId: ctx.actor.organizationId, locationId, createdAt: now, updatedAt: now })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      return repo.trackOf(row);
    },
    { path: 'name', message: 'is already the name of a track at this location' },
  );

export const updateTrack = (
  ctx: Ctx,
  locationId: string,
  id: string,
  version: number,
  patch: z.infer<typeof trackUpdate>,
): Promise<TrackView> =>
  write(
    ctx,
    locationId,
    patch.active === false ? 'track.retire' : 'track.update',
    Object.keys(patch),
    async (tx, loc) => {
      const where = and(eq(tracks.organizationId, ctx.actor.organizationId), eq(tracks.locationId, locationId), eq(tracks.id, id));
      const [current] = await tx.select({ id: tracks.id }).from(tracks).where(where);
      if (!current) throw notFound('track');
      const [row] = await tx
        .update(tracks)
        .set({ ...patch, version: version + 1, updatedAt: ctx.clock.now() })
        .where(and(where, eq(tracks.version, version)))
        .returning();
      if (!row) throw stale('track');
      await keepTemplatesValid(tx, ctx, loc, firstOf(patch, ['active', 'modality']), (t) => t.trackId === id);
      return repo.trackOf(row);
    },
    { path: 'name', message: 'is already the name of a track at this location' },
  );

// Phases

/**
 * The location's phases with one added or changed must still taper and keep the floor. What goes wrong with
 * another phase is reported on the field of the one being written, naming the other.
 */
function checkPhases(existing: PhaseView[], written: PhaseFacts, replacing: string | null, population: AgeGroup): void {
  const others = existing.filter((p) => p.id !== replacing);
  const all: PhaseFacts[] = [written, ...others];
  const issues = phaseIssues(all, population).map((i): ProgramIssue => {
    const [, index, field] = i.path.split('.');
    if (index === '0') return { path: field ?? 'body', message: i.message };
    const other = all[Number(index)];
    const path = field === 'weeklyHours' || field === 'stepDown' ? 'weeklyHours' : 'number';
    return { path, message: `would leave phase ${other?.number}: its ${field} ${i.message}` };
  });
  if (issues.length) throw refuse(issues);
}
/**
 * Who the location's program serves, for the phases' floor: adolescents when every person in care there is under 18
 * today, else adults (see core `programPopulation`).
 */
async function populationAt(tx: Db, ctx: Ctx, loc: repo.LocationRow): Promise<AgeGroup> {
  const rows = await tx
    .select({ dateOfBirth: patients.dateOfBirth })
    .from(patients)
    .innerJoin(episodes, and(eq(episodes.id, patients.currentEpisodeId), eq(episodes.organizationId, patients.organizationId)))
    .where(
      and(
        eq(patients.organizationId, ctx.actor.organizationId),
        eq(patients.careStatus, 'active'),
        eq(episodes.status, 'active'),
        eq(episodes.locationId, loc.id),
      ),
    );
  const on = today(ctx, loc);
  return programPopulation(rows.map((r) => ageOn(r.dateOfBirth, on)));
}
const phaseDuplicate = { path: 'number', message: 'is already the number of a phase at this location' };

export const createPhase = (ctx: Ctx, locationId: string, input: z.infer<typeof phaseInput>): Promise<PhaseView> =>
  write(
    ctx,
    locationId,
    'phase.create',
    Object.keys(input),
    async (tx, loc) => {
      checkPhases(await repo.listPhases(tx, ctx.actor.organizationId, locationId), input, null, await populationAt(tx, ctx, loc));
      const now = ctx.clock.now();
      const [row] = await tx
        .insert(programPhases)
        .values({ ...input, organizationId: ctx.actor.organizationId, locationId, createdAt: now, updatedAt: now })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      return repo.phaseOf(row);
    },
    phaseDuplicate,
  );

export const updatePhase = (
  ctx: Ctx,
  locationId: string,
  id: string,
  version: number,
  patch: z.infer<typeof phaseUpdate>,
): Promise<PhaseView> =>
  write(
    ctx,
    locationId,
    'phase.update',
    Object.keys(patch),
    async (tx, loc) => {
      const existing = await repo.listPhases(tx, ctx.actor.organizationId, locationId);
      const current = existing.find((p) => p.id === id);
      if (!current) throw notFound('phase');
      if (current.version !== version) throw stale('phase');
      checkPhases(existing, { ...current, ...patch }, id, await populationAt(tx, ctx, loc));
      const [row] = await tx
        .update(programPhases)
        .set({ ...patch, version: version + 1, updatedAt: ctx.clock.now() })
        .where(
          and(eq(programPhases.organizationId, ctx.actor.organizationId), eq(programPhases.id, id), eq(programPhases.version, version)),
        )
        .returning();
      if (!row) throw stale('phase');
      return repo.phaseOf(row);
    },
    phaseDuplicate,
  );

/** Removes a phase nobody is in; a phase someone is in stays (move them first). The rest must still taper. */
export const deletePhase = (ctx: Ctx, locationId: string, id: string, version: number): Promise<{ id: string }> =>
  write(ctx, locationId, 'phase.delete', [], async (tx, loc) => {
    const existing = await repo.listPhases(tx, ctx.actor.organizationId, locationId);
    const current = existing.find((p) => p.id === id);
    if (!current) throw notFound('phase');
    if (current.version !== version) throw stale('phase');
    const [inUse] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(patientSchedulePrefs)
      .where(and(eq(patientSchedulePrefs.organizationId, ctx.actor.organizationId), eq(patientSchedulePrefs.phaseId, id)));
    if (inUse && inUse.n > 0) {
      throw new DomainError('CONFLICT', 'People are in this phase', [
        { path: 'id', message: `is the phase of ${inUse.n} ${inUse.n === 1 ? 'person' : 'people'}; move them to another phase first` },
      ]);
    }
    const rest = existing.filter((p) => p.id !== id);
    const issues = phaseIssues(rest, await populationAt(tx, ctx, loc));
    if (issues.length) throw refuse([{ path: 'id', message: `removing it would leave phases that do not taper: ${issues[0]?.message}` }]);
    await tx.delete(programPhases).where(and(eq(programPhases.organizationId, ctx.actor.organizationId), eq(programPhases.id, id)));
    return { id };
  });

// Weekly group templates

async function checkTemplate(tx: Db, ctx: Ctx, loc: repo.LocationRow, t: TemplateFacts): Promise<void> {
  const org = ctx.actor.organizationId;
  const [trackList, roomList, facilitatorRows] = await Promise.all([
    repo.listTracks(tx, org, loc.id),
    repo.listRooms(tx, org, loc.id),
    t.facilitatorId
      ? tx
          .select({ id: users.id, active: users.active, credentials: users.credentials })
          .from(users)
          .where(and(eq(users.organizationId, org), inArray(users.id, [t.facilitatorId])))
      : Promise.resolve([]),
  ]);
  const issues = templateIssues(t, { tracks: trackList, rooms: roomList, facilitator: facilitatorRows[0] ?? null, today: today(ctx, loc) });
  if (issues.length) throw refuse(issues);
}

export const createTemplate = (ctx: Ctx, locationId: string, input: z.infer<typeof templateInput>): Promise<TemplateView> =>
  write(ctx, locationId, 'template.create', Object.keys(input), async (tx, loc) => {
    const values = { ...input, credential: input.credential ?? null };
    await checkTemplate(tx, ctx, loc, values);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(groupTemplates)
      .values({ ...values, organizationId: ctx.actor.organizationId, locationId, createdAt: now, updatedAt: now })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    return repo.templateOf(row);
  });

export const updateTemplate = (
  ctx: Ctx,
  locationId: string,
  id: string,
  version: number,
  patch: z.infer<typeof templateUpdate>,
): Promise<TemplateView> =>
  write(ctx, locationId, patch.active === false ? 'template.retire' : 'template.update', Object.keys(patch), async (tx, loc) => {
    const where = and(
      eq(groupTemplates.organizationId, ctx.actor.organizationId),
      eq(groupTemplates.locationId, locationId),
      eq(groupTemplates.id, id),
    );
    const [current] = await tx.select().from(groupTemplates).where(where);
    if (!current) throw notFound('weekly group');
    if (current.version !== version) throw stale('weekly group');
    const next = { ...current, ...patch, credential: patch.credential === undefined ? current.credential : patch.credential };
    if (next.active) await checkTemplate(tx, ctx, loc, next);
    const [row] = await tx
      .update(groupTemplates)
      .set({ ...patch, credential: next.credential, version: version + 1, updatedAt: ctx.clock.now() })
      .where(and(where, eq(groupTemplates.version, version)))
      .returning();
    if (!row) throw stale('weekly group');
    return repo.templateOf(row);
  });

// Closures

export async function listClosures(
  ctx: Ctx,
  locationId: string,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<ClosureView[]> {
  assertCan(ctx.actor, 'program.read');
  const loc = await location(ctx.db, ctx, locationId);
  const from = range.from ?? today(ctx, loc);
  const to = range.to ?? addDays(from, 365);
  if (to < from) throw refuse([{ path: 'to', message: 'must not be before from' }]);
  if (to > addDays(from, 3660)) throw refuse([{ path: 'to', message: 'must be within 10 years of from' }]);
  return repo.listClosures(ctx.db, ctx.actor.organizationId, locationId, from, to);
}

export const createClosure = (ctx: Ctx, locationId: string, input: z.infer<typeof closureInput>): Promise<ClosureView> =>
  write(ctx, locationId, 'closure.create', Object.keys(input), async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(closures)
      .values({
        organizationId: ctx.actor.organizationId,
        locationId: input.scope === 'organization' ? null : locationId,
        day: input.day,
        name: input.name,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    return repo.closureOf(row);
  });

/** Removes a closure seen from this location: its own, or an organization-wide one. */
export const deleteClosure = (ctx: Ctx, locationId: string, id: string): Promise<{ id: string }> =>
  write(ctx, locationId, 'closure.delete', [], async (tx) => {
    const [row] = await tx
      .delete(closures)
      .where(and(eq(closures.organizationId, ctx.actor.organizationId), eq(closures.id, id)))
      .returning();
    if (!row || (row.locationId !== null && row.locationId !== locationId)) throw notFound('closure');
    return { id };
  });

// Settings

export async function getSettings(ctx: Ctx, locationId: string): Promise<SchedulingSettingsView> {
  assertCan(ctx.actor, 'program.read');
  await location(ctx.db, ctx, locationId);
  return repo.getSettings(ctx.db, ctx.actor.organizationId, locationId);
}

/** Saves the location's settings; `If-Match: "0"` when they were never saved (the defaults). */
export async function putSettings(
  ctx: Ctx,
  locationId: string,
  version: number,
  input: z.infer<typeof schedulingSettingsInput>,
): Promise<SchedulingSettingsView> {
  const { id: _id, ...view } = await write(ctx, locationId, 'settings.update', Object.keys(input), async (tx) => {
    const org = ctx.actor.organizationId;
    const now = ctx.clock.now();
    const where = and(eq(schedulingSettings.organizationId, org), eq(schedulingSettings.locationId, locationId));
    const [current] = await tx.select().from(schedulingSettings).where(where);
    if ((current?.version ?? 0) !== version) throw stale('settings');
    const [row] = current
      ? await tx
          .update(schedulingSettings)
          .set({ ...input, version: version + 1, updatedAt: now })
          .where(and(where, eq(schedulingSettings.version, version)))
          .returning()
      : await tx
          .insert(schedulingSettings)
          .values({ ...input, organizationId: org, locationId, createdAt: now, updatedAt: now })
          .returning();
    if (!row) throw stale('settings');
    return { ...repo.settingsOf(locationId, row), id: row.id };
  });
  return view;
}

/** Gives a location with no phases the default program's three tapering phases. */
export async function applyDefaults(ctx: Ctx, locationId: string): Promise<ProgramView> {
  await write(ctx, locationId, 'phase.defaults', ['phases'], async (tx) => {
    const existing = await repo.listPhases(tx, ctx.actor.organizationId, locationId);
    if (existing.length) {
      throw new DomainError('CONFLICT', 'The location already has phases', [
        { path: 'phases', message: `already has ${existing.length}; edit them instead of applying the default program` },
      ]);
    }
    const now = ctx.clock.now();
    await tx
      .insert(programPhases)
      .values(DEFAULT_PHASES.map((p) => ({ ...p, organizationId: ctx.actor.organizationId, locationId, createdAt: now, updatedAt: now })));
    return { id: locationId };
  });
  return getProgram(ctx, locationId, {});
}
