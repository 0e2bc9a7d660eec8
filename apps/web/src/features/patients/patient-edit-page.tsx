import { notifications } from '@mantine/notifications';
import { displayName } from '@openiop/core';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../lib/api-client';
import { saveChanges } from '../../lib/etag';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { QueryError } from '../../ui/query-error';
import { StaleRecordAlert } from '../../ui/stale-record';
import { usePatient, useUpdatePatient } from './api';
import { NotInScope } from './not-in-scope';
import { PatientForm } from './patient-form';
import { changedFields } from '../../lib/form';
import { patientInput, valuesFromPatient } from './patient-form-values';

export function PatientEditPage() {
  const { patientId = '' } = useParams();
  const navigate = useNavigate();
  const record = usePatient(patientId);
  const update = useUpdatePatient(patientId);
  const [stale, setStale] = useState(false);
  const chart = `/patients/${patientId}`;

  if (record.isPending) return <Loading label="Loading patient" />;
  if (record.isError) {
    if (isApiError(record.error) && record.error.status === 404) return <NotInScope />;
    return (
      <>
        <PageHeader title="Edit patient" back={{ to: chart, label: 'Patient chart' }} />
        <QueryError what="the patient" error={record.error} onRetry={() => void record.refetch()} />
      </>
    );
  }

  const { data: patient, etag } = record.data;
  const before = patientInput(valuesFromPatient(patient), 'edit');

  return (
    <>
      <PageHeader
        title="Edit patient"
        description={`${displayName(patient)} · MRN ${patient.mrn}`}
        back={{ to: chart, label: 'Patient chart' }}
      />
      <PatientForm
        // A new version (after "load latest") starts the form afresh.
        key={patient.version}
        mode="edit"
        initialValues={valuesFromPatient(patient)}
        submitting={update.isPending}
        onCancel={() => void navigate(chart)}
        banner={
          stale && <StaleRecordAlert reloading={record.isFetching} onReload={() => void record.refetch().then(() => setStale(false))} />
        }
        onSubmit={async (input) => {
          const outcome = await saveChanges(changedFields(before, input), (changes) => update.mutateAsync({ input: changes, etag }));
          if (outcome === 'stale') return setStale(true);
          notifications.show(
            outcome === 'saved' ? { color: 'green', message: 'Patient saved.' } : { message: 'Nothing changed, so nothing was saved.' },
          );
          void navigate(chart);
        }}
      />
    </>
  );
}
