import { Badge, VisuallyHidden } from '@mantine/core';
import { useCan } from '../auth/session';
import { useWorklistCounts } from './api';

/** The count on "Worklist" in the navigation, read out as words ("4 items due, 1 urgent"). */
export function WorklistBadge() {
  const can = useCan();
  const counts = useWorklistCounts(can('task.read'));
  if (!counts.data || counts.data.total === 0) return null;
  const { total, urgent } = counts.data;
  return (
    <Badge color={urgent ? 'red' : 'gray'} variant={urgent ? 'filled' : 'light'} size="sm" circle={total < 10}>
      <span aria-hidden="true">{total}</span>
      <VisuallyHidden>
        {total} {total === 1 ? 'item' : 'items'} due{urgent ? `, ${urgent} urgent` : ''}
      </VisuallyHidden>
    </Badge>
  );
}
