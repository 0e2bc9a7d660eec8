import { Anchor, Badge, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { QueryError } from '../../ui/query-error';
import { ScrollTable } from '../../ui/scroll-table';
import { useLocations } from '../reference/api';
import { useLocationHours } from './api';
import { hoursText, ledgerLabels } from './labels';

/** The director's view: everyone at a location this week against their floor, those furthest behind first. */
export function HoursPage() {
  const locations = useLocations();
  const [chosen, setChosen] = useState<string | null>(null);
  const locationId = chosen ?? locations.data?.[0]?.id ?? null;
  const hours = useLocationHours(locationId, null);
  return (
    <Stack gap="md">
      <PageHeader title="Hours this week" description="Attended hours against each person's floor, live" />
      {locations.data && locations.data.length > 1 && (
        <NativeSelect
          label="Location"
          w={280}
          value={locationId ?? ''}
          onChange={(e) => setChosen(e.currentTarget.value)}
          data={locations.data.map((l) => ({ value: l.id, label: l.name }))}
        />
      )}
      {locations.isError ? (
        <QueryError error={locations.error} what="locations" />
      ) : hours.isPending ? (
        <Loading label="Loading hours" />
      ) : hours.isError ? (
        <QueryError error={hours.error} what="hours" onRetry={() => void hours.refetch()} />
      ) : hours.data.people.length === 0 ? (
        <Text c="dimmed">Nobody active at this location.</Text>
      ) : (
        <ScrollTable label={`Hours at ${hours.data.locationName}`} minWidth={560}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Person</Table.Th>
                <Table.Th scope="col">Attended</Table.Th>
                <Table.Th scope="col">Possible</Table.Th>
                <Table.Th scope="col">Floor</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {hours.data.people.map((p) => (
                <Table.Tr key={p.patientId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/patients/${p.patientId}`}>
                      {p.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{hoursText(p.attendedMinutes)}</Table.Td>
                  <Table.Td>{hoursText(p.possibleMinutes)}</Table.Td>
                  <Table.Td>{hoursText(p.floorMinutes)}</Table.Td>
                  <Table.Td>
                    <Badge color={ledgerLabels[p.status].color} variant="light">
                      {ledgerLabels[p.status].label}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}
