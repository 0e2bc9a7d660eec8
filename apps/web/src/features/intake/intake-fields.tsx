import { Checkbox, Radio, Select, Stack, Group, Textarea, TextInput } from '@mantine/core';
import type { IntakeDocument, IntakeSection } from '@openiop/core';

type Kind = 'text' | 'textarea' | 'yesno' | 'checkbox' | { options: { value: string; label: string }[] };
interface FieldSpec {
  key: string;
  label: string;
  kind: Kind;
  description?: string;
}

/** The non-table sections of the intake form as data: one place lists every field and its label. */
export const sectionFields: Partial<Record<IntakeSection, FieldSpec[]>> = {
  presentingProblem: [
    { key: 'reasonForSeeking', label: 'Reason for seeking help now', kind: 'textarea' },
    { key: 'ownGoals', label: "The person's own goals, in their words", kind: 'textarea' },
  ],
  priorTreatment: [
    { key: 'any', label: 'Any prior substance use or mental health treatment?', kind: 'yesno' },
    { key: 'details', label: 'Where, when, and how it went', kind: 'textarea' },
  ],
  mentalHealth: [
    { key: 'history', label: 'Mental health history and diagnoses', kind: 'textarea' },
    { key: 'currentSymptoms', label: 'Current symptoms', kind: 'textarea' },
  ],
  medical: [
    { key: 'conditions', label: 'Medical conditions', kind: 'textarea', description: 'Write "none known" if there are none.' },
    { key: 'primaryCare', label: 'Primary care provider', kind: 'text' },
  ],
  medications: [
    { key: 'none', label: 'Takes no medications', kind: 'checkbox' },
    { key: 'list', label: 'Current medications and doses', kind: 'textarea' },
  ],
  allergies: [
    { key: 'none', label: 'No known allergies', kind: 'checkbox' },
    { key: 'list', label: 'Allergies and reactions', kind: 'textarea' },
  ],
  legal: [
    { key: 'involvement', label: 'Current legal involvement (court, probation, pending charges)?', kind: 'yesno' },
    { key: 'details', label: 'Legal details', kind: 'textarea' },
  ],
  employmentEducation: [
    { key: 'status', label: 'Employment or education status', kind: 'text' },
    { key: 'details', label: 'Details (schedule, stressors, supports at work or school)', kind: 'textarea' },
  ],
  familySocial: [
    { key: 'supports', label: 'Family and social supports', kind: 'textarea' },
    { key: 'relationships', label: 'Relationships that help or hinder recovery', kind: 'textarea' },
  ],
  housing: [
    {
      key: 'situation',
      label: 'Housing situation',
      kind: {
        options: [
          { value: 'stable', label: 'Stable housing' },
          { value: 'unstable', label: 'Unstable or temporary' },
          { value: 'homeless', label: 'Without housing' },
          { value: 'recovery_housing', label: 'Recovery housing' },
          { value: 'institution', label: 'Institution or facility' },
        ],
      },
    },
    { key: 'details', label: 'Housing details (safety, substance use at home)', kind: 'textarea' },
  ],
  trauma: [
    {
      key: 'discussed',
      label: 'Trauma history',
      description: 'Ask briefly and only as far as the person wishes; declining is a complete answer.',
      kind: {
        options: [
          { value: 'yes', label: 'Discussed' },
          { value: 'no', label: 'No trauma reported' },
          { value: 'declined', label: 'Person preferred not to discuss' },
        ],
      },
    },
    { key: 'notes', label: 'Brief notes (what matters for care, not details of events)', kind: 'textarea' },
  ],
  strengths: [{ key: 'strengths', label: 'Strengths and resources', kind: 'textarea' }],
  summary: [{ key: 'clinicianSummary', label: 'Clinician summary and impressions', kind: 'textarea' }],
};

type SectionValues = Record<string, string | boolean | null | undefined>;

/** The inputs of one section, bound to its slice of the document. */
export function SectionFields(props: {
  section: IntakeSection;
  doc: IntakeDocument;
  readOnly: boolean;
  errors: Record<string, string>;
  onChange: (field: string, value: string | boolean | null) => void;
}) {
  const values = (props.doc[props.section] ?? {}) as SectionValues;
  const fields = sectionFields[props.section] ?? [];
  return (
    <Stack gap="sm">
      {fields.map((f) => {
        const id = `${props.section}-${f.key}`;
        const error = props.errors[`document.${props.section}.${f.key}`];
        const value = values[f.key];
        const common = { id, label: f.label, description: f.description, error, readOnly: props.readOnly };
        if (f.kind === 'checkbox')
          return (
            <Checkbox
              key={f.key}
              id={id}
              label={f.label}
              checked={value === true}
              disabled={props.readOnly}
              onChange={(e) => props.onChange(f.key, e.currentTarget.checked)}
            />
          );
        if (f.kind === 'yesno' || typeof f.kind === 'object') {
          const options =
            f.kind === 'yesno'
              ? [
                  { value: 'yes', label: 'Yes' },
                  { value: 'no', label: 'No' },
                ]
              : f.kind.options;
          if (options.length <= 3)
            return (
              <Radio.Group
                key={f.key}
                id={id}
                label={f.label}
                description={f.description}
                error={error}
                value={typeof value === 'string' ? value : null}
                onChange={(v) => props.onChange(f.key, v)}
              >
                <Group gap="md" mt={4}>
                  {options.map((o) => (
                    <Radio key={o.value} value={o.value} label={o.label} disabled={props.readOnly} />
                  ))}
                </Group>
              </Radio.Group>
            );
          return (
            <Select
              key={f.key}
              {...common}
              data={options}
              clearable={!props.readOnly}
              value={typeof value === 'string' ? value : null}
              onChange={(v) => props.onChange(f.key, v)}
            />
          );
        }
        if (f.kind === 'text')
          return (
            <TextInput
              key={f.key}
              {...common}
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => props.onChange(f.key, e.currentTarget.value)}
            />
          );
        return (
          <Textarea
            key={f.key}
            {...common}
            autosize
            minRows={2}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => props.onChange(f.key, e.currentTarget.value)}
          />
        );
      })}
    </Stack>
  );
}
