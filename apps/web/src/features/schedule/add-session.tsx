import { Alert, Button, Group, List, Modal, MultiSelect, NativeSelect, NumberInput, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { addDays, clockText, type MoveCheckView, type ScheduleWeekView, type SessionAdd } from '@openiop/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api-client';
import { formatDate } from '../../lib/format';
import { useAddSession, useCheckAddSession } from './api';

const KINDS = [
  { value: 'group', label: 'Group' },
  { value: 'individual', label: 'Individual' },
  { value: 'family', label: 'Family' },
];
const TIMES = Array.from({ length: (22 - 6) * 4 }, (_, i) => 6 * 60 + i * 15).map((m) => ({ value: String(m), label: clockText(m) }));

/**
 * "Add a session": an ad hoc group (a make-up, an extra group) or an individual or family session, added to the week
 * by hand with the same hard-limit check the calendar's moves get — checked before saving, refused with the reasons.
 */
export function AddSessionButton({ week, etag }: { week: ScheduleWeekView; etag: string | null }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        Add a session
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Add a session" size="lg">
        {open && <AddSessionForm week={week} etag={etag} onDone={() => setOpen(false)} />}
      </Modal>
    </>
  );
}

function AddSessionForm({ week, etag, onDone }: { week: ScheduleWeekView; etag: string | null; onDone: () => void }) {
  const navigate = useNavigate();
  const add = useAddSession(week.locationId, week.weekStart);
  const check = useCheckAddSession(week.locationId, week.weekStart);
  const [kind, setKind] = useState<SessionAdd['kind']>('group');
  const [title, setTitle] = useState('Make-up group');
  const [day, setDay] = useState(week.weekStart);
  const [start, setStart] = useState(String(10 * 60));
  const [length, setLength] = useState<number | string>(180);
  const [staffId, setStaffId] = useState(week.staff[0]?.id ?? '');
  const [roomId, setRoomId] = useState('');
  const [people, setPeople] = useState<string[]>([]);
  const [result, setResult] = useState<MoveCheckView | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const session = (): Omit<SessionAdd, 'dryRun'> => {
    const startMinute = Number(start);
    return {
      kind,
      title,
      day,
      startMinute,
      endMinute: startMinute + (typeof length === 'number' ? length : Number(length) || 0),
      staffId,
      roomId: roomId || null,
      patientIds: people,
    };
  };
  const refused = (e: unknown) => {
    if (isApiError(e) && e.errors.length)
      setFieldErrors(Object.fromEntries(e.errors.map((x) => [x.path.split('.')[0] as string, x.message])));
    notifications.show({ color: 'red', message: errorMessage(e) });
  };
  const onKind = (k: SessionAdd['kind']) => {
    setKind(k);
    setTitle(k === 'group' ? 'Make-up group' : k === 'individual' ? 'Individual session' : 'Family session');
    setLength(k === 'group' ? 180 : 50);
    if (k !== 'group') setPeople((p) => p.slice(0, 1));
    setResult(null);
  };
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setResult(null);
      setFieldErrors({});
    };

  return (
    <Stack gap="sm">
      <NativeSelect label="Kind" data={KINDS} value={kind} onChange={(e) => onKind(e.currentTarget.value as SessionAdd['kind'])} />
      <TextInput
        label="Title"
        value={title}
        onChange={(e) => changed(setTitle)(e.currentTarget.value)}
        error={fieldErrors.title}
        required
      />
      <Group grow wrap="wrap">
        <NativeSelect
          label="Day"
          data={Array.from({ length: 7 }, (_, i) => addDays(week.weekStart, i)).map((d) => ({ value: d, label: formatDate(d) }))}
          value={day}
          onChange={(e) => changed(setDay)(e.currentTarget.value)}
          error={fieldErrors.day}
        />
        <NativeSelect
          label="Starts"
          data={TIMES}
          value={start}
          onChange={(e) => changed(setStart)(e.currentTarget.value)}
          error={fieldErrors.startMinute}
        />
        <NumberInput
          label="Minutes"
          min={15}
          max={480}
          step={5}
          value={length}
          onChange={changed(setLength)}
          error={fieldErrors.endMinute}
        />
      </Group>
      <Group grow wrap="wrap">
        <NativeSelect
          label="Facilitator"
          data={week.staff.map((s) => ({ value: s.id, label: s.name }))}
          value={staffId}
          onChange={(e) => changed(setStaffId)(e.currentTarget.value)}
          error={fieldErrors.staffId}
        />
        <NativeSelect
          label="Room"
          data={[{ value: '', label: 'Virtual (video)' }, ...week.rooms.map((r) => ({ value: r.id, label: `${r.name} (${r.capacity})` }))]}
          value={roomId}
          onChange={(e) => changed(setRoomId)(e.currentTarget.value)}
          error={fieldErrors.roomId}
        />
      </Group>
      <MultiSelect
        label={kind === 'group' ? 'People' : 'Person'}
        data={week.people.map((p) => ({ value: p.patientId, label: p.name }))}
        value={people}
        onChange={changed(setPeople)}
        maxValues={kind === 'group' ? undefined : 1}
        searchable
        error={fieldErrors.patientIds}
      />
      {result && (
        <Alert
          color={result.ok ? 'green' : 'red'}
          role="status"
          title={result.ok ? 'This fits: nothing clashes' : 'This would break the schedule'}
        >
          {!result.ok && (
            <List size="sm">
              {result.problems.map((p) => (
                <List.Item key={p.message}>{p.message}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button
          variant="default"
          loading={check.isPending}
          onClick={() => check.mutate(session(), { onSuccess: setResult, onError: refused })}
        >
          Check
        </Button>
        <Button
          loading={add.isPending}
          disabled={result !== null && !result.ok}
          onClick={() =>
            add.mutate(
              { session: session(), etag: week.id ? etag : null },
              {
                onSuccess: (saved) => {
                  const live = saved.week.occurrences.find((o) => o.id === saved.occurrenceId)?.status === 'scheduled';
                  notifications.show({
                    color: 'green',
                    message: live ? 'Session added. Its run sheet is open.' : 'Session added. It goes live when the week is published.',
                  });
                  onDone();
                  if (live) void navigate(`/sessions/${saved.occurrenceId}`);
                },
                onError: refused,
              },
            )
          }
        >
          Add session
        </Button>
      </Group>
    </Stack>
  );
}
