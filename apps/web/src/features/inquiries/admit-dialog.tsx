import { Alert, Button, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { levelOfCareLabels, levelsOfCare, sexesAssignedAtBirth, type InquiryView } from '@openiop/core';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api-client';
import { FormError } from '../../ui/query-error';
import { useClinicToday, useLocationOptions, useStaff } from '../reference/api';
import { useAdmit } from './api';

const sexLabels: Record<string, string> = {
  female: 'Female',
  male: 'Male',
  intersex: 'Intersex',
  unknown: 'Unknown',
  declined: 'Declined to say',
};

/** Admission: a new patient (or the existing one chosen) and an episode at the chosen level, place and clinician. */
export function AdmitDialog(props: {
  inquiry: InquiryView;
  opened: boolean;
  onClose: () => void;
  linkPatientId: string | null;
  needsOverride: boolean;
}) {
  const i = props.inquiry;
  const admit = useAdmit(i.id);
  const locations = useLocationOptions();
  const clinicians = useStaff('clinician');
  const [v, setV] = useState({
    legalGivenName: i.givenName ?? '',
    legalFamilyName: i.familyName ?? '',
    dateOfBirth: i.dateOfBirth ?? '',
    sexAssignedAtBirth: '',
    levelOfCare: '2.1',
    locationId: i.location?.id ?? '',
    primaryClinicianId: '',
    plannedWeeks: 10 as number | string,
    track: '',
    startsToday: true,
    confirmedNotDuplicate: false,
    clinicalOverride: '',
  });
  const today = useClinicToday(v.locationId);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setV({ ...v, [k]: e.currentTarget.value });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    const patient = props.linkPatientId
      ? { mode: 'existing' as const, patientId: props.linkPatientId }
      : {
          mode: 'new' as const,
          legalGivenName: v.legalGivenName,
          legalFamilyName: v.legalFamilyName,
          dateOfBirth: v.dateOfBirth,
          sexAssignedAtBirth: v.sexAssignedAtBirth as 'female',
          phone: i.phone,
          email: i.email,
        };
    admit.mutate(
      {
        version: i.version,
        input: {
          patient,
          levelOfCare: v.levelOfCare as '2.1',
          locationId: v.locationId,
          primaryClinicianId: v.primaryClinicianId || null,
          plannedWeeks: Number(v.plannedWeeks),
          track: v.track,
          admittedOn: v.startsToday ? today : null,
          confirmedNotDuplicate: v.confirmedNotDuplicate,
          clinicalOverride: v.clinicalOverride,
        },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: 'Admitted. The episode of care is open.' });
          props.onClose();
        },
        onError: (err) => {
          if (isApiError(err) && err.errors.length)
            setErrors(Object.fromEntries(err.errors.map((x) => [x.path.replace(/^patient\./, ''), x.message])));
          setFormError(errorMessage(err));
        },
      },
    );
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Admit" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={formError} />
          {props.linkPatientId ? (
            <Alert color="blue" variant="light">
              Admitting as the existing patient you chose; no new record is created.
            </Alert>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Legal given name"
                required
                value={v.legalGivenName}
                onChange={set('legalGivenName')}
                error={errors.legalGivenName}
              />
              <TextInput
                label="Legal family name"
                required
                value={v.legalFamilyName}
                onChange={set('legalFamilyName')}
                error={errors.legalFamilyName}
              />
              <TextInput
                label="Date of birth"
                type="date"
                required
                value={v.dateOfBirth}
                onChange={set('dateOfBirth')}
                error={errors.dateOfBirth}
              />
              <Select
                label="Sex assigned at birth"
                required
                data={sexesAssignedAtBirth.map((s) => ({ value: s, label: sexLabels[s] ?? s }))}
                value={v.sexAssignedAtBirth || null}
                onChange={(x) => setV({ ...v, sexAssignedAtBirth: x ?? '' })}
                error={errors.sexAssignedAtBirth}
              />
            </SimpleGrid>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Level of care"
              data={levelsOfCare.map((l) => ({ value: l, label: `${l} ${levelOfCareLabels[l]}` }))}
              value={v.levelOfCare}
              onChange={(x) => setV({ ...v, levelOfCare: x ?? '2.1' })}
              allowDeselect={false}
            />
            <Select
              label="Location"
              required
              data={locations.options}
              value={v.locationId || null}
              onChange={(x) => setV({ ...v, locationId: x ?? '' })}
              error={errors.locationId}
              allowDeselect={false}
            />
            <Select
              label="Primary clinician"
              data={(clinicians.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={v.primaryClinicianId || null}
              onChange={(x) => setV({ ...v, primaryClinicianId: x ?? '' })}
              clearable
              searchable
              error={errors.primaryClinicianId}
            />
            <NumberInput
              label="Planned length (weeks)"
              description="Usually 8–12"
              min={1}
              max={52}
              value={v.plannedWeeks}
              onChange={(x) => setV({ ...v, plannedWeeks: x })}
              error={errors.plannedWeeks}
            />
            <TextInput
              label="Track"
              description="e.g. Evening, Morning, Virtual"
              value={v.track}
              onChange={set('track')}
              error={errors.track}
            />
          </SimpleGrid>
          <Checkbox
            label="Starts today (otherwise the episode waits for the first session)"
            checked={v.startsToday}
            onChange={(e) => setV({ ...v, startsToday: e.currentTarget.checked })}
          />
          {!props.linkPatientId && (
            <Checkbox
              label="I checked: this person is not an existing patient"
              checked={v.confirmedNotDuplicate}
              onChange={(e) => setV({ ...v, confirmedNotDuplicate: e.currentTarget.checked })}
              error={errors.confirmedNotDuplicate}
            />
          )}
          {props.needsOverride && (
            <Textarea
              label="Clinical reason to admit despite the pre-screen"
              required
              value={v.clinicalOverride}
              onChange={set('clinicalOverride')}
              error={errors.clinicalOverride}
              autosize
              minRows={2}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={admit.isPending}>
              Admit
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
