import { Anchor, Badge, Button, Group, Paper, Text, Title, VisuallyHidden } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';
import { formatDateTime } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { PlainList } from '../../ui/plain-list';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { Section, WriteError } from '../clinical/shared';
import { relapsePlanPdfUrl, useRelapsePlans, useStartRelapsePlan } from './api';

/** The chart's relapse-prevention plan: every version, the current one marked, a wallet-size PDF of each. */
export function RelapsePlanSection({ patientId }: { patientId: string }) {
  const can = useCan();
  const client = useApiClient();
  const navigate = useNavigate();
  const plans = useRelapsePlans(patientId, can('relapse_plan.read'));
  const start = useStartRelapsePlan(patientId);
  if (!can('relapse_plan.read')) return null;
  if (plans.isError && isApiError(plans.error) && plans.error.status === 403) return null;
  const draft = plans.data?.items.find((p) => p.status === 'draft');
  const base = `/patients/${patientId}/relapse-plans`;
  return (
    <Section
      title="Relapse-prevention plan"
      id="relapse-plan-heading"
      actions={
        can('relapse_plan.write') &&
        plans.data &&
        (draft ? (
          <Button component={Link} to={`${base}/${draft.id}`} size="sm">
            Continue the draft
          </Button>
        ) : (
          <Button
            size="sm"
            loading={start.isPending}
            onClick={() => start.mutate(undefined, { onSuccess: (r) => void navigate(`${base}/${r.data.id}`) })}
          >
            {plans.data.currentId ? 'Start a new version' : 'Write a plan'}
          </Button>
        ))
      }
    >
      <WriteError error={start.error} />
      {plans.isPending ? (
        <Loading label="Loading relapse-prevention plans" py="md" />
      ) : plans.isError ? (
        <QueryError what="relapse-prevention plans" error={plans.error} onRetry={() => void plans.refetch()} />
      ) : plans.data.items.length === 0 ? (
        <Text c="dimmed">No relapse-prevention plan yet.</Text>
      ) : (
        <PlainList gap="sm" aria-label="Plan versions">
          {plans.data.items.map((p) => (
            <Paper key={p.id} withBorder p="sm" radius="sm" component="li">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Title order={3} size="h5">
                  <Anchor component={Link} to={`${base}/${p.id}`}>
                    Version {p.number}
                  </Anchor>
                </Title>
                <Group gap={4}>
                  {p.id === plans.data.currentId && <Badge color="green">Current</Badge>}
                  <Badge variant="outline" color={p.status === 'final' ? 'gray' : 'yellow'}>
                    {p.status === 'final' ? 'Finalised' : 'Draft'}
                  </Badge>
                </Group>
              </Group>
              <Text size="sm" c="dimmed">
                {p.finalisedAt
                  ? `Finalised ${formatDateTime(p.finalisedAt)} by ${p.finalisedBy?.name ?? '—'}`
                  : `Started ${formatDateTime(p.createdAt)} by ${p.createdBy.name}`}
              </Text>
              <Anchor href={relapsePlanPdfUrl(client, patientId, p.id)} target="_blank" size="sm">
                Wallet card PDF<VisuallyHidden> of version {p.number}</VisuallyHidden>
              </Anchor>
            </Paper>
          ))}
        </PlainList>
      )}
    </Section>
  );
}
