import { Alert, Button, Container, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../../ui/page-header';
import { Loading } from '../../ui/loading';
import { QueryError } from '../../ui/query-error';
import { usePlanVersion, useSignVersion } from './api';
import { PlanContentView } from './plan-content';
import { PersonSignForm } from './sign-form';

/**
 * The focused page the clinician hands over on a tablet in session: only the plan in plain words and the signature
 * form, then a hand-back screen. The clinician's signed-in session is the witness; the method is recorded as `tablet`.
 */
export function TabletSignPage() {
  const { patientId = '', planId = '', number = '1' } = useParams();
  const n = Number(number);
  usePageTitle('Sign your treatment plan');
  const version = usePlanVersion(patientId, planId, n);
  const sign = useSignVersion(patientId, planId, n);
  const back = `/patients/${patientId}/plans/${planId}?version=${n}`;
  return (
    <Container size={680} px="sm">
      <Stack gap="md">
        <Title order={1} size="h2">
          Your treatment plan
        </Title>
        {sign.isSuccess ? (
          <>
            <Alert color="green" role="status">
              Thank you — your signature was recorded. Please hand the tablet back.
            </Alert>
            <Button component={Link} to={back} variant="default">
              Back to the plan (staff)
            </Button>
          </>
        ) : version.isPending ? (
          <Loading label="Loading the plan" />
        ) : version.isError ? (
          <QueryError what="the plan" error={version.error} onRetry={() => void version.refetch()} />
        ) : (
          <>
            <Text>Please read your plan. If it is right, type your full name and sign. If something is wrong, tell your clinician.</Text>
            <PlanContentView content={version.data.data.content} plain />
            <PersonSignForm
              pending={sign.isPending}
              error={sign.error}
              onSign={(typedName) =>
                sign.mutate({ signer: 'person', method: 'tablet', typedName, agree: true, contentHash: version.data.data.contentHash })
              }
            />
            <Button component={Link} to={back} variant="subtle">
              Cancel and hand back
            </Button>
          </>
        )}
      </Stack>
    </Container>
  );
}
