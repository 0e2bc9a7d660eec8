import { Button, Code, Container, Group, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { usePageTitle } from '../ui/page-header';

/**
 * What a page shows when it crashed or failed to load its code. Inside the shell the shell stays usable; at
 * the root this brings its own landmark. Details are for the console, not the screen (they could hold PHI).
 */
export function RouteError({ inShell = false }: { inShell?: boolean }) {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const chunkFailed = error instanceof TypeError && /dynamically imported module|Importing a module script/i.test(error.message);
  const title = notFound ? 'Page not found' : 'Something went wrong';
  usePageTitle(title);
  if (!notFound) console.error(error);

  const body = (
    <Container size="sm" py="xl">
      <Stack gap="md">
        <Title order={1} size="h2" tabIndex={-1} data-page-title>
          {title}
        </Title>
        <Text>
          {notFound
            ? 'There is no page at this address.'
            : chunkFailed
              ? 'A new version of openiop was installed. Reload the page to continue.'
              : 'This page hit an error. Reloading usually helps; if it keeps happening, tell your administrator what you were doing.'}
        </Text>
        {!notFound && error instanceof Error && import.meta.env.DEV && <Code block>{error.message}</Code>}
        <Group>
          <Button onClick={() => window.location.reload()}>Reload</Button>
          <Button component={Link} to="/" variant="default">
            Go to start page
          </Button>
        </Group>
      </Stack>
    </Container>
  );
  return inShell ? body : <main id="main">{body}</main>;
}

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <Container size="sm" py="xl">
      <Stack gap="md">
        <Title order={1} size="h2" tabIndex={-1} data-page-title>
          Page not found
        </Title>
        <Text>There is no page at this address. It may have moved, or the link may be incomplete.</Text>
        <Group>
          <Button component={Link} to="/">
            Go to start page
          </Button>
        </Group>
      </Stack>
    </Container>
  );
}
