import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../lib/api-client';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'invalid' | 'error' | 'stale';

/**
 * Saves a draft a moment after the last change, one request at a time, always with the newest ETag, so quick
 * typing never races two PATCHes and a save from another tab is reported (412 → `stale`) instead of overwritten.
 * `validate` returns the value to send, or field errors (nothing is sent while the draft is invalid).
 */
export function useAutosave<T, R>(opts: {
  value: T;
  etag: string | null;
  validate: (value: T) => { ok: T } | { errors: Record<string, string> };
  save: (value: T, etag: string | null) => Promise<{ data: R; etag: string | null }>;
  onSaved: (saved: { data: R; etag: string | null }) => void;
  delayMs?: number;
}) {
  const [state, setState] = useState<SaveState>('saved');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const etag = useRef(opts.etag);
  const latest = useRef(opts.value);
  const dirty = useRef(false);
  const inFlight = useRef<Promise<void> | null>(null);
  const initial = useRef(opts.value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const optsRef = useRef(opts);
  optsRef.current = opts;

  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    if (!dirty.current) return true;
    const checked = optsRef.current.validate(latest.current);
    if ('errors' in checked) {
      setErrors(checked.errors);
      setState('invalid');
      return false;
    }
    dirty.current = false;
    setState('saving');
    let ok = false;
    const run = (async () => {
      try {
        const saved = await optsRef.current.save(checked.ok, etag.current);
        etag.current = saved.etag;
        optsRef.current.onSaved(saved);
        setErrors({});
        ok = true;
        setState(dirty.current ? 'unsaved' : 'saved');
      } catch (e) {
        if (isApiError(e) && e.code === 'PRECONDITION_FAILED') setState('stale');
        else {
          dirty.current = true;
          if (isApiError(e) && e.errors.length) setErrors(Object.fromEntries(e.errors.map((x) => [x.path, x.message])));
          setState('error');
        }
      }
    })();
    inFlight.current = run;
    await run;
    inFlight.current = null;
    return ok && !dirty.current ? true : ok ? flush() : false;
  }, []);

  useEffect(() => {
    // The value the page loaded with is already saved (comparing by identity also survives StrictMode's re-run).
    if (opts.value === initial.current) return;
    latest.current = opts.value;
    dirty.current = true;
    setState((s) => (s === 'stale' ? s : 'unsaved'));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), opts.delayMs ?? 1200);
  }, [opts.value, opts.delayMs, flush]);

  useEffect(
    () => () => {
      // Leaving the page: save what was typed since the last save.
      if (timer.current) clearTimeout(timer.current);
      if (dirty.current) void flush();
    },
    [flush],
  );

  return { state, errors, flush, etag: () => etag.current };
}

export const saveStateLabels: Record<SaveState, string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes…',
  saving: 'Saving…',
  invalid: 'Not saved: fix the highlighted fields',
  error: 'Not saved: the server could not be reached or refused the change',
  stale: 'Not saved: someone else changed this intake',
};
