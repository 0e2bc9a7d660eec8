import { Button, Group, NativeSelect, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { StaffScheduleView } from '@openiop/core';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api-client';
import { formatDate } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { PlainList } from '../../ui/plain-list';
import { QueryError } from '../../ui/query-error';
import { StaleRecordAlert } from '../../ui/stale-record';
import { useCan } from '../auth/session';
import { fieldError, WriteError } from '../clinical/shared';
import { useAddLeave, useRemoveLeave, useSaveStaffSchedule, useStaffSchedule } from './api';
import { dayName, rangeText } from './labels';
import { rowKey, rowProblem, rowsOf, windowsOf, WindowRows, type WindowRow } from './window-rows';

type Row = WindowRow<string>;

function HoursForm({ userId, view, onDone }: { userId: string; view: StaffScheduleView; onDone: () => void }) {
  const can = useCan();
  const save = useSaveStaffSchedule(userId);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(view.hours, (h) => h.locationId));
  const [caseloadCap, setCaseloadCap] = useState<number | ''>(view.caseloadCap ?? '');
  const [weeklySessionCap, setWeeklySessionCap] = useState<number | ''>(view.weeklySessionCap ?? '');
  const [showErrors, setShowErrors] = useState(false);
  const manage = can('staff_hours.manage');
  const stale = isApiError(save.error) && save.error.code === 'PRECONDITION_FAILED';
  const firstLocation = view.locations[0]?.id ?? '';
  const submit = () => {
    if (rows.some((r) => rowProblem(r))) return setShowErrors(true);
    save.mutate(
      {
        version: view.version,
        input: {
          hours: windowsOf(rows).map(({ weekday, start, end, extra }) => ({ locationId: extra, weekday, start, end })),
          caseloadCap: caseloadCap === '' ? null : caseloadCap,
          weeklySessionCap: weeklySessionCap === '' ? null : weeklySessionCap,
        },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: 'Working hours saved.' });
          onDone();
        },
      },
    );
  };
  return (
    <Stack
      component="form"
      gap="md"
      aria-label="Edit working hours"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {stale ? (
        <StaleRecordAlert reloading={false} onReload={onDone} />
      ) : (
        <WriteError error={save.error} shown={['caseloadCap', 'weeklySessionCap']} />
      )}
      <WindowRows
        rows={rows}
        onChange={setRows}
        noun="Working hours"
        addLabel="Add working hours"
        size="sm"
        showErrors={showErrors}
        newRow={() => ({ key: rowKey(), days: [0, 1, 2, 3, 4], start: 9 * 60, end: 17 * 60, extra: firstLocation })}
        extraField={(r, set, label) =>
          view.locations.length > 1 ? (
            <NativeSelect
              label="Location"
              aria-label={`Location (${label})`}
              data={view.locations.map((l) => ({ value: l.id, label: l.name }))}
              value={r.extra}
              onChange={(e) => set(e.currentTarget.value)}
            />
          ) : null
        }
      />
      <Group grow align="flex-start">
        <NumberInput
          label="Caseload cap"
          description={manage ? 'Most people on their caseload; empty for no cap' : 'Set by a director or administrator'}
          min={0}
          max={1000}
          allowDecimal={false}
          value={caseloadCap}
          disabled={!manage}
          onChange={(v) => setCaseloadCap(typeof v === 'number' ? v : '')}
          error={fieldError(save.error, 'caseloadCap')}
        />
        <NumberInput
          label="Individual sessions a week, at most"
          description={manage ? 'Empty for no cap' : 'Set by a director or administrator'}
          min={0}
          max={1000}
          allowDecimal={false}
          value={weeklySessionCap}
          disabled={!manage}
          onChange={(v) => setWeeklySessionCap(typeof v === 'number' ? v : '')}
          error={fieldError(save.error, 'weeklySessionCap')}
        />
      </Group>
      <Group>
        <Button type="submit" loading={save.isPending}>
          Save working hours
        </Button>
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}

