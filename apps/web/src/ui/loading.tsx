import { Center, Loader, VisuallyHidden } from '@mantine/core';

/** A spinner in place of content that is loading, announced by its label. */
export function Loading({ label, py = 'xl' }: { label: string; py?: string }) {
  return (
    <Center py={py} role="status">
      <Loader aria-hidden="true" />
      <VisuallyHidden>{label}</VisuallyHidden>
    </Center>
  );
}
