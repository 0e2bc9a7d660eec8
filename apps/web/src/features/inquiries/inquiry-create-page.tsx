import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../ui/page-header';
import { useMe } from '../auth/session';
import { useCreateInquiry } from './api';
import { InquiryForm, valuesFromInquiry } from './inquiry-form';

export function InquiryCreatePage() {
  const me = useMe();
  const navigate = useNavigate();
  const create = useCreateInquiry();
  const [initial] = useState(() =>
    valuesFromInquiry(undefined, {
      assigneeId: me.user.id,
      ...(me.user.locationIds.length === 1 ? { locationId: me.user.locationIds[0] } : {}),
    }),
  );
  return (
    <>
      <PageHeader title="New inquiry" back={{ to: '/admissions', label: 'Admissions' }} />
      <InquiryForm
        initialValues={initial}
        submitting={create.isPending}
        submitLabel="Save inquiry"
        onCancel={() => void navigate('/admissions')}
        onSubmit={(input) =>
          create.mutateAsync(input).then((i) => {
            notifications.show({ color: 'green', message: 'Inquiry saved.' });
            void navigate(`/admissions/${i.id}`, { replace: true });
          })
        }
      />
    </>
  );
}
