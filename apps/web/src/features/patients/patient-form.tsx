import { Button, Fieldset, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { patientCreate, patientUpdate, sexesAssignedAtBirth } from '@openiop/core';
import { useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import type { z } from 'zod';
import { useZodForm } from '../../lib/form';
import { localToday } from '../../lib/format';
import { FormError } from '../../ui/query-error';
import { UnsavedChangesPrompt } from '../../ui/unsaved-changes';
import { useLocationOptions } from '../reference/api';
import { languageOptions, patientInput, sexLabels, type PatientFormValues } from './patient-form-values';

type CreateInput = z.input<typeof patientCreate>;

export interface PatientFormProps {
  mode: 'create' | 'edit';
  initialValues: PatientFormValues;
  submitting: boolean;
  /** Called with the contract input once it validates; reject with the api's error to show it on the form. */
  onSubmit: (input: CreateInput) => Promise<unknown>;
  onCancel: () => void;
  /** Shown above the form (e.g. "this record changed"). */
  banner?: ReactNode;
}

/**
 * Registration and demographics. Validated in the browser by the same zod contract the api applies, and the
 * api's field errors land on the same inputs.
 */
export function PatientForm({ mode, initialValues, submitting, onSubmit, onCancel, banner }: PatientFormProps) {
  const form = useZodForm({
    initialValues,
    schema: mode === 'create' ? patientCreate : patientUpdate,
    toInput: (v: PatientFormValues) => patientInput(v, mode),
  });
  const locations = useLocationOptions({ keep: initialValues.locationId });
  const language = form.values.preferredLanguage;
  const languages = languageOptions.some((l) => l.value === language)
    ? languageOptions
    : [...languageOptions, { value: language, label: language }];

  const [saved, setSaved] = useState(false);
  const submit = form.onSubmit((input) => {
    // Saving leaves the page: the "unsaved changes" prompt must not stop that.
    flushSync(() => setSaved(true));
    onSubmit(input as CreateInput).then(
      // Still here (a conflict, say): the changes are still unsaved.
      () => setSaved(false),
      (e: unknown) => {
        setSaved(false);
        form.showError(e);
      },
    );
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <UnsavedChangesPrompt when={form.isDirty && !saved} />
      <Stack gap="lg" maw={960}>
        {banner}
        <FormError message={form.formError} title="The patient was not saved" />

        <Fieldset legend="Identity">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Legal first name" autoComplete="off" required {...form.text('legalGivenName')} />
            <TextInput label="Legal last name" autoComplete="off" required {...form.text('legalFamilyName')} />
            <TextInput
              label="Preferred name"
              description="What the patient wants to be called, if not the legal first name"
              autoComplete="off"
              {...form.text('preferredName')}
            />
            <TextInput label="Pronouns" description="For example she/her, he/him, they/them" {...form.text('pronouns')} />
            <TextInput label="Date of birth" type="date" required max={localToday()} min="1900-01-01" {...form.text('dateOfBirth')} />
            <Select
              label="Sex assigned at birth"
              required
              placeholder="Choose…"
              allowDeselect={false}
              data={sexesAssignedAtBirth.map((s) => ({ value: s, label: sexLabels[s] }))}
              {...form.select('sexAssignedAtBirth')}
            />
            <TextInput label="Gender identity" {...form.text('genderIdentity')} />
            <Select label="Preferred language" required allowDeselect={false} data={languages} {...form.select('preferredLanguage')} />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend="Program">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label="Location"
              required
              allowDeselect={false}
              placeholder={locations.isPending ? 'Loading locations…' : 'Choose a location'}
              disabled={locations.isPending}
              data={locations.options}
              {...form.select('locationId')}
            />
            <TextInput
              label="MRN"
              description={mode === 'create' ? 'Leave blank to assign the next number' : 'Medical record number'}
              required={mode === 'edit'}
              autoComplete="off"
              spellCheck={false}
              {...form.text('mrn')}
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend="Contact">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Phone" type="tel" autoComplete="off" {...form.text('phone')} />
            <TextInput label="Email" type="email" autoComplete="off" {...form.text('email')} />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend="Address">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Street address" autoComplete="off" {...form.text('address.line1')} />
            <TextInput label="Address line 2" description="Apartment, suite, unit" autoComplete="off" {...form.text('address.line2')} />
            <TextInput label="City" autoComplete="off" {...form.text('address.city')} />
            <SimpleGrid cols={2} spacing="md">
              <TextInput label="State" autoComplete="off" {...form.text('address.region')} />
              <TextInput label="ZIP code" inputMode="numeric" autoComplete="off" {...form.text('address.postalCode')} />
            </SimpleGrid>
            <TextInput label="Country" description="2-letter code" maxLength={2} maw={160} {...form.text('address.country')} />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend="Emergency contact">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <TextInput label="Emergency contact name" autoComplete="off" {...form.text('emergencyContact.name')} />
            <TextInput
              label="Relationship"
              description="For example spouse, parent, sponsor"
              {...form.text('emergencyContact.relationship')}
            />
            <TextInput label="Emergency contact phone" type="tel" autoComplete="off" {...form.text('emergencyContact.phone')} />
          </SimpleGrid>
        </Fieldset>

        <Group gap="sm">
          <Button type="submit" loading={submitting}>
            Save patient
          </Button>
          <Button variant="default" onClick={onCancel} disabled={submitting}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
