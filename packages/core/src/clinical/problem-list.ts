export type DiagnosisStatus = 'active' | 'resolved' | 'entered_in_error';

export interface ProblemListEntry {
  id: string;
  isPrimary: boolean;
  status: DiagnosisStatus;
}

/**
 * Which status changes a problem-list entry may make. Nothing is deleted: a wrong entry is marked entered in error
 * (final), a resolved problem may come back (a recurrence is the same problem, reactivated).
 */
export function mayChangeStatus(from: DiagnosisStatus, to: DiagnosisStatus): boolean {
  if (from === to) return false;
  if (from === 'entered_in_error') return false;
  return true;
}

/**
 * Making `targetId` the primary diagnosis: the target must be active, and every other active primary loses the flag,
 * so there is at most one active primary per person (the table's partial unique index holds the same line).
 */
export function primaryChange(
  entries: readonly ProblemListEntry[],
  targetId: string,
): { ok: true; demote: string[] } | { ok: false; reason: 'not_found' | 'not_active' } {
  const target = entries.find((e) => e.id === targetId);
  if (!target) return { ok: false, reason: 'not_found' };
  if (target.status !== 'active') return { ok: false, reason: 'not_active' };
  return { ok: true, demote: entries.filter((e) => e.id !== targetId && e.isPrimary && e.status === 'active').map((e) => e.id) };
}
