import { useCallback, useEffect, useRef, useState, type ChangeEvent, type FormEvent, type RefObject } from 'react';
import type { z } from 'zod';
import { isApiError, errorMessage } from './api-client';
import { sentence } from './format';

/** Field messages keyed by the contract's dotted path (`address.postalCode`), the same keys the api sends. */
export type FieldErrors = Record<string, string>;

type KeysMatching<V, T> = { [K in keyof V]-?: V[K] extends T ? K : never }[keyof V] & string;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/**
 * Turns zod issues into one message per field, worded like the api's (it validates with the same schema).
 * A field left empty reads "Required" rather than, say, "must be a UUID"; length rules keep their own words.
 */
export function zodFieldErrors(error: z.ZodError, input: unknown): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (out[path]) continue;
    const value = valueAt(input, issue.path);
    const empty =
      value === undefined ||
      value === null ||
      (typeof value === 'number' && Number.isNaN(value)) ||
      (typeof value === 'string' && value.trim() === '');
    out[path] = empty && issue.code !== 'too_small' && issue.code !== 'custom' ? 'Required' : sentence(issue.message);
  }
  return out;
}

/**
 * Where an error path lands: on its field when the form has one, under its full path when it lies inside a
 * field (a row of a list: `credentials.0.kind`), else nowhere (it becomes the form message).
 */
function resolvePath(path: string, fields: readonly string[]): string | null {
  if (fields.includes(path)) return path;
  return fields.some((f) => path.startsWith(`${f}.`)) ? path : null;
}

/** The message for a field, or the first one inside it (an item of an array field). */
export function errorAt(errors: FieldErrors, key: string): string | undefined {
  if (errors[key]) return errors[key];
  const inside = Object.keys(errors).find((k) => k.startsWith(`${key}.`));
  return inside ? errors[inside] : undefined;
}

export interface ZodForm<V extends Record<string, unknown>, S extends z.ZodType> {
  values: V;
  errors: FieldErrors;
  /** A message for the whole form: the api's detail, or field errors that match no input. */
  formError: string | null;
  isDirty: boolean;
  setValue: <K extends keyof V>(key: K, value: V[K]) => void;
  reset: (values?: V) => void;
  setFormError: (message: string | null) => void;
  /** Marks one field invalid (for checks the contract cannot make, such as "type it twice") and focuses it. */
  setFieldError: (key: keyof V & string, message: string) => void;
  /** Props for a Mantine text-like input bound to a string field. */
  text: (key: KeysMatching<V, string>) => {
    name: string;
    value: string;
    error: string | undefined;
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => void;
  };
  /** Props for a Mantine Select bound to a string field ('' = nothing chosen). */
  select: (key: KeysMatching<V, string>) => {
    name: string;
    value: string | null;
    error: string | undefined;
    onChange: (value: string | null) => void;
  };
  /** Props for a Mantine Checkbox / Switch bound to a boolean field. */
  checkbox: (key: KeysMatching<V, boolean>) => {
    name: string;
    checked: boolean;
    error: string | undefined;
    onChange: (e: ChangeEvent<HTMLInputElement>) => void;
  };
  /** Props for a Mantine Checkbox.Group bound to a string-array field. */
  group: (key: KeysMatching<V, string[]>) => {
    value: string[];
    error: string | undefined;
    onChange: (value: string[]) => void;
  };
  /** Validates with the contract, then calls `onValid` with the contract input; otherwise marks the fields. */
  onSubmit: (onValid: (input: z.input<S>, parsed: z.output<S>) => void) => (e?: FormEvent) => void;
  /** Shows an api failure: `errors[]` on their fields, anything else as the form message. */
  showError: (error: unknown) => void;
  formRef: RefObject<HTMLFormElement | null>;
}

/**
 * A small form state holder validated by the same zod contract the api uses, so a field's message reads the
 * same whether the browser or the server caught it. Form values stay as the user typed them (mostly strings);
 * `toInput` maps them onto the contract's input shape.
 */
