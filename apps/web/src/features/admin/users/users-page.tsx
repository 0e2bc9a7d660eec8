import { Anchor, Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { roleLabels, type UserView } from '@openiop/core';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { LoadMore } from '../../../ui/load-more';
import { Loading } from '../../../ui/loading';
import { PageHeader } from '../../../ui/page-header';
import { QueryError } from '../../../ui/query-error';
import { useCan } from '../../auth/session';
import { useUsers } from './api';

export function isLocked(u: Pick<UserView, 'lockedUntil'>, now = Date.now()): boolean {
  return u.lockedUntil !== null && new Date(u.lockedUntil).getTime() > now;
}

function StatusBadges({ u }: { u: UserView }) {
  return (
    <Group gap={4}>
      {u.active ? (
        <Badge color="green" variant="light">
          Active
        </Badge>
      ) : (
        <Badge color="gray" variant="light">
          Inactive
        </Badge>
      )}
      {isLocked(u) && (
        <Badge color="red" variant="light">
          Locked
        </Badge>
      )}
      <Badge color={u.mfaEnabled ? 'blue' : 'yellow'} variant="light">
        {u.mfaEnabled ? '2-step on' : '2-step off'}
      </Badge>
    </Group>
  );
}

export function UsersPage() {
  const can = useCan();
  const users = useUsers();
  const items = users.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title="Users"
        description="Staff accounts, their roles and locations."
        actions={
          can('user.manage') && (
            <Button component={Link} to="/admin/users/new">
              New user
            </Button>
          )
        }
      />
      {users.isPending ? (
        <Loading label="Loading users" />
      ) : users.isError ? (
        <QueryError what="users" error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover verticalSpacing="sm" bg="white">
              <Table.Caption>
                <VisuallyHidden>Staff users</VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Roles</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Last sign-in</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/admin/users/${u.id}`} fw={600} underline="hover">
                        {u.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {u.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>{u.roles.map((r) => roleLabels[r]).join(', ')}</Table.Td>
                    <Table.Td>
                      <StatusBadges u={u} />
                    </Table.Td>
                    <Table.Td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt) : 'Never'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMore
            shown={items.length}
            noun="user"
            hasMore={users.hasNextPage}
            loading={users.isFetchingNextPage}
            onLoadMore={() => void users.fetchNextPage()}
          />
        </>
      )}
    </>
  );
}
