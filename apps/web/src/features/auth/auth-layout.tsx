import { Box, Container, Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePageTitle } from '../../ui/page-header';
import { Logo } from '../../ui/logo';

/** The frame of the sign-in steps: product name, one card, the page's h1. */
export function AuthLayout({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  usePageTitle(title);
  return (
    <Box component="main" id="main" mih="100vh" bg="gray.0">
      <Container size={440} py={{ base: 'xl', sm: 64 }} px="md">
        <Group justify="center" gap="xs" mb="lg">
          <Logo size={32} />
          <Text fw={700} size="xl">
            openiop
          </Text>
        </Group>
        <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="md">
          <Title order={1} size="h3" mb={description ? 4 : 'md'}>
            {title}
          </Title>
          {description && (
            <Text c="dimmed" size="sm" mb="md">
              {description}
            </Text>
          )}
          {children}
        </Paper>
      </Container>
    </Box>
  );
}
