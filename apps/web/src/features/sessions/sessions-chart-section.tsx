import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { SeriesView, SessionOccurrenceView } from '@openiop/core';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api-client';
import { formatDate } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { PlainList } from '../../ui/plain-list';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { useSeriesAction, useSeriesOptions, useSessions } from './api';
import { CalendarFeedControls } from './calendar-feed-controls';
import { describeRule, sessionWhen, sessionWhere } from './format';
import { SeriesForm } from './series-form';

/** One upcoming session: when (clinic time), where, with whom. */
export function OccurrenceItem({ o, showStaff = true }: { o: SessionOccurrenceView; showStaff?: boolean }) {
  return (
    <Paper withBorder p="sm" radius="sm" component="li">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={600}>{sessionWhen(o)}</Text>
        {o.modality === 'virtual' && <Badge variant="light">Video</Badge>}
      </Group>
      <Text size="sm">
        {o.title} · {sessionWhere(o)}
        {showStaff ? ` · ${o.staffName}` : ''}
      </Text>
      {o.modality === 'virtual' && !o.videoUrl && (
        <Anchor component={Link} to={`/video/${o.id}`} size="sm">
          Open the video room
        </Anchor>
      )}
    </Paper>
  );
}

function SeriesItem({ patientId, series, days }: { patientId: string; series: SeriesView; days: string[] }) {
  const can = useCan();
  const action = useSeriesAction(patientId);
  const [skip, setSkip] = useState<string | null>(null);
  const labelId = `series-${series.id}`;
  return (
    <Paper withBorder p="sm" radius="sm" component="li" aria-labelledby={labelId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} id={labelId}>
            {series.title}: {describeRule(series.rrule)}
          </Text>
          <Badge color={series.upcoming ? 'green' : 'gray'} variant="light">
            {series.upcoming ? `${series.upcoming} ahead` : 'Ended'}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {series.staffName} · {series.roomName ?? 'Video'} · from {formatDate(series.firstDay)}
          {series.exceptDays.length ? ` · skipped ${series.exceptDays.map(formatDate).join(', ')}` : ''}
        </Text>
        {can('schedule.move') && series.upcoming > 0 && (
          <Group gap="sm" wrap="wrap" align="flex-end">
            <Select
              label="Skip a date"
              placeholder="Choose a date"
              data={days.map((d) => ({ value: d, label: formatDate(d) }))}
              value={skip}
              onChange={setSkip}
              w={200}
            />
            <Button
              variant="default"
              disabled={!skip}
              loading={action.isPending && action.variables && 'skip' in action.variables}
              onClick={() => skip && action.mutate({ series, skip }, { onSuccess: () => setSkip(null) })}
            >
              Skip date
            </Button>
            <Button variant="default" color="red" onClick={() => action.mutate({ series, endFrom: null })}>
              End series
            </Button>
          </Group>
        )}
        {action.error && (
          <Alert color="red" role="alert">
            {errorMessage(action.error)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** The chart's "Sessions" section: upcoming sessions, recurring series with their controls, and the calendar feed. */
export function SessionsChartSection({ patientId }: { patientId: string }) {
  const can = useCan();
  const sessions = useSessions(patientId, can('schedule.read'));
  const [open, setOpen] = useState(false);
  const options = useSeriesOptions(patientId, open);
  if (!can('schedule.read')) return null;
  if (sessions.isError && isApiError(sessions.error) && sessions.error.status === 403) return null;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} mb="lg" component="section" aria-labelledby="sessions-heading">
      <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
        <Title order={2} size="h4" id="sessions-heading">
          Sessions
        </Title>
        {can('schedule.move') && (
          <Button size="sm" onClick={() => setOpen(true)}>
            New recurring session
          </Button>
        )}
      </Group>
      {sessions.isPending ? (
        <Loading label="Loading sessions" />
      ) : sessions.isError ? (
        <QueryError what="sessions" error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <Stack gap="md">
          <Title order={3} size="h5">
            Upcoming
          </Title>
          {sessions.data.upcoming.length === 0 ? (
            <Text c="dimmed">No sessions in the next 60 days.</Text>
          ) : (
            <PlainList gap="xs" aria-label="Upcoming sessions">
              {sessions.data.upcoming.slice(0, 12).map((o) => (
                <OccurrenceItem key={o.id} o={o} />
              ))}
            </PlainList>
          )}
          {sessions.data.series.length > 0 && (
            <>
              <Title order={3} size="h5">
                Recurring series
              </Title>
              <PlainList gap="xs" aria-label="Recurring series">
                {sessions.data.series.map((s) => (
                  <SeriesItem
                    key={s.id}
                    patientId={patientId}
                    series={s}
                    days={sessions.data.upcoming.filter((o) => o.seriesId === s.id).map((o) => o.day)}
                  />
                ))}
              </PlainList>
            </>
          )}
        </Stack>
      )}
      {can('calendar_feed.manage') && (
        <Stack mt="lg">
          <CalendarFeedControls patientId={patientId} headingId="patient-feed-heading" />
        </Stack>
      )}
      <Modal opened={open} onClose={() => setOpen(false)} title="New recurring session">
        {options.isPending ? (
          <Loading label="Loading staff and rooms" />
        ) : options.isError ? (
          <QueryError what="staff and rooms" error={options.error} onRetry={() => void options.refetch()} />
        ) : (
          <SeriesForm patientId={patientId} options={options.data} onDone={() => setOpen(false)} />
        )}
      </Modal>
    </Paper>
  );
}
