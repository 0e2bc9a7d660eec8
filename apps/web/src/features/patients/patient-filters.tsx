import { Badge, Button, Collapse, NativeSelect, SimpleGrid, Stack, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedCallback, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { careStatuses } from '@openiop/core';
import { useEffect, useState } from 'react';
import { careStatusLabels } from '../../lib/format';
import { useLocationOptions, useStaff } from '../reference/api';
import type { PatientFilters as Filters } from './api';

const FILTERS_ID = 'patient-filters';

/**
 * Search box and filters of the patient list. Typing searches after a short pause; Enter searches at once.
 * On a phone the three filters fold away behind a button that says how many are set.
 */
export function PatientFilters({ value, onChange }: { value: Filters; onChange: (next: Filters) => void }) {
  const [q, setQ] = useState(value.q);
  const narrow = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const [open, { toggle }] = useDisclosure(false);
  const locations = useLocationOptions({ includeInactive: true });
  const clinicians = useStaff('clinician');
  const applyQ = useDebouncedCallback((next: string) => onChange({ ...value, q: next }), 350);
  const active = [value.locationId, value.status, value.clinicianId].filter(Boolean).length;

  // Back/forward navigation changes the URL under us: follow it.
  useEffect(() => setQ(value.q), [value.q]);

  const selects = (
    <>
      <NativeSelect
        label="Location"
        value={value.locationId}
        onChange={(e) => onChange({ ...value, locationId: e.currentTarget.value })}
        data={[{ value: '', label: 'All locations' }, ...locations.options]}
      />
      <NativeSelect
        label="Status"
        value={value.status}
        onChange={(e) => onChange({ ...value, status: e.currentTarget.value })}
        data={[{ value: '', label: 'All statuses' }, ...careStatuses.map((s) => ({ value: s, label: careStatusLabels[s] }))]}
      />
      <NativeSelect
        label="Clinician"
        value={value.clinicianId}
        disabled={clinicians.isError}
        onChange={(e) => onChange({ ...value, clinicianId: e.currentTarget.value })}
        data={[
          { value: '', label: clinicians.isError ? 'Clinician list unavailable' : 'All clinicians' },
          ...(clinicians.data ?? []).map((c) => ({ value: c.id, label: c.name })),
        ]}
      />
    </>
  );

  const search = (
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
  );

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
      {narrow ? (
        <Stack gap="sm" mb="md">
          {search}
          <div>
            <Button
              variant="default"
              size="sm"
              onClick={toggle}
              aria-expanded={open}
              aria-controls={FILTERS_ID}
              rightSection={
                active > 0 ? (
                  <Badge size="sm" circle>
                    {active}
                    <VisuallyHidden> set</VisuallyHidden>
                  </Badge>
                ) : undefined
              }
            >
              {open ? 'Hide filters' : 'Filters'}
            </Button>
          </div>
          <Collapse in={open} id={FILTERS_ID}>
            <Stack gap="sm">{selects}</Stack>
          </Collapse>
        </Stack>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" mb="md" style={{ alignItems: 'end' }}>
          {search}
          {selects}
        </SimpleGrid>
      )}
    </form>
  );
}