export function useZodForm<V extends Record<string, unknown>, S extends z.ZodType>(options: {
  initialValues: V;
  schema: S;
  toInput: (values: V) => z.input<S>;
}): ZodForm<V, S> {
  const { schema, toInput } = options;
  const [initial, setInitial] = useState<V>(options.initialValues);
  const [values, setValues] = useState<V>(options.initialValues);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement | null>(null);
  const fields = Object.keys(values);

  // Focus moves once React has committed the marks. An api answer arrives outside any event, and its render is
  // scheduled as a task that a frame callback could overtake, leaving focus where it was (e.g. on the body after the
  // loading save button).
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);
  const focusFirstInvalid = useCallback(() => setFocusRequest((n) => n + 1), []);

  const setValue = useCallback(<K extends keyof V>(key: K, value: V[K]) => {
    setValues((prev) => ({ ...prev, [key]: value }));
    setErrors((prev) => {
      const k = String(key);
      const stale = Object.keys(prev).filter((p) => p === k || p.startsWith(`${k}.`));
      if (!stale.length) return prev;
      const rest = { ...prev };
      for (const p of stale) delete rest[p];
      return rest;
    });
  }, []);

  const place = (raw: FieldErrors): { byField: FieldErrors; unplaced: string[] } => {
    const byField: FieldErrors = {};
    const unplaced: string[] = [];
    for (const [path, message] of Object.entries(raw)) {
      const field = resolvePath(path, fields);
      if (field) byField[field] ??= message;
      else unplaced.push(path ? `${path}: ${message}` : message);
    }
    return { byField, unplaced };
  };

  const showErrors = (raw: FieldErrors, fallback: string | null) => {
    const { byField, unplaced } = place(raw);
    setErrors(byField);
    setFormError(unplaced.length ? unplaced.join(' ') : fallback);
    if (Object.keys(byField).length) focusFirstInvalid();
  };

  return {
    values,
    errors,
    formError,
    isDirty: JSON.stringify(values) !== JSON.stringify(initial),
    setValue,
    setFormError,
    setFieldError: (key, message) => {
      setErrors((prev) => ({ ...prev, [key]: message }));
      focusFirstInvalid();
    },
    formRef,
    reset: (next) => {
      const v = next ?? initial;
      setInitial(v);
      setValues(v);
      setErrors({});
      setFormError(null);
    },
    text: (key) => ({
      name: key,
      value: values[key] as string,
      error: errors[key],
      onChange: (e) => setValue(key, e.currentTarget.value as V[typeof key]),
    }),
    select: (key) => ({
      name: key,
      value: (values[key] as string) || null,
      error: errors[key],
      onChange: (value) => setValue(key, (value ?? '') as V[typeof key]),
    }),
    checkbox: (key) => ({
      name: key,
      checked: values[key] as boolean,
      error: errors[key],
      onChange: (e) => setValue(key, e.currentTarget.checked as V[typeof key]),
    }),
    group: (key) => ({
      value: values[key] as string[],
      error: errorAt(errors, key),
      onChange: (value) => setValue(key, value as V[typeof key]),
    }),
    onSubmit: (onValid) => (e) => {
      e?.preventDefault();
      const input = toInput(values);
      const result = schema.safeParse(input);
      if (!result.success) {
        showErrors(zodFieldErrors(result.error, input), null);
        return;
      }
      setErrors({});
      setFormError(null);
      onValid(input, result.data);
    },
    showError: (error) => {
      if (isApiError(error) && error.errors.length) {
        const raw: FieldErrors = {};
        for (const fe of error.errors) raw[fe.path] ??= sentence(fe.message);
        showErrors(raw, error.detail ?? error.title);
        return;
      }
      setErrors({});
      setFormError(errorMessage(error));
    },
  };
}

/** '' → null, for optional contract fields the user left empty. */
export const orNull = (s: string): string | null => (s.trim() === '' ? null : s);
/** '' → undefined, for fields the api should fill in (MRN) or that must be chosen (selects). */
export const orUndefined = (s: string): string | undefined => (s.trim() === '' ? undefined : s);

/** The fields of `next` that differ from `before`: an edit sends only what the user changed. */
export function changedFields<T extends Record<string, unknown>>(before: T, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(next) as Array<keyof T>) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) out[key] = next[key];
  }
  return out;
}
