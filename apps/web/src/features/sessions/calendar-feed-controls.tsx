import { Alert, Button, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { errorMessage } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { QueryError } from '../../ui/query-error';
import { useCalendarFeed, useCreateCalendarFeed, useRevokeCalendarFeed } from './api';

/**
 * A secret calendar link (ICS) to subscribe to from a phone: create or replace it (the old link stops working),
 * copy it — it is shown only once, when made — or revoke it. `patientId` null: the signed-in staff member's own.
 */
export function CalendarFeedControls({ patientId, headingId }: { patientId: string | null; headingId: string }) {
  const feed = useCalendarFeed(patientId);
  const create = useCreateCalendarFeed(patientId);
  const revoke = useRevokeCalendarFeed(patientId);
  const whose = patientId ? "the person's" : 'your';
  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={3} size="h5" id={headingId}>
        Calendar feed
      </Title>
      {feed.isPending ? (
        <Loading label="Loading calendar feed" />
      ) : feed.isError ? (
        <QueryError what="the calendar feed" error={feed.error} onRetry={() => void feed.refetch()} />
      ) : (
        <Text size="sm" c="dimmed">
          {feed.data.active
            ? `Active since ${formatDateTime(feed.data.createdAt)}; ${feed.data.lastFetchedAt ? `last read ${formatDateTime(feed.data.lastFetchedAt)}` : 'not read yet'}.`
            : `No calendar feed. A feed lets ${whose} phone calendar show the sessions (times and places only).`}
        </Text>
      )}
      {create.data?.url && (
        <Stack gap="xs">
          <TextInput label="Calendar feed link" value={create.data.url} readOnly onFocus={(e) => e.currentTarget.select()} />
          <Text size="xs" c="dimmed">
            Shown only now. Add it in the calendar app as a subscription (&quot;From URL&quot;). Anyone with it can see the session times.
          </Text>
        </Stack>
      )}
      <Group gap="sm" wrap="wrap">
        <Button variant="default" onClick={() => create.mutate()} loading={create.isPending}>
          {feed.data?.active ? 'Replace calendar feed' : 'Create calendar feed'}
        </Button>
        {create.data?.url && (
          <CopyButton value={create.data.url}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? 'Copied' : 'Copy feed link'}
              </Button>
            )}
          </CopyButton>
        )}
        {feed.data?.active && (
          <Button
            variant="default"
            color="red"
            onClick={() => revoke.mutate(undefined, { onSuccess: () => create.reset() })}
            loading={revoke.isPending}
          >
            Revoke calendar feed
          </Button>
        )}
      </Group>
      {(create.error ?? revoke.error) && (
        <Alert color="red" role="alert">
          {errorMessage(create.error ?? revoke.error)}
        </Alert>
      )}
    </Stack>
  );
}
