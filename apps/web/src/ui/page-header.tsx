import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';

const APP = 'openiop';

/** Sets the tab title. Pass a generic title on pages about a patient: tab titles end up in browser history. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${APP}`;
  }, [title]);
}

/** The page's single h1, optional context line, back link and actions. The shell moves focus here on navigation. */
export function PageHeader(props: {
  title: ReactNode;
  /** Tab title when `title` is not plain text or must not carry PHI. */
  documentTitle?: string;
  description?: ReactNode;
  back?: { to: string; label: string };
  actions?: ReactNode;
}) {
  usePageTitle(props.documentTitle ?? (typeof props.title === 'string' ? props.title : APP));
  return (
    <Group justify="space-between" align="flex-end" gap="md" mb="lg" wrap="wrap">
      <Stack gap={4} style={{ minWidth: 0 }}>
        {props.back && (
          <Anchor component={Link} to={props.back.to} size="sm">
            ← {props.back.label}
          </Anchor>
        )}
        <Title order={1} size="h2" tabIndex={-1} data-page-title style={{ outline: 'none' }}>
          {props.title}
        </Title>
        {props.description && <Text c="dimmed">{props.description}</Text>}
      </Stack>
      {props.actions && <Group gap="sm">{props.actions}</Group>}
    </Group>
  );
}
