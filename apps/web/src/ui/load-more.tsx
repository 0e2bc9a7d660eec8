import { Button, Center, Stack, Text } from '@mantine/core';

/** Cursor pagination footer: how many are shown, and a button for the next page. */
export function LoadMore(props: { shown: number; noun: string; hasMore: boolean; loading: boolean; onLoadMore: () => void }) {
  const plural = props.shown === 1 ? props.noun : `${props.noun}s`;
  return (
    <Center mt="md">
      <Stack align="center" gap="xs">
        <Text size="sm" c="dimmed" role="status" aria-live="polite">
          Showing {props.shown} {plural}
          {props.hasMore ? '' : props.shown > 0 ? ' (all)' : ''}
        </Text>
        {props.hasMore && (
          <Button variant="default" onClick={props.onLoadMore} loading={props.loading}>
            Load more
          </Button>
        )}
      </Stack>
    </Center>
  );
}
