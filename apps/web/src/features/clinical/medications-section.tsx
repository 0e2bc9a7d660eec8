import { Badge, Button, Group, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { matKinds, matLabels, medicationRoutes, type MatKind, type MedicationView } from '@openiop/core';
import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { usePatientToday } from '../patients/api';
import { Loading } from '../../ui/loading';
import { PlainList } from '../../ui/plain-list';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { useAddAdherenceNote, useAddMedication, useMedications, useStopMedication } from './api';
import { fieldError, is403, Section, WriteError } from './shared';

const routeOptions = medicationRoutes.map((r) => ({ value: r, label: r[0]?.toUpperCase() + r.slice(1) }));
const matOptions = [
  { value: '', label: 'Not a medication for addiction treatment' },
  ...matKinds.map((k) => ({ value: k, label: matLabels[k] })),
];

function AddMedication({ patientId, onDone }: { patientId: string; onDone: () => void }) {
  const [v, setV] = useState({
    name: '',
    dose: '',
    route: 'oral',
    frequency: '',
    prescriber: '',
    startDate: '',
    matKind: '',
    otpName: '',
    otpPhone: '',
    note: '',
  });
  const set = (k: keyof typeof v) => (e: { currentTarget: { value: string } }) => setV({ ...v, [k]: e.currentTarget.value });
  const add = useAddMedication(patientId);
  return (
    <Paper
      withBorder
      p="md"
      mb="md"
      component="form"
      aria-label="Add a medication"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(
          {
            name: v.name,
            dose: v.dose,
            route: v.route as MedicationView['route'],
            frequency: v.frequency,
            prescriber: v.prescriber || null,
            startDate: v.startDate || null,
            matKind: (v.matKind || null) as MatKind | null,
            otp: v.otpName.trim() ? { name: v.otpName, phone: v.otpPhone || null } : null,
            note: v.note || null,
          },
          { onSuccess: onDone },
        );
      }}
    >
      <Stack gap="sm">
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            label="Medication"
            required
            value={v.name}
            onChange={set('name')}
            error={fieldError(add.error, 'name')}
            style={{ minWidth: 180 }}
          />
          <TextInput
            label="Dose"
            required
            value={v.dose}
            onChange={set('dose')}
            error={fieldError(add.error, 'dose')}
            style={{ minWidth: 120 }}
          />
        </Group>
        <Group grow wrap="wrap" align="flex-start">
          <Select
            label="Route"
            data={routeOptions}
            value={v.route}
            onChange={(x) => setV({ ...v, route: x ?? 'oral' })}
            allowDeselect={false}
            style={{ minWidth: 140 }}
          />
          <TextInput
            label="Frequency"
            required
            value={v.frequency}
            onChange={set('frequency')}
            error={fieldError(add.error, 'frequency')}
            style={{ minWidth: 160 }}
          />
        </Group>
        <Group grow wrap="wrap" align="flex-start">
          <TextInput label="Prescriber" value={v.prescriber} onChange={set('prescriber')} style={{ minWidth: 180 }} />
          <TextInput
            label="Start date"
            type="date"
            value={v.startDate}
            onChange={set('startDate')}
            error={fieldError(add.error, 'startDate')}
            style={{ minWidth: 150 }}
          />
        </Group>
        <Select
          label="Medication for addiction treatment"
          data={matOptions}
          value={v.matKind}
          onChange={(x) => setV({ ...v, matKind: x ?? '' })}
          allowDeselect={false}
        />
        {v.matKind !== '' && (
          <Group grow wrap="wrap" align="flex-start">
            <TextInput
              label="Opioid treatment program"
              description={v.matKind === 'methadone' ? 'Required: methadone is dispensed only by an OTP' : undefined}
              required={v.matKind === 'methadone'}
              value={v.otpName}
              onChange={set('otpName')}
              error={fieldError(add.error, 'otp')}
              style={{ minWidth: 200 }}
            />
            <TextInput label="OTP phone" type="tel" value={v.otpPhone} onChange={set('otpPhone')} style={{ minWidth: 150 }} />
          </Group>
        )}
        <Textarea label="Note" value={v.note} onChange={set('note')} autosize minRows={1} />
        <WriteError error={add.error} shown={['name', 'dose', 'frequency', 'startDate', 'otp']} />
        <Group>
          <Button type="submit" loading={add.isPending}>
            Add medication
          </Button>
          <Button type="button" variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function MedicationActions({ patientId, m }: { patientId: string; m: MedicationView }) {
  const [mode, setMode] = useState<'none' | 'stop' | 'note'>('none');
  const today = usePatientToday(patientId);
  const [chosenDate, setDate] = useState<string | null>(null);
  const date = chosenDate ?? today;
  const [text, setText] = useState('');
  const stop = useStopMedication(patientId);
  const note = useAddAdherenceNote(patientId);
  const done = () => {
    setMode('none');
    setText('');
  };
  if (mode === 'none')
    return (
      <Group gap="xs" mt="xs">
        <Button size="xs" variant="light" onClick={() => setMode('note')}>
          Add adherence note
        </Button>
        {m.status === 'active' && (
          <Button size="xs" variant="default" onClick={() => setMode('stop')}>
            Stop
          </Button>
        )}
      </Group>
    );
  const m2 = mode === 'stop' ? stop : note;
  return (
    <Stack
      gap="xs"
      mt="xs"
      component="form"
      aria-label={mode === 'stop' ? `Stop ${m.name}` : `Adherence note for ${m.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (mode === 'stop') stop.mutate({ id: m.id, version: m.version, stopDate: date, reason: text }, { onSuccess: done });
        else note.mutate({ id: m.id, notedOn: date, text }, { onSuccess: done });
      }}
    >
      <Group grow wrap="wrap" align="flex-start">
        <TextInput
          type="date"
          label={mode === 'stop' ? 'Stop date' : 'Date'}
          required
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          error={fieldError(m2.error, mode === 'stop' ? 'stopDate' : 'notedOn')}
          style={{ minWidth: 150 }}
        />
        <TextInput
          label={mode === 'stop' ? 'Reason' : 'Note'}
          required
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={fieldError(m2.error, mode === 'stop' ? 'reason' : 'text')}
          style={{ minWidth: 200 }}
        />
      </Group>
      <WriteError error={m2.error} shown={['stopDate', 'reason', 'notedOn', 'text']} />
      <Group gap="xs">
        <Button size="xs" type="submit" loading={m2.isPending}>
          {mode === 'stop' ? 'Stop medication' : 'Add note'}
        </Button>
        <Button size="xs" variant="default" onClick={done}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}

/** Medications, active first; medications for addiction treatment are marked, with the OTP for methadone. */
export function MedicationsSection({ patientId }: { patientId: string }) {
  const can = useCan();
  const list = useMedications(patientId, can('medication.read'));
  const [adding, setAdding] = useState(false);
  if (!can('medication.read') || is403(list.error)) return null;
  const write = can('medication.write');
  return (
    <Section
      title="Medications"
      id="medications-heading"
      actions={
        write &&
        !adding && (
          <Button size="sm" onClick={() => setAdding(true)}>
            Add medication
          </Button>
        )
      }
    >
      {adding && <AddMedication patientId={patientId} onDone={() => setAdding(false)} />}
      {list.isPending ? (
        <Loading label="Loading medications" py="md" />
      ) : list.isError ? (
        <QueryError what="medications" error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text c="dimmed">No medications recorded.</Text>
      ) : (
        <PlainList gap="sm" aria-label="Medications">
          {list.data.map((m) => (
            <Paper key={m.id} withBorder p="sm" radius="sm" component="li">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Title order={3} size="h5">
                  {m.name} {m.dose}
                </Title>
                <Group gap={4}>
                  {m.matKind && <Badge color="teal">MAT: {matLabels[m.matKind]}</Badge>}
                  <Badge variant="outline" color={m.status === 'active' ? 'green' : 'gray'}>
                    {m.status === 'active' ? 'Active' : 'Stopped'}
                  </Badge>
                </Group>
              </Group>
              <Text size="sm">
                {m.route} · {m.frequency}
                {m.prescriber ? ` · prescribed by ${m.prescriber}` : ''}
              </Text>
              {m.otp && (
                <Text size="sm">
                  Opioid treatment program: {m.otp.name}
                  {m.otp.phone ? ` · ${m.otp.phone}` : ''}
                </Text>
              )}
              <Text size="sm" c="dimmed">
                {m.startDate ? `Started ${formatDate(m.startDate)}` : 'Start date not recorded'}
                {m.stopDate ? ` · stopped ${formatDate(m.stopDate)}: ${m.stopReason ?? ''}` : ''}
              </Text>
              {m.adherenceNotes.length > 0 && (
                <PlainList gap={2} aria-label={`Adherence notes for ${m.name}`}>
                  {m.adherenceNotes.map((n) => (
                    <Text key={n.id} size="sm" component="li">
                      {formatDate(n.notedOn)} — {n.text}{' '}
                      <Text span c="dimmed" size="xs">
                        ({n.author.name})
                      </Text>
                    </Text>
                  ))}
                </PlainList>
              )}
              {write && <MedicationActions patientId={patientId} m={m} />}
            </Paper>
          ))}
        </PlainList>
      )}
    </Section>
  );
}
