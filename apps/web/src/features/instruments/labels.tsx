import { Badge } from '@mantine/core';
import type { AdministrationListItem, AdministrationStatus } from '@openiop/core';

const statusText: Record<AdministrationStatus, string> = {
  in_progress: 'Draft',
  completed: 'Scored',
  incomplete: 'Incomplete (not scored)',
};
const statusColor: Record<AdministrationStatus, string> = { in_progress: 'gray', completed: 'teal', incomplete: 'orange' };

export function AdministrationStatusBadge({ status }: { status: AdministrationStatus }) {
  return (
    <Badge color={statusColor[status]} variant="light">
      {statusText[status]}
    </Badge>
  );
}

/** The one-line result: total and band, subscales (BAM), the ASQ's result, or why there is none. */
export function resultText(a: AdministrationListItem): string {
  if (a.status === 'in_progress') return `${a.answeredCount} answered so far`;
  if (a.status === 'incomplete') return `Not scored: ${a.missingItems.length} unanswered`;
  if (a.screen)
    return { negative: 'Negative', non_acute_positive: 'Non-acute positive', acute_positive: 'Acute positive' }[a.screen] ?? a.screen;
  if (a.total !== null) return `${a.total}${a.band ? ` · ${a.band.label}` : ''}${a.positive ? ' · screen positive' : ''}`;
  if (a.subscales)
    return Object.entries(a.subscales)
      .map(([k, v]) => `${k[0]?.toUpperCase()}${k.slice(1)} ${v}`)
      .join(' · ');
  return '—';
}
