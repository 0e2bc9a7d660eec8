import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { DrugTestHistory, DrugTestSelectionView } from '@openiop/core';
import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { PlainList } from '../../ui/plain-list';
import { QueryError } from '../../ui/query-error';
import { ScrollTable } from '../../ui/scroll-table';
import { useCan } from '../auth/session';
import { usePatientToday } from '../patients/api';
import { is403, Section } from '../clinical/shared';
import { LineChart } from '../measures/trend-chart';
import { useDrugTestHistory } from './api';
import { CollectionCard } from './collection-card';
import { ForCauseDialog } from './for-cause-dialog';
import { classLabel, reasonLabels } from './labels';
import { OutcomeDialog, OutcomeMenu, SelectionStatus, type OutcomeChoice } from './selection-outcome';

/**
 * The chart's drug tests: the days the person was selected (and what became of each), the trend of unexpected
 * findings, what prescriptions explain, and every specimen. Staff who collect can select the person for cause.
 */
export function DrugTestsSection({ patientId }: { patientId: string }) {
  const can = useCan();
  const history = useDrugTestHistory(patientId, can('drug_test.read'));
  const [selecting, setSelecting] = useState(false);
  const [outcome, setOutcome] = useState<OutcomeChoice | null>(null);
  const today = usePatientToday(patientId);
  if (!can('drug_test.read')) return null;
  if (history.isError && is403(history.error)) return null;
  const collect = can('drug_test.collect');
  return (
    <Section
      title="Drug tests"
      id="drug-tests-heading"
      actions={
        collect && (
          <Button variant="light" onClick={() => setSelecting(true)}>
            Select for cause
          </Button>
        )
      }
    >
      {history.isPending ? (
        <Loading label="Loading drug tests" py="md" />
      ) : history.isError ? (
        <QueryError what="drug tests" error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.items.length === 0 && history.data.selections.length === 0 ? (
        <Text c="dimmed">No drug tests yet.</Text>
      ) : (
        <Stack gap="md">
          {history.data.expectedNow.length > 0 && (
            <Text size="sm">
              Expected from current prescriptions:{' '}
              {history.data.expectedNow.map((e) => `${classLabel(e.substanceClass)} (${e.medications.join(', ')})`).join('; ')}
            </Text>
          )}
          {history.data.selections.length > 0 && (
            <Selections selections={history.data.selections} today={today} onChoose={collect ? setOutcome : null} />
          )}
          {history.data.items.length > 0 && <Trend trend={history.data.trend} />}
          <Title order={3} size="h5">
            Specimens
          </Title>
          {history.data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              No specimens yet.
            </Text>
          ) : (
            <PlainList gap="sm" aria-label="Specimens">
              {history.data.items.map((c) => (
                <li key={c.id}>
                  <CollectionCard c={c} headingLevel={4} />
                </li>
              ))}
            </PlainList>
          )}
        </Stack>
      )}
      {collect && <ForCauseDialog patientId={patientId} opened={selecting} onClose={() => setSelecting(false)} />}
      <OutcomeDialog choice={outcome} onClose={() => setOutcome(null)} />
    </Section>
  );
}

/** How many selections show before "Show all": a person tested at random for months has many. */
const FIRST_SELECTIONS = 8;

/**
 * Every day the person was selected, newest first, with the reason, the status and what staff wrote. An outcome can
 * be recorded from the day itself on (the api refuses one for a day ahead).
 */
function Selections(props: { selections: DrugTestSelectionView[]; today: string; onChoose: ((c: OutcomeChoice) => void) | null }) {
  const [all, setAll] = useState(false);
  const shown = all ? props.selections : props.selections.slice(0, FIRST_SELECTIONS);
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Days selected
      </Title>
      <PlainList gap="xs" aria-label="Days selected for a test">
        {shown.map((s) => (
          <Group component="li" key={s.id} justify="space-between" align="flex-start" wrap="wrap" gap="xs">
            <Stack gap={2}>
              <Group gap="xs" wrap="wrap">
                <Text size="sm" fw={600}>
                  {formatDate(s.day)}
                </Text>
                <Text size="sm">{reasonLabels[s.reason]}</Text>
                <SelectionStatus s={s} />
              </Group>
              {s.cause && <Text size="sm">Reason given: {s.cause}</Text>}
            </Stack>
            {props.onChoose && !s.collectionId && s.day <= props.today && (
              <OutcomeMenu s={s} onChoose={props.onChoose} label={formatDate(s.day)} />
            )}
          </Group>
        ))}
      </PlainList>
      {props.selections.length > FIRST_SELECTIONS && (
        <Group>
          <Button size="xs" variant="subtle" onClick={() => setAll(!all)} aria-expanded={all}>
            {all ? 'Show fewer' : `Show all ${props.selections.length} days`}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function Trend({ trend }: { trend: DrugTestHistory['trend'] }) {
  const resulted = trend.points.filter((p) => p.resulted);
  const max = Math.max(2, ...resulted.map((p) => p.unexpected.length));
  const points = resulted.map((p) => ({
    at: p.collectedAt,
    value: p.unexpected.length,
    marks: [
      ...(p.unexpected.length ? [`Unexpected: ${p.unexpected.map(classLabel).join(', ')}`] : []),
      ...(p.expected.length ? [`Expected: ${p.expected.map(classLabel).join(', ')}`] : []),
      ...(p.flagged ? ['Flagged'] : []),
    ],
  }));
  const unexpectedTests = resulted.filter((p) => p.unexpected.length > 0).length;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Trend
      </Title>
      {resulted.length === 0 ? (
        <Text size="sm" c="dimmed">
          No results yet.
        </Text>
      ) : (
        <>
          <LineChart
            title="Unexpected positive classes per test"
            summary={`${resulted.length} resulted tests; ${unexpectedTests} with an unexpected positive.`}
            min={0}
            max={max}
            points={points}
            valueLabel="unexpected positive classes"
          />
          <ScrollTable label="Drug-test trend by test" minWidth={480}>
            <Table verticalSpacing={4} fz="sm">
              <Table.Caption>Drug tests over time</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Unexpected</Table.Th>
                  <Table.Th scope="col">Expected</Table.Th>
                  <Table.Th scope="col">Flag</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {resulted.map((p) => (
                  <Table.Tr key={p.collectionId}>
                    <Table.Td>{formatDate(p.day)}</Table.Td>
                    <Table.Td>{p.unexpected.map(classLabel).join(', ') || 'None'}</Table.Td>
                    <Table.Td>{p.expected.map(classLabel).join(', ') || '—'}</Table.Td>
                    <Table.Td>{p.flagged ? <Badge color="red">Flagged</Badge> : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <Group gap="xs" wrap="wrap" role="group" aria-label="Positives by class">
            {trend.byClass
              .filter((c) => c.unexpected + c.expected > 0)
              .map((c) => (
                <Badge key={c.substanceClass} variant="light" color={c.unexpected ? 'red' : 'blue'}>
                  {classLabel(c.substanceClass)}: {c.unexpected} unexpected, {c.expected} expected of {c.tested}
                </Badge>
              ))}
          </Group>
        </>
      )}
    </Stack>
  );
}
