import { levelFloorHours, type AgeGroup } from '../scheduling/week';

/**
 * Issue 5: the rules a location's program structure must keep, each failure naming the field it is about and
 * saying why, so the director's page can show it next to the field. Everything here refuses (no warnings): a
 * template the optimiser could not run as written (no room, a room too small, a facilitator who may not run it)
 * would only fail later, on a published week, in front of the people it was meant for.
 */
export interface ProgramIssue {
  path: string;
  message: string;
}

export type TrackModality = 'in_person' | 'virtual' | 'hybrid';

export interface RoomFacts {
  id: string;
  capacity: number;
  active: boolean;
}
export interface TrackFacts {
  id: string;
  modality: TrackModality;
  active: boolean;
}
export interface FacilitatorFacts {
  id: string;
  active: boolean;
  credentials: readonly { kind: string; expiresOn?: string | null | undefined }[];
}

export interface TemplateFacts {
  trackId: string;
  weekday: number;
  startMinute: number;
  durationMinutes: number;
  capacity: number;
  minToRun: number;
  credential: string | null;
  roomId: string | null;
  facilitatorId: string | null;
}

/** Times on the week grid: every start and length is a whole number of 15-minute steps. */
export const MINUTE_STEP = 15;
export const MAX_GROUP_CAPACITY = 50;
/** The most program hours one day can carry (an IOP day is 3–4 h; even a long one stays within a working day). */
export const MAX_HOURS_PER_DAY = 8;

/** Whether a staff member holds a credential, unexpired on `today` (clinic-local YYYY-MM-DD). */
export function holdsCredential(f: FacilitatorFacts, credential: string, today: string): boolean {
  const want = credential.trim().toLowerCase();
  return f.credentials.some((c) => c.kind.trim().toLowerCase() === want && (!c.expiresOn || c.expiresOn >= today));
}

/**
 * What is wrong with a weekly group template, given the location's tracks and rooms and the facilitator it names.
 * An empty list means it can be saved.
 */
export function templateIssues(
  t: TemplateFacts,
  ctx: { tracks: readonly TrackFacts[]; rooms: readonly RoomFacts[]; facilitator?: FacilitatorFacts | null; today: string },
): ProgramIssue[] {
  const issues: ProgramIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  if (!Number.isInteger(t.weekday) || t.weekday < 0 || t.weekday > 6) add('weekday', 'must be a weekday from 0 (Monday) to 6 (Sunday)');
  if (t.startMinute % MINUTE_STEP !== 0) add('startMinute', 'must start on a quarter hour (:00, :15, :30 or :45)');
  if (t.durationMinutes % MINUTE_STEP !== 0) add('durationMinutes', 'must be a whole number of 15-minute steps');
  if (t.durationMinutes <= 0) add('durationMinutes', 'must be longer than 0 minutes');
  if (t.startMinute < 0 || t.startMinute >= 1440) add('startMinute', 'must be a time of day between 00:00 and 23:45');
  else if (t.startMinute + t.durationMinutes > 1440) add('durationMinutes', 'must end by midnight');
  if (t.capacity < 1 || t.capacity > MAX_GROUP_CAPACITY) add('capacity', `must be between 1 and ${MAX_GROUP_CAPACITY}`);
  if (t.minToRun < 1) add('minToRun', 'must be at least 1');
  else if (t.minToRun > t.capacity) add('minToRun', 'must not be more than the capacity');

  const track = ctx.tracks.find((x) => x.id === t.trackId);
  if (!track) add('trackId', 'is not a track of this location');
  else if (!track.active) add('trackId', 'is retired');
  if (track?.modality === 'virtual') {
    if (t.roomId) add('roomId', 'must be empty: the track is virtual');
  } else if (track) {
    const room = t.roomId ? ctx.rooms.find((r) => r.id === t.roomId) : undefined;
    if (!t.roomId) add('roomId', 'is required: the track meets in person');
    else if (!room) add('roomId', 'is not a room of this location');
    else if (!room.active) add('roomId', 'is retired');
    else if (room.capacity < t.capacity) add('roomId', `holds ${room.capacity}, fewer than the group's capacity of ${t.capacity}`);
  }

  if (t.facilitatorId) {
    const f = ctx.facilitator;
    if (!f || f.id !== t.facilitatorId || !f.active) add('facilitatorId', 'is not an active staff member of this organization');
    else if (t.credential && !holdsCredential(f, t.credential, ctx.today))
      add('facilitatorId', `does not hold the ${t.credential} credential`);
  }
  return issues;
}

