import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ChartHeader } from '@openiop/core';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../lib/format';
import { Details } from '../../ui/details';
import { usePageTitle } from '../../ui/page-header';
import { useCan } from '../auth/session';
import { CareStatusBadge, EpisodeStatusBadge, displayName, legalNameIfDifferent, levelOfCareText } from './labels';

/** Says, on every chart page, that this chart is open through emergency access and until when. */
export function BreakGlassBanner({ expiresAt }: { expiresAt: string | null }) {
  return (
    <Alert color="red" variant="filled" title="Emergency access (break the glass)" mb="md" role="status">
      You are viewing this chart through emergency access
      {expiresAt ? ` until ${formatDateTime(expiresAt)}` : ''}. Everything you open is recorded and will be
      reviewed by a program director.
    </Alert>
  );
}

/** What every clinical page shows on top: who the patient is and where they are in care. */
export function ChartHeaderCard({ chart }: { chart: ChartHeader }) {
  const can = useCan();
  const { patient, episode } = chart;
  const legal = legalNameIfDifferent(patient);
  // The tab title stays generic: tab titles end up in browser history on shared workstations.
  usePageTitle('Patient chart');
  const clinician = episode?.primaryClinician ?? patient.primaryClinician;

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} mb="lg">
      <Group justify="space-between" align="flex-start" gap="md" wrap="wrap" mb="md">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="sm" align="center" wrap="wrap">
            <Title order={1} size="h2" tabIndex={-1} data-page-title style={{ outline: 'none' }}>
              {displayName(patient)}
            </Title>
            {patient.pronouns && (
              <Badge variant="outline" color="gray" radius="sm" tt="none">
                {patient.pronouns}
              </Badge>
            )}
          </Group>
          <Text c="dimmed" size="sm">
            {legal ? `Legal name: ${legal} · ` : ''}
            {chart.age} years old · born {formatDate(patient.dateOfBirth)}
          </Text>
        </Stack>
        {can('patient.update') && (
          <Button component={Link} to={`/patients/${patient.id}/edit`} variant="default">
            Edit patient
          </Button>
        )}
      </Group>
      <Details
        items={[
          { label: 'MRN', value: patient.mrn },
          { label: 'Age', value: `${chart.age}` },
          { label: 'Level of care', value: levelOfCareText(episode?.levelOfCare ?? patient.levelOfCare) },
          {
            label: 'Episode status',
            value: episode ? <EpisodeStatusBadge status={episode.status} /> : 'No episode of care',
          },
          { label: 'Care status', value: <CareStatusBadge status={patient.careStatus} /> },
          { label: 'Primary clinician', value: clinician?.name ?? 'Not assigned' },
          { label: 'Location', value: episode?.locationName ?? patient.locationName },
          ...(episode?.admittedOn ? [{ label: 'Admitted', value: formatDate(episode.admittedOn) }] : []),
        ]}
      />
    </Paper>
  );
}
