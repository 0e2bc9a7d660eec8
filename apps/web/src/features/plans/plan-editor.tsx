import { ActionIcon, Alert, Button, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import {
  delivererRoles,
  type DelivererRole,
  type InterventionView,
  type PlanContent,
  type PlanGoal,
  type PlanProblem,
} from '@openiop/core';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api-client';
import { useStaff } from '../reference/api';
import { useSaveDraft } from './api';
import { delivererRoleLabels } from './labels';

const newId = (): string => crypto.randomUUID();

type Errors = Record<string, string>;
const errorsOf = (e: unknown): Errors =>
  isApiError(e) ? Object.fromEntries(e.errors.map((x) => [x.path.replace(/^content\./, ''), x.message])) : {};

function Remove({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="subtle" color="red" onClick={onClick} aria-label={label} title={label}>
      <span aria-hidden="true">✕</span>
    </ActionIcon>
  );
}

/**
 * The draft editor: problems, goals in the person's own words, measurable objectives with target dates, and the
 * interventions that support each goal. Saves the whole content with the version's ETag; the api's field paths
 * (`problems.0.goals.1.objectives.0.targetDate`) land beside the inputs they name.
 */
export function PlanEditor(props: {
  patientId: string;
  planId: string;
  number: number;
  content: PlanContent;
  etag: string | null;
  catalogue: InterventionView[];
  readiness: { path: string; message: string }[];
}) {
  const [draft, setDraft] = useState<PlanContent>(props.content);
  const [dirty, setDirty] = useState(false);
  const save = useSaveDraft(props.patientId, props.planId, props.number);
  const errors: Errors = { ...Object.fromEntries(props.readiness.map((r) => [r.path, r.message])), ...errorsOf(save.error) };
  const active = props.catalogue.filter((c) => c.active);
  const staff = useStaff();

  const update = (fn: (d: PlanContent) => void) => {
    const next = structuredClone(draft);
    fn(next);
    setDraft(next);
    setDirty(true);
  };
  const problemAt = (d: PlanContent, i: number): PlanProblem => d.problems[i] as PlanProblem;
  const goalAt = (d: PlanContent, i: number, j: number): PlanGoal => problemAt(d, i).goals[j] as PlanGoal;

  const onSave = () =>
    save.mutate(
      { content: draft, etag: props.etag },
      {
        onSuccess: () => setDirty(false),
      },
    );

  return (
    <Stack gap="md">
      {draft.problems.map((p, i) => (
        <Paper
          key={p.id}
          withBorder
          p="md"
          radius="sm"
          component="fieldset"
          aria-labelledby={`problem-${p.id}-title`}
          style={{ border: '1px solid var(--mantine-color-gray-3)' }}
        >
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            {/* A legend must be the fieldset's first child; the title sits beside its remove button, so it names the group by id. */}
            <Title order={3} size="h5" id={`problem-${p.id}-title`}>
              Problem {i + 1}
              {p.source === 'dimension' ? ` (dimension ${p.dimension})` : p.source === 'diagnosis' ? ' (diagnosis)' : ''}
            </Title>
            <Remove label={`Remove problem ${i + 1}`} onClick={() => update((d) => void d.problems.splice(i, 1))} />
          </Group>
          <Textarea
            label="Problem statement"
            autosize
            minRows={1}
            value={p.statement}
            error={errors[`problems.${i}.statement`]}
            onChange={(e) => {
              const v = e.currentTarget.value;
              update((d) => void (problemAt(d, i).statement = v));
            }}
          />
          {errors[`problems.${i}.goals`] && (
            <Text c="red.8" size="sm" mt={4}>
              {errors[`problems.${i}.goals`]}
            </Text>
          )}
          {p.goals.map((g, j) => (
            <Paper key={g.id} withBorder p="sm" mt="sm" radius="sm" bg="gray.0">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Textarea
                  style={{ flex: 1 }}
                  label={`Goal ${i + 1}.${j + 1}, in the person's own words`}
                  autosize
                  minRows={1}
                  value={g.text}
                  error={errors[`problems.${i}.goals.${j}.text`]}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    update((d) => void (goalAt(d, i, j).text = v));
                  }}
                />
                <Remove label={`Remove goal ${i + 1}.${j + 1}`} onClick={() => update((d) => void problemAt(d, i).goals.splice(j, 1))} />
              </Group>
              <Text size="sm" fw={600} mt="sm">
                Objectives
              </Text>
              {errors[`problems.${i}.goals.${j}.objectives`] && (
                <Text c="red.8" size="sm">
                  {errors[`problems.${i}.goals.${j}.objectives`]}
                </Text>
              )}
              {g.objectives.map((o, k) => (
                <Group key={o.id} align="flex-start" gap="xs" mt={4} wrap="wrap">
                  <TextInput
                    style={{ flex: '1 1 14rem' }}
                    label={`Objective ${k + 1} (measurable)`}
                    value={o.text}
                    error={errors[`problems.${i}.goals.${j}.objectives.${k}.text`]}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      update((d) => void ((goalAt(d, i, j).objectives[k] as { text: string }).text = v));
                    }}
                  />
                  <TextInput
                    type="date"
                    label="Target date"
                    w={170}
                    value={o.targetDate ?? ''}
                    error={errors[`problems.${i}.goals.${j}.objectives.${k}.targetDate`]}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      update(
                        (d) => void ((goalAt(d, i, j).objectives[k] as { targetDate: string | null }).targetDate = v === '' ? null : v),
                      );
                    }}
                  />
                  <Group mt={24}>
                    <Remove
                      label={`Remove objective ${k + 1}`}
                      onClick={() => update((d) => void goalAt(d, i, j).objectives.splice(k, 1))}
                    />
                  </Group>
                </Group>
              ))}
              <Button
                variant="subtle"
                size="xs"
                mt={4}
                onClick={() => update((d) => void goalAt(d, i, j).objectives.push({ id: newId(), text: '', targetDate: null }))}
              >
                Add objective
              </Button>
              <Text size="sm" fw={600} mt="sm">
                Interventions
              </Text>
              {g.interventions.map((iv, k) => (
                <Group key={iv.id} align="flex-start" gap="xs" mt={4} wrap="wrap">
                  <NativeSelect
                    style={{ flex: '1 1 14rem' }}
                    label="Intervention"
                    value={iv.interventionId}
                    error={errors[`problems.${i}.goals.${j}.interventions.${k}.interventionId`]}
                    data={[
                      ...(active.some((c) => c.id === iv.interventionId)
                        ? []
                        : [{ value: iv.interventionId, label: `${iv.name} (retired)` }]),
                      ...active.map((c) => ({ value: c.id, label: c.name })),
                    ]}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      const c = active.find((x) => x.id === v);
                      update((d) => {
                        const t = goalAt(d, i, j).interventions[k];
                        if (!t) return;
                        t.interventionId = v;
                        if (c) {
                          t.name = c.name;
                          t.delivererRole = c.defaultDelivererRole;
                          t.frequency = c.defaultFrequency;
                        }
                      });
                    }}
                  />
                  <NativeSelect
                    label="Delivered by"
                    w={200}
                    value={iv.delivererRole}
                    data={delivererRoles.map((r) => ({ value: r, label: delivererRoleLabels[r] }))}
                    onChange={(e) => {
                      const v = e.currentTarget.value as DelivererRole;
                      update((d) => {
                        const t = goalAt(d, i, j).interventions[k];
                        if (t) t.delivererRole = v;
                      });
                    }}
                  />
                  <NativeSelect
                    label="Named staff member (optional)"
                    w={220}
                    value={iv.delivererUserId ?? ''}
                    error={errors[`problems.${i}.goals.${j}.interventions.${k}.delivererUserId`]}
                    data={[
                      { value: '', label: 'Anyone in that role' },
                      ...(staff.data ?? [])
                        .filter((m) => m.roles.includes(iv.delivererRole) || m.id === iv.delivererUserId)
                        .map((m) => ({ value: m.id, label: m.name })),
                    ]}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      const m = staff.data?.find((x) => x.id === v);
                      update((d) => {
                        const t = goalAt(d, i, j).interventions[k];
                        if (!t) return;
                        t.delivererUserId = v === '' ? null : v;
                        t.delivererName = m?.name ?? null;
                      });
                    }}
                  />
                  <TextInput
                    label="How often"
                    w={170}
                    value={iv.frequency}
                    error={errors[`problems.${i}.goals.${j}.interventions.${k}.frequency`]}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      update((d) => {
                        const t = goalAt(d, i, j).interventions[k];
                        if (t) t.frequency = v;
                      });
                    }}
                  />
                  <Group mt={24}>
                    <Remove
                      label={`Remove intervention ${k + 1}`}
                      onClick={() => update((d) => void goalAt(d, i, j).interventions.splice(k, 1))}
                    />
                  </Group>
                </Group>
              ))}
              {active[0] && (
                <Button
                  variant="subtle"
                  size="xs"
                  mt={4}
                  onClick={() => {
                    const c = active[0] as InterventionView;
                    update(
                      (d) =>
                        void goalAt(d, i, j).interventions.push({
                          id: newId(),
                          interventionId: c.id,
                          name: c.name,
                          delivererRole: c.defaultDelivererRole,
                          delivererUserId: null,
                          delivererName: null,
                          frequency: c.defaultFrequency,
                        }),
                    );
                  }}
                >
                  Add intervention
                </Button>
              )}
            </Paper>
          ))}
          <Button
            variant="light"
            size="xs"
            mt="sm"
            onClick={() => update((d) => void problemAt(d, i).goals.push({ id: newId(), text: '', objectives: [], interventions: [] }))}
          >
            Add goal
          </Button>
        </Paper>
      ))}
      <Group>
        <Button
          variant="default"
          onClick={() =>
            update(
              (d) => void d.problems.push({ id: newId(), source: 'other', dimension: null, diagnosisId: null, statement: '', goals: [] }),
            )
          }
        >
          Add problem
        </Button>
      </Group>
      {save.error && (
        <Alert color="red" role="alert" title="Not saved">
          {errorMessage(save.error)}
        </Alert>
      )}
      <Group>
        <Button onClick={onSave} loading={save.isPending} disabled={!dirty}>
          Save draft
        </Button>
        {dirty ? (
          <Text size="sm" c="dimmed">
            Unsaved changes
          </Text>
        ) : (
          save.isSuccess && (
            <Text size="sm" role="status">
              Saved
            </Text>
          )
        )}
      </Group>
    </Stack>
  );
}
