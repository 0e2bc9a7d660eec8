import type { WorklistCounts, WorklistItem } from '../contracts/worklist';

/**
 * The order a clinician works their list in: urgent first, then overdue, then soonest due; ties by patient name and
 * link so the same items always show in the same order.
 */
export function compareWorklistItems(a: WorklistItem, b: WorklistItem): number {
  const rank = (i: WorklistItem) => (i.priority === 'urgent' ? 0 : 2) + (i.overdue ? 0 : 1);
  return (
    rank(a) - rank(b) ||
    a.dueAt.localeCompare(b.dueAt) ||
    a.patient.name.localeCompare(b.patient.name) ||
    a.href.localeCompare(b.href) ||
    a.kind.localeCompare(b.kind)
  );
}

export const sortWorklist = (items: readonly WorklistItem[]): WorklistItem[] => [...items].sort(compareWorklistItems);

export function countWorklist(items: readonly WorklistItem[]): WorklistCounts {
  return {
    total: items.length,
    urgent: items.filter((i) => i.priority === 'urgent').length,
    overdue: items.filter((i) => i.overdue).length,
  };
}
