import { Button, Group, Select, SimpleGrid, Stack, Switch, TextInput, Textarea } from '@mantine/core';
import {
  phaseInput,
  phaseUpdate,
  roomInput,
  roomUpdate,
  templateInput,
  templateUpdate,
  trackInput,
  trackUpdate,
  closureInput,
  type PhaseView,
  type ProgramView,
  type RoomView,
  type TemplateView,
  type TrackView,
} from '@openiop/core';
import type { ReactNode } from 'react';
import { orNull, useZodForm, type ZodForm } from '../../lib/form';
import { useStaff } from '../reference/api';
import { FormError } from '../../ui/query-error';
import { WEEKDAYS, kindLabels, modalityLabels, num, options, quarterHours } from './labels';

/** What every program form gets: whether it edits, and what to do with the contract input. */
interface FormProps<T> {
  editing: boolean;
  submitting: boolean;
  onSubmit: (input: T) => Promise<unknown>;
  onCancel: () => void;
  banner?: ReactNode;
}

function Actions({ submitting, onCancel, label }: { submitting: boolean; onCancel: () => void; label: string }) {
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel} disabled={submitting}>
        Cancel
      </Button>
      <Button type="submit" loading={submitting}>
        {label}
      </Button>
    </Group>
  );
}

/** Submits through the contract and shows the api's `errors[]` on their fields. */
function submitWith<V extends Record<string, unknown>, S extends Parameters<typeof useZodForm>[0]['schema']>(
  form: ZodForm<V, S>,
  onSubmit: (input: never) => Promise<unknown>,
) {
  return form.onSubmit((input) => {
    onSubmit(input as never).catch((e: unknown) => form.showError(e));
  });
}

const activeSwitch = (bound: ReturnType<ZodForm<{ active: boolean }, never>['checkbox']>, what: string) => (
  <Switch label="Active" description={`A retired ${what} stays in past schedules but is not offered for new ones.`} {...bound} />
);

export function TrackForm(props: FormProps<unknown> & { track?: TrackView }) {
  const t = props.track;
  const form = useZodForm({
    initialValues: { name: t?.name ?? '', kind: t?.kind ?? '', modality: t?.modality ?? '', active: t?.active ?? true },
    schema: props.editing ? trackUpdate : trackInput,
    toInput: (v) => ({ name: v.name, kind: v.kind, modality: v.modality, ...(props.editing ? { active: v.active } : {}) }) as never,
  });
  return (
    <form ref={form.formRef} onSubmit={submitWith(form, props.onSubmit)} noValidate>
      <Stack gap="md">
        {props.banner}
        <FormError message={form.formError} title="The track was not saved" />
        <TextInput label="Name" required data-autofocus {...form.text('name')} />
        <Select label="Kind" required data={options(kindLabels)} allowDeselect={false} {...form.select('kind')} />
        <Select label="Modality" required data={options(modalityLabels)} allowDeselect={false} {...form.select('modality')} />
        {props.editing && activeSwitch(form.checkbox('active'), 'track')}
        <Actions submitting={props.submitting} onCancel={props.onCancel} label="Save track" />
      </Stack>
    </form>
  );
}

export function RoomForm(props: FormProps<unknown> & { room?: RoomView }) {
  const r = props.room;
  const form = useZodForm({
    initialValues: { name: r?.name ?? '', capacity: r ? String(r.capacity) : '', active: r?.active ?? true },
    schema: props.editing ? roomUpdate : roomInput,
    toInput: (v) => ({ name: v.name, capacity: num(v.capacity), ...(props.editing ? { active: v.active } : {}) }),
  });
  return (
    <form ref={form.formRef} onSubmit={submitWith(form, props.onSubmit)} noValidate>
      <Stack gap="md">
        {props.banner}
        <FormError message={form.formError} title="The room was not saved" />
        <TextInput label="Name" required data-autofocus {...form.text('name')} />
        <TextInput label="Capacity" description="The most people it holds" required inputMode="numeric" {...form.text('capacity')} />
        {props.editing && activeSwitch(form.checkbox('active'), 'room')}
        <Actions submitting={props.submitting} onCancel={props.onCancel} label="Save room" />
      </Stack>
    </form>
  );
}

export function PhaseForm(props: FormProps<unknown> & { phase?: PhaseView; nextNumber: number }) {
  const p = props.phase;
  const form = useZodForm({
    initialValues: {
      number: String(p?.number ?? props.nextNumber),
      name: p?.name ?? '',
      weeklyHours: p ? String(p.weeklyHours) : '',
      daysPerWeek: p ? String(p.daysPerWeek) : '',
      typicalWeeks: p?.typicalWeeks ? String(p.typicalWeeks) : '',
      stepDown: p?.stepDown ?? false,
    },
    schema: props.editing ? phaseUpdate : phaseInput,
    toInput: (v) => ({
      number: num(v.number),
      name: v.name,
      weeklyHours: num(v.weeklyHours),
      daysPerWeek: num(v.daysPerWeek),
      typicalWeeks: v.typicalWeeks.trim() === '' ? null : num(v.typicalWeeks),
      stepDown: v.stepDown,
    }),
  });
  return (
    <form ref={form.formRef} onSubmit={submitWith(form, props.onSubmit)} noValidate>
      <Stack gap="md">
        {props.banner}
        <FormError message={form.formError} title="The phase was not saved" />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput label="Number" required inputMode="numeric" {...form.text('number')} />
          <TextInput label="Name" required data-autofocus {...form.text('name')} />
          <TextInput label="Weekly hours" required inputMode="decimal" {...form.text('weeklyHours')} />
          <TextInput label="Days per week" required inputMode="numeric" {...form.text('daysPerWeek')} />
          <TextInput label="Typical weeks" description="Empty: open-ended" inputMode="numeric" {...form.text('typicalWeeks')} />
        </SimpleGrid>
        <Switch
          label="Step-down"
          description="The tapering period before discharge, when the level of care's 9-hour floor no longer applies."
          {...form.checkbox('stepDown')}
        />
        <Actions submitting={props.submitting} onCancel={props.onCancel} label="Save phase" />
      </Stack>
    </form>
  );
}

