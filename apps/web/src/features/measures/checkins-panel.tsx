import { Alert, Badge, Button, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import type { MeasuresOverview } from '@openiop/core';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { useUpdateMeasureSettings } from './api';
import { moodLabels, sleepQualityLabels } from './labels';
import { LineChart } from './trend-chart';
import { ScrollTable } from '../../ui/scroll-table';

/** Daily check-ins: craving and mood trends, the recent list, and the person's craving threshold. */
export function CheckinsPanel({ patientId, data, canEdit }: { patientId: string; data: MeasuresOverview; canEdit: boolean }) {
  const oldestFirst = [...data.checkins].reverse();
  const threshold = data.settings.cravingThreshold;
  return (
    <Stack gap="md">
      <Title order={3} size="h5">
        Daily check-ins
      </Title>
      <ThresholdForm patientId={patientId} value={threshold} version={data.settings.version} canEdit={canEdit} />
      {data.checkins.length === 0 ? (
        <Text c="dimmed">No check-ins yet.</Text>
      ) : (
        <>
          <LineChart
            title="Craving over time (0–10)"
            summary={`${oldestFirst.length} check-ins; latest craving ${data.checkins[0]?.craving ?? '—'} of 10; alert threshold ${threshold}.`}
            min={0}
            max={10}
            valueLabel="craving"
            reference={{ value: threshold, label: `Alert at ${threshold}` }}
            points={oldestFirst.map((c) => ({ at: c.submittedAt, value: c.craving, marks: c.alertReasons.length ? ['Alert'] : [] }))}
          />
          <LineChart
            title="Mood over time (1 very low – 5 very good)"
            summary={`${oldestFirst.length} check-ins; latest mood ${data.checkins[0] ? moodLabels[data.checkins[0].mood] : '—'}.`}
            min={1}
            max={5}
            valueLabel="mood"
            points={oldestFirst.map((c) => ({ at: c.submittedAt, value: c.mood, marks: [] }))}
          />
          <ScrollTable label={'Recent check-ins'} minWidth={640}>
            <Table verticalSpacing="xs" fz="sm">
              <Table.Caption>Recent check-ins, newest first</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">When</Table.Th>
                  <Table.Th scope="col">Mood</Table.Th>
                  <Table.Th scope="col">Craving</Table.Th>
                  <Table.Th scope="col">Sleep</Table.Th>
                  <Table.Th scope="col">Use since last</Table.Th>
                  <Table.Th scope="col">Note</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.checkins.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      {formatDateTime(c.submittedAt)}
                      {c.alertReasons.length > 0 && (
                        <Badge color="red" variant="light" ml="xs">
                          alert
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{moodLabels[c.mood] ?? c.mood}</Table.Td>
                    <Table.Td>{c.craving} / 10</Table.Td>
                    <Table.Td>
                      {c.sleepHours !== null ? `${c.sleepHours} h` : '—'}
                      {c.sleepQuality !== null ? `, ${sleepQualityLabels[c.sleepQuality]}` : ''}
                    </Table.Td>
                    <Table.Td>{c.usedSinceLast ? `Yes${c.usedWhat ? `: ${c.usedWhat}` : ''}` : 'No'}</Table.Td>
                    <Table.Td>{c.note ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </>
      )}
    </Stack>
  );
}

function ThresholdForm({ patientId, value, version, canEdit }: { patientId: string; value: number; version: number; canEdit: boolean }) {
  const save = useUpdateMeasureSettings(patientId);
  const [draft, setDraft] = useState<number | string>(value);
  useEffect(() => setDraft(value), [value]);
  if (!canEdit)
    return (
      <Text size="sm">Craving alert threshold: {value} of 10 (a check-in at or above it, or any use reported, alerts the care team).</Text>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ cravingThreshold: Number(draft), version });
      }}
    >
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NumberInput
          label="Craving alert threshold (1–10)"
          description="A check-in at or above it, or any use reported, alerts the care team."
          min={1}
          max={10}
          value={draft}
          onChange={setDraft}
          w={{ base: '100%', sm: 320 }}
        />
        <Button type="submit" variant="default" loading={save.isPending} disabled={Number(draft) === value}>
          Save threshold
        </Button>
      </Group>
      {save.error && (
        <Alert color="red" mt="xs">
          {errorMessage(save.error)}
        </Alert>
      )}
    </form>
  );
}
