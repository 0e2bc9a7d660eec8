import { Anchor, Badge, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { worklistKinds, type WorklistKind } from '@openiop/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { PlainList } from '../../ui/plain-list';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { ResolveTaskButton } from '../tasks/safety-banner';
import { useWorklist } from './api';

export const worklistKindLabels: Record<WorklistKind, string> = {
  safety: 'Safety',
  measure_worsening: 'Score worsening',
  measure_missed: 'Measure missed',
  checkin_alert: 'Check-in alert',
  measure_due: 'Measure due',
  plan_review_due: 'Plan review due',
  plan_review_overdue: 'Plan review overdue',
  plan_unsigned: 'Plan unsigned',
  outreach: 'Outreach after a missed session',
  engagement_risk: 'Engagement risk',
  hours_warning: 'Hours below the floor',
  late_note: 'Late note',
  attendance_unrecorded: 'Attendance not recorded',
  drug_test_review: 'Drug test to review',
};

/** Everything due for the signed-in clinician, on one page: urgent first, then overdue, then by due time. */
export function WorklistPage() {
  const can = useCan();
  const [kind, setKind] = useState<WorklistKind | null>(null);
  const list = useWorklist(kind);
  return (
    <>
      <PageHeader title="Worklist" />
      <Group mb="md" align="flex-end" wrap="wrap">
        <Select
          label="Show"
          data={[{ value: '', label: 'Everything due' }, ...worklistKinds.map((k) => ({ value: k, label: worklistKindLabels[k] }))]}
          value={kind ?? ''}
          onChange={(v) => setKind(v ? (v as WorklistKind) : null)}
          allowDeselect={false}
          w={240}
        />
        {list.data && list.data.length > 0 && (
          <Text size="sm" c="dimmed" role="status">
            {list.data.length} due · {list.data.filter((i) => i.priority === 'urgent').length} urgent ·{' '}
            {list.data.filter((i) => i.overdue).length} overdue
          </Text>
        )}
      </Group>
      {list.isPending ? (
        <Loading label="Loading your worklist" />
      ) : list.isError ? (
        <QueryError what="your worklist" error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text c="dimmed">Nothing due{kind ? ` of this kind` : ''}.</Text>
      ) : (
        <PlainList gap="sm" aria-label="Worklist items">
          {list.data.map((i) => (
            <Paper key={`${i.kind}-${i.taskId ?? i.href}`} withBorder p="md" component="li">
              <Stack gap={6}>
                <Group gap="xs" wrap="wrap">
                  {i.priority === 'urgent' && <Badge color="red">Urgent</Badge>}
                  {i.overdue && (
                    <Badge color="orange" variant="light">
                      Overdue
                    </Badge>
                  )}
                  <Badge variant="light">{worklistKindLabels[i.kind]}</Badge>
                  <Title order={2} size="h5">
                    <Anchor component={Link} to={i.href}>
                      {i.patient.name}
                    </Anchor>{' '}
                    <Text span size="sm" c="dimmed">
                      {i.patient.mrn}
                    </Text>
                  </Title>
                </Group>
                <Text size="sm">{i.title}</Text>
                <Text size="sm" c="dimmed">
                  Due {formatDateTime(i.dueAt)}
                </Text>
                {i.taskId && (i.kind !== 'safety' || can('safety.resolve')) && (
                  <Group>
                    <ResolveTaskButton task={{ id: i.taskId, title: i.title }} />
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
