import { Anchor, Card, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { PatientListItem } from '@openiop/core';
import { Link } from 'react-router';
import { ageToday, formatDate } from '../../lib/format';
import { PlainList } from '../../ui/plain-list';
import { CareStatusBadge, displayName, legalNameIfDifferent, levelOfCareText } from './labels';

function NameCell({ p }: { p: PatientListItem }) {
  const legal = legalNameIfDifferent(p);
  return (
    <Stack gap={0}>
      <Anchor component={Link} to={`/patients/${p.id}`} fw={600} underline="hover">
        {displayName(p)}
      </Anchor>
      {(legal || p.pronouns) && (
        <Text size="xs" c="dimmed">
          {[legal && `Legal: ${legal}`, p.pronouns].filter(Boolean).join(' · ')}
        </Text>
      )}
    </Stack>
  );
}

function dob(p: PatientListItem): string {
  return `${formatDate(p.dateOfBirth)} (${ageToday(p.dateOfBirth)})`;
}

/** Patients as a table on wide screens and as cards on a phone; only one of the two is in the DOM. */
export function PatientResults({ patients }: { patients: PatientListItem[] }) {
  const narrow = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  if (narrow) {
    return (
      <PlainList aria-label="Patients">
        {patients.map((p) => (
          <Card key={p.id} withBorder padding="md" component="li">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <NameCell p={p} />
              <CareStatusBadge status={p.careStatus} />
            </Group>
            <Text size="sm" mt="xs">
              MRN {p.mrn} · Born {dob(p)}
            </Text>
            <Text size="sm" c="dimmed">
              {p.locationName}
              {p.primaryClinician ? ` · ${p.primaryClinician.name}` : ''}
            </Text>
            {p.levelOfCare && (
              <Text size="sm" c="dimmed">
                {levelOfCareText(p.levelOfCare)}
              </Text>
            )}
          </Card>
        ))}
      </PlainList>
    );
  }
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="sm" bg="white">
        <Table.Caption>
          <VisuallyHidden>Patients matching the search and filters</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Patient</Table.Th>
            <Table.Th scope="col">MRN</Table.Th>
            <Table.Th scope="col">Date of birth (age)</Table.Th>
            <Table.Th scope="col">Location</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Level of care</Table.Th>
            <Table.Th scope="col">Primary clinician</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {patients.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <NameCell p={p} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.mrn}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{dob(p)}</Table.Td>
              <Table.Td>{p.locationName}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <CareStatusBadge status={p.careStatus} />
              </Table.Td>
              <Table.Td>{levelOfCareText(p.levelOfCare)}</Table.Td>
              <Table.Td>{p.primaryClinician?.name ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
