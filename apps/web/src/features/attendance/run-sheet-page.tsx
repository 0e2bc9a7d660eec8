import { Alert, Badge, Button, Group, Image, NativeSelect, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { attendanceStatuses, type AttendanceStatusValue, type RunSheetView } from '@openiop/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api-client';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { NoteLink } from '../notes/note-link';
import { PlainList } from '../../ui/plain-list';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { sessionWhen, sessionWhere } from '../sessions/format';
import { useCheckInCode, useCheckInToggle, useRecordAttendance, useRunSheet } from './api';
import { clock, statusLabels } from './labels';

type Person = RunSheetView['roster'][number];

function CheckInPanel({ sheet }: { sheet: RunSheetView }) {
  const can = useCan();
  const toggle = useCheckInToggle(sheet.occurrence.id);
  const open = sheet.checkIn.open;
  const code = useCheckInCode(sheet.occurrence.id, open && can('attendance.record'));
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="check-in-heading">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id="check-in-heading">
            Self check-in
          </Title>
          {can('attendance.record') && (
            <Button variant={open ? 'default' : 'filled'} loading={toggle.isPending} onClick={() => toggle.mutate(!open)}>
              {open ? 'Close check-in' : 'Open check-in'}
            </Button>
          )}
        </Group>
        {toggle.isError && <Alert color="red">{errorMessage(toggle.error)}</Alert>}
        {!open ? (
          <Text c="dimmed">Open check-in to show a code people can enter on their phone.</Text>
        ) : code.isPending ? (
          <Loading label="Loading the check-in code" />
        ) : code.isError ? (
          <QueryError error={code.error} what="the check-in code" onRetry={() => void code.refetch()} />
        ) : (
          <Group gap="lg" wrap="wrap" align="center">
            <Image src={code.data.qrDataUrl} alt="QR code that opens the check-in page with this code" w={160} h={160} />
            <Stack gap={4}>
              <Text size="sm">Code (changes every minute)</Text>
              <Text fz={40} fw={700} ff="monospace" aria-live="polite" data-testid="check-in-code">
                {code.data.code}
              </Text>
              <Text size="sm" c="dimmed">
                People enter it on their page from the care team, under “Check in”.
              </Text>
            </Stack>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function PersonRow({ sheet, person, index }: { sheet: RunSheetView; person: Person; index: number }) {
  const can = useCan();
  const record = useRecordAttendance(sheet.occurrence.id);
  const [status, setStatus] = useState<AttendanceStatusValue>(person.attendance?.status ?? 'present');
  const [minutes, setMinutes] = useState<number | string>(person.attendance?.minutesAttended ?? sheet.occurrence.lengthMinutes);
  const name = person.name ?? `Person ${index + 1} (not in your scope)`;
  const editable = can('attendance.record') && !sheet.notHeld && person.name !== null;
  const fieldError = isApiError(record.error) ? record.error.errors.find((e) => e.path === 'minutesAttended')?.message : undefined;
  const labelId = `person-${person.patientId}`;
  const save = () => {
    const absent = status === 'absent_excused' || status === 'absent_unexcused';
    const input = { status, ...(absent ? {} : { minutesAttended: Number(minutes) }) };
    record.mutate({ patientId: person.patientId, version: person.attendance?.version ?? null, input });
  };
  return (
    <Paper withBorder p="sm" radius="sm" component="li" aria-labelledby={labelId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} id={labelId}>
            {name}
          </Text>
          <Group gap="xs">
            {person.checkedInAt && <Badge variant="light">Checked in</Badge>}
            {person.attendance && (
              <Badge variant="outline" color={person.attendance.minutesAttended ? 'green' : 'red'}>
                {statusLabels[person.attendance.status]} · {person.attendance.minutesAttended} min
                {person.attendance.source === 'video' ? ' (video)' : ''}
              </Badge>
            )}
          </Group>
        </Group>
        {editable && (
          <Group
            component="form"
            gap="sm"
            align="flex-end"
            wrap="wrap"
            aria-label={`Attendance for ${name}`}
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <NativeSelect
              label="Attendance"
              value={status}
              onChange={(e) => {
                const next = e.currentTarget.value as AttendanceStatusValue;
                setStatus(next);
                if (next === 'present') setMinutes(sheet.occurrence.lengthMinutes);
              }}
              data={attendanceStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
            />
            {status !== 'absent_excused' && status !== 'absent_unexcused' && (
              <NumberInput
                label="Minutes attended"
                value={minutes}
                onChange={setMinutes}
                min={0}
                max={sheet.occurrence.lengthMinutes}
                allowDecimal={false}
                clampBehavior="none"
                w={150}
                error={fieldError}
              />
            )}
            <Button type="submit" loading={record.isPending}>
              Save
            </Button>
          </Group>
        )}
        {record.isError && !fieldError && (
          <Alert color="red" role="alert">
            {errorMessage(record.error)}
          </Alert>
        )}
        {record.isSuccess && (
          <Text size="sm" c="green.8" role="status">
            Saved
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

const NOT_HELD: Record<NonNullable<RunSheetView['notHeld']>, string> = {
  not_started: 'This session has not started yet: attendance can be taken once it starts.',
  draft: 'This session is in a week that is not published yet.',
  cancelled: 'This session was cancelled.',
};

/** The run sheet of one session: check-in code for the room, the roster and everyone's attendance with minutes. */
export function RunSheetPage() {
  const { occurrenceId = '' } = useParams();
  const sheet = useRunSheet(occurrenceId);
  if (sheet.isPending) return <Loading label="Loading the run sheet" />;
  if (sheet.isError) return <QueryError error={sheet.error} what="the run sheet" onRetry={() => void sheet.refetch()} />;
  const s = sheet.data;
  const o = s.occurrence;
  const recorded = s.roster.filter((p) => p.attendance).length;
  return (
    <Stack gap="md">
      <PageHeader
        title={o.title}
        documentTitle="Run sheet"
        description={`${sessionWhen(o)}–${clock(o.endMinute)} · ${sessionWhere(o)} · ${o.staffName}`}
        back={{ to: '/sessions', label: "Today's sessions" }}
      />
      {s.notHeld && <Alert color="yellow">{NOT_HELD[s.notHeld]}</Alert>}
      {!s.notHeld && (
        <Group>
          <NoteLink occurrenceId={o.id} kind={o.kind} />
        </Group>
      )}
      {o.status === 'scheduled' && <CheckInPanel sheet={s} />}
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="roster-heading">
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap">
            <Title order={2} size="h3" id="roster-heading">
              Roster
            </Title>
            <Text size="sm" c="dimmed">
              {recorded} of {s.roster.length} recorded · {o.lengthMinutes} minutes
            </Text>
          </Group>
          {s.roster.length === 0 ? (
            <Text c="dimmed">Nobody is on this session’s roster.</Text>
          ) : (
            <PlainList gap="xs" aria-label="People in this session">
              {s.roster.map((p, i) => (
                <PersonRow key={`${p.patientId}-${p.attendance?.version ?? 0}`} sheet={s} person={p} index={i} />
              ))}
            </PlainList>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
