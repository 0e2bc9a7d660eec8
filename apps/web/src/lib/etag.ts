import { isApiError } from './api-client';

/**
 * The If-Match value for a record whose view carries `version` but which has no single-record GET to read an
 * ETag from (locations). Must match how the api forms its ETags.
 */
export function etagForVersion(version: number): string {
  return `"${version}"`;
}

export type SaveOutcome = 'saved' | 'unchanged' | 'stale';

/**
 * Saves an edit form the way every record page does: sends only the changed fields (with the ETag the caller
 * read), sends nothing when nothing changed, and reports `stale` when someone else saved first (412), so the page
 * can offer to load the latest version. Any other failure is thrown for the form to show.
 */
export async function saveChanges<T extends object>(
  changes: Partial<T>,
  send: (changes: Partial<T>) => Promise<unknown>,
): Promise<SaveOutcome> {
  if (Object.keys(changes).length === 0) return 'unchanged';
  try {
    await send(changes);
    return 'saved';
  } catch (e) {
    if (isApiError(e) && e.code === 'PRECONDITION_FAILED') return 'stale';
    throw e;
  }
}
