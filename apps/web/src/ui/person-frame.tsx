import { Alert, Anchor, Box, Container, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Logo } from './logo';
import { usePageTitle } from './page-header';

/** Always on the page: the person may be answering questions about suicide alone, on their phone. */
export function CrisisLine() {
  return (
    <Alert color="blue" variant="light" title="If you are in crisis">
      Call or text <Anchor href="tel:988">988</Anchor> (Suicide &amp; Crisis Lifeline), any time, day or night. In an emergency call{' '}
      <Anchor href="tel:911">911</Anchor>.
    </Alert>
  );
}

/** The frame of every page the person opens from a link (questionnaire, measures, signing): phone-first, no sign-in. */
export function PersonFrame({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <Box component="main" id="main" mih="100vh" bg="gray.0">
      <Container size={680} py={{ base: 'md', sm: 'xl' }} px="sm">
        <Group gap="xs" mb="md">
          <Logo size={28} />
          <Text fw={700}>openiop</Text>
        </Group>
        <Stack gap="md">
          <Title order={1} size="h2">
            {title}
          </Title>
          {children}
        </Stack>
      </Container>
    </Box>
  );
}
