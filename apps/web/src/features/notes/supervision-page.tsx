import { Badge, Button, Card, Group, Modal, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../lib/api-client';
import { saveChanges } from '../../lib/etag';
import { changedFields } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { useListDialog } from '../../lib/list-dialog';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { PlainList } from '../../ui/plain-list';
import { QueryError } from '../../ui/query-error';
import { StaleRecordAlert } from '../../ui/stale-record';
import { useStaff } from '../reference/api';
import { useCreateSupervision, useEndSupervision, useSupervision, useUpdateSupervision, type SupervisionView } from './api';
import { SupervisionForm } from './supervision-form';

function CosignBadge({ s }: { s: SupervisionView }) {
  return (
    <Badge color={s.requiresCosign ? 'blue' : 'gray'} variant="light" style={{ flexShrink: 0 }}>
      {s.requiresCosign ? 'Required' : 'Not required'}
    </Badge>
  );
}

interface RowActions {
  onChange: (s: SupervisionView) => void;
  onEnd: (s: SupervisionView) => void;
}

function Actions({ s, onChange, onEnd }: RowActions & { s: SupervisionView }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="compact-sm" variant="default" onClick={() => onChange(s)} aria-label={`Change supervision of ${s.user.name}`}>
        Change
      </Button>
      <Button size="compact-sm" variant="subtle" color="red" onClick={() => onEnd(s)} aria-label={`End supervision of ${s.user.name}`}>
        End
      </Button>
    </Group>
  );
}

/** A table on wide screens and cards on a phone (where a table would push the actions out of sight); one is in the DOM. */
function SupervisionList({ items, ...actions }: RowActions & { items: SupervisionView[] }) {
  const narrow = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  if (narrow) {
    return (
      <PlainList aria-label="Supervision">
        {items.map((s) => (
          <Card key={s.id} withBorder padding="md" component="li">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Stack gap={0}>
                <Text fw={600}>{s.user.name}</Text>
                <Text size="sm">Supervisor: {s.supervisor.name}</Text>
                <Text size="sm" c="dimmed">
                  Since {formatDateTime(s.since)}
                </Text>
              </Stack>
              <CosignBadge s={s} />
            </Group>
            <Group justify="flex-end" mt="xs">
              <Actions s={s} {...actions} />
            </Group>
          </Card>
        ))}
      </PlainList>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing="sm" bg="white">
        <Table.Caption>
          <VisuallyHidden>Supervision</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Supervisee</Table.Th>
            <Table.Th scope="col">Supervisor</Table.Th>
            <Table.Th scope="col">Co-signature</Table.Th>
            <Table.Th scope="col">Since</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Th scope="row" fw={600}>
                {s.user.name}
              </Table.Th>
              <Table.Td>{s.supervisor.name}</Table.Td>
              <Table.Td>
                <CosignBadge s={s} />
              </Table.Td>
              <Table.Td>{formatDateTime(s.since)}</Table.Td>
              <Table.Td>
                <Actions s={s} {...actions} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Asks before ending a supervision, and says what ending it does (and does not) change. */
function EndSupervisionDialog(props: {
  supervision: SupervisionView | null;
  ending: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const s = props.supervision;
  return (
    <Modal opened={s !== null} onClose={props.onClose} title="End supervision?">
      {s && (
        <Stack gap="md">
          <Text size="sm">
            {s.user.name}&apos;s notes will lock when they sign them, without {s.supervisor.name}&apos;s co-signature. Notes already waiting
            for {s.supervisor.name} still wait for them.
          </Text>
          {props.error && (
            <Text size="sm" c="red.8" role="alert">
              {props.error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose} data-autofocus>
              Keep supervision
            </Button>
            <Button color="red" onClick={props.onConfirm} loading={props.ending}>
              End supervision
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/**
 * Who supervises whom: a supervisee's signed notes wait for their supervisor's co-signature when the supervision
 * says so. One supervisor per person; the director adds one, changes the supervisor, turns co-signing off, or ends it.
 */
export function SupervisionPage() {
  const list = useSupervision();
  const staff = useStaff();
  const create = useCreateSupervision();
  const update = useUpdateSupervision();
  const end = useEndSupervision();
  const [ending, setEnding] = useState<SupervisionView | null>(null);
  const [endError, setEndError] = useState<string | null>(null);
  const closeEnd = () => {
    setEnding(null);
    setEndError(null);
  };
  const confirmEnd = (s: SupervisionView) =>
    end.mutateAsync({ id: s.id, version: s.version }).then(
      () => {
        notifications.show({ color: 'green', message: `${s.user.name} no longer has a supervisor.` });
        closeEnd();
      },
      (e: unknown) => setEndError(errorMessage(e)),
    );
  const items = list.data ?? [];
  const { dialog, current, stale, setStale, close, openCreate, openEdit } = useListDialog(items);

  return (
    <>
      <PageHeader
        title="Supervision"
        description="Whose session notes wait for a supervisor's co-signature before they lock. Each staff member has at most one supervisor."
        actions={<Button onClick={openCreate}>Add supervision</Button>}
      />
      {list.isPending ? (
        <Loading label="Loading supervision" />
      ) : list.isError ? (
        <QueryError what="supervision" error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Text c="dimmed">No one has a supervisor yet. Add one to have a staff member's notes co-signed.</Text>
      ) : (
        <SupervisionList items={items} onChange={openEdit} onEnd={(supervision) => setEnding(supervision)} />
      )}

      <Modal opened={dialog !== null} onClose={close} title={dialog?.mode === 'edit' ? 'Change supervision' : 'Add supervision'}>
        {dialog !== null && staff.isPending && <Loading label="Loading staff" />}
        {dialog !== null && staff.isError && <QueryError what="staff" error={staff.error} onRetry={() => void staff.refetch()} />}
        {dialog?.mode === 'create' && staff.data && (
          <SupervisionForm
            mode="create"
            staff={staff.data}
            supervised={new Set(items.map((s) => s.user.id))}
            submitting={create.isPending}
            onCancel={close}
            onSubmit={(input) =>
              create.mutateAsync(input).then((s) => {
                notifications.show({ color: 'green', message: `${s.user.name} is now supervised by ${s.supervisor.name}.` });
                close();
              })
            }
          />
        )}
        {current && staff.data && (
          <SupervisionForm
            key={current.version}
            mode="edit"
            staff={staff.data}
            supervision={current}
            submitting={update.isPending}
            onCancel={close}
            banner={
              stale && <StaleRecordAlert reloading={list.isFetching} onReload={() => void list.refetch().then(() => setStale(false))} />
            }
            onSubmit={async (input) => {
              const before = { supervisorId: current.supervisor.id, requiresCosign: current.requiresCosign };
              const outcome = await saveChanges(changedFields(before, { ...before, ...input }), (changes) =>
                update.mutateAsync({ id: current.id, version: current.version, input: changes }),
              );
              if (outcome === 'stale') return setStale(true);
              if (outcome === 'saved') notifications.show({ color: 'green', message: 'Supervision saved.' });
              close();
            }}
          />
        )}
      </Modal>
      <EndSupervisionDialog
        supervision={ending}
        ending={end.isPending}
        error={endError}
        onClose={closeEnd}
        // After a refused try (someone changed it meanwhile) the list has reloaded: end the version it shows now.
        onConfirm={() => ending && void confirmEnd(items.find((s) => s.id === ending.id) ?? ending)}
      />
    </>
  );
}
