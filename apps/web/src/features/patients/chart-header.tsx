import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ChartHeader, EpisodeStatus, LevelOfCare, PatientListItem } from '@openiop/core';
import { Link } from 'react-router';
import { ageToday, formatDate, formatDateTime } from '../../lib/format';
import { Details } from '../../ui/details';
import { usePageTitle } from '../../ui/page-header';
import { useCan } from '../auth/session';
import { ChartFlags } from '../clinical/chart-flags';
import { CareStatusBadge, EpisodeStatusBadge, displayName, legalNameIfDifferent, levelOfCareText } from './labels';

/** Says, on every chart page, that this chart is open through emergency access and until when. */
export function BreakGlassBanner({ expiresAt }: { expiresAt: string | null }) {
  return (
    <Alert color="red" variant="filled" title="Emergency access (break the glass)" mb="md" role="status">
      You are viewing this chart through emergency access
      {expiresAt ? ` until ${formatDateTime(expiresAt)}` : ''}. Everything you open is recorded and will be reviewed by a program director.
    </Alert>
  );
}

/** The facts the chart header shows; built from the chart, or from a list row while the chart loads. */
export interface HeaderFacts {
  patient: Pick<
    PatientListItem,
    'id' | 'mrn' | 'legalGivenName' | 'legalFamilyName' | 'preferredName' | 'pronouns' | 'dateOfBirth' | 'careStatus' | 'locationName'
  >;
  age: number;
  levelOfCare: LevelOfCare | null;
  /** `undefined` while unknown (preview), `null` when the patient has no episode of care. */
  episode: { status: EpisodeStatus; admittedOn: string | null } | null | undefined;
  clinician: { name: string } | null;
  locationName: string;
}

export function factsFromChart(chart: ChartHeader): HeaderFacts {
  const { patient, episode } = chart;
  return {
    patient,
    age: chart.age,
    levelOfCare: episode?.levelOfCare ?? patient.levelOfCare,
    episode: episode ? { status: episode.status, admittedOn: episode.admittedOn } : null,
    clinician: episode?.primaryClinician ?? patient.primaryClinician,
    locationName: episode?.locationName ?? patient.locationName,
  };
}

/** A list row is enough to show who the patient is at once, before the chart itself arrives. */
export function factsFromListItem(item: PatientListItem): HeaderFacts {
  return {
    patient: item,
    age: ageToday(item.dateOfBirth),
    levelOfCare: item.levelOfCare,
    episode: undefined,
    clinician: item.primaryClinician,
    locationName: item.locationName,
  };
}

/** What every clinical page shows on top: who the patient is and where they are in care. */
export function ChartHeaderCard({ facts }: { facts: HeaderFacts }) {
  const can = useCan();
  const { patient, episode } = facts;
  const legal = legalNameIfDifferent(patient);
  // The tab title stays generic: tab titles end up in browser history on shared workstations.
  usePageTitle('Patient chart');

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} mb="lg">
      <Group justify="space-between" align="flex-start" gap="md" wrap="wrap" mb="md">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="sm" align="center" wrap="wrap">
            <Title order={1} size="h2" tabIndex={-1} data-page-title style={{ outline: 'none' }}>
              {displayName(patient)}
            </Title>
            {patient.pronouns && (
              <Badge variant="outline" color="gray" radius="sm">
                {patient.pronouns}
              </Badge>
            )}
          </Group>
          <Text c="dimmed" size="sm">
            {legal ? `Legal name: ${legal} · ` : ''}
            {facts.age} years old · born {formatDate(patient.dateOfBirth)}
          </Text>
        </Stack>
        {can('patient.update') && (
          <Button component={Link} to={`/patients/${patient.id}/edit`} variant="default">
            Edit patient
          </Button>
        )}
      </Group>
      <ChartFlags patientId={patient.id} />
      <Details
        items={[
          { label: 'MRN', value: patient.mrn },
          { label: 'Age', value: `${facts.age}` },
          { label: 'Level of care', value: levelOfCareText(facts.levelOfCare) },
          {
            label: 'Episode status',
            value: episode === undefined ? '…' : episode ? <EpisodeStatusBadge status={episode.status} /> : 'No episode of care',
          },
          { label: 'Care status', value: <CareStatusBadge status={patient.careStatus} /> },
          { label: 'Primary clinician', value: facts.clinician?.name ?? 'Not assigned' },
          { label: 'Location', value: facts.locationName },
          ...(episode?.admittedOn ? [{ label: 'Admitted', value: formatDate(episode.admittedOn) }] : []),
        ]}
      />
    </Paper>
  );
}
