import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '../../ui/page-header';
import { useCan } from '../auth/session';

/**
 * The api answers "no such patient" and "not yours" the same way, so this page cannot tell them apart either.
 * It offers break-the-glass to users who may use it.
 */
export function NotInScope() {
  const can = useCan();
  return (
    <>
      <PageHeader title="Patient not found" back={{ to: '/patients', label: 'Patients' }} />
      <Stack gap="md" maw={720}>
        <Text>
          This patient does not exist, or is outside your locations or caseload. To protect patients&apos; privacy, openiop does not say
          which.
        </Text>
        {can('breakglass.request') && (
          <Alert color="orange" variant="light" title="Need this chart in an emergency?">
            <Text size="sm" mb="sm">
              You can break the glass: give the patient&apos;s MRN and your reason to open the chart for a limited time. Every emergency
              access is recorded and reviewed by a program director.
            </Text>
            <Button component={Link} to="/break-glass" color="orange">
              Request emergency access
            </Button>
          </Alert>
        )}
        <Group>
          <Button component={Link} to="/patients" variant="default">
            Back to patients
          </Button>
        </Group>
      </Stack>
    </>
  );
}
