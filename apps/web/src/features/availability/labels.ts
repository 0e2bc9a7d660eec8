import { minuteText, type BusyKind } from '@openiop/core';

export const dayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export const dayShort = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export const dayName = (d: number): string => dayNames[d] ?? `Day ${d}`;

export const modalityLabels = { any: 'Either', in_person: 'In person', virtual: 'Virtual (video)' } as const;

export const busyLabels: Record<BusyKind, string> = {
  work: 'Work',
  school: 'School',
  childcare: 'Childcare',
  transport: 'Travel / transport',
  other: 'Something else',
};

/** `18:00–21:00`. */
export const rangeText = (w: { start: number; end: number }): string => `${minuteText(w.start)}–${minuteText(w.end)}`;

/** Times on the 15-minute grid between two minutes, for a time picker that never needs a drag. */
export function timeOptions(from = 0, to = 1440): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  for (let m = from; m <= to; m += 15) out.push({ value: String(m), label: minuteText(m) });
  return out;
}

export const hoursText = (h: number): string => `${Number.isInteger(h) ? h : h.toFixed(2).replace(/0$/, '')} h`;
