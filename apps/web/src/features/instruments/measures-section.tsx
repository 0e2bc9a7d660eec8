import { Anchor, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { isApiError } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { useAdministrations } from './api';
import { AdministrationStatusBadge, resultText } from './labels';
import { SendToPhone } from './send-to-phone';

/** The chart's "Measures": every instrument given to the patient, newest first, with its score and band. */
export function MeasuresSection({ patientId }: { patientId: string }) {
  const can = useCan();
  const list = useAdministrations(patientId, can('instrument.read'));
  if (!can('instrument.read') || (list.isError && isApiError(list.error) && list.error.status === 403)) return null;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} mb="lg" component="section" aria-labelledby="measures-heading">
      <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
        <Title order={2} size="h4" id="measures-heading">
          Measures
        </Title>
        {can('instrument.administer') && (
          <Group gap="sm">
            <Button component={Link} to={`/patients/${patientId}/measures/new`}>
              Give an instrument
            </Button>
            <SendToPhone patientId={patientId} />
          </Group>
        )}
      </Group>
      {list.isPending ? (
        <Loading label="Loading measures" py="md" />
      ) : list.isError ? (
        <QueryError what="measures" error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text c="dimmed">No instruments given yet.</Text>
      ) : (
        <Table verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Instrument</Table.Th>
              <Table.Th scope="col">Date</Table.Th>
              <Table.Th scope="col">Result</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/patients/${patientId}/measures/${a.id}`}>
                    {a.instrumentName}
                  </Anchor>
                  {a.source === 'phone_link' && (
                    <Text size="xs" c="dimmed">
                      by phone link
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatDateTime(a.submittedAt ?? a.createdAt)}</Table.Td>
                <Table.Td>{resultText(a)}</Table.Td>
                <Table.Td>
                  <AdministrationStatusBadge status={a.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
