import { Alert, Badge, Button, Group, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { userUpdate } from '@openiop/core';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { errorMessage } from '../../../lib/api-client';
import { saveChanges } from '../../../lib/etag';
import { formatDateTime } from '../../../lib/format';
import { changedFields } from '../../../lib/form';
import { Details } from '../../../ui/details';
import { Loading } from '../../../ui/loading';
import { PageHeader } from '../../../ui/page-header';
import { QueryError } from '../../../ui/query-error';
import { StaleRecordAlert } from '../../../ui/stale-record';
import { useCan } from '../../auth/session';
import { useUnlockUser, useUpdateUser, useUser } from './api';
import { UserForm, userUpdateInput, valuesFromUser } from './user-form';
import { isLocked } from './users-page';
import { StaffScheduleSection } from '../../availability/staff-schedule-section';

export function UserEditPage() {
  const { userId = '' } = useParams();
  const can = useCan();
  const navigate = useNavigate();
  const record = useUser(userId);
  const update = useUpdateUser(userId);
  const unlock = useUnlockUser(userId);
  const [stale, setStale] = useState(false);
  const back = { to: '/admin/users', label: 'Users' };

  if (record.isPending) return <Loading label="Loading user" />;
  if (record.isError) {
    return (
      <>
        <PageHeader title="User" back={back} />
        <QueryError what="the user" error={record.error} onRetry={() => void record.refetch()} />
      </>
    );
  }
  const { data: user, etag } = record.data;
  const readOnly = !can('user.manage');
  const before = userUpdateInput(valuesFromUser(user));

  return (
    <>
      <PageHeader title={user.name} description={user.email} back={back} />
      <Paper withBorder p="md" mb="lg" maw={880}>
        <Details
          items={[
            { label: 'Two-step verification', value: user.mfaEnabled ? 'On' : 'Off' },
            { label: 'Last sign-in', value: user.lastSignInAt ? formatDateTime(user.lastSignInAt) : 'Never' },
            {
              label: 'Sign-in',
              value: isLocked(user) ? (
                <Badge color="red" variant="light">
                  Locked until {formatDateTime(user.lockedUntil)}
                </Badge>
              ) : (
                'Not locked'
              ),
            },
          ]}
        />
        {isLocked(user) && can('user.manage') && (
          <Group mt="md" gap="sm">
            <Button
              color="red"
              variant="light"
              loading={unlock.isPending}
              onClick={() =>
                unlock.mutate(undefined, {
                  onSuccess: () => notifications.show({ color: 'green', message: `${user.name} can sign in again.` }),
                  onError: (e) => notifications.show({ color: 'red', title: 'Not unlocked', message: errorMessage(e) }),
                })
              }
            >
              Unlock account
            </Button>
            <Text size="sm" c="dimmed">
              The account locked itself after repeated failed sign-ins.
            </Text>
          </Group>
        )}
      </Paper>
      {readOnly && (
        <Alert color="blue" variant="light" mb="md" maw={880}>
          You can view this user. Changing users needs the administrator role.
        </Alert>
      )}
      <UserForm
        key={user.version}
        mode="edit"
        readOnly={readOnly}
        initialValues={valuesFromUser(user)}
        submitting={update.isPending}
        onCancel={() => void navigate('/admin/users')}
        banner={
          stale && <StaleRecordAlert reloading={record.isFetching} onReload={() => void record.refetch().then(() => setStale(false))} />
        }
        onSubmit={async (input) => {
          const changes = changedFields(before, input as z.input<typeof userUpdate>);
          const outcome = await saveChanges(changes, (c) => update.mutateAsync({ input: c, etag }));
          if (outcome === 'stale') return setStale(true);
          notifications.show(
            outcome === 'saved' ? { color: 'green', message: 'User saved.' } : { message: 'Nothing changed, so nothing was saved.' },
          );
        }}
      />
      <StaffScheduleSection userId={user.id} />
    </>
  );
}
