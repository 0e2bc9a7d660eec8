import { notifications } from '@mantine/notifications';
import { displayName } from '@openiop/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../ui/page-header';
import { useMe } from '../auth/session';
import { useCreatePatient } from './api';
import { PatientForm } from './patient-form';
import { valuesFromPatient } from './patient-form-values';

export function PatientCreatePage() {
  const me = useMe();
  const navigate = useNavigate();
  const create = useCreatePatient();
  // A user who works at one location registers patients there unless they choose otherwise.
  const [initial] = useState(() =>
    valuesFromPatient(undefined, me.user.locationIds.length === 1 ? { locationId: me.user.locationIds[0] } : {}),
  );

  return (
    <>
      <PageHeader title="New patient" back={{ to: '/patients', label: 'Patients' }} />
      <PatientForm
        mode="create"
        initialValues={initial}
        submitting={create.isPending}
        onCancel={() => void navigate('/patients')}
        onSubmit={(input) =>
          create.mutateAsync(input).then((p) => {
            notifications.show({ color: 'green', message: `${displayName(p)} registered with MRN ${p.mrn}.` });
            void navigate(`/patients/${p.id}`, { replace: true });
          })
        }
      />
    </>
  );
}
