import { DomainError, freeWindows, SESSION_HOURS, type MeAvailabilityUpdate, type MeAvailabilityView } from '@openiop/core';
import type { Db } from '../../db/database';
import { appendAudit } from '../../platform/audit';
import { publicWho, type PublicClient } from '../instruments/phone-links.service';
import { personLink } from '../measures/me.service';
import * as repo from './availability.repo';
import { loadAvailability, persist, unknownTracks } from './availability.service';

type Link = Awaited<ReturnType<typeof personLink>>;

async function view(tx: Db, found: Link): Promise<MeAvailabilityView> {
  const { organizationId, patientId } = found.link;
  const locationId = await repo.patientLocation(tx, organizationId, patientId);
  const { windows, prefs, choices, version } = await loadAvailability(tx, organizationId, patientId, locationId);
  const { preferredTrackIds, modality, preferredDays, constraintsNote } = prefs;
  return {
    firstName: found.preferredName ?? found.givenName,
    windows,
    preferences: { preferredTrackIds, modality, preferredDays, constraintsNote },
    tracks: choices.tracks,
    sessionHours: { ...SESSION_HOURS },
    version,
  };
}

/** The person's own availability page, from their standing link (audited as the person). */
export async function openMeAvailability(c: PublicClient, token: string): Promise<MeAvailabilityView> {
  return c.database.db.transaction(async (tx) => {
    const now = c.clock.now();
    const found = await personLink(tx, token, now, false);
    const out = await view(tx, found);
    await appendAudit(tx, {
      ...publicWho(c, found.link.organizationId),
      action: 'availability.read',
      resourceType: 'patient_availability',
      resourceId: found.link.patientId,
      patientId: found.link.patientId,
      details: { via: 'measures-link', linkId: found.link.id, windows: out.windows.length },
    });
    return out;
  });
}

/**
 * The person saves when they can come: their busy blocks (free time is the session hours around them) or their
 * free windows, and the tracks, days and modality they prefer. Phase and per diem stay as staff set them.
 */
export async function saveMeAvailability(
  c: PublicClient,
  token: string,
  version: number,
  input: MeAvailabilityUpdate,
): Promise<MeAvailabilityView> {
  return c.database.db.transaction(async (tx) => {
    const now = c.clock.now();
    const found = await personLink(tx, token, now, true);
    const { organizationId, patientId } = found.link;
    const locationId = await repo.patientLocation(tx, organizationId, patientId);
    const errors = unknownTracks(input.preferredTrackIds, await repo.programChoices(tx, organizationId, locationId), 'preferredTrackIds');
    if (errors.length) throw new DomainError('VALIDATION_FAILED', undefined, errors);
    const prior = await repo.findPrefs(tx, organizationId, patientId, true);
    const windows = input.busy ? freeWindows(input.busy) : (input.windows ?? []);
    const count = await persist(
      tx,
      organizationId,
      patientId,
      version,
      windows,
      {
        phaseId: prior?.phaseId ?? null,
        phaseStartedOn: prior?.phaseStartedOn ?? null,
        perDiem: prior?.perDiem ?? false,
        familySessions: prior?.familySessions ?? false,
        preferredTrackIds: input.preferredTrackIds,
        modality: input.modality,
        preferredDays: [...input.preferredDays].sort((a, b) => a - b),
        constraintsNote: input.constraintsNote,
        updatedBy: null,
        updatedByPerson: true,
      },
      now,
    );
    await appendAudit(tx, {
      ...publicWho(c, organizationId),
      action: 'availability.update',
      resourceType: 'patient_availability',
      resourceId: patientId,
      patientId,
      details: { via: 'measures-link', linkId: found.link.id, windows: count, from: input.busy ? 'busy' : 'free', fromVersion: version },
    });
    return view(tx, found);
  });
}
