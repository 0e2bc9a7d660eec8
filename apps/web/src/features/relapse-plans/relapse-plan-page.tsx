import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { relapsePlanGaps } from '@openiop/core';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useApiClient } from '../../lib/api-context';
import { formatDateTime } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { fieldError, WriteError } from '../clinical/shared';
import { relapsePlanPdfUrl, useFinaliseRelapsePlan, useRelapsePlan, useSaveRelapsePlan } from './api';
import { RelapsePlanCard } from './relapse-plan-card';
import { fromForm, toForm, type Form, type ListKey, type TriggerKey } from './plan-form';

const triggerLabels: Record<TriggerKey, string> = { people: 'People', places: 'Places', feelings: 'Feelings', times: 'Times' };
const listLabels: Record<ListKey, string> = {
  warningSigns: 'Early warning signs',
  copingStrategies: 'Coping strategies that work for me',
  afterLapse: 'What I will do after a lapse',
  reasons: 'My reasons for recovery',
};

/** One version of the plan: a draft is edited with the person; a finalised version is read-only. */
export function RelapsePlanPage() {
  const { patientId = '', planId = '' } = useParams();
  const can = useCan();
  const client = useApiClient();
  const plan = useRelapsePlan(patientId, planId);
  const save = useSaveRelapsePlan(patientId, planId);
  const finalise = useFinaliseRelapsePlan(patientId, planId);
  const [form, setForm] = useState<Form | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (plan.data && !form) setForm(toForm(plan.data.data.content));
  }, [plan.data, form]);
  const back = { to: `/patients/${patientId}`, label: 'Patient chart' };
  if (plan.isPending) return <Loading label="Loading the plan" />;
  if (plan.isError)
    return (
      <>
        <PageHeader title="Relapse-prevention plan" back={back} />
        <QueryError what="the plan" error={plan.error} onRetry={() => void plan.refetch()} />
      </>
    );
  const p = plan.data.data;
  const pdf = relapsePlanPdfUrl(client, patientId, p.id);
  if (p.status === 'final' || !can('relapse_plan.write') || !form)
    return (
      <>
        <PageHeader title={`Relapse-prevention plan, version ${p.number}`} back={back} />
        <Group mb="md" gap="sm">
          <Badge variant="outline">{p.status === 'final' ? `Finalised ${formatDateTime(p.finalisedAt)}` : 'Draft'}</Badge>
          <Anchor href={pdf} target="_blank">
            Wallet card PDF
          </Anchor>
        </Group>
        <RelapsePlanCard plan={{ number: p.number, finalisedAt: p.finalisedAt ?? p.updatedAt, content: p.content }} />
      </>
    );
  const content = fromForm(form);
  const gaps = relapsePlanGaps(content);
  const etag = plan.data.etag;
  const onSave = (then?: () => void) =>
    save.mutate(
      { content, etag },
      {
        onSuccess: () => {
          setSaved(true);
          then?.();
        },
      },
    );
  return (
    <>
      <PageHeader title={`Relapse-prevention plan, version ${p.number} (draft)`} back={back} />
      <Stack
        gap="md"
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          onSave();
        }}
        maw={720}
      >
        <Text c="dimmed" size="sm">
          Write it with the person, in their words. One entry a line.
        </Text>
        <Paper withBorder p="md" component="fieldset">
          <Title order={2} size="h4" mb="sm" component="legend">
            Triggers
          </Title>
          <Stack gap="sm">
            {(Object.keys(triggerLabels) as TriggerKey[]).map((k) => (
              <Textarea
                key={k}
                label={triggerLabels[k]}
                autosize
                minRows={2}
                value={form.triggers[k]}
                onChange={(e) => setForm({ ...form, triggers: { ...form.triggers, [k]: e.currentTarget.value } })}
              />
            ))}
          </Stack>
        </Paper>
        {(['warningSigns', 'copingStrategies'] as ListKey[]).map((k) => (
          <Textarea
            key={k}
            label={listLabels[k]}
            autosize
            minRows={2}
            value={form.lists[k]}
            error={fieldError(save.error, `content.${k}`)}
            onChange={(e) => setForm({ ...form, lists: { ...form.lists, [k]: e.currentTarget.value } })}
          />
        ))}
        <Paper withBorder p="md" component="fieldset">
          <Title order={2} size="h4" mb="sm" component="legend">
            People to call
          </Title>
          <Stack gap="sm">
            {form.contacts.map((c, i) => {
              const setC = (patch: Partial<Form['contacts'][number]>) =>
                setForm({ ...form, contacts: form.contacts.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
              return (
                <Group key={i} grow wrap="wrap" align="flex-start">
                  <TextInput
                    label={`Name ${i + 1}`}
                    value={c.name}
                    onChange={(e) => setC({ name: e.currentTarget.value })}
                    style={{ minWidth: 140 }}
                  />
                  <TextInput
                    label={`Relationship ${i + 1}`}
                    value={c.relationship}
                    onChange={(e) => setC({ relationship: e.currentTarget.value })}
                    style={{ minWidth: 120 }}
                  />
                  <TextInput
                    label={`Phone ${i + 1}`}
                    type="tel"
                    value={c.phone}
                    error={fieldError(save.error, `content.contacts.${i}`)}
                    onChange={(e) => setC({ phone: e.currentTarget.value })}
                    style={{ minWidth: 140 }}
                  />
                </Group>
              );
            })}
            <Button
              variant="light"
              size="xs"
              style={{ alignSelf: 'flex-start' }}
              onClick={() => setForm({ ...form, contacts: [...form.contacts, { name: '', relationship: '', phone: '' }] })}
              disabled={form.contacts.length >= 10}
            >
              Add a person
            </Button>
          </Stack>
        </Paper>
        {(['afterLapse', 'reasons'] as ListKey[]).map((k) => (
          <Textarea
            key={k}
            label={listLabels[k]}
            autosize
            minRows={2}
            value={form.lists[k]}
            onChange={(e) => setForm({ ...form, lists: { ...form.lists, [k]: e.currentTarget.value } })}
          />
        ))}
        <WriteError error={save.error ?? finalise.error} shown={['content.contacts', 'content.warningSigns', 'content.copingStrategies']} />
        {saved && !save.isPending && !save.error && (
          <Text size="sm" role="status">
            Saved.
          </Text>
        )}
        {gaps.length > 0 && (
          <Alert color="yellow" variant="light" title="Before it can be finalised">
            {gaps.map((g) => (
              <div key={g.path}>{g.message}</div>
            ))}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save draft
          </Button>
          <Button
            variant="filled"
            color="green"
            disabled={gaps.length > 0}
            loading={finalise.isPending}
            onClick={() =>
              save.mutate({ content, etag }, { onSuccess: (r) => finalise.mutate(r.etag, { onSuccess: () => setForm(null) }) })
            }
          >
            Finalise
          </Button>
          <Anchor href={pdf} target="_blank">
            Preview wallet card
          </Anchor>
        </Group>
      </Stack>
    </>
  );
}
