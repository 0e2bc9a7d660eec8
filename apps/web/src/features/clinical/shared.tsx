import { Alert, Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { errorMessage, isApiError } from '../../lib/api-client';

export function Section(props: { title: string; id: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} mb="lg" component="section" aria-labelledby={props.id}>
      <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
        <Title order={2} size="h4" id={props.id}>
          {props.title}
        </Title>
        {props.actions}
      </Group>
      {props.children}
    </Paper>
  );
}

/** The api's message for a field, for an input's `error` prop. */
export function fieldError(e: unknown, path: string): string | undefined {
  if (!isApiError(e)) return undefined;
  return e.errors.find((x) => x.path === path || x.path.startsWith(`${path}.`))?.message;
}

/** A failed write, with the fields it names that no input shows. */
export function WriteError({ error, shown = [] }: { error: unknown; shown?: string[] }) {
  if (!error) return null;
  const other = isApiError(error) ? error.errors.filter((x) => !shown.some((s) => x.path === s || x.path.startsWith(`${s}.`))) : [];
  return (
    <Alert color="red" variant="light" role="alert" title="Not saved">
      {errorMessage(error)}
      {other.map((x) => (
        <div key={x.path}>
          {x.path}: {x.message}
        </div>
      ))}
    </Alert>
  );
}

export const is403 = (e: unknown) => isApiError(e) && e.status === 403;
