import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Drawer,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { DrugTestSelectionView, DrugTestSettingsView } from '@openiop/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatDate, formatDateTime } from '../../lib/format';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { QueryError } from '../../ui/query-error';
import { ScrollTable } from '../../ui/scroll-table';
import { useCan, useMe } from '../auth/session';
import { fieldError, WriteError } from '../clinical/shared';
import { useClinicToday, useLocationOptions } from '../reference/api';
import {
  useDraw,
  useDrawLog,
  useDrugTestHistory,
  useDrugTestSettings,
  useRecordCollection,
  useSaveDrugTestSettings,
  useSelections,
} from './api';
import { CollectionCard } from './collection-card';
import { reasonLabels, specimenLabels, WEEKDAY_NAMES } from './labels';
import { OutcomeDialog, OutcomeMenu, SelectionStatus, type OutcomeChoice } from './selection-outcome';

/**
 * Drug testing at a location (issue 6): the director’s rates, today’s random draw (today only, in the clinic’s
 * zone), the people selected, recording each collection or why none came, and each specimen’s results and review.
 */
export function DrugTestsPage() {
  const can = useCan();
  const me = useMe();
  const locations = useLocationOptions();
  const [params, setParams] = useSearchParams();
  const locationId =
    params.get('location') ??
    locations.options.find((o) => me.user.locationIds.includes(o.value))?.value ??
    locations.options[0]?.value ??
    null;
  const today = useClinicToday(locationId);
  const selections = useSelections(locationId, today);
  const drawLog = useDrawLog(locationId, today, !!selections.data?.drawn);
  const [open, setOpen] = useState<{ selection: DrugTestSelectionView; mode: 'collect' | 'results' } | null>(null);
  const [outcome, setOutcome] = useState<OutcomeChoice | null>(null);
  const phone = useMediaQuery('(max-width: 48em)');

  return (
    <>
      <PageHeader title="Drug tests" />
      <Group mb="md" align="flex-end" wrap="wrap">
        <Select
          label="Location"
          data={locations.options}
          value={locationId}
          onChange={(v) => v && setParams({ location: v }, { replace: true })}
          allowDeselect={false}
          w={220}
        />
        <Text fw={600}>Today, {formatDate(today)}</Text>
      </Group>
      {!locationId ? (
        locations.isPending ? (
          <Loading label="Loading locations" />
        ) : (
          <Text>No location to show.</Text>
        )
      ) : (
        <Stack gap="lg">
          {can('drug_test.manage') && <SettingsPanel key={locationId} locationId={locationId} />}
          <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="draw-heading">
            <Group justify="space-between" mb="sm" wrap="wrap">
              <Title order={2} size="h4" id="draw-heading">
                Today’s random selection
              </Title>
              {can('drug_test.manage') && selections.data && !selections.data.drawn && selections.data.collectionDay && (
                <DrawButton locationId={locationId} day={today} />
              )}
            </Group>
            {selections.isPending ? (
              <Loading label="Loading today’s selection" py="md" />
            ) : selections.isError ? (
              <QueryError what="today’s selection" error={selections.error} onRetry={() => void selections.refetch()} />
            ) : (
              <Stack gap="sm">
                {!selections.data.collectionDay && <Text>No collection at this location today.</Text>}
                {selections.data.collectionDay && !selections.data.drawn && (
                  <Text>Not drawn yet. The draw runs by itself at the start of the clinic day, or a director can draw now.</Text>
                )}
                {drawLog.data && (
                  <Text size="sm" c="dimmed">
                    Drawn {formatDateTime(drawLog.data.drawnAt)}{' '}
                    {drawLog.data.drawnBy ? `by ${drawLog.data.drawnBy.name}` : 'automatically'}: {drawLog.data.selectedCount} of{' '}
                    {drawLog.data.eligibleCount} eligible people selected.
                  </Text>
                )}
                {selections.data.items.length > 0 && (
                  <ScrollTable label="People to test today" minWidth={600}>
                    <Table verticalSpacing="xs">
                      <Table.Caption>People to test today</Table.Caption>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">Person</Table.Th>
                          <Table.Th scope="col">Reason</Table.Th>
                          <Table.Th scope="col">Status</Table.Th>
                          <Table.Th scope="col">Action</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {selections.data.items.map((s) => (
                          <Table.Tr key={s.id}>
                            <Table.Th scope="row" fw={500}>
                              <Anchor component={Link} to={`/patients/${s.patient.id}`}>
                                {s.patient.name}
                              </Anchor>{' '}
                              <Text span size="xs" c="dimmed">
                                {s.patient.mrn}
                              </Text>
                            </Table.Th>
                            <Table.Td>
                              {reasonLabels[s.reason]}
                              {s.cause && (
                                <Text size="xs" c="dimmed">
                                  {s.cause}
                                </Text>
                              )}
                            </Table.Td>
                            <Table.Td>
                              <SelectionStatus s={s} />
                            </Table.Td>
                            <Table.Td>
                              {!s.collectionId && can('drug_test.collect') ? (
                                <Group gap="xs" wrap="nowrap">
                                  {s.status === 'pending' && (
                                    <Button size="xs" onClick={() => setOpen({ selection: s, mode: 'collect' })}>
                                      Record collection<VisuallyHidden> for {s.patient.name}</VisuallyHidden>
                                    </Button>
                                  )}
                                  <OutcomeMenu s={s} onChoose={setOutcome} />
                                </Group>
                              ) : s.collectionId ? (
                                <Button
                                  size="xs"
                                  variant="default"
                                  onClick={() => setOpen({ selection: s, mode: 'results' })}
                                  aria-label={`Specimen and results for ${s.patient.name}`}
                                >
                                  Specimen and results
                                </Button>
                              ) : null}
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </ScrollTable>
                )}
                {selections.data.drawn && selections.data.items.length === 0 && <Text>Nobody was selected today.</Text>}
              </Stack>
            )}
          </Paper>
        </Stack>
      )}
      <Drawer
        opened={!!open}
        onClose={() => setOpen(null)}
        position="right"
        size={phone ? '100%' : 'lg'}
        title={open ? `${open.mode === 'collect' ? 'Record collection' : 'Specimen'}: ${open.selection.patient.name}` : ''}
      >
        {open?.mode === 'collect' && <CollectionForm selection={open.selection} onDone={() => setOpen({ ...open, mode: 'results' })} />}
        {open?.mode === 'results' && <SpecimenFor selection={open.selection} />}
      </Drawer>
      <OutcomeDialog choice={outcome} onClose={() => setOutcome(null)} />
    </>
  );
}

function DrawButton({ locationId, day }: { locationId: string; day: string }) {
  const draw = useDraw(locationId, day);
  return (
    <Stack gap={4} align="flex-end">
      <Button onClick={() => draw.mutate()} loading={draw.isPending}>
        Draw today’s selection
      </Button>
      <WriteError error={draw.error} />
    </Stack>
  );
}

/** The director's rates: tests a person a week by phase, the default, and the weekdays with collection. */
function SettingsPanel({ locationId }: { locationId: string }) {
  const settings = useDrugTestSettings(locationId);
  if (settings.isPending) return <Loading label="Loading drug-testing rates" py="md" />;
  if (settings.isError) return <QueryError what="drug-testing rates" error={settings.error} onRetry={() => void settings.refetch()} />;
  return <SettingsForm locationId={locationId} view={settings.data.data} etag={settings.data.etag} />;
}

function SettingsForm({ locationId, view, etag }: { locationId: string; view: DrugTestSettingsView; etag: string | null }) {
  const save = useSaveDrugTestSettings(locationId);
  const [rates, setRates] = useState<Record<string, number | string>>(() =>
    Object.fromEntries(view.phases.map((p) => [String(p.number), view.ratesByPhase[String(p.number)] ?? ''])),
  );
  const [fallback, setFallback] = useState<number | string>(view.defaultRatePerWeek);
  const [days, setDays] = useState<number[]>(view.collectionWeekdays);
  const [saved, setSaved] = useState(false);
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="rates-heading">
      <Title order={2} size="h4" id="rates-heading" mb="xs">
        Testing rates
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Expected tests per person per week. Each collection day everyone eligible is drawn at random with the chance this gives; nobody can
        tell in advance who will be picked.
      </Text>
      {!view.configured && (
        <Alert color="blue" variant="light" mb="sm">
          Rates are not saved yet for this location; no draw runs until they are.
        </Alert>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          const ratesByPhase = Object.fromEntries(
            Object.entries(rates)
              .filter(([, v]) => v !== '' && v !== null)
              .map(([k, v]) => [k, Number(v)]),
          );
          save.mutate(
            { input: { ratesByPhase, defaultRatePerWeek: Number(fallback), collectionWeekdays: days }, etag: etag ?? '"0"' },
            { onSuccess: () => setSaved(true) },
          );
        }}
      >
        <Stack gap="sm">
          <Group gap="md" wrap="wrap" align="flex-start">
            {view.phases.map((p) => (
              <NumberInput
                key={p.number}
                label={`${p.name}: tests a week`}
                min={0}
                max={7}
                step={0.5}
                decimalScale={2}
                value={rates[String(p.number)] ?? ''}
                onChange={(v) => setRates((r) => ({ ...r, [String(p.number)]: v }))}
                error={fieldError(save.error, `ratesByPhase.${p.number}`)}
                w={200}
              />
            ))}
            <NumberInput
              label={view.phases.length ? 'Anyone else: tests a week' : 'Tests a week'}
              min={0}
              max={7}
              step={0.5}
              decimalScale={2}
              value={fallback}
              onChange={setFallback}
              error={fieldError(save.error, 'defaultRatePerWeek')}
              w={200}
            />
          </Group>
          <Checkbox.Group
            label="Collection days"
            value={days.map(String)}
            onChange={(v) => setDays(v.map(Number).sort((a, b) => a - b))}
            error={fieldError(save.error, 'collectionWeekdays')}
          >
            <Group gap="sm" mt={4} wrap="wrap">
              {WEEKDAY_NAMES.map((d, i) => (
                <Checkbox key={d} value={String(i)} label={d} />
              ))}
            </Group>
          </Checkbox.Group>
          <WriteError error={save.error} shown={['ratesByPhase', 'defaultRatePerWeek', 'collectionWeekdays']} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save rates
            </Button>
            {saved && (
              <Text role="status" c="green.9" size="sm">
                Rates saved.
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Recording a specimen for a selected person: observed or not, type, custody id, temperature and when it was read. */
function CollectionForm({ selection, onDone }: { selection: DrugTestSelectionView; onDone: () => void }) {
  const record = useRecordCollection(selection.patient.id);
  const [specimenType, setSpecimenType] = useState<string>('urine');
  const [observed, setObserved] = useState(true);
  const [custodyId, setCustodyId] = useState('');
  const [temperature, setTemperature] = useState<number | string>('');
  const [minutes, setMinutes] = useState<number | string>('');
  const [creatinine, setCreatinine] = useState<number | string>('');
  const num = (v: number | string) => (v === '' ? null : Number(v));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        record.mutate(
          {
            selectionId: selection.id,
            specimenType: specimenType as never,
            observed,
            custodyId,
            temperatureC: num(temperature),
            temperatureMinutes: num(minutes),
            validity: { creatinine: num(creatinine), specificGravity: null, ph: null, oxidants: null },
          },
          { onSuccess: onDone },
        );
      }}
    >
      <Stack gap="sm">
        <Select
          label="Specimen type"
          data={Object.entries(specimenLabels).map(([value, label]) => ({ value, label }))}
          value={specimenType}
          onChange={(v) => setSpecimenType(v ?? 'urine')}
          allowDeselect={false}
        />
        <Switch label="Collection observed" checked={observed} onChange={(e) => setObserved(e.currentTarget.checked)} />
        <TextInput
          label="Chain-of-custody id"
          required
          value={custodyId}
          onChange={(e) => setCustodyId(e.currentTarget.value)}
          error={fieldError(record.error, 'custodyId')}
        />
        {specimenType === 'urine' && (
          <Group grow wrap="wrap">
            <NumberInput
              label="Temperature (°C)"
              description="32.2–37.8 °C (90–100 °F)"
              decimalScale={1}
              value={temperature}
              onChange={setTemperature}
              error={fieldError(record.error, 'temperatureC')}
            />
            <NumberInput
              label="Minutes to reading"
              description="Read within 4 minutes"
              min={0}
              value={minutes}
              onChange={setMinutes}
              error={fieldError(record.error, 'temperatureMinutes')}
            />
          </Group>
        )}
        <NumberInput
          label="Creatinine (mg/dL), if measured"
          min={0}
          value={creatinine}
          onChange={setCreatinine}
          error={fieldError(record.error, 'validity.creatinine')}
        />
        <WriteError error={record.error} shown={['custodyId', 'temperatureC', 'temperatureMinutes', 'validity.creatinine']} />
        <Group>
          <Button type="submit" loading={record.isPending}>
            Save collection
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The specimen collected for a selection, with its custody, results and review forms. */
function SpecimenFor({ selection }: { selection: DrugTestSelectionView }) {
  const history = useDrugTestHistory(selection.patient.id);
  if (history.isPending) return <Loading label="Loading the specimen" py="md" />;
  if (history.isError) return <QueryError what="the specimen" error={history.error} onRetry={() => void history.refetch()} />;
  const c = history.data.items.find((i) => i.selectionId === selection.id);
  if (!c) return <Text>No specimen recorded for this selection yet.</Text>;
  return <CollectionCard c={c} />;
}
