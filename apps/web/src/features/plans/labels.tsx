import { Badge } from '@mantine/core';
import type { DelivererRole, PlanVersionStatus, ProgressRating, ReviewView } from '@openiop/core';
import { formatDate } from '../../lib/format';

export const versionStatusLabels: Record<PlanVersionStatus, string> = {
  draft: 'Draft',
  signing: 'Awaiting a signature',
  signed: 'Signed',
  superseded: 'Replaced (not signed)',
};
const versionStatusColors: Record<PlanVersionStatus, string> = { draft: 'gray', signing: 'yellow', signed: 'green', superseded: 'gray' };

export function VersionStatusBadge({ status }: { status: PlanVersionStatus }) {
  return (
    <Badge color={versionStatusColors[status]} variant="light">
      {versionStatusLabels[status]}
    </Badge>
  );
}

export const delivererRoleLabels: Record<DelivererRole, string> = {
  clinician: 'Clinician',
  medical: 'Medical staff',
  peer: 'Peer recovery specialist',
  director: 'Clinical director',
};

export const progressLabels: Record<ProgressRating, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  met: 'Met',
  revised: 'Revised',
  dropped: 'Dropped',
};
export const progressColors: Record<ProgressRating, string> = {
  not_started: 'gray',
  in_progress: 'blue',
  met: 'green',
  revised: 'yellow',
  dropped: 'red',
};

/** The review state in words (never colour alone): "Review overdue since 31 Oct 2026". */
export function reviewText(r: ReviewView): string {
  const when = r.dueOn ? formatDate(r.dueOn) : '';
  const why = r.reason === 'level_change' ? ' (level of care changed)' : '';
  switch (r.status) {
    case 'not_signed':
      return 'No signed version yet';
    case 'not_due':
      return `Next review due ${when}`;
    case 'due_soon':
      return `Review due soon: ${when}`;
    case 'due':
      return `Review due today${why}`;
    case 'overdue':
      return `Review overdue since ${when}${why}`;
  }
}

export function ReviewBadge({ review }: { review: ReviewView }) {
  const color = review.status === 'overdue' ? 'red' : review.status === 'due' || review.status === 'due_soon' ? 'orange' : 'gray';
  return (
    <Badge color={color} variant={review.status === 'overdue' ? 'filled' : 'light'} style={{ textTransform: 'none' }}>
      {reviewText(review)}
    </Badge>
  );
}
