import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { PlainList } from '../../ui/plain-list';
import { QueryError } from '../../ui/query-error';
import { useTodaySessions } from './api';
import { clock, dayText } from './labels';

/** The signed-in facilitator's sessions today (a director: every session at their locations), each to its run sheet. */
export function TodaySessionsPage() {
  const today = useTodaySessions();
  return (
    <Stack gap="md">
      <PageHeader title="Today's sessions" description={today.data ? dayText(today.data.day) : undefined} />
      {today.isPending ? (
        <Loading label="Loading today's sessions" />
      ) : today.isError ? (
        <QueryError error={today.error} what="today's sessions" onRetry={() => void today.refetch()} />
      ) : today.data.items.length === 0 ? (
        <Text c="dimmed">No sessions today.</Text>
      ) : (
        <PlainList gap="xs" aria-label="Today's sessions">
          {today.data.items.map((s) => (
            <Paper key={s.id} withBorder p="sm" radius="sm" component="li">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Anchor component={Link} to={`/sessions/${s.id}`} fw={600}>
                  {clock(s.startMinute)}–{clock(s.endMinute)} {s.title}
                </Anchor>
                <Badge variant="light" color={s.recordedCount >= s.rosterCount && s.rosterCount > 0 ? 'green' : 'gray'}>
                  {s.recordedCount} of {s.rosterCount} recorded
                </Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {[s.locationName, s.roomName].filter(Boolean).join(', ')}
              </Text>
            </Paper>
          ))}
        </PlainList>
      )}
    </Stack>
  );
}
