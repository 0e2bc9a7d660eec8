import type { modalities, trackKinds } from '@openiop/core';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export const kindLabels: Record<(typeof trackKinds)[number], string> = {
  morning: 'Morning',
  afternoon: 'Afternoon',
  evening: 'Evening',
  weekend: 'Weekend',
};
export const modalityLabels: Record<(typeof modalities)[number], string> = {
  in_person: 'In person',
  virtual: 'Virtual',
  hybrid: 'Hybrid',
};

/** `540` → `09:00`: a clinic-local wall-clock time, minutes after midnight. */
export function clock(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Every quarter hour of the day, as options for a keyboard-usable time picker (type "9:3" to find 09:30). */
export const quarterHours = Array.from({ length: 96 }, (_, i) => ({ value: String(i * 15), label: clock(i * 15) }));

export const options = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));

/** A form's number field: what was typed, as a number ('' → NaN, which the contract answers "Required"). */
export const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));
