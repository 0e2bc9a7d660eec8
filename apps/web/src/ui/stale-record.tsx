import { Alert, Button, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';

/**
 * Shown after a 412: someone saved the record since this form loaded it. Reloading discards this form's edits,
 * so the user chooses when (they may want to copy what they typed first).
 */
export function StaleRecordAlert({ onReload, reloading }: { onReload: () => void; reloading: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  // The save button may be far below: bring the explanation into view and focus.
  useEffect(() => {
    ref.current?.focus();
    ref.current?.scrollIntoView({ block: 'center' });
  }, []);
  return (
    <Alert ref={ref} tabIndex={-1} color="orange" variant="light" role="alert" title="This record was changed by someone else">
      <Text size="sm" mb="sm">
        Your changes were not saved, so nothing was overwritten. Load the latest version, then make your changes again.
      </Text>
      <Button size="xs" color="orange" onClick={onReload} loading={reloading}>
        Load latest version
      </Button>
    </Alert>
  );
}
