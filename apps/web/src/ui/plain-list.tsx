import { Box, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './plain-list.module.css';

/** A list without bullets, stacked with a gap: keeps list semantics (item counts for screen readers). */
export function PlainList(props: { ordered?: boolean; gap?: MantineSpacing; 'aria-label'?: string; children: ReactNode }) {
  return (
    <Box
      component={props.ordered ? 'ol' : 'ul'}
      className={classes.list}
      aria-label={props['aria-label']}
      style={{ gap: `var(--mantine-spacing-${props.gap ?? 'sm'})` }}
    >
      {props.children}
    </Box>
  );
}
