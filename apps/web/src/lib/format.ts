import { ageOn, localDate, type CareStatus, type EpisodeStatus } from '@openiop/core';

const LOCALE = 'en-US';

const calendarDate = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });
const instant = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(LOCALE, { timeStyle: 'short' });

/** A clinic calendar date (YYYY-MM-DD) as people read it; calendar dates have no time zone. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDate : calendarDate.format(d);
}

/** An instant in the viewer's own time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : instant.format(d);
}

/** Just the time when it is today, otherwise date and time. */
export function formatWhen(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toDateString() === now.toDateString() ? `today at ${timeOnly.format(d)}` : instant.format(d);
}

/**
 * Today's date as YYYY-MM-DD: in `timeZone` when given (a clinic's zone, which is what the api judges "today" by),
 * otherwise in the browser's.
 */
export function localToday(now: Date = new Date(), timeZone?: string): string {
  if (timeZone) return localDate(now, timeZone);
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function ageToday(dateOfBirth: string): number {
  return ageOn(dateOfBirth, localToday());
}

export const careStatusLabels: Record<CareStatus, string> = {
  pre_admission: 'Pre-admission',
  active: 'Active',
  discharged: 'Discharged',
};

export const careStatusColors: Record<CareStatus, string> = {
  pre_admission: 'yellow',
  active: 'green',
  discharged: 'gray',
};

export const episodeStatusLabels: Record<EpisodeStatus, string> = {
  pending: 'Pending admission',
  active: 'Active',
  discharged: 'Discharged',
};

export const episodeStatusColors: Record<EpisodeStatus, string> = {
  pending: 'yellow',
  active: 'green',
  discharged: 'gray',
};

/** Capitalises a contract message ("must not be empty") for display under a field. */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
