import { Box, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './details.module.css';

/** A definition list laid out as a grid of label/value pairs that reflows to one column on a phone. */
export function Details({ items }: { items: Array<{ label: string; value: ReactNode }> }) {
  return (
    <Box component="dl" className={classes.list}>
      {items.map((item) => (
        <div key={item.label}>
          <Text component="dt" size="sm" c="dimmed">
            {item.label}
          </Text>
          <Text component="dd" fw={500}>
            {item.value}
          </Text>
        </div>
      ))}
    </Box>
  );
}
