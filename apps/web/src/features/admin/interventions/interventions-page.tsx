import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import {
  delivererRoles,
  interventionCategories,
  type DelivererRole,
  type InterventionCategory,
  type InterventionView,
} from '@openiop/core';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../../lib/api-client';
import { Loading } from '../../../ui/loading';
import { PageHeader } from '../../../ui/page-header';
import { QueryError } from '../../../ui/query-error';
import { useCreateIntervention, useDeleteIntervention, useInterventions, useUpdateIntervention } from '../../plans/api';
import { delivererRoleLabels } from '../../plans/labels';

const categoryLabels: Record<InterventionCategory, string> = {
  therapy: 'Therapy',
  skills: 'Skills',
  medication: 'Medication',
  support: 'Support',
  education: 'Education',
};

function AddForm() {
  const create = useCreateIntervention();
  const [name, setName] = useState('');
  const [category, setCategory] = useState<InterventionCategory>('therapy');
  const [role, setRole] = useState<DelivererRole>('clinician');
  const [frequency, setFrequency] = useState('Weekly');
  const errors = isApiError(create.error) ? Object.fromEntries(create.error.errors.map((e) => [e.path, e.message])) : {};
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="add-heading">
      <Title order={2} size="h4" id="add-heading" mb="sm">
        Add an intervention
      </Title>
      <Stack
        gap="sm"
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name, category, defaultDelivererRole: role, defaultFrequency: frequency }, { onSuccess: () => setName('') });
        }}
      >
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            style={{ flex: '1 1 14rem' }}
          />
          <NativeSelect
            label="Kind"
            value={category}
            data={interventionCategories.map((c) => ({ value: c, label: categoryLabels[c] }))}
            onChange={(e) => setCategory(e.currentTarget.value as InterventionCategory)}
          />
          <NativeSelect
            label="Usually delivered by"
            value={role}
            data={delivererRoles.map((r) => ({ value: r, label: delivererRoleLabels[r] }))}
            onChange={(e) => setRole(e.currentTarget.value as DelivererRole)}
          />
          <TextInput
            label="Usual frequency"
            required
            value={frequency}
            onChange={(e) => setFrequency(e.currentTarget.value)}
            error={errors.defaultFrequency}
          />
        </Group>
        {create.error && !errors.name && <Alert color="red">{errorMessage(create.error)}</Alert>}
        <Group>
          <Button type="submit" loading={create.isPending}>
            Add
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Row({ item }: { item: InterventionView }) {
  const update = useUpdateIntervention();
  const remove = useDeleteIntervention();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(item.name);
  const error = update.error ?? remove.error;
  return (
    <Table.Tr>
      <Table.Td>
        {editing ? (
          <TextInput
            label={`New name for ${item.name}`}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={isApiError(update.error) ? update.error.errors.find((x) => x.path === 'name')?.message : undefined}
          />
        ) : (
          <Text fw={600}>{item.name}</Text>
        )}
        {error && !editing && (
          <Text c="red.8" size="sm" role="alert">
            {errorMessage(error)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{categoryLabels[item.category]}</Table.Td>
      <Table.Td>
        {delivererRoleLabels[item.defaultDelivererRole]}, {item.defaultFrequency.toLowerCase()}
      </Table.Td>
      <Table.Td>
        <Badge color={item.active ? 'green' : 'gray'} variant="light">
          {item.active ? 'Active' : 'Retired'}
        </Badge>
        <Text size="xs" c="dimmed">
          {item.inUse ? `In ${item.inUse} plan version${item.inUse === 1 ? '' : 's'}` : 'Not used yet'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="wrap">
          {editing ? (
            <>
              <Button
                size="xs"
                loading={update.isPending}
                onClick={() =>
                  update.mutate({ id: item.id, version: item.version, patch: { name } }, { onSuccess: () => setEditing(false) })
                }
              >
                Save
              </Button>
              <Button size="xs" variant="default" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            </>
          ) : (
            <Button size="xs" variant="default" onClick={() => setEditing(true)} aria-label={`Rename ${item.name}`}>
              Rename
            </Button>
          )}
          <Button
            size="xs"
            variant="default"
            onClick={() => update.mutate({ id: item.id, version: item.version, patch: { active: !item.active } })}
            aria-label={`${item.active ? 'Retire' : 'Restore'} ${item.name}`}
          >
            {item.active ? 'Retire' : 'Restore'}
          </Button>
          {item.inUse === 0 && (
            <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(item.id)} aria-label={`Delete ${item.name}`}>
              Delete
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** The organization's interventions catalogue: add, rename, retire; an intervention a plan names is never deleted. */
export function InterventionsPage() {
  const items = useInterventions();
  return (
    <>
      <PageHeader
        title="Interventions"
        description="What treatment plans can choose from. Retired interventions stay in the plans that have them."
      />
      <Stack gap="lg">
        <AddForm />
        {items.isPending ? (
          <Loading label="Loading interventions" />
        ) : items.isError ? (
          <QueryError what="the interventions" error={items.error} onRetry={() => void items.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Default</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.data.map((i) => (
                  <Row key={`${i.id}-${i.version}`} item={i} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </>
  );
}
