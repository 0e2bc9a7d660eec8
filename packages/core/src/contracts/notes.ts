import { z } from 'zod';
import { noteKinds, noteStatuses, noteTemplateIds } from '../notes/templates';
import { id, text } from './common';

/** A draft's free text: may be empty while it is written (autosave), never unbounded. */
const draftText = z.string().max(5000, 'must be at most 5000 characters');

export const goalProgressInput = z.strictObject({ goalId: id, text: draftText });

/** One member's part (or an individual note's only part): the template's fields, each optional in a draft. */
export const partContent = z.strictObject({
  participation: draftText.optional(),
  response: draftText.optional(),
  data: draftText.optional(),
  assessment: draftText.optional(),
  plan: draftText.optional(),
  behavior: draftText.optional(),
  intervention: draftText.optional(),
  subjective: draftText.optional(),
  objective: draftText.optional(),
  goalProgress: z.array(goalProgressInput).max(20, 'must have at most 20 entries').optional(),
});

/** The shared part of a group note: names no member. */
export const sharedContent = z.strictObject({
  topic: z.string().max(300, 'must be at most 300 characters').optional(),
  curriculumUnit: z.string().max(300, 'must be at most 300 characters').optional(),
  interventions: z.array(z.string().max(200, 'must be at most 200 characters')).max(20, 'must have at most 20 entries').optional(),
});

/** Starting the note of a held session; individual and family sessions choose their template (DAP by default). */
export const noteCreate = z.strictObject({ template: z.enum(['dap', 'birp', 'soap']).optional() });

/** Saving a draft (If-Match): the shared part and/or any members' parts, keyed by patient id. */
export const noteSave = z.strictObject({
  shared: sharedContent.optional(),
  parts: z.record(id, partContent).optional(),
});

/** Re-authentication for a signature: the user's password, or a code from their authenticator when they use MFA. */
export const reauth = z.strictObject({
  password: z.string().min(1, 'must not be empty').max(500).optional(),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6-digit code from your authenticator app')
    .optional(),
});
export type Reauth = z.infer<typeof reauth>;

export const noteSign = reauth;
export const noteCosign = reauth;

/** An addendum to a signed note: for one person's part, or the shared part (`patientId: null`); signed on creation. */
export const noteAddendumCreate = reauth.extend({ patientId: id.nullable(), text: text(5000) });
export type NoteAddendumCreate = z.infer<typeof noteAddendumCreate>;

export const supervisionCreate = z.strictObject({ userId: id, supervisorId: id, requiresCosign: z.boolean().default(true) });
export const supervisionUpdate = z.strictObject({ supervisorId: id.optional(), requiresCosign: z.boolean().optional() });

const who = z.object({ id, name: z.string() });
const partContentView = partContent.extend({ goalProgress: z.array(z.object({ goalId: id, text: z.string() })).optional() });
const sharedView = z.object({
  topic: z.string().optional(),
  curriculumUnit: z.string().optional(),
  interventions: z.array(z.string()).optional(),
});
const goalView = z.object({ id, text: z.string() });

export const noteAddendumView = z.object({ id, patientId: id.nullable(), text: z.string(), author: who, signedAt: z.string() });
export type NoteAddendumView = z.infer<typeof noteAddendumView>;

export const noteSessionView = z.object({
  occurrenceId: id,
  title: z.string(),
  kind: z.enum(noteKinds),
  day: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  facilitator: who,
});

export const noteMemberView = z.object({
  patientId: id,
  name: z.string(),
  /** The attendance another screen recorded, or null when none yet. */
  attendance: z.string().nullable(),
  /** Recorded absent: no part is written for them. */
  absent: z.boolean(),
  /** Goals from the person's current treatment plan, to report progress on. */
  goals: z.array(goalView),
  content: partContentView,
});

export const noteView = z.object({
  id,
  session: noteSessionView,
  kind: z.enum(noteKinds),
  template: z.enum(noteTemplateIds),
  status: z.enum(noteStatuses),
  shared: sharedView,
  members: z.array(noteMemberView),
  author: who,
  signedAt: z.string().nullable(),
  cosigner: who.nullable(),
  cosignedAt: z.string().nullable(),
  late: z.boolean(),
  lateAt: z.string(),
  addenda: z.array(noteAddendumView),
  version: z.number().int(),
});
export type NoteView = z.infer<typeof noteView>;

/** A line in a notes list: no member names, no content. */
export const noteSummary = z.object({
  id: id.nullable(),
  session: noteSessionView,
  status: z.enum(noteStatuses).nullable(),
  template: z.enum(noteTemplateIds).nullable(),
  author: who.nullable(),
  members: z.number().int(),
  late: z.boolean(),
  lateAt: z.string(),
});
export type NoteSummary = z.infer<typeof noteSummary>;

/** The author's notes page: drafts (late first), sessions with no note yet, and notes waiting for a co-signature. */
export const myNotes = z.object({
  drafts: z.array(noteSummary),
  missing: z.array(noteSummary),
  awaitingCosign: z.array(noteSummary),
});
export const cosignQueue = z.object({ items: z.array(noteSummary) });

/** One person's own part of a note, as their chart shows it: the shared part, their part, their addenda. */
export const chartNoteView = z.object({
  noteId: id,
  session: noteSessionView.omit({ facilitator: true }),
  template: z.enum(noteTemplateIds),
  status: z.enum(noteStatuses),
  author: who,
  signedAt: z.string().nullable(),
  cosignedAt: z.string().nullable(),
  shared: sharedView,
  content: partContentView,
  goals: z.array(goalView),
  addenda: z.array(noteAddendumView),
});
export type ChartNoteView = z.infer<typeof chartNoteView>;
export const chartNotes = z.object({ items: z.array(chartNoteView) });

/** A supervision as the admin page lists it; `since` is when it was set up. Ending one deletes it (audited). */
export const supervisionView = z.object({
  id,
  user: who,
  supervisor: who,
  requiresCosign: z.boolean(),
  since: z.string(),
  version: z.number().int(),
});
export const supervisionList = z.object({ items: z.array(supervisionView) });
