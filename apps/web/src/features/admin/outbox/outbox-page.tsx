import { Accordion, Anchor, Button, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../../lib/format';
import { Loading } from '../../../ui/loading';
import { PageHeader } from '../../../ui/page-header';
import { QueryError } from '../../../ui/query-error';
import { useOutbox } from './api';

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** Plain text with its links made clickable (reset and invitation links are the point of this page). */
function Linkified({ text }: { text: string }) {
  const parts: ReactNode[] = text.split(URL_PATTERN).map((part, i) =>
    i % 2 === 1 ? (
      <Anchor key={i} href={part} style={{ wordBreak: 'break-all' }}>
        {part}
      </Anchor>
    ) : (
      part
    ),
  );
  return (
    <Text component="div" size="sm" style={{ whiteSpace: 'pre-wrap', fontFamily: 'var(--mantine-font-family-monospace)' }}>
      {parts}
    </Text>
  );
}

/** E-mail the server would have sent, kept on disk when no SMTP server is configured (development). */
export function OutboxPage() {
  const outbox = useOutbox();
  return (
    <>
      <PageHeader
        title="Outbox"
        description="E-mail openiop sent while no mail server is configured. Newest first."
        actions={
          <Button variant="default" onClick={() => void outbox.refetch()} loading={outbox.isFetching && !outbox.isPending}>
            Refresh
          </Button>
        }
      />
      {outbox.isPending ? (
        <Loading label="Loading outbox" />
      ) : outbox.isError ? (
        <QueryError what="the outbox" error={outbox.error} onRetry={() => void outbox.refetch()} />
      ) : outbox.data.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text fw={600}>The outbox is empty.</Text>
        </Paper>
      ) : (
        <Accordion variant="separated" multiple>
          {outbox.data.map((m) => (
            <Accordion.Item key={m.id} value={m.id} bg="white">
              <Accordion.Control>
                <Text fw={600} size="sm">
                  {m.subject}
                </Text>
                <Text size="xs" c="dimmed">
                  To {m.to} · {formatDateTime(m.sentAt)}
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                <Linkified text={m.text} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </>
  );
}
