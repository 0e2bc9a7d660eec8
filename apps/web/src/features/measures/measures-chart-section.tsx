import { Alert, Badge, Button, Group, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type AssignmentCreate, type CadenceInput, type MeasureKind, type MeasuresOverview } from '@openiop/core';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api-client';
import { formatDate } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { useAssignMeasure, useMeasuresOverview, useStopMeasure } from './api';
import { CheckinsPanel } from './checkins-panel';
import { cadenceOptions, cadenceText, measureOptions, stateColor, statusText } from './labels';
import { MeasuresLinkControls } from './measures-link-controls';
import { InstrumentTrendChart } from './trend-chart';
import { ScrollTable } from '../../ui/scroll-table';

/** The chart's "Measurement-based care": assignments and what is due, trends, check-ins, threshold, the person's link. */
export function MeasurementBasedCareSection({ patientId }: { patientId: string }) {
  const can = useCan();
  const allowed = can('checkin.read') && can('instrument.read');
  const overview = useMeasuresOverview(patientId, allowed);
  if (!allowed || (overview.isError && isApiError(overview.error) && overview.error.status === 403)) return null;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} mb="lg" component="section" aria-labelledby="measurement-based-care">
      <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
        <Title order={2} size="h4" id="measurement-based-care">
          Measurement-based care
        </Title>
        {can('measure.assign') && overview.data && <MeasuresLinkControls patientId={patientId} link={overview.data.link} />}
      </Group>
      {overview.isPending ? (
        <Loading label="Loading measurement-based care" py="md" />
      ) : overview.isError ? (
        <QueryError what="measurement-based care" error={overview.error} onRetry={() => void overview.refetch()} />
      ) : (
        <Stack gap="xl">
          <Assignments patientId={patientId} data={overview.data} canAssign={can('measure.assign')} />
          <Stack gap="lg">
            <Title order={3} size="h5">
              Score trends
            </Title>
            {overview.data.trends.length === 0 ? (
              <Text c="dimmed">No completed scores yet.</Text>
            ) : (
              overview.data.trends.map((t) => <InstrumentTrendChart key={t.instrumentId} trend={t} />)
            )}
          </Stack>
          <CheckinsPanel patientId={patientId} data={overview.data} canEdit={can('measure.assign')} />
        </Stack>
      )}
    </Paper>
  );
}

function Assignments({ patientId, data, canAssign }: { patientId: string; data: MeasuresOverview; canAssign: boolean }) {
  const stop = useStopMeasure(patientId);
  const live = data.assignments.filter((a) => a.status.state !== 'ended');
  const ended = data.assignments.length - live.length;
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        Assigned measures
      </Title>
      {live.length === 0 ? (
        <Text c="dimmed">Nothing assigned{ended ? ` (${ended} ended)` : ''}.</Text>
      ) : (
        <ScrollTable label={'Assigned measures'} minWidth={520}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Measure</Table.Th>
                <Table.Th scope="col">How often</Table.Th>
                <Table.Th scope="col">Runs</Table.Th>
                <Table.Th scope="col">Now</Table.Th>
                {canAssign && <Table.Th scope="col">Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {live.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.measureName}</Table.Td>
                  <Table.Td>{cadenceText(a.cadence)}</Table.Td>
                  <Table.Td>
                    {formatDate(a.startDate)} – {a.endDate ? formatDate(a.endDate) : 'until stopped'}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={stateColor[a.status.state]} variant="light">
                      {a.status.state}
                    </Badge>
                    <Text size="xs">{statusText(a.status)}</Text>
                  </Table.Td>
                  {canAssign && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => stop.mutate({ id: a.id, version: a.version })}
                        loading={stop.isPending && stop.variables.id === a.id}
                        aria-label={`Stop ${a.measureName}`}
                      >
                        Stop
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {stop.error && <Alert color="red">{errorMessage(stop.error)}</Alert>}
      {canAssign && <AssignForm patientId={patientId} today={data.today} />}
    </Stack>
  );
}

function AssignForm({ patientId, today }: { patientId: string; today: string }) {
  const assign = useAssignMeasure(patientId);
  const [measure, setMeasure] = useState<MeasureKind>('phq9');
  const [cadence, setCadence] = useState<CadenceInput['kind']>('biweekly');
  const [days, setDays] = useState<number | string>(10);
  const [startDate, setStartDate] = useState(today);
  const [endDate, setEndDate] = useState('');
  const fieldError = (path: string) =>
    assign.error && isApiError(assign.error)
      ? assign.error.errors.find((e) => e.path === path || e.path.startsWith(`${path}.`))?.message
      : undefined;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const c: CadenceInput = cadence === 'every_n_days' ? { kind: 'every_n_days', days: Number(days) } : { kind: cadence };
    const input: AssignmentCreate = { measure, cadence: c, startDate, ...(endDate ? { endDate } : {}) };
    assign.mutate(input);
  };
  return (
    <Paper withBorder p="md" radius="sm" component="form" onSubmit={submit} aria-labelledby="assign-measure-heading">
      <Title order={4} size="h6" id="assign-measure-heading" mb="sm">
        Assign a measure
      </Title>
      <Group align="flex-end" wrap="wrap" gap="sm">
        <Select
          label="Measure"
          data={measureOptions}
          value={measure}
          onChange={(v) => {
            if (!v) return;
            setMeasure(v as MeasureKind);
            if (v === 'daily_checkin') setCadence('daily');
            if (v === 'bam') setCadence('monthly');
          }}
          allowDeselect={false}
          w={{ base: '100%', sm: 280 }}
          error={fieldError('measure')}
        />
        <Select
          label="How often"
          data={cadenceOptions}
          value={cadence}
          onChange={(v) => v && setCadence(v as CadenceInput['kind'])}
          allowDeselect={false}
          w={{ base: '100%', sm: 170 }}
        />
        {cadence === 'every_n_days' && (
          <NumberInput label="Days" min={1} max={365} value={days} onChange={setDays} w={90} error={fieldError('cadence')} />
        )}
        <TextInput
          label="From"
          type="date"
          value={startDate}
          onChange={(e) => setStartDate(e.currentTarget.value)}
          required
          error={fieldError('startDate')}
        />
        <TextInput
          label="Until (optional)"
          type="date"
          value={endDate}
          onChange={(e) => setEndDate(e.currentTarget.value)}
          error={fieldError('endDate')}
        />
        <Button type="submit" loading={assign.isPending}>
          Assign
        </Button>
      </Group>
      {assign.error && !(isApiError(assign.error) && assign.error.errors.length) && (
        <Alert color="red" mt="sm">
          {errorMessage(assign.error)}
        </Alert>
      )}
      {assign.isSuccess && (
        <Text size="sm" c="green.8" mt="sm" role="status">
          Assigned {assign.data.measureName}.
        </Text>
      )}
    </Paper>
  );
}
