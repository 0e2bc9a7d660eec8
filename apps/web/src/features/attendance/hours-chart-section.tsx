import { Alert, Badge, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Loading } from '../../ui/loading';
import { PlainList } from '../../ui/plain-list';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { errorMessage } from '../../lib/api-client';
import { useAddToMakeUp, usePatientHours } from './api';
import { clock, dayText, hoursText, ledgerLabels, riskLabels, statusLabels } from './labels';

/** The chart's hours this week: attended and still possible against the floor, each day, make-ups and the risk flag. */
export function HoursChartSection({ patientId }: { patientId: string }) {
  const can = useCan();
  const allowed = can('attendance.read');
  const hours = usePatientHours(patientId, null, allowed);
  const addToMakeUp = useAddToMakeUp(patientId);
  if (!allowed) return null;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="hours-heading">
      <Title order={2} size="h3" id="hours-heading" mb="sm">
        Hours this week
      </Title>
      {hours.isPending ? (
        <Loading label="Loading hours" />
      ) : hours.isError ? (
        <QueryError error={hours.error} what="hours" onRetry={() => void hours.refetch()} />
      ) : (
        (() => {
          const h = hours.data;
          const scale = Math.max(h.floorMinutes, h.scheduledMinutes, 1);
          const badge = ledgerLabels[h.status];
          return (
            <Stack gap="sm">
              {h.engagementRisk.length > 0 && (
                <Alert color="red" title="Engagement risk">
                  {h.engagementRisk.map((r) => riskLabels[r]).join('; ')}
                </Alert>
              )}
              <Group justify="space-between" wrap="wrap">
                <Text>
                  Week of {dayText(h.weekStart)}: <strong>{hoursText(h.attendedMinutes)}</strong> attended of a {hoursText(h.floorMinutes)}{' '}
                  floor{h.stepDown ? ' (step-down)' : ''}
                </Text>
                <Badge color={badge.color} variant="light">
                  {badge.label}
                </Badge>
              </Group>
              <Progress.Root size="xl">
                <Progress.Section
                  value={(100 * h.attendedMinutes) / scale}
                  color="green"
                  aria-label={`Attended ${hoursText(h.attendedMinutes)} of a ${hoursText(h.floorMinutes)} floor`}
                />
                <Progress.Section
                  value={(100 * (h.possibleMinutes - h.attendedMinutes)) / scale}
                  color="gray.4"
                  aria-label={`Still possible ${hoursText(h.possibleMinutes - h.attendedMinutes)}`}
                />
              </Progress.Root>
              <Text size="sm" c="dimmed">
                Scheduled {hoursText(h.scheduledMinutes)} · still possible {hoursText(h.possibleMinutes)}
                {h.unrecordedMinutes ? ` · ${hoursText(h.unrecordedMinutes)} not yet recorded` : ''}
              </Text>
              {h.days.length > 0 && (
                <PlainList gap={4} aria-label="Hours by day">
                  {h.days.map((d) => (
                    <Text key={d.day} component="li" size="sm">
                      {dayText(d.day)}: {hoursText(d.attendedMinutes)} of {hoursText(d.scheduledMinutes)}
                      {d.short ? ` — short of the ${hoursText(h.dayMinimumMinutes)} per-diem day` : ''}
                    </Text>
                  ))}
                </PlainList>
              )}
              {h.sessions.length > 0 && (
                <PlainList gap={4} aria-label="Sessions this week">
                  {h.sessions.map((s) => (
                    <Text key={s.occurrenceId} component="li" size="sm">
                      {dayText(s.day)} {clock(s.startMinute)} {s.title}:{' '}
                      {s.cancelled
                        ? 'cancelled'
                        : s.attendance
                          ? `${statusLabels[s.attendance.status]}, ${s.attendance.minutesAttended} min`
                          : 'not recorded'}
                    </Text>
                  ))}
                </PlainList>
              )}
              {h.makeUps.length > 0 && (
                <Stack gap={4}>
                  <Text fw={600}>Make-up sessions with open seats</Text>
                  <PlainList gap={4} aria-label="Make-up sessions">
                    {h.makeUps.map((m) => (
                      <Group key={m.occurrenceId} component="li" gap="xs" wrap="wrap">
                        <Text size="sm">
                          {dayText(m.day)} {clock(m.startMinute)}–{clock(m.endMinute)} {m.title} ({m.openSeats} open)
                        </Text>
                        {can('schedule.move') && (
                          <Button
                            size="compact-xs"
                            variant="light"
                            loading={addToMakeUp.isPending && addToMakeUp.variables.occurrenceId === m.occurrenceId}
                            aria-label={`Add to ${m.title}, ${dayText(m.day)} ${clock(m.startMinute)}`}
                            onClick={() =>
                              addToMakeUp.mutate(m, {
                                onSuccess: () => notifications.show({ color: 'green', message: 'Added to the make-up session.' }),
                                onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
                              })
                            }
                          >
                            Add
                          </Button>
                        )}
                      </Group>
                    ))}
                  </PlainList>
                </Stack>
              )}
            </Stack>
          );
        })()
      )}
    </Paper>
  );
}
