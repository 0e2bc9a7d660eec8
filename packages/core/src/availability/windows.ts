import { addDays } from '../calendar';
import { clockText, weekdayOf } from '../schedule/week-dates';
import type { Slot, Weekday } from '../scheduling/week';

/**
 * A person's or staff member's weekly availability (issue 5): windows on a weekday (0 = Monday … 6 = Sunday) in
 * clinic-local wall-clock minutes after midnight. Entered in 15-minute steps and kept merged and sorted, so two
 * people entering the same week see the same rows and the optimiser gets one window per free stretch.
 */
export interface WeeklyWindow {
  weekday: Weekday;
  /** Minutes after local midnight, 0–1440; `end` is after `start`. */
  start: number;
  end: number;
}

/** The step every window starts and ends on. */
export const WINDOW_STEP_MINUTES = 15;

/** When the clinic can hold sessions at all: free time is shown and counted within these hours (07:00–22:00). */
export const SESSION_HOURS = { start: 7 * 60, end: 22 * 60 } as const;

export const WEEKDAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];

/** Whether a minute of the day is on the 15-minute grid and inside the day (0–1440). */
export const onStep = (minute: number): boolean =>
  Number.isInteger(minute) && minute >= 0 && minute <= 1440 && minute % WINDOW_STEP_MINUTES === 0;

const byStart = (a: WeeklyWindow, b: WeeklyWindow): number => a.weekday - b.weekday || a.start - b.start || a.end - b.end;

/**
 * Windows sorted by day and start, with overlapping and touching windows of a day joined into one (09:00–12:00 and
 * 12:00–14:00 become 09:00–14:00). Empty windows are dropped. Pure; the input order never changes the answer.
 */
export function mergeWindows<T extends WeeklyWindow>(windows: readonly T[]): WeeklyWindow[] {
  const sorted = windows.filter((w) => w.end > w.start).sort(byStart);
  const out: WeeklyWindow[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last && last.weekday === w.weekday && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else out.push({ weekday: w.weekday, start: w.start, end: w.end });
  }
  return out;
}

/**
 * The free time a person has when they tell us when they are busy (work, school, childcare, transport): each day's
 * session hours with the busy blocks taken out, merged and sorted. A day with no busy block is free all of it.
 */
export function freeWindows(busy: readonly WeeklyWindow[], hours: { start: number; end: number } = SESSION_HOURS): WeeklyWindow[] {
  const blocks = mergeWindows(busy);
  const out: WeeklyWindow[] = [];
  for (const weekday of WEEKDAYS) {
    let from = hours.start;
    for (const b of blocks) {
      if (b.weekday !== weekday || b.end <= from) continue;
      if (b.start >= hours.end) break;
      if (b.start > from) out.push({ weekday, start: from, end: b.start });
      from = Math.max(from, b.end);
    }
    if (from < hours.end) out.push({ weekday, start: from, end: hours.end });
  }
  return out;
}

/** Windows cut to the session hours (time outside them cannot hold a session). */
export function withinSessionHours(
  windows: readonly WeeklyWindow[],
  hours: { start: number; end: number } = SESSION_HOURS,
): WeeklyWindow[] {
  return mergeWindows(windows.map((w) => ({ weekday: w.weekday, start: Math.max(w.start, hours.start), end: Math.min(w.end, hours.end) })));
}

/** Hours a week of windows holds, overlaps counted once. */
export const weeklyWindowHours = (windows: readonly WeeklyWindow[]): number =>
  mergeWindows(windows).reduce((sum, w) => sum + (w.end - w.start) / 60, 0);

export interface AvailabilityReach {
  /** Hours of the windows inside the session hours. */
  hours: number;
  /** Days with any window inside the session hours. */
  days: number;
  floorHours: number;
  daysNeeded: number;
  /** Whether any week placed inside these windows could reach the floor over enough days. */
  reachable: boolean;
  /** Hours missing to the floor (0 when there are enough). */
  shortHours: number;
}

/**
 * Staff's early warning: whether a person's windows could reach their weekly hour floor at all, before anyone plans
 * a week. Only time inside the session hours counts; the phase's days per week must have a window too.
 */
export function availabilityReach(windows: readonly WeeklyWindow[], need: { floorHours: number; daysPerWeek: number }): AvailabilityReach {
  const usable = withinSessionHours(windows);
  const hours = weeklyWindowHours(usable);
  const days = new Set(usable.map((w) => w.weekday)).size;
  const shortHours = Math.max(0, need.floorHours - hours);
  return {
    hours,
    days,
    floorHours: need.floorHours,
    daysNeeded: need.daysPerWeek,
    reachable: shortHours === 0 && days >= need.daysPerWeek,
    shortHours,
  };
}

export interface LeaveRange {
  /** First and last day off, clinic-local, inclusive. */
  startsOn: string;
  endsOn: string;
}

/**
 * A staff member's working slots in one week (Monday `weekStart`, clinic-local): their weekly hours with every day
 * they are on leave taken out. The slots are wall-clock, so a DST change inside the week never moves them. This is
 * what the week builder gives `StaffWeek.hours`. Extra fields on the hours (e.g. `locationId`) are kept.
 */
export function staffWeekHours<T extends WeeklyWindow>(
  hours: readonly T[],
  leave: readonly LeaveRange[],
  weekStart: string,
): (Slot & Omit<T, 'weekday' | 'start' | 'end'> & { date: string })[] {
  if (weekdayOf(weekStart) !== 0) throw new RangeError('a week starts on a Monday');
  const off = new Set<Weekday>();
  for (const d of WEEKDAYS) {
    const date = addDays(weekStart, d);
    if (leave.some((l) => l.startsOn <= date && date <= l.endsOn)) off.add(d);
  }
  return [...hours]
    .filter((h) => !off.has(h.weekday) && h.end > h.start)
    .sort(byStart)
    .map((h) => {
      const { weekday, start, end, ...rest } = h;
      return { ...rest, day: weekday, start, end, date: addDays(weekStart, weekday) };
    });
}

/** Whether two leave ranges share a day. */
export const leaveOverlaps = (a: LeaveRange, b: LeaveRange): boolean => a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;

/** `HH:MM` for a minute of the day (1440 → 24:00). */
export const minuteText = clockText;

/** Minutes after midnight for `HH:MM`, or null when it is not a time on the 15-minute grid. */
export function parseMinute(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const minute = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && onStep(minute) ? minute : null;
}
