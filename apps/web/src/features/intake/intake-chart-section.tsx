import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { levelOfCareLabels } from '@openiop/core';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { PlainList } from '../../ui/plain-list';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { useEpisodes } from '../patients/api';
import { useAssessments, useIntakes, useStartAssessment, useStartIntake } from './api';

export const intakePath = (patientId: string, id: string) => `/patients/${patientId}/intakes/${id}`;
export const assessmentPath = (patientId: string, id: string) => `/patients/${patientId}/assessments/${id}`;

function StatusBadge({ done, doneLabel }: { done: boolean; doneLabel: string }) {
  return (
    <Badge color={done ? 'green' : 'yellow'} variant="light" radius="sm">
      {done ? doneLabel : 'Draft'}
    </Badge>
  );
}

/**
 * The chart's "Intake and placement" section: the biopsychosocial intakes and the dimensional assessments
 * (placement history), each linking to its page, with buttons to start a new one for those who may write.
 */
export function IntakeChartSection({ patientId }: { patientId: string }) {
  const can = useCan();
  const readIntakes = can('intake.read');
  const readAssessments = can('assessment.read');
  const intakes = useIntakes(patientId, readIntakes);
  const assessments = useAssessments(patientId, readAssessments);
  const episodes = useEpisodes(patientId);
  const startIntake = useStartIntake(patientId);
  const startAssessment = useStartAssessment(patientId);
  const navigate = useNavigate();
  if (!readIntakes && !readAssessments) return null;
  const openEpisode = episodes.data?.find((e) => e.status !== 'discharged')?.id ?? null;

  const start = async (kind: 'intake' | 'assessment') => {
    try {
      if (kind === 'intake') void navigate(intakePath(patientId, (await startIntake.mutateAsync(openEpisode)).id));
      else void navigate(assessmentPath(patientId, (await startAssessment.mutateAsync(openEpisode)).id));
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(e) });
    }
  };

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} mb="lg" component="section" aria-labelledby="intake-heading">
      <Title order={2} size="h4" id="intake-heading" mb="md">
        Intake and placement
      </Title>
      <Stack gap="lg">
        {readIntakes && (
          <div>
            <Group justify="space-between" mb="xs" wrap="wrap">
              <Title order={3} size="h5">
                Biopsychosocial intake
              </Title>
              {can('intake.write') && (
                <Button size="xs" variant="light" loading={startIntake.isPending} onClick={() => void start('intake')}>
                  Start intake
                </Button>
              )}
            </Group>
            {intakes.isPending ? (
              <Loading label="Loading intakes" py="sm" />
            ) : intakes.isError ? (
              <QueryError what="intakes" error={intakes.error} onRetry={() => void intakes.refetch()} />
            ) : intakes.data.length === 0 ? (
              <Text c="dimmed">No intake yet.</Text>
            ) : (
              <PlainList gap="xs">
                {intakes.data.map((i) => (
                  <li key={i.id}>
                    <Group gap="sm" wrap="wrap">
                      <Anchor component={Link} to={intakePath(patientId, i.id)}>
                        Intake started {formatDateTime(i.createdAt)}
                      </Anchor>
                      <StatusBadge done={i.status === 'signed'} doneLabel="Signed" />
                    </Group>
                    <Text size="sm" c="dimmed">
                      {i.signedBy ? `Signed by ${i.signedBy.name} ${formatDateTime(i.signedAt)}` : `By ${i.createdBy.name}`}
                    </Text>
                  </li>
                ))}
              </PlainList>
            )}
          </div>
        )}
        {readAssessments && (
          <div>
            <Group justify="space-between" mb="xs" wrap="wrap">
              <Title order={3} size="h5">
                Dimensional assessments
              </Title>
              {can('assessment.write') && (
                <Button size="xs" variant="light" loading={startAssessment.isPending} onClick={() => void start('assessment')}>
                  Start assessment
                </Button>
              )}
            </Group>
            {assessments.isPending ? (
              <Loading label="Loading assessments" py="sm" />
            ) : assessments.isError ? (
              <QueryError what="assessments" error={assessments.error} onRetry={() => void assessments.refetch()} />
            ) : assessments.data.length === 0 ? (
              <Text c="dimmed">No assessment yet.</Text>
            ) : (
              <PlainList gap="xs">
                {assessments.data.map((a) => (
                  <li key={a.id}>
                    <Group gap="sm" wrap="wrap">
                      <Anchor component={Link} to={assessmentPath(patientId, a.id)}>
                        Assessment of {formatDateTime(a.createdAt)}
                      </Anchor>
                      <StatusBadge done={a.status === 'final'} doneLabel="Final" />
                    </Group>
                    <Text size="sm" c="dimmed">
                      {a.chosenLevel
                        ? `Chosen ${a.chosenLevel} ${levelOfCareLabels[a.chosenLevel]}` +
                          (a.recommendation && a.recommendation.level !== a.chosenLevel ? ` (recommended ${a.recommendation.level})` : '')
                        : `Rated by ${a.ratedBy.name}`}
                    </Text>
                  </li>
                ))}
              </PlainList>
            )}
          </div>
        )}
      </Stack>
    </Paper>
  );
}
