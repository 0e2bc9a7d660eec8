import { Badge, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { DiagnosisView } from '@openiop/core';
import { useState } from 'react';
import { formatDate, formatDateTime } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { PlainList } from '../../ui/plain-list';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { useAddDiagnosis, useDiagnosisAction, useDiagnoses, useIcd10Search } from './api';
import { fieldError, is403, Section, WriteError } from './shared';

const categoryLabels: Record<DiagnosisView['category'], string> = {
  substance_use: 'Substance use',
  mental_health: 'Co-occurring mental health',
  medical: 'Medical',
  other: 'Other',
};
const statusLabels: Record<DiagnosisView['status'], string> = {
  active: 'Active',
  resolved: 'Resolved',
  entered_in_error: 'Entered in error',
};

function AddDiagnosis({ patientId, onDone }: { patientId: string; onDone: () => void }) {
  const [q, setQ] = useState('');
  const [code, setCode] = useState('');
  const [description, setDescription] = useState('');
  const [isPrimary, setPrimary] = useState(false);
  const search = useIcd10Search(q);
  const add = useAddDiagnosis(patientId);
  return (
    <Paper
      withBorder
      p="md"
      mb="md"
      component="form"
      aria-label="Add a diagnosis"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ code, description: description || null, isPrimary }, { onSuccess: onDone });
      }}
    >
      <Stack gap="sm">
        <TextInput
          label="Find a code"
          description="By code (F11.2) or words (opioid remission, PTSD)"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        {search.data && search.data.length > 0 && (
          <PlainList gap={4} aria-label="Matching codes">
            {search.data.map((r) => (
              <li key={r.code}>
                <UnstyledButton
                  type="button"
                  onClick={() => {
                    setCode(r.code);
                    setDescription(r.description);
                  }}
                  style={{ textDecoration: 'underline' }}
                >
                  <Text span fw={600}>
                    {r.code}
                  </Text>{' '}
                  {r.description}
                </UnstyledButton>
              </li>
            ))}
          </PlainList>
        )}
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            label="ICD-10-CM code"
            required
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={fieldError(add.error, 'code')}
            style={{ minWidth: 140 }}
          />
          <TextInput
            label="Description"
            description="Filled from the list; required for other codes"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={fieldError(add.error, 'description')}
            style={{ minWidth: 220 }}
          />
        </Group>
        <Checkbox label="Primary diagnosis" checked={isPrimary} onChange={(e) => setPrimary(e.currentTarget.checked)} />
        <WriteError error={add.error} shown={['code', 'description']} />
        <Group>
          <Button type="submit" loading={add.isPending}>
            Add diagnosis
          </Button>
          <Button type="button" variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The problem list: active diagnoses first (primary on top), then resolved, then entered in error (struck through). */
export function ProblemListSection({ patientId }: { patientId: string }) {
  const can = useCan();
  const list = useDiagnoses(patientId, can('diagnosis.read'));
  const act = useDiagnosisAction(patientId);
  const [adding, setAdding] = useState(false);
  if (!can('diagnosis.read') || is403(list.error)) return null;
  const write = can('diagnosis.write');
  return (
    <Section
      title="Problem list"
      id="problem-list-heading"
      actions={
        write &&
        !adding && (
          <Button size="sm" onClick={() => setAdding(true)}>
            Add diagnosis
          </Button>
        )
      }
    >
      {adding && <AddDiagnosis patientId={patientId} onDone={() => setAdding(false)} />}
      {act.error ? <WriteError error={act.error} /> : null}
      {list.isPending ? (
        <Loading label="Loading the problem list" py="md" />
      ) : list.isError ? (
        <QueryError what="the problem list" error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text c="dimmed">No diagnoses recorded.</Text>
      ) : (
        <PlainList gap="sm" aria-label="Diagnoses">
          {list.data.map((d) => (
            <Paper key={d.id} withBorder p="sm" radius="sm" component="li">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Title order={3} size="h5" td={d.status === 'entered_in_error' ? 'line-through' : undefined}>
                  {d.code} · {d.description}
                </Title>
                <Group gap={4}>
                  {d.isPrimary && <Badge color="blue">Primary</Badge>}
                  <Badge variant="light" color="gray">
                    {categoryLabels[d.category]}
                  </Badge>
                  {d.status !== 'active' && (
                    <Badge variant="outline" color={d.status === 'resolved' ? 'green' : 'red'}>
                      {statusLabels[d.status]}
                    </Badge>
                  )}
                </Group>
              </Group>
              <Text size="sm" c="dimmed">
                Recorded {formatDateTime(d.recordedAt)} by {d.recordedBy.name}
                {d.onsetDate ? ` · onset ${formatDate(d.onsetDate)}` : ''}
                {d.resolvedAt && d.status === 'resolved' ? ` · resolved ${formatDateTime(d.resolvedAt)}` : ''}
              </Text>
              {write && d.status !== 'entered_in_error' && (
                <Group gap="xs" mt="xs">
                  {d.status === 'active' && !d.isPrimary && (
                    <Button size="xs" variant="light" onClick={() => act.mutate({ id: d.id, version: d.version, action: 'primary' })}>
                      Make primary<VisuallyHidden> {d.code}</VisuallyHidden>
                    </Button>
                  )}
                  {d.status === 'active' ? (
                    <Button size="xs" variant="default" onClick={() => act.mutate({ id: d.id, version: d.version, action: 'resolved' })}>
                      Resolve<VisuallyHidden> {d.code}</VisuallyHidden>
                    </Button>
                  ) : (
                    <Button size="xs" variant="default" onClick={() => act.mutate({ id: d.id, version: d.version, action: 'active' })}>
                      Reactivate<VisuallyHidden> {d.code}</VisuallyHidden>
                    </Button>
                  )}
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => act.mutate({ id: d.id, version: d.version, action: 'entered_in_error' })}
                  >
                    Entered in error<VisuallyHidden> {d.code}</VisuallyHidden>
                  </Button>
                </Group>
              )}
            </Paper>
          ))}
        </PlainList>
      )}
    </Section>
  );
}
