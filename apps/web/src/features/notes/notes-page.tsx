import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { NoteSummary } from '@openiop/core';
import { Link } from 'react-router';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { PlainList } from '../../ui/plain-list';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { useCosignQueue, useMyNotes } from './api';
import { sessionWhen, statusLabel, templateLabel } from './format';

function NoteLine({ n, byAuthor = false }: { n: NoteSummary; byAuthor?: boolean }) {
  return (
    <Paper withBorder p="sm" radius="sm" component="li">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Anchor component={Link} to={`/sessions/${n.session.occurrenceId}/note`} fw={600}>
          {n.session.title}, {sessionWhen(n.session.startsAt, n.session.timeZone)}
        </Anchor>
        <Group gap={4}>
          {n.late && <Badge color="red">Late</Badge>}
          <Badge variant="outline">{n.status ? statusLabel[n.status] : 'No note yet'}</Badge>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {n.template ? templateLabel[n.template] : 'Not started'} · {n.members} {n.members === 1 ? 'person' : 'people'}
        {byAuthor && n.author ? ` · by ${n.author.name}` : ''}
      </Text>
    </Paper>
  );
}

function Block(props: { title: string; id: string; items: NoteSummary[]; empty: string; byAuthor?: boolean }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={props.id}>
      <Title order={2} size="h4" mb="sm" id={props.id}>
        {props.title} ({props.items.length})
      </Title>
      {props.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {props.empty}
        </Text>
      ) : (
        <PlainList gap="sm" aria-label={props.title}>
          {props.items.map((n) => (
            <NoteLine key={n.id ?? n.session.occurrenceId} n={n} byAuthor={props.byAuthor} />
          ))}
        </PlainList>
      )}
    </Paper>
  );
}

/** My notes: drafts (late first), my held sessions with no note yet, mine waiting for co-signature, and my co-sign queue. */
export function NotesPage() {
  const can = useCan();
  const mine = useMyNotes();
  const queue = useCosignQueue(can('note.cosign'));
  return (
    <>
      <PageHeader title="Notes" />
      {mine.isPending ? (
        <Loading label="Loading your notes" />
      ) : mine.isError ? (
        <QueryError what="your notes" error={mine.error} onRetry={() => void mine.refetch()} />
      ) : (
        <Stack gap="lg">
          <Text size="sm" c="dimmed">
            A note is late when it is not signed 24 hours after its session ended.
          </Text>
          <Block title="Drafts" id="drafts-heading" items={mine.data.drafts} empty="No drafts." />
          <Block title="Sessions without a note" id="missing-heading" items={mine.data.missing} empty="Every session you ran has a note." />
          <Block title="Waiting for co-signature" id="awaiting-heading" items={mine.data.awaitingCosign} empty="None." />
          {can('note.cosign') && queue.data && (
            <Block title="To co-sign" id="queue-heading" items={queue.data.items} empty="Nothing to co-sign." byAuthor />
          )}
        </Stack>
      )}
    </>
  );
}