export function TemplateForm(props: FormProps<unknown> & { template?: TemplateView; program: ProgramView; weekday?: number }) {
  const t = props.template;
  const staff = useStaff();
  const form = useZodForm({
    initialValues: {
      trackId: t?.trackId ?? '',
      topic: t?.topic ?? '',
      curriculum: t?.curriculum ?? '',
      weekday: String(t?.weekday ?? props.weekday ?? 0),
      startMinute: t ? String(t.startMinute) : '',
      durationMinutes: String(t?.durationMinutes ?? 180),
      capacity: String(t?.capacity ?? 12),
      minToRun: String(t?.minToRun ?? 3),
      credential: t?.credential ?? '',
      roomId: t?.roomId ?? '',
      facilitatorId: t?.facilitatorId ?? '',
      active: t?.active ?? true,
    },
    schema: props.editing ? templateUpdate : templateInput,
    toInput: (v) => ({
      trackId: v.trackId,
      topic: v.topic,
      curriculum: v.curriculum,
      weekday: num(v.weekday),
      startMinute: num(v.startMinute),
      durationMinutes: num(v.durationMinutes),
      capacity: num(v.capacity),
      minToRun: num(v.minToRun),
      credential: orNull(v.credential),
      roomId: orNull(v.roomId),
      facilitatorId: orNull(v.facilitatorId),
      ...(props.editing ? { active: v.active } : {}),
    }),
  });
  const track = props.program.tracks.find((x) => x.id === form.values.trackId);
  const virtual = track?.modality === 'virtual';
  const tracks = props.program.tracks
    .filter((x) => x.active || x.id === t?.trackId)
    .map((x) => ({ value: x.id, label: `${x.name} (${modalityLabels[x.modality].toLowerCase()})` }));
  const rooms = props.program.rooms
    .filter((r) => r.active || r.id === t?.roomId)
    .map((r) => ({ value: r.id, label: `${r.name} (holds ${r.capacity})` }));
  const people = (staff.data ?? []).map((s) => ({ value: s.id, label: s.name }));
  return (
    <form ref={form.formRef} onSubmit={submitWith(form, props.onSubmit)} noValidate>
      <Stack gap="md">
        {props.banner}
        <FormError message={form.formError} title="The weekly group was not saved" />
        <TextInput label="Topic" required data-autofocus {...form.text('topic')} />
        <Select
          label="Track"
          required
          data={tracks}
          allowDeselect={false}
          {...form.select('trackId')}
          onChange={(value) => {
            form.setValue('trackId', value ?? '');
            if (props.program.tracks.find((x) => x.id === value)?.modality === 'virtual') form.setValue('roomId', '');
          }}
        />
        <Textarea label="Curriculum" description="The manual or module it follows" autosize minRows={1} {...form.text('curriculum')} />
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <Select
            label="Day"
            required
            allowDeselect={false}
            data={WEEKDAYS.map((d, i) => ({ value: String(i), label: d }))}
            {...form.select('weekday')}
          />
          <Select
            label="Starts at"
            description="Clinic time; type to search"
            required
            searchable
            allowDeselect={false}
            nothingFoundMessage="Times are on the quarter hour"
            data={quarterHours}
            {...form.select('startMinute')}
          />
          <TextInput
            label="Length (minutes)"
            description="In 15-minute steps"
            required
            inputMode="numeric"
            {...form.text('durationMinutes')}
          />
          <TextInput label="Capacity" required inputMode="numeric" {...form.text('capacity')} />
          <TextInput label="Fewest to run" required inputMode="numeric" {...form.text('minToRun')} />
          <TextInput label="Facilitator credential" description="e.g. LADC; empty: any" {...form.text('credential')} />
        </SimpleGrid>
        <Select
          label="Room"
          description={virtual ? 'A virtual track meets online, without a room.' : 'Where it meets'}
          disabled={virtual}
          clearable
          data={rooms}
          {...form.select('roomId')}
        />
        <Select
          label="Default facilitator"
          description="Who usually runs it"
          clearable
          searchable
          data={people}
          nothingFoundMessage="No staff member matches"
          {...form.select('facilitatorId')}
        />
        {props.editing && activeSwitch(form.checkbox('active'), 'weekly group')}
        <Actions submitting={props.submitting} onCancel={props.onCancel} label="Save weekly group" />
      </Stack>
    </form>
  );
}

export function ClosureForm(props: FormProps<unknown> & { today: string }) {
  const form = useZodForm({
    initialValues: { day: props.today, name: '', scope: 'location' },
    schema: closureInput,
    toInput: (v) => ({ day: v.day, name: v.name, scope: v.scope as 'location' | 'organization' }),
  });
  return (
    <form ref={form.formRef} onSubmit={submitWith(form, props.onSubmit)} noValidate>
      <Stack gap="md">
        <FormError message={form.formError} title="The closure was not saved" />
        <TextInput label="Date" type="date" required {...form.text('day')} />
        <TextInput label="Name" description="e.g. Thanksgiving" required data-autofocus {...form.text('name')} />
        <Select
          label="Closed at"
          allowDeselect={false}
          data={[
            { value: 'location', label: 'This location' },
            { value: 'organization', label: 'Every location (organization holiday)' },
          ]}
          {...form.select('scope')}
        />
        <Actions submitting={props.submitting} onCancel={props.onCancel} label="Add closure" />
      </Stack>
    </form>
  );
}