export interface PhaseFacts {
  number: number;
  weeklyHours: number;
  daysPerWeek: number;
  stepDown: boolean;
}

/**
 * Who a location's program serves, from the ages of the people in it: `adolescent` only when everyone is under 18,
 * else `adult` (a mixed or empty program keeps the adults' floor, the stricter one).
 */
export function programPopulation(ages: readonly number[]): AgeGroup {
  return ages.length > 0 && ages.every((a) => a < 18) ? 'adolescent' : 'adult';
}

/**
 * What is wrong with a location's phases taken together: each phase's days and hours, hours tapering as the number
 * rises, and a phase below the 2.1 floor of the population it serves (9 h adults, 6 h adolescents) marked as
 * step-down. Paths are `phases.<index>.<field>`.
 */
export function phaseIssues(phases: readonly PhaseFacts[], population: AgeGroup = 'adult'): ProgramIssue[] {
  const issues: ProgramIssue[] = [];
  const floor = levelFloorHours('2.1', population);
  const sorted = phases.map((p, i) => ({ p, i })).sort((a, b) => a.p.number - b.p.number);
  sorted.forEach(({ p, i }, k) => {
    const at = (field: string) => `phases.${i}.${field}`;
    if (!Number.isInteger(p.number) || p.number < 1) issues.push({ path: at('number'), message: 'must be 1 or more' });
    if (k > 0 && sorted[k - 1]?.p.number === p.number) issues.push({ path: at('number'), message: `is used by another phase` });
    if (!Number.isInteger(p.daysPerWeek) || p.daysPerWeek < 1 || p.daysPerWeek > 7)
      issues.push({ path: at('daysPerWeek'), message: 'must be between 1 and 7' });
    if (!(p.weeklyHours > 0)) issues.push({ path: at('weeklyHours'), message: 'must be more than 0' });
    else if (p.daysPerWeek >= 1 && p.weeklyHours > p.daysPerWeek * MAX_HOURS_PER_DAY)
      issues.push({
        path: at('weeklyHours'),
        message: `cannot be reached in ${p.daysPerWeek} day${p.daysPerWeek === 1 ? '' : 's'} (at most ${MAX_HOURS_PER_DAY} h a day)`,
      });
    const before = sorted[k - 1]?.p;
    if (before && p.weeklyHours > before.weeklyHours)
      issues.push({
        path: at('weeklyHours'),
        message: `must not be more than phase ${before.number}'s ${before.weeklyHours} h: hours taper`,
      });
    if (p.weeklyHours < floor && !p.stepDown)
      issues.push({
        path: at('stepDown'),
        message: `must be set: ${p.weeklyHours} h is below the ${floor} h floor of level 2.1${population === 'adolescent' ? ' for adolescents' : ''}`,
      });
  });
  return issues;
}

export interface DefaultPhase {
  number: number;
  name: string;
  weeklyHours: number;
  daysPerWeek: number;
  typicalWeeks: number | null;
  stepDown: boolean;
}

/**
 * The program a location starts with when it has none: three tapering phases (12 h over 4 days, 9 h over 3, then
 * 6 h over 2 as step-down), as in the clinical reference.
 */
export const DEFAULT_PHASES: readonly DefaultPhase[] = [
  { number: 1, name: 'Phase 1', weeklyHours: 12, daysPerWeek: 4, typicalWeeks: 4, stepDown: false },
  { number: 2, name: 'Phase 2', weeklyHours: 9, daysPerWeek: 3, typicalWeeks: 4, stepDown: false },
  { number: 3, name: 'Phase 3 (step-down)', weeklyHours: 6, daysPerWeek: 2, typicalWeeks: 4, stepDown: true },
];
