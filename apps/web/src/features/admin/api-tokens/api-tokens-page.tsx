import { Badge, Button, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { Loading } from '../../../ui/loading';
import { PageHeader } from '../../../ui/page-header';
import { QueryError } from '../../../ui/query-error';
import { useApiTokens, useRevokeApiToken } from './api';
import { CreateTokenDialog, RevokeTokenDialog, scopeLabels } from './token-dialogs';

function status(t: { revokedAt: string | null; expiresAt: string }): { label: string; color: string } {
  if (t.revokedAt) return { label: 'Revoked', color: 'gray' };
  if (new Date(t.expiresAt).getTime() <= Date.now()) return { label: 'Expired', color: 'yellow' };
  return { label: 'Active', color: 'green' };
}

export function ApiTokensPage() {
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let other systems use the openiop API. Each acts within its scopes and is audited."
        actions={<Button onClick={() => setCreating(true)}>New API token</Button>}
      />
      {tokens.isPending ? (
        <Loading label="Loading API tokens" />
      ) : tokens.isError ? (
        <QueryError what="API tokens" error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text fw={600}>No API tokens yet.</Text>
        </Paper>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="sm" bg="white">
            <Table.Caption>
              <VisuallyHidden>API tokens</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Scopes</Table.Th>
                <Table.Th scope="col">Created</Table.Th>
                <Table.Th scope="col">Expires</Table.Th>
                <Table.Th scope="col">Last used</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((t) => {
                const s = status(t);
                return (
                  <Table.Tr key={t.id}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {t.name}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {t.prefix}…
                      </Text>
                    </Table.Td>
                    <Table.Td>{t.scopes.map((x) => scopeLabels[x]).join(', ')}</Table.Td>
                    <Table.Td>{formatDateTime(t.createdAt)}</Table.Td>
                    <Table.Td>{formatDateTime(t.expiresAt)}</Table.Td>
                    <Table.Td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never'}</Table.Td>
                    <Table.Td>
                      <Badge color={s.color} variant="light">
                        {s.label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {s.label === 'Active' && (
                        <Button
                          size="compact-sm"
                          variant="default"
                          color="red"
                          onClick={() => setRevoking({ id: t.id, name: t.name })}
                          aria-label={`Revoke ${t.name}`}
                        >
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateTokenDialog opened={creating} onClose={() => setCreating(false)} />
      <RevokeTokenDialog
        name={revoking?.name ?? null}
        revoking={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() => {
          if (!revoking) return;
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: `${revoking.name} was revoked.` });
              setRevoking(null);
            },
            onError: (e) => notifications.show({ color: 'red', title: 'Not revoked', message: errorMessage(e) }),
          });
        }}
      />
    </>
  );
}