function LeaveForm({ userId }: { userId: string }) {
  const add = useAddLeave(userId);
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [reason, setReason] = useState('');
  return (
    <Stack
      component="form"
      gap="sm"
      aria-label="Add leave"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(
          { startsOn, endsOn: endsOn || startsOn, reason },
          {
            onSuccess: () => {
              setStartsOn('');
              setEndsOn('');
              setReason('');
              notifications.show({ color: 'green', message: 'Leave added.' });
            },
          },
        );
      }}
    >
      <Group grow align="flex-start" wrap="wrap">
        <TextInput
          label="First day off"
          type="date"
          required
          value={startsOn}
          onChange={(e) => setStartsOn(e.currentTarget.value)}
          error={fieldError(add.error, 'startsOn')}
        />
        <TextInput
          label="Last day off"
          type="date"
          min={startsOn || undefined}
          value={endsOn}
          onChange={(e) => setEndsOn(e.currentTarget.value)}
          error={fieldError(add.error, 'endsOn')}
        />
      </Group>
      <TextInput
        label="Reason"
        maxLength={200}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={fieldError(add.error, 'reason')}
      />
      {add.error && !fieldError(add.error, 'startsOn') && !fieldError(add.error, 'endsOn') && <WriteError error={add.error} />}
      <div>
        <Button type="submit" variant="light" loading={add.isPending}>
          Add leave
        </Button>
      </div>
    </Stack>
  );
}

/**
 * "Working hours & leave" for one staff member: on their user page for those who manage hours, and on their own
 * account page. Hidden when the reader may not see it.
 */
export function StaffScheduleSection({ userId, own = false }: { userId: string; own?: boolean }) {
  const record = useStaffSchedule(userId);
  const remove = useRemoveLeave(userId);
  const [editing, setEditing] = useState(false);
  if (record.isError && isApiError(record.error) && record.error.status === 403) return null;
  const v = record.data;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} mb="lg" maw={880} component="section" aria-labelledby="staff-schedule-heading">
      <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
        <Title order={2} size="h4" id="staff-schedule-heading">
          {own ? 'My working hours & leave' : 'Working hours & leave'}
        </Title>
        {v?.canEdit && !editing && (
          <Button size="sm" onClick={() => setEditing(true)}>
            Edit working hours
          </Button>
        )}
      </Group>
      {record.isPending ? (
        <Loading label="Loading working hours" py="md" />
      ) : record.isError || !v ? (
        <QueryError what="working hours" error={record.error} onRetry={() => void record.refetch()} />
      ) : (
        <Stack gap="md">
          {editing ? (
            <HoursForm
              key={v.version}
              userId={userId}
              view={v}
              onDone={() => {
                setEditing(false);
                void record.refetch();
              }}
            />
          ) : (
            <>
              {v.hours.length === 0 ? (
                <Text c="dimmed">No working hours set.</Text>
              ) : (
                <PlainList gap={4} aria-label="Working hours">
                  {v.hours.map((h) => (
                    <li key={`${h.locationId}-${h.weekday}-${h.start}`}>
                      {dayName(h.weekday)} {rangeText(h)}
                      {v.locations.length > 1 && ` at ${v.locations.find((l) => l.id === h.locationId)?.name ?? 'another location'}`}
                    </li>
                  ))}
                </PlainList>
              )}
              <Text size="sm">
                Caseload cap: {v.caseloadCap ?? 'none'} · Individual sessions a week: {v.weeklySessionCap ?? 'no cap'}
              </Text>
            </>
          )}
          <Title order={3} size="h5">
            Leave
          </Title>
          {v.leave.length === 0 ? (
            <Text c="dimmed">No leave recorded.</Text>
          ) : (
            <PlainList gap="xs" aria-label="Leave">
              {v.leave.map((l) => (
                <Group key={l.id} component="li" justify="space-between" wrap="wrap" gap="xs">
                  <Text>
                    {formatDate(l.startsOn)}
                    {l.endsOn !== l.startsOn && ` – ${formatDate(l.endsOn)}`}
                    {l.reason && ` (${l.reason})`}
                  </Text>
                  {v.canEdit && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      loading={remove.isPending && remove.variables === l.id}
                      aria-label={`Remove leave from ${formatDate(l.startsOn)}`}
                      onClick={() =>
                        remove.mutate(l.id, {
                          onError: (e) => notifications.show({ color: 'red', title: 'Not removed', message: errorMessage(e) }),
                        })
                      }
                    >
                      Remove
                    </Button>
                  )}
                </Group>
              ))}
            </PlainList>
          )}
          {v.canEdit && <LeaveForm userId={userId} />}
        </Stack>
      )}
    </Paper>
  );
}
