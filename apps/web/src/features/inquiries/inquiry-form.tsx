import { Button, Checkbox, Fieldset, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import {
  callerRelationships,
  inquiryChannels,
  inquiryCreate,
  inquiryUrgencies,
  prescreenSubstances,
  referralSourceLabels,
  referralSources,
  type InquiryView,
} from '@openiop/core';
import type { z } from 'zod';
import { useZodForm } from '../../lib/form';
import { FormError } from '../../ui/query-error';
import { useLocationOptions, useStaff } from '../reference/api';
import { channelLabels, relationshipLabels, substanceLabels, urgencyLabels } from './labels';

export type InquiryInput = z.input<typeof inquiryCreate>;

export type InquiryFormValues = {
  channel: string;
  callerName: string;
  callerRelationship: string;
  callerPhone: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  referralSource: string;
  referralDetail: string;
  substances: string[];
  urgency: string;
  insuranceSummary: string;
  bestTimeToCall: string;
  notes: string;
  locationId: string;
  assigneeId: string;
};

export function valuesFromInquiry(i?: InquiryView, defaults: Partial<InquiryFormValues> = {}): InquiryFormValues {
  return {
    channel: i?.channel ?? 'phone',
    callerName: i?.callerName ?? '',
    callerRelationship: i?.callerRelationship ?? 'self',
    callerPhone: i?.callerPhone ?? '',
    givenName: i?.givenName ?? '',
    familyName: i?.familyName ?? '',
    dateOfBirth: i?.dateOfBirth ?? '',
    phone: i?.phone ?? '',
    email: i?.email ?? '',
    referralSource: i?.referralSource ?? 'self',
    referralDetail: i?.referralDetail ?? '',
    substances: i?.substances ?? [],
    urgency: i?.urgency ?? 'routine',
    insuranceSummary: i?.insuranceSummary ?? '',
    bestTimeToCall: i?.bestTimeToCall ?? '',
    notes: i?.notes ?? '',
    locationId: i?.location?.id ?? '',
    assigneeId: i?.assignee?.id ?? '',
    ...defaults,
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s);

export function inquiryInput(v: InquiryFormValues): InquiryInput {
  return {
    channel: v.channel as InquiryInput['channel'],
    callerName: v.callerName,
    callerRelationship: v.callerRelationship as InquiryInput['callerRelationship'],
    callerPhone: orNull(v.callerPhone),
    givenName: v.givenName,
    familyName: v.familyName,
    dateOfBirth: orNull(v.dateOfBirth),
    phone: orNull(v.phone),
    email: orNull(v.email),
    referralSource: v.referralSource as InquiryInput['referralSource'],
    referralDetail: v.referralDetail,
    substances: v.substances as InquiryInput['substances'],
    urgency: v.urgency as InquiryInput['urgency'],
    insuranceSummary: v.insuranceSummary,
    bestTimeToCall: v.bestTimeToCall,
    notes: v.notes,
    locationId: orNull(v.locationId),
    assigneeId: orNull(v.assigneeId),
  };
}

const opts = <T extends string>(values: readonly T[], labels: Record<string, string>) =>
  values.map((v) => ({ value: v, label: labels[v] ?? v }));

/** The call record: who called, about whom, how to reach them, where they came from. Same contract as the api. */
export function InquiryForm(props: {
  initialValues: InquiryFormValues;
  submitting: boolean;
  submitLabel: string;
  onSubmit: (input: InquiryInput) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const form = useZodForm({ initialValues: props.initialValues, schema: inquiryCreate, toInput: inquiryInput });
  const locations = useLocationOptions({ keep: props.initialValues.locationId });
  const staff = useStaff();
  const staffOptions = (staff.data ?? [])
    .filter((s) => s.roles.some((r) => ['admissions', 'director', 'admin', 'clinician'].includes(r)))
    .map((s) => ({ value: s.id, label: s.name }));
  const submit = form.onSubmit((input) => {
    props.onSubmit(input).catch((e: unknown) => form.showError(e));
  });
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="lg" maw={960}>
        <FormError message={form.formError} />
        <Fieldset legend="Who is calling">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="How they reached us"
              data={opts(inquiryChannels, channelLabels)}
              {...form.select('channel')}
              allowDeselect={false}
            />
            <Select
              label="Relationship to the person"
              data={opts(callerRelationships, relationshipLabels)}
              {...form.select('callerRelationship')}
              allowDeselect={false}
            />
            {form.values.callerRelationship !== 'self' && <TextInput label="Caller’s name" {...form.text('callerName')} />}
            {form.values.callerRelationship !== 'self' && <TextInput label="Caller’s phone" type="tel" {...form.text('callerPhone')} />}
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="The person who needs help">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Given name" {...form.text('givenName')} />
            <TextInput label="Family name" {...form.text('familyName')} />
            <TextInput label="Date of birth" type="date" {...form.text('dateOfBirth')} />
            <TextInput label="Phone" type="tel" {...form.text('phone')} />
            <TextInput label="E-mail" type="email" {...form.text('email')} />
            <TextInput label="Best time to call" {...form.text('bestTimeToCall')} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Referral and needs">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Referral source"
              data={opts(referralSources, referralSourceLabels)}
              {...form.select('referralSource')}
              allowDeselect={false}
            />
            <TextInput label="Referred by (details)" {...form.text('referralDetail')} />
            <Select label="Urgency" data={opts(inquiryUrgencies, urgencyLabels)} {...form.select('urgency')} allowDeselect={false} />
            <TextInput label="Insurance (as the caller said)" {...form.text('insuranceSummary')} />
            <Select label="Location" data={locations.options} clearable {...form.select('locationId')} />
            <Select label="Assigned to" data={staffOptions} clearable searchable {...form.select('assigneeId')} />
          </SimpleGrid>
          <Checkbox.Group label="Substances mentioned" mt="md" {...form.group('substances')}>
            <Group mt={4}>
              {prescreenSubstances.map((s) => (
                <Checkbox key={s} value={s} label={substanceLabels[s]} />
              ))}
            </Group>
          </Checkbox.Group>
          <Textarea label="Notes" mt="md" autosize minRows={3} {...form.text('notes')} />
        </Fieldset>
        <Group>
          <Button type="submit" loading={props.submitting}>
            {props.submitLabel}
          </Button>
          {props.onCancel && (
            <Button variant="default" onClick={props.onCancel}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
