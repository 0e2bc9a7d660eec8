import type { FieldError } from '../errors/errors';
import type { EpisodeStatus } from '../contracts/episodes';
import type { LevelOfCare } from '../contracts/patients';

export interface EpisodeState {
  status: EpisodeStatus;
  levelOfCare: LevelOfCare;
  admittedOn: string | null;
  dischargedOn: string | null;
  primaryClinicianId: string | null;
  plannedWeeks: number;
}

export type EpisodeChange = Partial<EpisodeState>;

const allowed: Record<EpisodeStatus, EpisodeStatus[]> = {
  pending: ['pending', 'active', 'discharged'],
  active: ['active', 'discharged'],
  discharged: ['discharged'],
};

/**
 * Decides an episode's next state: pending → active (admission needs a date) → discharged (needs a date on or
 * after admission). A discharged episode is closed: only a new episode reopens care. `today` is clinic-local.
 */
export function changeEpisode(
  current: EpisodeState,
  change: EpisodeChange,
  today: string,
): { next: EpisodeState } | { errors: FieldError[] } {
  const next: EpisodeState = { ...current, ...change };
  const errors: FieldError[] = [];
  if (current.status === 'discharged') {
    return { errors: [{ path: 'status', message: 'a discharged episode cannot change; open a new episode' }] };
  }
  if (!allowed[current.status].includes(next.status)) {
    errors.push({ path: 'status', message: `cannot go from ${current.status} to ${next.status}` });
  }
  if (next.status !== 'pending' && !next.admittedOn)
    errors.push({ path: 'admittedOn', message: 'is required once the patient is admitted' });
  if (next.admittedOn && next.admittedOn > today) errors.push({ path: 'admittedOn', message: 'cannot be in the future' });
  if (next.status === 'discharged') {
    if (!next.dischargedOn) errors.push({ path: 'dischargedOn', message: 'is required to discharge' });
    else if (next.admittedOn && next.dischargedOn < next.admittedOn)
      errors.push({ path: 'dischargedOn', message: 'cannot be before the admission date' });
    else if (next.dischargedOn > today) errors.push({ path: 'dischargedOn', message: 'cannot be in the future' });
  } else if (next.dischargedOn) {
    errors.push({ path: 'dischargedOn', message: 'is only set when discharging' });
  }
  return errors.length ? { errors } : { next };
}

/** The patient's care status that follows from their current episode. */
export function careStatusFor(status: EpisodeStatus): 'pre_admission' | 'active' | 'discharged' {
  return status === 'pending' ? 'pre_admission' : status;
}
