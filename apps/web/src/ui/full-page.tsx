import { Alert, Button, Center, Container, Loader, Stack, Text, Title } from '@mantine/core';
import { errorMessage } from '../lib/api-client';
import { usePageTitle } from './page-header';

/** Shown while the app learns whether a session exists; announced politely to screen readers. */
export function FullPageLoader({ label }: { label: string }) {
  return (
    <Center mih="60vh" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader aria-hidden="true" />
        <Text c="dimmed">{label}…</Text>
      </Stack>
    </Center>
  );
}

/**
 * A whole-page message: an error the user cannot fix here, or a refusal. Outside the app shell it brings its
 * own `main` landmark; inside, the shell provides one.
 */
export function FullPageError(props: { error?: unknown; title?: string; message?: string; onRetry?: () => void; inShell?: boolean }) {
  const title = props.title ?? 'Something went wrong';
  usePageTitle(title);
  const body = (
    <Container size="sm" py="xl">
      <Stack gap="md">
        <Title order={1} size="h2">
          {title}
        </Title>
        <Alert color="red" variant="light" title={props.error ? 'What happened' : undefined}>
          {props.message ?? errorMessage(props.error)}
        </Alert>
        {props.onRetry && (
          <div>
            <Button onClick={props.onRetry}>Try again</Button>
          </div>
        )}
      </Stack>
    </Container>
  );
  return props.inShell ? body : <main id="main">{body}</main>;
}
