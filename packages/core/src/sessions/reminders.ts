/**
 * Which reminders are due. Each offset (minutes before the start; default 24 h and 2 h) owns a window from
 * `start − offset` until the next smaller offset's window opens (the smallest runs until the start), and is due only
 * inside it: a run that was down for a while sends the one reminder that still makes sense, never a stale one, and a
 * session booked three hours ahead gets the 24-hour window's reminder at once and the 2-hour one later. Nothing is
 * due once the session has started, or when it is cancelled. What was already sent is the caller's to know (the
 * `session_reminders` row per occurrence, recipient, offset and channel).
 */
export const DEFAULT_REMINDER_OFFSETS = [1440, 120] as const;

export interface ReminderOccurrence {
  id: string;
  startsAt: Date;
  status: 'draft' | 'scheduled' | 'cancelled';
  /** The location's offsets; empty or missing: the defaults. */
  offsetsMinutes?: readonly number[] | null;
}

export interface ReminderRecipient {
  occurrenceId: string;
  /** `patient:<id>` or `user:<id>`. */
  recipient: string;
  /** Null: no e-mail on file, in-app only. */
  email: string | null;
}

export interface DueReminder {
  occurrenceId: string;
  recipient: string;
  offsetMinutes: number;
  channel: 'email' | 'in_app';
  email: string | null;
}

/** The offset whose window `now` is in for a session starting at `startsAt`, or null. */
export function offsetDueAt(startsAt: Date, offsetsMinutes: readonly number[], now: Date): number | null {
  const minutesBefore = (startsAt.getTime() - now.getTime()) / 60_000;
  if (minutesBefore <= 0) return null;
  const offsets = [...new Set(offsetsMinutes.filter((o) => o > 0))].sort((a, b) => a - b);
  // The smallest offset at or above the time left is the window we are in.
  return offsets.find((o) => o >= minutesBefore) ?? null;
}

/**
 * Reminders due at `now`: for each scheduled occurrence in its window, one e-mail per recipient with an address
 * and one in-app reminder per recipient.
 */
export function dueReminders(
  occurrences: readonly ReminderOccurrence[],
  recipients: readonly ReminderRecipient[],
  now: Date,
): DueReminder[] {
  const byOccurrence = new Map<string, ReminderRecipient[]>();
  for (const r of recipients) byOccurrence.set(r.occurrenceId, [...(byOccurrence.get(r.occurrenceId) ?? []), r]);
  const due: DueReminder[] = [];
  for (const o of occurrences) {
    if (o.status !== 'scheduled') continue;
    const offsets = o.offsetsMinutes?.length ? o.offsetsMinutes : DEFAULT_REMINDER_OFFSETS;
    const offset = offsetDueAt(o.startsAt, offsets, now);
    if (offset === null) continue;
    for (const r of byOccurrence.get(o.id) ?? []) {
      if (r.email) due.push({ occurrenceId: o.id, recipient: r.recipient, offsetMinutes: offset, channel: 'email', email: r.email });
      due.push({ occurrenceId: o.id, recipient: r.recipient, offsetMinutes: offset, channel: 'in_app', email: null });
    }
  }
  return due;
}
