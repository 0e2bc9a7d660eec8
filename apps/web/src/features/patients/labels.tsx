import { Badge } from '@mantine/core';
import { displayName, levelOfCareLabels, type CareStatus, type EpisodeStatus, type LevelOfCare } from '@openiop/core';
import { careStatusColors, careStatusLabels, episodeStatusColors, episodeStatusLabels } from '../../lib/format';

export function CareStatusBadge({ status }: { status: CareStatus }) {
  return (
    <Badge color={careStatusColors[status]} variant="light" radius="sm">
      {careStatusLabels[status]}
    </Badge>
  );
}

export function EpisodeStatusBadge({ status }: { status: EpisodeStatus }) {
  return (
    <Badge color={episodeStatusColors[status]} variant="light" radius="sm">
      {episodeStatusLabels[status]}
    </Badge>
  );
}

/** "2.1 Intensive outpatient": the ASAM level and its name. */
export function levelOfCareText(level: LevelOfCare | null | undefined): string {
  return level ? `${level} ${levelOfCareLabels[level]}` : '—';
}

interface Named {
  preferredName: string | null;
  legalGivenName: string;
  legalFamilyName: string;
}

/** The legal name, when it differs from how the patient is addressed. */
export function legalNameIfDifferent(p: Named): string | null {
  const legal = `${p.legalGivenName} ${p.legalFamilyName}`;
  return displayName(p) === legal ? null : legal;
}

export { displayName };
