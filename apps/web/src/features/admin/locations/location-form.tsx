import { Button, Group, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { locationInput, locationUpdate, type LocationView } from '@openiop/core';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { addressFromForm, addressToForm, type AddressFormValues } from '../../../lib/address-values';
import { useZodForm } from '../../../lib/form';
import { FormError } from '../../../ui/query-error';

export type LocationFormValues = {
  name: string;
  timeZone: string;
  phone: string;
  active: boolean;
} & AddressFormValues;

const US_ZONES = [
  ['America/New_York', 'Eastern'],
  ['America/Chicago', 'Central'],
  ['America/Denver', 'Mountain'],
  ['America/Phoenix', 'Mountain (Arizona, no DST)'],
  ['America/Los_Angeles', 'Pacific'],
  ['America/Anchorage', 'Alaska'],
  ['Pacific/Honolulu', 'Hawaii'],
  ['America/Puerto_Rico', 'Atlantic (Puerto Rico)'],
] as const;

function timeZoneData(current: string) {
  const us = new Set<string>(US_ZONES.map(([z]) => z));
  const others = Intl.supportedValuesOf('timeZone').filter((z) => !us.has(z));
  if (current && !us.has(current) && !others.includes(current)) others.unshift(current);
  return [
    { group: 'United States', items: US_ZONES.map(([value, label]) => ({ value, label: `${label} — ${value}` })) },
    { group: 'Other', items: others },
  ];
}

export function valuesFromLocation(l?: LocationView): LocationFormValues {
  return {
    name: l?.name ?? '',
    timeZone: l?.timeZone ?? '',
    phone: l?.phone ?? '',
    active: l?.active ?? true,
    ...addressToForm(l?.address),
  };
}

type Input = z.input<typeof locationInput>;

export function locationFormInput(v: LocationFormValues): Input {
  return {
    name: v.name,
    timeZone: v.timeZone,
    phone: v.phone,
    address: addressFromForm(v),
  };
}

export function LocationForm(props: {
  mode: 'create' | 'edit';
  initialValues: LocationFormValues;
  submitting: boolean;
  onSubmit: (input: Input, active: boolean) => Promise<unknown>;
  onCancel: () => void;
  banner?: ReactNode;
}) {
  const form = useZodForm({
    initialValues: props.initialValues,
    schema: props.mode === 'create' ? locationInput : locationUpdate,
    toInput: (v: LocationFormValues) => (props.mode === 'create' ? locationFormInput(v) : { ...locationFormInput(v), active: v.active }),
  });
  const submit = form.onSubmit((input) => {
    props.onSubmit(input as Input, form.values.active).catch((e: unknown) => form.showError(e));
  });
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        {props.banner}
        <FormError message={form.formError} title="The location was not saved" />
        <TextInput label="Name" required data-autofocus {...form.text('name')} />
        <Select
          label="Time zone"
          description="Session times and dates at this location use it. Type to search."
          required
          searchable
          allowDeselect={false}
          placeholder="Choose a time zone"
          nothingFoundMessage="No time zone matches"
          data={timeZoneData(form.values.timeZone)}
          {...form.select('timeZone')}
        />
        <TextInput label="Phone" type="tel" required {...form.text('phone')} />
        <TextInput label="Street address" required {...form.text('address.line1')} />
        <TextInput label="Address line 2" {...form.text('address.line2')} />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
          <TextInput label="City" required {...form.text('address.city')} />
          <TextInput label="State" required {...form.text('address.region')} />
          <TextInput label="ZIP code" required {...form.text('address.postalCode')} />
        </SimpleGrid>
        <TextInput label="Country" description="2-letter code" maxLength={2} maw={160} {...form.text('address.country')} />
        {props.mode === 'edit' && (
          <Switch label="Active" description="Inactive locations are hidden when registering patients." {...form.checkbox('active')} />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onCancel} disabled={props.submitting}>
            Cancel
          </Button>
          <Button type="submit" loading={props.submitting}>
            Save location
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
