import { Anchor, Button, Group, Paper, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../lib/api-client';
import { formatDate, formatDateTime } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { PlainList } from '../../ui/plain-list';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { useConsentLinks, useConsents, useDisclosures } from './api';
import { categoryText, ConsentStatusBadge, consentKindLabels, purposeText } from './labels';

function Section(props: { title: string; id: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} mb="lg" component="section" aria-labelledby={props.id}>
      <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
        <Title order={2} size="h4" id={props.id}>
          {props.title}
        </Title>
        {props.actions}
      </Group>
      {props.children}
    </Paper>
  );
}

/**
 * The chart's consents: kind, status and dates. Billing sees this list without recipients (the api leaves them
 * out) and cannot open a consent; everyone else who may read consents opens it to sign, revoke or disclose.
 */
export function ConsentsSection({ patientId }: { patientId: string }) {
  const can = useCan();
  const consents = useConsents(patientId);
  const links = useConsentLinks(patientId);
  if (!can('consent.status')) return null;
  if (consents.isError && isApiError(consents.error) && consents.error.status === 403) return null;
  const base = `/patients/${patientId}/consents`;
  return (
    <Section
      title="Consents"
      id="consents-heading"
      actions={
        can('consent.write') && (
          <Button component={Link} to={`${base}/new`} size="sm">
            New consent
          </Button>
        )
      }
    >
      {consents.isPending ? (
        <Loading label="Loading consents" py="md" />
      ) : consents.isError ? (
        <QueryError what="consents" error={consents.error} onRetry={() => void consents.refetch()} />
      ) : consents.data.length === 0 ? (
        <Text c="dimmed">No consents yet.</Text>
      ) : (
        <PlainList gap="sm" aria-label="Consents">
          {consents.data.map((c) => (
            <Paper key={c.id} withBorder p="sm" radius="sm" component="li">
              <Group justify="space-between" wrap="wrap" gap="xs">
                {can('consent.read') ? (
                  <Anchor component={Link} to={`${base}/${c.id}`} fw={600}>
                    {consentKindLabels[c.kind]}
                  </Anchor>
                ) : (
                  <Text fw={600}>{consentKindLabels[c.kind]}</Text>
                )}
                <ConsentStatusBadge status={c.status} />
              </Group>
              <Text size="sm" c="dimmed">
                {[
                  c.signedAt ? `Signed ${formatDateTime(c.signedAt)}` : `Started ${formatDateTime(c.createdAt)}`,
                  c.revokedAt ? `revoked ${formatDateTime(c.revokedAt)}` : null,
                  c.expiresDescription,
                  c.recipientSummary ? `to ${c.recipientSummary}` : null,
                  c.purposes.length ? c.purposes.map(purposeText).join(', ') : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              {can('consent.read') && c.signedAt && (
                <Anchor href={links.consentPdf(c.id)} target="_blank" size="sm">
                  PDF<VisuallyHidden> of the {consentKindLabels[c.kind].toLowerCase()}</VisuallyHidden>
                </Anchor>
              )}
            </Paper>
          ))}
        </PlainList>
      )}
    </Section>
  );
}

/** The accounting of disclosures (§2.25): three years back unless a range is chosen. */
export function DisclosuresSection({ patientId, consentId }: { patientId: string; consentId?: string }) {
  const can = useCan();
  const [range, setRange] = useState({ from: '', to: '' });
  const list = useDisclosures(patientId, range, can('disclosure.read'));
  const links = useConsentLinks(patientId);
  if (!can('disclosure.read')) return null;
  const items = (list.data?.items ?? []).filter((d) => !consentId || d.consentId === consentId);
  return (
    <Section
      title={consentId ? 'Disclosures under this consent' : 'Accounting of disclosures'}
      id={consentId ? 'consent-disclosures-heading' : 'disclosures-heading'}
    >
      {!consentId && (
        <Group mb="md" align="flex-end" wrap="wrap">
          <TextInput type="date" label="From" value={range.from} onChange={(e) => setRange({ ...range, from: e.currentTarget.value })} />
          <TextInput type="date" label="To" value={range.to} onChange={(e) => setRange({ ...range, to: e.currentTarget.value })} />
          {list.data && (
            <Text size="sm" c="dimmed">
              Showing {formatDate(list.data.from)} to {formatDate(list.data.to)}
            </Text>
          )}
        </Group>
      )}
      {list.isPending ? (
        <Loading label="Loading disclosures" py="md" />
      ) : list.isError ? (
        <QueryError what="disclosures" error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Text c="dimmed">No disclosures recorded.</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Date</Table.Th>
                <Table.Th scope="col">Recipient</Table.Th>
                <Table.Th scope="col">Information</Table.Th>
                <Table.Th scope="col">Purpose</Table.Th>
                <Table.Th scope="col">Cover sheet</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{formatDate(d.disclosedOn)}</Table.Td>
                  <Table.Td>{d.recipientName}</Table.Td>
                  <Table.Td>
                    {d.informationCategories.map(categoryText).join(', ')}
                    <Text size="sm" c="dimmed">
                      {d.informationDescription}
                    </Text>
                  </Table.Td>
                  <Table.Td>{purposeText(d.purpose)}</Table.Td>
                  <Table.Td>
                    <Anchor href={links.disclosurePdf(d.id)} target="_blank">
                      PDF<VisuallyHidden> of the disclosure on {formatDate(d.disclosedOn)}</VisuallyHidden>
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
