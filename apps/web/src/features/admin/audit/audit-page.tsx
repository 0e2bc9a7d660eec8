import { Anchor, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { LoadMore } from '../../../ui/load-more';
import { Loading } from '../../../ui/loading';
import { PageHeader } from '../../../ui/page-header';
import { QueryError } from '../../../ui/query-error';
import { useCan } from '../../auth/session';
import { useUsers } from '../users/api';
import { useAuditCsvUrl, useAuditEvents, type AuditFilters } from './api';

const KEYS = ['userId', 'patientId', 'action', 'from', 'to'] as const;
/** Suggestions for the Action filter: the actions the api records today (core has no list of them yet). */
const KNOWN_ACTIONS = [
  'chart.open',
  'patient.search',
  'patient.read',
  'patient.create',
  'patient.update',
  'patient.break_glass',
  'break_glass.review',
  'episode.open',
  'episode.update',
  'caseload.assign',
  'caseload.unassign',
  'user.create',
  'user.update',
  'user.unlock',
  'location.create',
  'location.update',
  'settings.update',
  'token.create',
  'token.revoke',
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `<input type="datetime-local">` speaks local wall time; the api wants an ISO instant. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : '');
const toLocalInput = (iso: string) => {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

function useFilters(): [AuditFilters, (f: AuditFilters) => void] {
  const [params, setParams] = useSearchParams();
  const filters: AuditFilters = { userId: '', patientId: '', action: '', from: '', to: '' };
  for (const k of KEYS) filters[k] = params.get(k) ?? '';
  const set = (f: AuditFilters) => {
    const p = new URLSearchParams();
    for (const k of KEYS) if (f[k]) p.set(k, f[k]);
    setParams(p, { replace: true });
  };
  return [filters, set];
}

function FilterForm({ value, onApply }: { value: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const can = useCan();
  const users = useUsers(can('user.read'));
  const [draft, setDraft] = useState({ ...value, from: toLocalInput(value.from), to: toLocalInput(value.to) });
  const [patientError, setPatientError] = useState<string | undefined>();
  const set = (k: keyof AuditFilters, v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const patientId = draft.patientId.trim();
    if (patientId && !UUID.test(patientId)) {
      setPatientError('Must be a patient ID (a UUID, as in the chart address)');
      return;
    }
    setPatientError(undefined);
    onApply({ ...draft, patientId, action: draft.action.trim(), from: toInstant(draft.from), to: toInstant(draft.to) });
  };
  const userOptions = (users.data?.pages.flatMap((p) => p.items) ?? []).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Paper withBorder p="md" mb="md" component="form" onSubmit={submit} noValidate role="search" aria-label="Audit events">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm" style={{ alignItems: 'end' }}>
        {can('user.read') && (
          <NativeSelect
            label="User"
            value={draft.userId}
            onChange={(e) => set('userId', e.currentTarget.value)}
            data={[{ value: '', label: 'Anyone' }, ...userOptions]}
          />
        )}
        <TextInput
          label="Patient ID"
          value={draft.patientId}
          error={patientError}
          onChange={(e) => set('patientId', e.currentTarget.value)}
        />
        <TextInput
          label="Action"
          description="For example chart.open"
          list="audit-actions"
          autoComplete="off"
          value={draft.action}
          onChange={(e) => set('action', e.currentTarget.value)}
        />
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <TextInput label="From" type="datetime-local" value={draft.from} onChange={(e) => set('from', e.currentTarget.value)} />
        <TextInput label="To" type="datetime-local" value={draft.to} onChange={(e) => set('to', e.currentTarget.value)} />
      </SimpleGrid>
      <Group mt="md" gap="sm">
        <Button type="submit">Apply filters</Button>
        <Button
          variant="default"
          onClick={() => {
            setDraft({ userId: '', patientId: '', action: '', from: '', to: '' });
            onApply({ userId: '', patientId: '', action: '', from: '', to: '' });
          }}
        >
          Clear
        </Button>
      </Group>
    </Paper>
  );
}

export function AuditPage() {
  const [filters, setFilters] = useFilters();
  const events = useAuditEvents(filters);
  const csvUrl = useAuditCsvUrl(filters);
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who opened or changed what, and when. Entries cannot be edited or deleted."
        actions={
          <Button component="a" href={csvUrl} download variant="default">
            Download CSV
          </Button>
        }
      />
      <FilterForm value={filters} onApply={setFilters} />
      {events.isPending ? (
        <Loading label="Loading audit events" />
      ) : events.isError ? (
        <QueryError what="audit events" error={events.error} onRetry={() => void events.refetch()} />
      ) : items.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text fw={600}>No audit events match these filters.</Text>
        </Paper>
      ) : (
        <div aria-busy={events.isFetching && !events.isFetchingNextPage}>
          <Table.ScrollContainer minWidth={860}>
            <Table striped verticalSpacing="xs" bg="white" fz="sm">
              <Table.Caption>
                <VisuallyHidden>Audit events, newest first</VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">#</Table.Th>
                  <Table.Th scope="col">When</Table.Th>
                  <Table.Th scope="col">Who</Table.Th>
                  <Table.Th scope="col">Action</Table.Th>
                  <Table.Th scope="col">Record</Table.Th>
                  <Table.Th scope="col">Patient</Table.Th>
                  <Table.Th scope="col">IP address</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Table.Tr key={e.seq}>
                    <Table.Td>{e.seq}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.occurredAt)}</Table.Td>
                    <Table.Td>{e.actorName ?? (e.actorUserId ? 'Unknown user' : 'System')}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" ff="monospace">
                          {e.action}
                        </Text>
                        {e.breakGlass && (
                          <Badge color="red" variant="light" size="sm">
                            Emergency
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {e.resourceType}
                      {e.resourceId ? (
                        <Text size="xs" c="dimmed" ff="monospace">
                          {e.resourceId}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {e.patientId ? (
                        <Anchor component={Link} to={`/patients/${e.patientId}`} size="sm">
                          Open chart
                        </Anchor>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>{e.ip ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMore
            shown={items.length}
            noun="event"
            hasMore={events.hasNextPage}
            loading={events.isFetchingNextPage}
            onLoadMore={() => void events.fetchNextPage()}
          />
        </div>
      )}
    </>
  );
}
