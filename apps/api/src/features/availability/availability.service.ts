import {
  availabilityFloorWarning,
  DomainError,
  localDate,
  mergeWindows,
  SESSION_HOURS,
  type AvailabilityUpdate,
  type AvailabilityView,
  type FieldError,
  type FloorFacts,
  type WeeklyWindow,
} from '@openiop/core';
import type { Db } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { loadVisible } from '../patients/patients.service';
import * as repo from './availability.repo';

type Choices = Awaited<ReturnType<typeof repo.programChoices>>;

/** Whose facts the floor is measured against: the current episode's level (while pending or active) and age. */
export type PersonFacts = Omit<FloorFacts, 'phase'>;

const stale = () => new DomainError('PRECONDITION_FAILED', 'The availability was changed by someone else; reload and try again');

/** The person's windows and preferences as stored (defaults before the first save), and their location's choices. */
export async function loadAvailability(tx: Db, organizationId: string, patientId: string, locationId: string) {
  const [windows, prefs, choices] = await Promise.all([
    repo.listWindows(tx, organizationId, patientId),
    repo.findPrefs(tx, organizationId, patientId),
    repo.programChoices(tx, organizationId, locationId),
  ]);
  return {
    windows,
    choices,
    version: prefs?.version ?? 0,
    prefs: {
      phaseId: prefs?.phaseId ?? null,
      phaseStartedOn: prefs?.phaseStartedOn ?? null,
      perDiem: prefs?.perDiem ?? false,
      familySessions: prefs?.familySessions ?? false,
      preferredTrackIds: prefs?.preferredTrackIds ?? [],
      modality: prefs?.modality ?? 'any',
      preferredDays: prefs?.preferredDays ?? [],
      constraintsNote: prefs?.constraintsNote ?? '',
      updatedByPerson: prefs?.updatedByPerson ?? false,
      updatedAt: prefs ? prefs.updatedAt.toISOString() : null,
    },
  };
}

/** The staff view: windows, preferences and the floor warning, with the location's phases and tracks as choices. */
async function readView(
  tx: Db,
  organizationId: string,
  patientId: string,
  locationId: string,
  facts: PersonFacts,
): Promise<AvailabilityView> {
  const { windows, prefs, choices, version } = await loadAvailability(tx, organizationId, patientId, locationId);
  const phase = choices.phases.find((p) => p.id === prefs.phaseId) ?? null;
  return {
    patientId,
    windows,
    preferences: prefs,
    floor: availabilityFloorWarning(windows, { ...facts, phase }),
    phases: choices.phases.map(({ id, name, number, weeklyHours, daysPerWeek }) => ({ id, name, number, weeklyHours, daysPerWeek })),
    tracks: choices.tracks,
    sessionHours: { ...SESSION_HOURS },
    version,
  };
}

/** Track ids must name active tracks of the person's location; reported per index under `path`. */
export function unknownTracks(trackIds: readonly string[], choices: Choices, path: string): FieldError[] {
  const known = new Set(choices.tracks.map((t) => t.id));
  return trackIds.flatMap((t, i) => (known.has(t) ? [] : [{ path: `${path}.${i}`, message: 'is not a track at this location' }]));
}

/**
 * Replaces the windows (merged and sorted) and the preferences at once, against the version read (0 creates the
 * first row). A stale version, or a first write racing another, answers 412 and writes nothing.
 */
export async function persist(
  tx: Db,
  organizationId: string,
  patientId: string,
  version: number,
  windows: readonly WeeklyWindow[],
  values: repo.PrefsValues,
  at: Date,
): Promise<number> {
  const merged = mergeWindows(windows);
  const saved = await repo.savePrefs(tx, organizationId, patientId, version, values, at);
  if (!saved) throw stale();
  await repo.replaceWindows(tx, organizationId, patientId, merged, at);
  return merged.length;
}

const factsOf = (row: Awaited<ReturnType<typeof loadVisible>>['row'], today: string): PersonFacts => ({
  levelOfCare: row.episodeStatus === 'active' || row.episodeStatus === 'pending' ? row.levelOfCare : null,
  dateOfBirth: row.dateOfBirth,
  today,
});

/** Staff read a person's availability (audited, in the read's transaction). */
export async function getAvailability(ctx: Ctx, patientId: string): Promise<AvailabilityView> {
  assertCan(ctx.actor, 'availability.read');
  return ctx.db.transaction(async (tx) => {
    const { row, breakGlass } = await loadVisible(tx, ctx, patientId);
    const view = await readView(
      tx,
      ctx.actor.organizationId,
      patientId,
      row.locationId,
      factsOf(row, localDate(ctx.clock.now(), row.locationTimeZone)),
    );
    await recordAudit(tx, ctx, {
      action: 'availability.read',
      resourceType: 'patient_availability',
      resourceId: patientId,
      patientId,
      breakGlass,
      details: { windows: view.windows.length, version: view.version },
    });
    return view;
  });
}

/** Staff replace a person's windows and preferences (If-Match; phase and tracks must be the location's). */
export async function updateAvailability(
  ctx: Ctx,
  patientId: string,
  version: number,
  input: AvailabilityUpdate,
): Promise<AvailabilityView> {
  assertCan(ctx.actor, 'availability.write');
  return ctx.db.transaction(async (tx) => {
    const org = ctx.actor.organizationId;
    const { row, breakGlass } = await loadVisible(tx, ctx, patientId);
    const choices = await repo.programChoices(tx, org, row.locationId);
    const p = input.preferences;
    const errors = unknownTracks(p.preferredTrackIds, choices, 'preferences.preferredTrackIds');
    if (p.phaseId && !choices.phases.some((ph) => ph.id === p.phaseId))
      errors.unshift({ path: 'preferences.phaseId', message: 'is not a phase at this location' });
    if (p.phaseStartedOn && !p.phaseId) errors.push({ path: 'preferences.phaseStartedOn', message: 'needs a phase' });
    if (errors.length) throw new DomainError('VALIDATION_FAILED', undefined, errors);
    const now = ctx.clock.now();
    const count = await persist(
      tx,
      org,
      patientId,
      version,
      input.windows,
      { ...p, preferredDays: [...p.preferredDays].sort((a, b) => a - b), updatedBy: ctx.actor.userId, updatedByPerson: false },
      now,
    );
    await recordAudit(tx, ctx, {
      action: 'availability.update',
      resourceType: 'patient_availability',
      resourceId: patientId,
      patientId,
      breakGlass,
      details: { windows: count, fromVersion: version },
    });
    return readView(tx, org, patientId, row.locationId, factsOf(row, localDate(now, row.locationTimeZone)));
  });
}
