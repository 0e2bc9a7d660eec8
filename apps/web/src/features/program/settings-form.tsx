import { ActionIcon, Button, Fieldset, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { schedulingSettingsInput, type SchedulingSettingsView } from '@openiop/core';
import { errorAt, useZodForm } from '../../lib/form';
import { FormError } from '../../ui/query-error';
import { WEEKDAYS, clock, num, quarterHours } from './labels';

interface SlotValues {
  weekday: string;
  start: string;
  end: string;
}
const endTimes = [...quarterHours.slice(1), { value: '1440', label: '24:00' }];

/** A location's scheduling defaults: individual and family sessions, drug-test collection windows, reminders. */
export function SettingsForm(props: {
  settings: SchedulingSettingsView;
  readOnly: boolean;
  submitting: boolean;
  onSubmit: (input: unknown) => Promise<unknown>;
}) {
  const s = props.settings;
  const form = useZodForm({
    initialValues: {
      individualMinutes: String(s.individualMinutes),
      individualEveryWeeks: String(s.individualEveryWeeks),
      familyMinutes: String(s.familyMinutes),
      familyEveryWeeks: String(s.familyEveryWeeks),
      collectionSlots: s.collectionSlots.map((c) => ({
        weekday: String(c.weekday),
        start: String(c.start),
        end: String(c.end),
      })),
      reminderOffsetsMinutes: s.reminderOffsetsMinutes.join(', '),
    },
    schema: schedulingSettingsInput,
    toInput: (v) => ({
      individualMinutes: num(v.individualMinutes),
      individualEveryWeeks: num(v.individualEveryWeeks),
      familyMinutes: num(v.familyMinutes),
      familyEveryWeeks: num(v.familyEveryWeeks),
      collectionSlots: v.collectionSlots.map((c) => ({ weekday: num(c.weekday), start: num(c.start), end: num(c.end) })),
      reminderOffsetsMinutes: v.reminderOffsetsMinutes
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
        .map(Number),
    }),
  });
  const slots = form.values.collectionSlots;
  const setSlot = (i: number, patch: Partial<SlotValues>) =>
    form.setValue(
      'collectionSlots',
      slots.map((c, k) => (k === i ? { ...c, ...patch } : c)),
    );
  const submit = form.onSubmit((input) => {
    props.onSubmit(input).catch((e: unknown) => form.showError(e));
  });
  const ro = props.readOnly;
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label="Scheduling settings">
      <Stack gap="md">
        <FormError message={form.formError} title="The settings were not saved" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Individual session (minutes)" readOnly={ro} inputMode="numeric" {...form.text('individualMinutes')} />
          <TextInput label="Individual session every (weeks)" readOnly={ro} inputMode="numeric" {...form.text('individualEveryWeeks')} />
          <TextInput label="Family session (minutes)" readOnly={ro} inputMode="numeric" {...form.text('familyMinutes')} />
          <TextInput label="Family session every (weeks)" readOnly={ro} inputMode="numeric" {...form.text('familyEveryWeeks')} />
        </SimpleGrid>
        <TextInput
          label="Reminders (minutes before)"
          description="Separated by commas: 1440 is a day before, 120 two hours before"
          readOnly={ro}
          {...form.text('reminderOffsetsMinutes')}
        />
        <Fieldset legend="Drug-test collection windows">
          <Stack gap="sm">
            {slots.length === 0 && (
              <Text size="sm" c="dimmed">
                No collection windows. {ro ? '' : 'Add the times the lab collects samples.'}
              </Text>
            )}
            {slots.map((c, i) => (
              <Group key={i} gap="sm" align="flex-end" wrap="wrap">
                <Select
                  label={`Window ${i + 1} day`}
                  readOnly={ro}
                  allowDeselect={false}
                  data={WEEKDAYS.map((d, k) => ({ value: String(k), label: d }))}
                  value={c.weekday}
                  onChange={(v) => setSlot(i, { weekday: v ?? '0' })}
                  w={150}
                />
                <Select
                  label={`Window ${i + 1} from`}
                  readOnly={ro}
                  searchable
                  allowDeselect={false}
                  data={quarterHours}
                  value={c.start}
                  onChange={(v) => setSlot(i, { start: v ?? '' })}
                  w={120}
                />
                <Select
                  label={`Window ${i + 1} until`}
                  readOnly={ro}
                  searchable
                  allowDeselect={false}
                  data={endTimes}
                  value={c.end}
                  onChange={(v) => setSlot(i, { end: v ?? '' })}
                  error={form.errors[`collectionSlots.${i}.end`] ?? form.errors[`collectionSlots.${i}`]}
                  w={120}
                />
                {!ro && (
                  <ActionIcon
                    variant="default"
                    size="lg"
                    aria-label={`Remove window ${i + 1} (${WEEKDAYS[num(c.weekday)] ?? ''} ${clock(num(c.start) || 0)})`}
                    onClick={() =>
                      form.setValue(
                        'collectionSlots',
                        slots.filter((_, k) => k !== i),
                      )
                    }
                  >
                    ×
                  </ActionIcon>
                )}
              </Group>
            ))}
            {errorAt(form.errors, 'collectionSlots') && !slots.length && (
              <Text c="red" size="sm">
                {errorAt(form.errors, 'collectionSlots')}
              </Text>
            )}
            {!ro && (
              <Button
                variant="light"
                size="compact-sm"
                w="fit-content"
                onClick={() => form.setValue('collectionSlots', [...slots, { weekday: '0', start: '480', end: '600' }])}
              >
                Add a collection window
              </Button>
            )}
          </Stack>
        </Fieldset>
        {!ro && (
          <Group justify="flex-end">
            <Button type="submit" loading={props.submitting}>
              Save settings
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
