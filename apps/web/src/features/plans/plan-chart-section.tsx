import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api-client';
import { Loading } from '../../ui/loading';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { useCreatePlan, usePlanPdfUrl, usePlans, useProgress, usePlanVersion } from './api';
import { ReviewBadge, reviewText, VersionStatusBadge } from './labels';
import { ProgressTimeline, targetNames } from './progress-timeline';
import type { PlanSummary } from '@openiop/core';

function PlanCard({ patientId, plan }: { patientId: string; plan: PlanSummary }) {
  const base = `/patients/${patientId}/plans/${plan.id}`;
  const pdf = usePlanPdfUrl(patientId, plan.id, plan.signedVersion ?? plan.currentVersion);
  const progress = useProgress(patientId, plan.id);
  const version = usePlanVersion(patientId, plan.id, plan.currentVersion);
  const overdue = plan.review.status === 'overdue';
  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="wrap">
        <Anchor component={Link} to={base} fw={600}>
          Version {plan.currentVersion}
        </Anchor>
        <VersionStatusBadge status={plan.currentStatus} />
        <ReviewBadge review={plan.review} />
      </Group>
      {overdue && (
        <Text c="red.8" fw={600}>
          {reviewText(plan.review)}
        </Text>
      )}
      <Group gap="md" wrap="wrap">
        <Anchor component={Link} to={base} size="sm">
          Open the plan
        </Anchor>
        <Anchor component={Link} to={`${base}#versions-heading`} size="sm">
          Versions ({plan.versions.length})
        </Anchor>
        {plan.versions.length > 1 && (
          <Anchor component={Link} to={`${base}#diff-heading`} size="sm">
            Compare versions
          </Anchor>
        )}
        <Anchor href={pdf} target="_blank" size="sm">
          PDF of version {plan.signedVersion ?? plan.currentVersion}
        </Anchor>
      </Group>
      <Title order={3} size="h6">
        Goal progress
      </Title>
      {progress.isPending || version.isPending ? (
        <Loading label="Loading goal progress" />
      ) : progress.isError ? (
        <QueryError what="goal progress" error={progress.error} onRetry={() => void progress.refetch()} />
      ) : (
        <ProgressTimeline items={progress.data.slice(-5)} names={version.data ? targetNames(version.data.data.content) : new Map()} />
      )}
    </Stack>
  );
}

/** The chart's "Treatment plan" section: the current plan's version, status, review due date, links and progress. */
export function PlanChartSection({ patientId }: { patientId: string }) {
  const can = useCan();
  const plans = usePlans(patientId, can('plan.read'));
  const create = useCreatePlan(patientId);
  if (!can('plan.read')) return null;
  if (plans.isError && isApiError(plans.error) && plans.error.status === 403) return null;
  const current = plans.data?.[0];
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} mb="lg" component="section" aria-labelledby="plan-heading">
      <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
        <Title order={2} size="h4" id="plan-heading">
          Treatment plan
        </Title>
        {can('plan.write') && plans.data && !current && (
          <Button size="sm" onClick={() => create.mutate()} loading={create.isPending}>
            Start treatment plan
          </Button>
        )}
      </Group>
      {create.error && (
        <Alert color="red" mb="sm" role="alert">
          {errorMessage(create.error)}
        </Alert>
      )}
      {plans.isPending ? (
        <Loading label="Loading treatment plan" />
      ) : plans.isError ? (
        <QueryError what="the treatment plan" error={plans.error} onRetry={() => void plans.refetch()} />
      ) : !current ? (
        <Text c="dimmed">No treatment plan yet. A plan starts from the intake's problems and belongs to the current episode.</Text>
      ) : (
        <PlanCard patientId={patientId} plan={current} />
      )}
    </Paper>
  );
}
