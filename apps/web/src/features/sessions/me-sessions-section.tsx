import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { localDate } from '@openiop/core';
import { Link } from 'react-router';
import { Loading } from '../../ui/loading';
import { PlainList } from '../../ui/plain-list';
import { useMeSessions } from './api';
import { sessionWhen, sessionWhere } from './format';

/** The person's page: their sessions in the next 14 days (when, where, the join link of a video session) and reminders. */
export function MeSessionsSection({ token }: { token: string }) {
  const sessions = useMeSessions(token);
  if (sessions.isError) return null;
  const reminded = new Set(sessions.data?.reminders.map((r) => r.occurrenceId));
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="me-sessions-heading">
      <Title order={2} size="h3" id="me-sessions-heading" mb="sm">
        Upcoming sessions
      </Title>
      {sessions.isPending ? (
        <Loading label="Loading your sessions" />
      ) : sessions.data.upcoming.length === 0 ? (
        <Text c="dimmed">No sessions in the next two weeks.</Text>
      ) : (
        <Stack gap="sm">
          {sessions.data.reminders.length > 0 && (
            <Alert color="blue" title="Reminder">
              You have {reminded.size === 1 ? 'a session' : `${reminded.size} sessions`} coming up soon.
            </Alert>
          )}
          <PlainList gap="xs" aria-label="Your upcoming sessions">
            {sessions.data.upcoming.map((o) => (
              <Paper key={o.id} withBorder p="sm" radius="sm" component="li">
                <Text fw={600}>{sessionWhen(o)}</Text>
                <Text size="sm">
                  {sessionWhere(o)} · with {o.staffName}
                </Text>
                {o.videoUrl && (
                  <Anchor href={o.videoUrl} target="_blank" rel="noreferrer" size="sm">
                    Join the video session
                  </Anchor>
                )}
                {/* The built-in room, on the session's day in the clinic's time zone (never the phone's). */}
                {o.modality === 'virtual' && !o.videoUrl && o.day === localDate(new Date(), o.timeZone) && (
                  <Anchor component={Link} to={`/me/${encodeURIComponent(token)}/video/${o.id}`} size="sm" fw={600}>
                    Join video
                  </Anchor>
                )}
              </Paper>
            ))}
          </PlainList>
        </Stack>
      )}
    </Paper>
  );
}
