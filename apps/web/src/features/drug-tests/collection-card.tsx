import { Alert, Badge, Button, Group, List, Paper, Select, Stack, Table, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { substanceClasses, type DrugTestCollectionView } from '@openiop/core';
import { useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { ScrollTable } from '../../ui/scroll-table';
import { useCan } from '../auth/session';
import { fieldError, WriteError } from '../clinical/shared';
import { useCustodyEvent, useRecordResults, useRecordReview } from './api';
import { classLabel, custodyLabels, custodyProblemText, outcomeLabels, resultFlagText, specimenLabels, validityFlagText } from './labels';

type Collection = DrugTestCollectionView;

/** Why a specimen is flagged, in words; null when it is not. */
function flagReasons(c: Collection): string[] {
  return [...c.custodyProblems.map((p) => `Chain of custody broken: ${custodyProblemText(p)}`), ...c.validityFlags.map(validityFlagText)];
}

/**
 * One specimen: how it was collected, its custody and validity (flagged loudly when broken or invalid), its results
 * with unexpected findings apart from those a prescription explains, the reviews, and the actions the reader may take.
 */
export function CollectionCard({ c, headingLevel = 3 }: { c: Collection; headingLevel?: 3 | 4 }) {
  const can = useCan();
  const reasons = flagReasons(c);
  const positives = c.results.filter((r) => r.outcome === 'positive');
  const unexpected = positives.filter((r) => !r.expected);
  const expected = positives.filter((r) => r.expected);
  const others = c.results.filter((r) => r.outcome !== 'positive');
  const titleId = `collection-${c.id}`;
  return (
    <Paper withBorder p="sm" radius="sm" component="article" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={headingLevel} size="h5" id={titleId}>
            {specimenLabels[c.specimenType]} specimen {c.custodyId}, {formatDateTime(c.collectedAt)}
          </Title>
          <Group gap={4}>
            {c.flagged ? <Badge color="red">Flagged</Badge> : <Badge color="green">Valid, custody intact</Badge>}
            <Badge variant="outline" color="gray">
              {c.observed ? 'Observed' : 'Not observed'}
            </Badge>
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          Collected by {c.collector.name}
          {c.temperatureC !== null ? ` · ${c.temperatureC} °C read at ${c.temperatureMinutes ?? '?'} min` : ''}
          {c.validity.creatinine !== null ? ` · creatinine ${c.validity.creatinine} mg/dL` : ''} · custody:{' '}
          {c.custodyEvents.map((e) => custodyLabels[e.action] ?? e.action).join(' → ')}
        </Text>
        {reasons.length > 0 && (
          <Alert color="red" variant="light" title="This specimen is flagged" p="xs">
            <List size="sm">
              {reasons.map((r) => (
                <List.Item key={r}>{r}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {c.results.length > 0 && (
          <Stack gap={4}>
            <Title order={headingLevel === 3 ? 4 : 5} size="h6">
              Unexpected findings
            </Title>
            {unexpected.length ? (
              <List size="sm" aria-label="Unexpected findings">
                {unexpected.map((r) => (
                  <List.Item key={r.id}>
                    <Text span fw={700} c="red.9">
                      {classLabel(r.substanceClass)} positive
                    </Text>{' '}
                    ({r.method}){r.flagged ? ` — flagged: ${resultFlagText(r.flagged)}` : ''}
                  </List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm">None</Text>
            )}
            <Title order={headingLevel === 3 ? 4 : 5} size="h6">
              Expected from prescriptions
            </Title>
            {expected.length ? (
              <List size="sm" aria-label="Expected from prescriptions">
                {expected.map((r) => (
                  <List.Item key={r.id}>
                    {classLabel(r.substanceClass)} positive, explained by {r.explainedBy.join(', ')} ({r.method})
                    {r.flagged ? ` — flagged: ${resultFlagText(r.flagged)}` : ''}
                  </List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm">None</Text>
            )}
            {others.length > 0 && (
              <Text size="sm">
                Other results:{' '}
                {others
                  .map(
                    (r) =>
                      `${classLabel(r.substanceClass)} ${outcomeLabels[r.outcome]?.toLowerCase()} (${r.method}${r.flagged ? `, flagged: ${resultFlagText(r.flagged)}` : ''})`,
                  )
                  .join('; ')}
              </Text>
            )}
          </Stack>
        )}
        {c.reviews.length > 0 && (
          <Stack gap={4}>
            <Title order={headingLevel === 3 ? 4 : 5} size="h6">
              Reviewed with the person
            </Title>
            {c.reviews.map((r) => (
              <Text size="sm" key={r.id}>
                {formatDateTime(r.reviewedAt)}, {r.reviewedBy.name}: {r.note}
              </Text>
            ))}
          </Stack>
        )}
        {can('drug_test.collect') && <CustodyForm c={c} />}
        {can('drug_test.result') && <ResultsForm c={c} />}
        {can('drug_test.result') && c.results.length > 0 && <ReviewForm c={c} />}
      </Stack>
    </Paper>
  );
}

function CustodyForm({ c }: { c: Collection }) {
  const [action, setAction] = useState<string | null>(null);
  const log = useCustodyEvent(c.patientId, c.id);
  const options = Object.entries(custodyLabels)
    .filter(([k]) => k !== 'collected')
    .map(([value, label]) => ({ value, label }));
  return (
    <Group align="flex-end" gap="xs" wrap="wrap">
      <Select label={`Custody event for ${c.custodyId}`} data={options} value={action} onChange={setAction} w={240} />
      <Button
        variant="default"
        disabled={!action}
        loading={log.isPending}
        onClick={() => action && log.mutate({ action, version: c.version }, { onSuccess: () => setAction(null) })}
      >
        Log custody event
      </Button>
      <WriteError error={log.error} />
    </Group>
  );
}

function ResultsForm({ c }: { c: Collection }) {
  const [method, setMethod] = useState<string>('presumptive');
  const [outcomes, setOutcomes] = useState<Record<string, string>>({});
  const [open, setOpen] = useState(false);
  const record = useRecordResults(c.patientId, c.id);
  if (!open)
    return (
      <Group>
        <Button variant="light" onClick={() => setOpen(true)}>
          Record results<VisuallyHidden> for {c.custodyId}</VisuallyHidden>
        </Button>
      </Group>
    );
  const chosen = Object.entries(outcomes).filter(([, o]) => o !== 'not_tested');
  const options = [
    { value: 'not_tested', label: 'Not tested' },
    ...Object.entries(outcomeLabels).map(([value, label]) => ({ value, label })),
  ];
  return (
    <Stack
      gap="xs"
      component="form"
      aria-label={`Results for ${c.custodyId}`}
      onSubmit={(e) => {
        e.preventDefault();
        record.mutate(
          { results: chosen.map(([substanceClass, outcome]) => ({ substanceClass, method, outcome })) as never },
          {
            onSuccess: () => {
              setOutcomes({});
              setOpen(false);
            },
          },
        );
      }}
    >
      <Select
        label="Method"
        data={[
          { value: 'presumptive', label: 'Presumptive (point-of-care cup or immunoassay)' },
          { value: 'definitive', label: 'Definitive (lab GC/LC-MS)' },
        ]}
        value={method}
        onChange={(v) => setMethod(v ?? 'presumptive')}
        allowDeselect={false}
        maw={420}
      />
      <ScrollTable label={`Results by substance class for ${c.custodyId}`} minWidth={320}>
        <Table verticalSpacing={2} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Class</Table.Th>
              <Table.Th scope="col">Result</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {substanceClasses.map((k) => (
              <Table.Tr key={k}>
                <Table.Th scope="row" fw={400}>
                  {classLabel(k)}
                </Table.Th>
                <Table.Td>
                  <Select
                    aria-label={`Result for ${classLabel(k)}`}
                    data={options}
                    value={outcomes[k] ?? 'not_tested'}
                    onChange={(v) => setOutcomes((o) => ({ ...o, [k]: v ?? 'not_tested' }))}
                    allowDeselect={false}
                    size="xs"
                    w={150}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <WriteError error={record.error} shown={[]} />
      {fieldError(record.error, 'results') && (
        <Text c="red" size="sm">
          {fieldError(record.error, 'results')}
        </Text>
      )}
      <Group>
        <Button type="submit" disabled={chosen.length === 0} loading={record.isPending}>
          Save results
        </Button>
        <Button variant="default" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}

function ReviewForm({ c }: { c: Collection }) {
  const [note, setNote] = useState('');
  const review = useRecordReview(c.patientId, c.id);
  return (
    <Stack
      gap="xs"
      component="form"
      aria-label={`Review of ${c.custodyId}`}
      onSubmit={(e) => {
        e.preventDefault();
        review.mutate(note, { onSuccess: () => setNote('') });
      }}
    >
      <Textarea
        label={`Review note for ${c.custodyId}`}
        description="What you discussed with the person about these results"
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={4000}
        error={fieldError(review.error, 'note')}
      />
      <WriteError error={review.error} shown={['note']} />
      <Group>
        <Button type="submit" variant="light" disabled={!note.trim()} loading={review.isPending}>
          Record review
        </Button>
      </Group>
    </Stack>
  );
}
