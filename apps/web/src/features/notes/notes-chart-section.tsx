import { Badge, Group, Paper, Text, Title } from '@mantine/core';
import { isApiError } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { PlainList } from '../../ui/plain-list';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { Section } from '../clinical/shared';
import { useChartNotes } from './api';
import { sessionWhen, statusLabel, templateLabel } from './format';
import { Addenda, PartText, SharedText } from './signed-note';

/** The chart's session notes: this person's own parts only, with each group's shared part and the addenda. */
export function NotesChartSection({ patientId }: { patientId: string }) {
  const can = useCan();
  const notes = useChartNotes(patientId, can('note.read'));
  if (!can('note.read')) return null;
  if (notes.isError && isApiError(notes.error) && notes.error.status === 403) return null;
  return (
    <Section title="Session notes" id="session-notes-heading">
      {notes.isPending ? (
        <Loading label="Loading session notes" py="md" />
      ) : notes.isError ? (
        <QueryError what="session notes" error={notes.error} onRetry={() => void notes.refetch()} />
      ) : notes.data.items.length === 0 ? (
        <Text c="dimmed">No signed session notes yet.</Text>
      ) : (
        <PlainList gap="sm" aria-label="Session notes">
          {notes.data.items.map((n) => (
            <Paper key={n.noteId} withBorder p="sm" radius="sm" component="li">
              <Group justify="space-between" wrap="wrap" gap="xs" mb={4}>
                <Title order={3} size="h5">
                  {n.session.title}, {sessionWhen(n.session.startsAt, n.session.timeZone)}
                </Title>
                <Group gap={4}>
                  <Badge variant="light">{templateLabel[n.template]}</Badge>
                  <Badge variant="outline" color={n.status === 'signed' ? 'green' : 'yellow'}>
                    {statusLabel[n.status]}
                  </Badge>
                </Group>
              </Group>
              <Text size="xs" c="dimmed" mb="xs">
                {n.author.name}, signed {formatDateTime(n.signedAt)}
              </Text>
              {n.session.kind === 'group' && <SharedText shared={n.shared} />}
              <PartText template={n.template} content={n.content} goals={n.goals} />
              <Addenda items={n.addenda} label="Addenda" />
            </Paper>
          ))}
        </PlainList>
      )}
    </Section>
  );
}
