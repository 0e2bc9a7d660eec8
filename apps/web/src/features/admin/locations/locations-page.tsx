import { Badge, Button, Modal, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { LocationView } from '@openiop/core';
import { changedFields } from '../../../lib/form';
import { isApiError } from '../../../lib/api-client';
import { useListDialog } from '../../../lib/list-dialog';
import { Loading } from '../../../ui/loading';
import { PageHeader } from '../../../ui/page-header';
import { QueryError } from '../../../ui/query-error';
import { StaleRecordAlert } from '../../../ui/stale-record';
import { useLocations } from '../../reference/api';
import { useCreateLocation, useUpdateLocation } from './api';
import { LocationForm, locationFormInput, valuesFromLocation } from './location-form';

export function LocationsPage() {
  const locations = useLocations();
  const create = useCreateLocation();
  const update = useUpdateLocation();
  const sorted = [...(locations.data ?? [])].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
  const { dialog, current, stale, setStale, close, openCreate, openEdit } = useListDialog<LocationView>(sorted);

  return (
    <>
      <PageHeader
        title="Locations"
        description="Where the program runs. Every patient and session belongs to one."
        actions={<Button onClick={openCreate}>New location</Button>}
      />
      {locations.isPending ? (
        <Loading label="Loading locations" />
      ) : locations.isError ? (
        <QueryError what="locations" error={locations.error} onRetry={() => void locations.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="sm" bg="white">
            <Table.Caption>
              <VisuallyHidden>Locations</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Address</Table.Th>
                <Table.Th scope="col">Time zone</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td fw={600}>{l.name}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {l.address.line1}, {l.address.city}, {l.address.region} {l.address.postalCode}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {l.phone}
                    </Text>
                  </Table.Td>
                  <Table.Td>{l.timeZone}</Table.Td>
                  <Table.Td>
                    <Badge color={l.active ? 'green' : 'gray'} variant="light">
                      {l.active ? 'Active' : 'Inactive'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="default" onClick={() => openEdit(l)} aria-label={`Edit ${l.name}`}>
                      Edit
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal opened={dialog !== null} onClose={close} title={dialog?.mode === 'edit' ? 'Edit location' : 'New location'} size="lg">
        {dialog?.mode === 'create' && (
          <LocationForm
            mode="create"
            initialValues={valuesFromLocation()}
            submitting={create.isPending}
            onCancel={close}
            onSubmit={(input) =>
              create.mutateAsync(input).then((l) => {
                notifications.show({ color: 'green', message: `${l.name} added.` });
                close();
              })
            }
          />
        )}
        {current && (
          <LocationForm
            key={current.version}
            mode="edit"
            initialValues={valuesFromLocation(current)}
            submitting={update.isPending}
            onCancel={close}
            banner={
              stale && (
                <StaleRecordAlert reloading={locations.isFetching} onReload={() => void locations.refetch().then(() => setStale(false))} />
              )
            }
            onSubmit={async (input, active) => {
              const before = { ...locationFormInput(valuesFromLocation(current)), active: current.active };
              const changes = changedFields(before, { ...input, active });
              if (Object.keys(changes).length === 0) return close();
              try {
                await update.mutateAsync({ id: current.id, version: current.version, input: changes });
              } catch (e) {
                if (isApiError(e) && e.code === 'PRECONDITION_FAILED') return setStale(true);
                throw e;
              }
              notifications.show({ color: 'green', message: 'Location saved.' });
              close();
            }}
          />
        )}
      </Modal>
    </>
  );
}
