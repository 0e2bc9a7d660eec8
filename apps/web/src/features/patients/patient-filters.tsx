import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { careStatuses } from '@openiop/core';
import { useEffect, useState } from 'react';
import { careStatusLabels } from '../../lib/format';
import { useLocationOptions, useStaff } from '../reference/api';
import type { PatientFilters as Filters } from './api';

/** Search box and filters of the patient list. Typing searches after a short pause; Enter searches at once. */
export function PatientFilters({ value, onChange }: { value: Filters; onChange: (next: Filters) => void }) {
  const [q, setQ] = useState(value.q);
  const locations = useLocationOptions({ includeInactive: true });
  const clinicians = useStaff('clinician');
  const applyQ = useDebouncedCallback((next: string) => onChange({ ...value, q: next }), 350);

  // Back/forward navigation changes the URL under us: follow it.
  useEffect(() => setQ(value.q), [value.q]);

  return (
    <form
      role="search"
      aria-label="Patients"
      onSubmit={(e) => {
        e.preventDefault();
        applyQ.cancel();
        onChange({ ...value, q });
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" mb="md">
        <TextInput
          label="Search patients"
          description="Name, MRN, or date of birth"
          placeholder="e.g. Rivera, 000123 or 04/17/1988"
          type="search"
          value={q}
          onChange={(e) => {
            const next = e.currentTarget.value;
            setQ(next);
            applyQ(next);
          }}
        />
        <NativeSelect
          label="Location"
          description="Where the patient is treated"
          value={value.locationId}
          onChange={(e) => onChange({ ...value, locationId: e.currentTarget.value })}
          data={[{ value: '', label: 'All locations' }, ...locations.options]}
        />
        <NativeSelect
          label="Status"
          description="Stage of care"
          value={value.status}
          onChange={(e) => onChange({ ...value, status: e.currentTarget.value })}
          data={[{ value: '', label: 'All statuses' }, ...careStatuses.map((s) => ({ value: s, label: careStatusLabels[s] }))]}
        />
        <NativeSelect
          label="Clinician"
          description="Primary clinician"
          value={value.clinicianId}
          disabled={clinicians.isError}
          onChange={(e) => onChange({ ...value, clinicianId: e.currentTarget.value })}
          data={[
            { value: '', label: clinicians.isError ? 'Clinician list unavailable' : 'All clinicians' },
            ...(clinicians.data ?? []).map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
      </SimpleGrid>
    </form>
  );
}
