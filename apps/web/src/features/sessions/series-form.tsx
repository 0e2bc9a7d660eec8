import { Alert, Button, List, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import type { SeriesCreate, SeriesOptions } from '@openiop/core';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api-client';
import { useCreateSeries } from './api';
import { minutesOf, ruleFor } from './format';

/** The new recurring session form: who, where, first day and time, how often and how many. */
export function SeriesForm({ patientId, options, onDone }: { patientId: string; options: SeriesOptions; onDone: () => void }) {
  const create = useCreateSeries(patientId);
  const [kind, setKind] = useState<SeriesCreate['kind']>('individual');
  const [staffId, setStaffId] = useState<string | null>(options.staff[0]?.id ?? null);
  const [modality, setModality] = useState<SeriesCreate['modality']>('in_person');
  const [roomId, setRoomId] = useState<string | null>(options.rooms[0]?.id ?? null);
  const [videoUrl, setVideoUrl] = useState('');
  const [firstDay, setFirstDay] = useState(options.today);
  const [start, setStart] = useState('10:00');
  const [duration, setDuration] = useState<number | string>(50);
  const [every, setEvery] = useState('1');
  const [count, setCount] = useState<number | string>(12);
  const fieldError = (path: string) => (isApiError(create.error) ? create.error.errors.find((e) => e.path === path)?.message : undefined);
  const clashes = isApiError(create.error) ? create.error.errors.filter((e) => e.path.startsWith('conflicts.')) : [];

  const submit = () => {
    create.mutate(
      {
        kind,
        staffId: staffId ?? '',
        modality,
        roomId: modality === 'in_person' ? roomId : null,
        videoUrl: modality === 'virtual' && videoUrl ? videoUrl : null,
        rrule: ruleFor(firstDay, Number(every), Number(count)),
        firstDay,
        startMinute: minutesOf(start) ?? -1,
        durationMinutes: Number(duration),
        title: null,
      },
      { onSuccess: onDone },
    );
  };

  return (
    <Stack
      gap="sm"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Select
        label="Kind"
        data={[
          { value: 'individual', label: 'Individual session' },
          { value: 'family', label: 'Family session' },
        ]}
        value={kind}
        onChange={(v) => setKind(v === 'family' ? 'family' : 'individual')}
        allowDeselect={false}
      />
      <Select
        label="Staff member"
        data={options.staff.map((s) => ({ value: s.id, label: s.name }))}
        value={staffId}
        onChange={setStaffId}
        error={fieldError('staffId')}
        allowDeselect={false}
        searchable
      />
      <Select
        label="Where"
        data={[
          { value: 'in_person', label: 'In person' },
          { value: 'virtual', label: 'Video' },
        ]}
        value={modality}
        onChange={(v) => setModality(v === 'virtual' ? 'virtual' : 'in_person')}
        allowDeselect={false}
      />
      {modality === 'in_person' ? (
        <Select
          label="Room"
          data={options.rooms.map((r) => ({ value: r.id, label: r.name }))}
          value={roomId}
          onChange={setRoomId}
          error={fieldError('roomId')}
          allowDeselect={false}
          nothingFoundMessage="No rooms at this location yet"
        />
      ) : (
        <TextInput
          label="Video join link"
          value={videoUrl}
          onChange={(e) => setVideoUrl(e.currentTarget.value)}
          error={fieldError('videoUrl')}
        />
      )}
      <TextInput
        label="First day"
        type="date"
        value={firstDay}
        onChange={(e) => setFirstDay(e.currentTarget.value)}
        error={fieldError('firstDay')}
        required
      />
      <TextInput
        label="Start time"
        type="time"
        value={start}
        onChange={(e) => setStart(e.currentTarget.value)}
        error={fieldError('startMinute')}
        required
      />
      <NumberInput
        label="Length (minutes)"
        min={10}
        max={480}
        value={duration}
        onChange={setDuration}
        error={fieldError('durationMinutes')}
      />
      <Select
        label="Repeats"
        data={[
          { value: '1', label: 'Every week' },
          { value: '2', label: 'Every other week' },
        ]}
        value={every}
        onChange={(v) => setEvery(v ?? '1')}
        allowDeselect={false}
      />
      <NumberInput label="Number of sessions" min={1} max={52} value={count} onChange={setCount} error={fieldError('rrule')} />
      {create.error && (
        <Alert color="red" role="alert" title={errorMessage(create.error)}>
          {clashes.length > 0 && (
            <List size="sm">
              {clashes.map((c) => (
                <List.Item key={c.path}>{c.message}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      <Button type="submit" loading={create.isPending}>
        Create recurring session
      </Button>
    </Stack>
  );
}
