import { Alert, Badge, Button, Group, NativeSelect, Stack, Text, Textarea, Timeline } from '@mantine/core';
import { progressRatings, type PlanContent, type ProgressRating, type ProgressView } from '@openiop/core';
import { useState } from 'react';
import { errorMessage } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { useRecordProgress } from './api';
import { progressColors, progressLabels } from './labels';

/** Names of goals and objectives by id, across the version shown (ids are stable across versions). */
export function targetNames(content: PlanContent): Map<string, string> {
  const m = new Map<string, string>();
  for (const p of content.problems)
    for (const g of p.goals) {
      m.set(g.id, `Goal: ${g.text}`);
      for (const o of g.objectives) m.set(o.id, `Objective: ${o.text}`);
    }
  return m;
}

/** Ratings over time, newest first, each with who and when, in words beside the colour. */
export function ProgressTimeline({ items, names }: { items: ProgressView[]; names: Map<string, string> }) {
  if (!items.length) return <Text c="dimmed">No progress recorded yet.</Text>;
  return (
    <Timeline bulletSize={14} lineWidth={2}>
      {[...items].reverse().map((p) => (
        <Timeline.Item
          key={p.id}
          color={progressColors[p.rating]}
          title={names.get(p.targetId) ?? `${p.targetKind} from an earlier version`}
        >
          <Group gap="xs" wrap="wrap">
            <Badge color={progressColors[p.rating]} variant="light" style={{ textTransform: 'none' }}>
              {progressLabels[p.rating]}
            </Badge>
            <Text size="xs" c="dimmed">
              {formatDateTime(p.recordedAt)} · {p.recordedBy.name}
            </Text>
          </Group>
          {p.note && <Text size="sm">{p.note}</Text>}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

export function ProgressForm({ patientId, planId, content }: { patientId: string; planId: string; content: PlanContent }) {
  const record = useRecordProgress(patientId, planId);
  const targets = content.problems.flatMap((p) =>
    p.goals.flatMap((g) => [
      { value: `goal:${g.id}`, label: `Goal: ${g.text}` },
      ...g.objectives.map((o) => ({ value: `objective:${o.id}`, label: `  Objective: ${o.text}` })),
    ]),
  );
  const [target, setTarget] = useState(targets[0]?.value ?? '');
  const [rating, setRating] = useState<ProgressRating>('in_progress');
  const [note, setNote] = useState('');
  if (!targets.length) return null;
  return (
    <Stack
      gap="xs"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        const [kind, id] = target.split(':') as ['goal' | 'objective', string];
        record.mutate({ targetKind: kind, targetId: id, rating, note: note.trim() || null }, { onSuccess: () => setNote('') });
      }}
    >
      <NativeSelect label="Goal or objective" data={targets} value={target} onChange={(e) => setTarget(e.currentTarget.value)} />
      <NativeSelect
        label="Progress"
        data={progressRatings.map((r) => ({ value: r, label: progressLabels[r] }))}
        value={rating}
        onChange={(e) => setRating(e.currentTarget.value as ProgressRating)}
      />
      <Textarea label="Note" autosize minRows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      {record.error && <Alert color="red">{errorMessage(record.error)}</Alert>}
      <Group>
        <Button type="submit" loading={record.isPending}>
          Record progress
        </Button>
      </Group>
    </Stack>
  );
}
