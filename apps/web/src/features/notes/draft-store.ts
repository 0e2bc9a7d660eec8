import type { PartContent, SharedContent } from '@openiop/core';

/** What the editor holds: the shared part and each present member's part, with goal progress by goal id. */
export interface NoteForm {
  shared: { topic: string; curriculumUnit: string; interventions: string };
  parts: Record<string, { fields: Record<string, string>; goals: Record<string, string> }>;
}

/** A copy kept in this browser so a closed tab loses nothing: the form and the server version it was based on. */
export interface LocalCopy {
  baseVersion: number;
  /** Whether it holds changes the server has not acknowledged. */
  dirty: boolean;
  form: NoteForm;
}

const key = (noteId: string) => `openiop.note-draft.${noteId}`;

export function readLocal(storage: Pick<Storage, 'getItem'>, noteId: string): LocalCopy | null {
  try {
    const raw = storage.getItem(key(noteId));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<LocalCopy>;
    if (typeof v.baseVersion !== 'number' || typeof v.dirty !== 'boolean' || !v.form) return null;
    return v as LocalCopy;
  } catch {
    return null;
  }
}

export function writeLocal(storage: Pick<Storage, 'setItem'>, noteId: string, copy: LocalCopy): void {
  try {
    storage.setItem(key(noteId), JSON.stringify(copy));
  } catch {
    /* storage full or disabled: the server copy still autosaves */
  }
}

export function clearLocal(storage: Pick<Storage, 'removeItem'>, noteId: string): void {
  try {
    storage.removeItem(key(noteId));
  } catch {
    /* nothing to do */
  }
}

/**
 * Which copy to open: the local one only when it holds unsaved changes made on top of the version the server still
 * has (nobody saved since); a newer server version wins, and a clean local copy is never preferred.
 */
export function chooseCopy(local: LocalCopy | null, serverVersion: number): 'server' | 'local' {
  return local && local.dirty && local.baseVersion === serverVersion ? 'local' : 'server';
}

export function toForm(shared: SharedContent, parts: { patientId: string; content: PartContent }[]): NoteForm {
  return {
    shared: {
      topic: shared.topic ?? '',
      curriculumUnit: shared.curriculumUnit ?? '',
      interventions: (shared.interventions ?? []).join('\n'),
    },
    parts: Object.fromEntries(
      parts.map((p) => {
        const { goalProgress = [], ...fields } = p.content;
        return [
          p.patientId,
          {
            fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? v : ''])),
            goals: Object.fromEntries(goalProgress.map((g) => [g.goalId, g.text])),
          },
        ];
      }),
    ),
  };
}

export function sharedOf(form: NoteForm): SharedContent {
  return {
    topic: form.shared.topic,
    curriculumUnit: form.shared.curriculumUnit,
    interventions: form.shared.interventions
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

/** The parts to send for `patientIds` (present members), with only the template's fields and goals that have words. */
export function partsOf(form: NoteForm, patientIds: string[], fieldKeys: string[]): Record<string, PartContent> {
  return Object.fromEntries(
    patientIds.map((id) => {
      const p = form.parts[id] ?? { fields: {}, goals: {} };
      const content: PartContent = Object.fromEntries(fieldKeys.map((k) => [k, p.fields[k] ?? '']));
      content.goalProgress = Object.entries(p.goals)
        .filter(([, text]) => text.trim() !== '')
        .map(([goalId, text]) => ({ goalId, text }));
      return [id, content];
    }),
  );
}
