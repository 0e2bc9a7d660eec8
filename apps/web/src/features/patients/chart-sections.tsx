import { Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { isRole, roleLabels, type ChartHeader } from '@openiop/core';
import { isApiError } from '../../lib/api-client';
import { formatDate, formatDateTime } from '../../lib/format';
import { Details } from '../../ui/details';
import { Loading } from '../../ui/loading';
import { PlainList } from '../../ui/plain-list';
import { QueryError } from '../../ui/query-error';
import { useCaseload, useEpisodes } from './api';
import { EpisodeStatusBadge, levelOfCareText } from './labels';
import { languageOptions, sexLabels } from './patient-form-values';

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} mb="lg" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** The patient's episodes of care, newest first as the api returns them. */
export function EpisodesSection({ patientId }: { patientId: string }) {
  const episodes = useEpisodes(patientId);
  return (
    <Section title="Episodes of care" id="episodes-heading">
      {episodes.isPending ? (
        <Loading label="Loading episodes" py="md" />
      ) : episodes.isError ? (
        <QueryError what="episodes" error={episodes.error} onRetry={() => void episodes.refetch()} />
      ) : episodes.data.length === 0 ? (
        <Text c="dimmed">No episodes of care yet.</Text>
      ) : (
        <PlainList ordered gap="md">
          {episodes.data.map((e) => (
            <Paper key={e.id} withBorder p="md" radius="sm" component="li">
              <Group justify="space-between" wrap="wrap" gap="xs" mb="sm">
                <Title order={3} size="h5">
                  {levelOfCareText(e.levelOfCare)}
                </Title>
                <EpisodeStatusBadge status={e.status} />
              </Group>
              <Details
                items={[
                  { label: 'Location', value: e.locationName },
                  { label: 'Primary clinician', value: e.primaryClinician?.name ?? 'Not assigned' },
                  { label: 'Admitted', value: e.admittedOn ? formatDate(e.admittedOn) : 'Not yet' },
                  { label: 'Discharged', value: e.dischargedOn ? formatDate(e.dischargedOn) : '—' },
                  { label: 'Planned length', value: `${e.plannedWeeks} weeks` },
                ]}
              />
            </Paper>
          ))}
        </PlainList>
      )}
    </Section>
  );
}

/** Staff assigned to the patient's caseload. Hidden for users the api does not let see it. */
export function CareTeamSection({ patientId }: { patientId: string }) {
  const caseload = useCaseload(patientId);
  if (caseload.isError && isApiError(caseload.error) && caseload.error.status === 403) return null;
  return (
    <Section title="Care team" id="care-team-heading">
      {caseload.isPending ? (
        <Loading label="Loading care team" py="md" />
      ) : caseload.isError ? (
        <QueryError what="the care team" error={caseload.error} onRetry={() => void caseload.refetch()} />
      ) : caseload.data.length === 0 ? (
        <Text c="dimmed">No staff assigned yet.</Text>
      ) : (
        <PlainList gap="xs">
          {caseload.data.map((m) => (
            <li key={m.userId}>
              <Text fw={500}>{m.name}</Text>
              <Text size="sm" c="dimmed">
                {m.roles.map((r) => (isRole(r) ? roleLabels[r] : r)).join(', ')} · assigned {formatDateTime(m.assignedAt)}
              </Text>
            </li>
          ))}
        </PlainList>
      )}
    </Section>
  );
}

/** Demographics and contact details from the chart header's patient record. */
export function ContactSection({ chart }: { chart: ChartHeader }) {
  const p = chart.patient;
  const a = p.address;
  const ec = p.emergencyContact;
  const language = languageOptions.find((l) => l.value === p.preferredLanguage)?.label ?? p.preferredLanguage;
  return (
    <Section title="Demographics and contacts" id="contacts-heading">
      <Details
        items={[
          { label: 'Sex assigned at birth', value: sexLabels[p.sexAssignedAtBirth] },
          { label: 'Gender identity', value: p.genderIdentity ?? '—' },
          { label: 'Preferred language', value: language },
          { label: 'Phone', value: p.phone ?? '—' },
          { label: 'Email', value: p.email ?? '—' },
          {
            label: 'Address',
            value: a
              ? [a.line1, a.line2, `${a.city}, ${a.region} ${a.postalCode}`, a.country !== 'US' ? a.country : null]
                  .filter(Boolean)
                  .join(', ')
              : '—',
          },
          { label: 'Emergency contact', value: ec ? `${ec.name} (${ec.relationship}) · ${ec.phone}` : '—' },
        ]}
      />
    </Section>
  );
}
