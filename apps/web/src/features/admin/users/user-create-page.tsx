import { notifications } from '@mantine/notifications';
import type { userCreate } from '@openiop/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { PageHeader } from '../../../ui/page-header';
import { useCreateUser } from './api';
import { UserForm, valuesFromUser } from './user-form';

export function UserCreatePage() {
  const navigate = useNavigate();
  const create = useCreateUser();
  const [initial] = useState(() => valuesFromUser());
  return (
    <>
      <PageHeader title="New user" back={{ to: '/admin/users', label: 'Users' }} />
      <UserForm
        mode="create"
        readOnly={false}
        initialValues={initial}
        submitting={create.isPending}
        onCancel={() => void navigate('/admin/users')}
        onSubmit={(input) =>
          create.mutateAsync(input as z.input<typeof userCreate>).then((u) => {
            notifications.show({
              color: 'green',
              message:
                input && 'password' in input && input.password
                  ? `${u.name} can now sign in.`
                  : `${u.name} was added and e-mailed a link to set a password.`,
            });
            void navigate(`/admin/users/${u.id}`, { replace: true });
          })
        }
      />
    </>
  );
}
