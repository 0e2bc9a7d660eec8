import { noteTemplates, type NoteTemplateId, type PartContent, type PartFieldKey, type SharedContent } from './templates';

export interface NoteProblem {
  path: string;
  message: string;
}

/** A part to sign: whose it is and what it says. Absent members have no part. */
export interface PartToSign {
  patientId: string;
  content: PartContent;
}

/**
 * What a note still needs before it can be signed, as field paths: a group's topic and at least one intervention,
 * every required field of every present member's part, and words for every goal a part reports progress on.
 */
export function signProblems(template: NoteTemplateId, shared: SharedContent, parts: readonly PartToSign[]): NoteProblem[] {
  const out: NoteProblem[] = [];
  const blank = (s: string | undefined) => !s || !s.trim();
  if (template === 'group') {
    if (blank(shared.topic)) out.push({ path: 'shared.topic', message: 'is needed' });
    if (!(shared.interventions ?? []).some((i) => !blank(i))) out.push({ path: 'shared.interventions', message: 'name at least one' });
  }
  if (parts.length === 0) out.push({ path: 'parts', message: 'no member attended: there is nobody to write for' });
  for (const p of parts) {
    for (const f of noteTemplates[template].fields)
      if (f.required && blank(p.content[f.key as PartFieldKey])) out.push({ path: `parts.${p.patientId}.${f.key}`, message: 'is needed' });
    (p.content.goalProgress ?? []).forEach((g, i) => {
      if (blank(g.text)) out.push({ path: `parts.${p.patientId}.goalProgress.${i}.text`, message: 'is needed' });
    });
  }
  return out;
}

export const DEFAULT_LATE_NOTE_HOURS = 24;

/**
 * When a session's note becomes late: `hours` after the session ended. A note is late while its author has not
 * signed it by then (a note waiting for a co-signature is signed by its author and is not late); a session with no
 * note at all is late the same way.
 */
export function lateAt(sessionEndsAt: Date, hours = DEFAULT_LATE_NOTE_HOURS): Date {
  return new Date(sessionEndsAt.getTime() + hours * 3_600_000);
}

export function isLate(
  input: { sessionEndsAt: Date; status: 'draft' | 'awaiting_cosign' | 'signed' | null },
  now: Date,
  hours = DEFAULT_LATE_NOTE_HOURS,
): boolean {
  if (input.status === 'signed' || input.status === 'awaiting_cosign') return false;
  return now.getTime() >= lateAt(input.sessionEndsAt, hours).getTime();
}
