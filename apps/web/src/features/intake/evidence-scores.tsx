import { MultiSelect, Text } from '@mantine/core';
import type { AdministrationListItem } from '@openiop/core';
import { formatDateTime } from '../../lib/format';
import { useCan } from '../auth/session';
import { useAdministrations } from '../instruments/api';

/** "PHQ-9 · 14 · Moderate · Nov 16, 2026, 9:00 AM": what a linked score says at a glance. */
export function scoreLabel(a: AdministrationListItem): string {
  const score = a.total === null ? (a.screen ?? 'scored') : String(a.total);
  return [a.instrumentName, score, a.band?.label, a.submittedAt ? formatDateTime(a.submittedAt) : null].filter(Boolean).join(' · ');
}

/**
 * The instrument scores behind a dimension's rating, picked from the person's submitted instruments. Staff who may
 * not read instruments see only how many are linked.
 */
export function EvidenceScores(props: { patientId: string; value: string[]; readOnly: boolean; onChange: (ids: string[]) => void }) {
  const can = useCan();
  const allowed = can('instrument.read');
  const list = useAdministrations(props.patientId, allowed);
  if (!allowed)
    return props.value.length ? (
      <Text size="xs" c="dimmed" mt={4}>
        Linked instrument scores: {props.value.length}
      </Text>
    ) : null;
  const scored = (list.data ?? []).filter((a) => a.status === 'completed' || props.value.includes(a.id));
  return (
    <MultiSelect
      mt="sm"
      label="Instrument scores"
      description="Scores that support this rating"
      placeholder={scored.length ? 'Pick scores' : 'No submitted instruments yet'}
      data={scored.map((a) => ({ value: a.id, label: scoreLabel(a) }))}
      value={props.value}
      onChange={props.onChange}
      readOnly={props.readOnly}
      disabled={list.isPending}
      searchable
      clearable={!props.readOnly}
      maxValues={20}
    />
  );
}
