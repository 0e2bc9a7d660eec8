import type { AttendanceStatusValue, PatientHoursView } from '@openiop/core';

export const statusLabels: Record<AttendanceStatusValue, string> = {
  present: 'Present',
  late: 'Late',
  left_early: 'Left early',
  absent_excused: 'Absent (excused)',
  absent_unexcused: 'Absent (unexcused)',
};

export const ledgerLabels: Record<PatientHoursView['status'], { label: string; color: string }> = {
  on_track: { label: 'On track', color: 'green' },
  at_risk: { label: 'At risk', color: 'yellow' },
  below_floor: { label: 'Below floor', color: 'red' },
};

export const riskLabels: Record<PatientHoursView['engagementRisk'][number], string> = {
  two_misses_in_a_row: 'Missed two sessions in a row',
  under_floor_two_weeks: 'Under the hour floor two weeks running',
};

/** Minutes as hours and minutes: "2 h 30 min", "3 h", "45 min". */
export function hoursText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A clinic-local date as "Mon Nov 16" without the browser's zone (the date is already local). */
export function dayText(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${DAY_NAMES[(d.getUTCDay() + 6) % 7]} ${month} ${d.getUTCDate()}`;
}

export const clock = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
