import { Anchor, Badge, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import type { TaskStatus } from '@openiop/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { PlainList } from '../../ui/plain-list';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { useMyTasks } from './api';
import { ResolveTaskButton } from './safety-banner';

/** The signed-in person's worklist: urgent first, then by due time. */
export function MyTasksPage() {
  const can = useCan();
  const [status, setStatus] = useState<TaskStatus>('open');
  const tasks = useMyTasks(status);
  return (
    <>
      <PageHeader title="My tasks" />
      <SegmentedControl
        mb="md"
        value={status}
        onChange={(v) => setStatus(v as TaskStatus)}
        data={[
          { value: 'open', label: 'Open' },
          { value: 'resolved', label: 'Resolved' },
        ]}
        aria-label="Show tasks"
      />
      {tasks.isPending ? (
        <Loading label="Loading tasks" />
      ) : tasks.isError ? (
        <QueryError what="your tasks" error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : tasks.data.items.length === 0 ? (
        <Text c="dimmed">{status === 'open' ? 'Nothing open. ' : ''}No tasks to show.</Text>
      ) : (
        <PlainList gap="sm" aria-label="Tasks">
          {tasks.data.items.map((t) => (
            <Paper key={t.id} withBorder p="md" component="li">
              <Stack gap={6}>
                <Group gap="xs" wrap="wrap">
                  {t.priority === 'urgent' && <Badge color="red">Urgent</Badge>}
                  <Badge variant="light">{t.kind === 'safety' ? 'Safety' : t.kind}</Badge>
                  <Title order={2} size="h5">
                    <Anchor component={Link} to={`/patients/${t.patient.id}`}>
                      {t.patient.name}
                    </Anchor>{' '}
                    <Text span size="sm" c="dimmed">
                      {t.patient.mrn}
                    </Text>
                  </Title>
                </Group>
                <Text size="sm">{t.title}</Text>
                <Text size="sm" c="dimmed">
                  {t.status === 'open'
                    ? `Due ${formatDateTime(t.dueAt)}`
                    : `Resolved ${formatDateTime(t.resolvedAt)} by ${t.resolvedBy?.name ?? '—'}: ${t.resolutionNote ?? ''}`}
                </Text>
                {t.status === 'open' && (t.kind !== 'safety' || can('safety.resolve')) && (
                  <Group>
                    <ResolveTaskButton task={t} />
                  </Group>
                )}
              </Stack>
            </Paper>
          ))}
        </PlainList>
      )}
    </>
  );
}
