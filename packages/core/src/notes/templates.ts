/**
 * Note templates as data: which fields a part has, their labels and which are needed to sign. A group note has a
 * shared part (no person is named there) and one part per member; individual and family notes have one part laid out
 * by DAP, BIRP or SOAP. Every template may also record progress on the person's own plan goals.
 */
export const noteTemplateIds = ['group', 'dap', 'birp', 'soap'] as const;
export type NoteTemplateId = (typeof noteTemplateIds)[number];
export const noteKinds = ['group', 'individual', 'family'] as const;
export type NoteKindId = (typeof noteKinds)[number];
export const noteStatuses = ['draft', 'awaiting_cosign', 'signed'] as const;
export type NoteStatusId = (typeof noteStatuses)[number];

export interface TemplateField {
  key: string;
  label: string;
  /** What to write, in a line under the label. */
  hint: string;
  required: boolean;
}

export interface NoteTemplate {
  id: NoteTemplateId;
  label: string;
  fields: readonly TemplateField[];
}

const plan: TemplateField = { key: 'plan', label: 'Plan', hint: 'Next steps, homework, next session', required: true };

export const noteTemplates: Record<NoteTemplateId, NoteTemplate> = {
  group: {
    id: 'group',
    label: 'Group note',
    fields: [
      { key: 'participation', label: 'Participation', hint: "How this person took part in today's group", required: true },
      { key: 'response', label: 'Response', hint: 'How they responded to the topic and the interventions', required: true },
    ],
  },
  dap: {
    id: 'dap',
    label: 'DAP',
    fields: [
      { key: 'data', label: 'Data', hint: 'What was said and observed', required: true },
      { key: 'assessment', label: 'Assessment', hint: 'Your clinical impression', required: true },
      plan,
    ],
  },
  birp: {
    id: 'birp',
    label: 'BIRP',
    fields: [
      { key: 'behavior', label: 'Behavior', hint: 'Presentation and what the person reported', required: true },
      { key: 'intervention', label: 'Intervention', hint: 'What you did', required: true },
      { key: 'response', label: 'Response', hint: 'How the person responded', required: true },
      plan,
    ],
  },
  soap: {
    id: 'soap',
    label: 'SOAP',
    fields: [
      { key: 'subjective', label: 'Subjective', hint: "The person's own report", required: true },
      { key: 'objective', label: 'Objective', hint: 'What you observed and measured', required: true },
      { key: 'assessment', label: 'Assessment', hint: 'Your clinical impression', required: true },
      plan,
    ],
  },
};

/** Shared-part fields of a group note (`shared.<key>`): written once, copied into every member's chart. */
export const sharedFields: readonly TemplateField[] = [
  { key: 'topic', label: 'Topic', hint: "The group's topic today", required: true },
  { key: 'curriculumUnit', label: 'Curriculum unit', hint: 'The unit or module, if the group follows a curriculum', required: false },
];

/** Which templates a session kind may use: a group note is always the group template. */
export function templatesFor(kind: NoteKindId): NoteTemplateId[] {
  return kind === 'group' ? ['group'] : ['dap', 'birp', 'soap'];
}

/** Every field key any template uses; a part's content holds the keys of its template only. */
export const partFieldKeys = [
  'participation',
  'response',
  'data',
  'assessment',
  'plan',
  'behavior',
  'intervention',
  'subjective',
  'objective',
] as const;
export type PartFieldKey = (typeof partFieldKeys)[number];

export interface GoalProgress {
  goalId: string;
  text: string;
}

/** A part's content as stored: the template's field values and progress on the person's own plan goals. */
export type PartContent = Partial<Record<PartFieldKey, string>> & { goalProgress?: GoalProgress[] };

/** The shared part of a group note as stored. */
export interface SharedContent {
  topic?: string;
  curriculumUnit?: string;
  interventions?: string[];
}

/** The keys of `content` that `template` does not have (a DAP part has no `participation`). */
export function foreignKeys(template: NoteTemplateId, content: PartContent): PartFieldKey[] {
  const own = new Set<string>(noteTemplates[template].fields.map((f) => f.key));
  return partFieldKeys.filter((k) => content[k] !== undefined && !own.has(k));
}

/** The free-text fields of a part, with their paths inside the part, for the leak check. */
export function partTexts(template: NoteTemplateId, content: PartContent): { path: string; text: string }[] {
  const out = noteTemplates[template].fields.map((f) => ({ path: f.key, text: content[f.key as PartFieldKey] ?? '' }));
  (content.goalProgress ?? []).forEach((g, i) => out.push({ path: `goalProgress.${i}.text`, text: g.text }));
  return out;
}

/** The free-text fields of a group's shared part, with their paths inside it. */
export function sharedTexts(shared: SharedContent): { path: string; text: string }[] {
  const out = [
    { path: 'topic', text: shared.topic ?? '' },
    { path: 'curriculumUnit', text: shared.curriculumUnit ?? '' },
  ];
  (shared.interventions ?? []).forEach((t, i) => out.push({ path: `interventions.${i}`, text: t }));
  return out;
}
