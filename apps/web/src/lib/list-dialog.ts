import { useState } from 'react';

/** What a list page's dialog shows: nothing, a new record's form, or a listed record's edit form. */
export type ListDialog<T> = { mode: 'create' } | { mode: 'edit'; record: T } | null;

/**
 * The add/edit dialog of a page that lists records without a single-record GET (locations, supervision): which form
 * is open, whether the last save met a newer version (412), and the record being edited as the list shows it now,
 * so after "Load latest version" the form starts from the newest version.
 */
export function useListDialog<T extends { id: string }>(items: readonly T[]) {
  const [dialog, setDialog] = useState<ListDialog<T>>(null);
  const [stale, setStale] = useState(false);
  const close = () => {
    setDialog(null);
    setStale(false);
  };
  const current = dialog?.mode === 'edit' ? (items.find((r) => r.id === dialog.record.id) ?? dialog.record) : null;
  return {
    dialog,
    current,
    stale,
    setStale,
    close,
    openCreate: () => setDialog({ mode: 'create' }),
    openEdit: (record: T) => setDialog({ mode: 'edit', record }),
  };
}
