import { Alert, Badge, Button, Checkbox, Group, NumberInput, Radio, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { housingSituations, prescreenSubstances, type PrescreenCreate, type PrescreenView } from '@openiop/core';
import { useState } from 'react';
import { errorMessage } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { FormError } from '../../ui/query-error';
import { usePrescreens, useRecordPrescreen } from './api';
import { substanceLabels, verdictColors, verdictLabels } from './labels';

type Answers = PrescreenCreate['answers'];
type YesNoKey = Exclude<keyof Answers, 'substances' | 'housing'>;

const questions: [YesNoKey, string][] = [
  ['dangerToSelf', 'Thinking of harming themselves, or in danger right now?'],
  ['dangerToOthers', 'Thinking of harming someone else?'],
  ['withdrawalSymptomsNow', 'Withdrawal symptoms now (shaking, sweating, confusion, seeing or hearing things)?'],
  ['pastWithdrawalSeizures', 'Ever had a seizure when stopping alcohol or sedatives?'],
  ['pastDeliriumTremens', 'Ever had delirium (DTs) when stopping?'],
  ['unstableMedicalCondition', 'A medical condition that is not under control?'],
  ['unstablePsychiatricState', 'Mental health not stable right now (e.g. psychosis, mania, recent hospital stay)?'],
  ['canGetTransport', 'Has a way to get to the program?'],
  ['canAttendSchedule', 'Can attend at the program’s times?'],
  ['pregnant', 'Pregnant?'],
];

const housingLabels: Record<string, string> = {
  stable: 'Stable and safe',
  unstable: 'Unstable (couch-surfing, may lose it)',
  unsafe: 'Not safe',
  none: 'No housing',
};
const empty: Answers = {
  substances: [],
  pastWithdrawalSeizures: null,
  pastDeliriumTremens: null,
  withdrawalSymptomsNow: null,
  unstableMedicalCondition: null,
  unstablePsychiatricState: null,
  dangerToSelf: null,
  dangerToOthers: null,
  housing: null,
  canGetTransport: null,
  canAttendSchedule: null,
  pregnant: null,
};
const yn = (v: boolean | null) => (v === null ? '' : v ? 'yes' : 'no');

/** The result as staff and the person can understand it: each flag, why, and where to go instead. */
export function PrescreenResult({ p }: { p: PrescreenView }) {
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Badge size="lg" color={verdictColors[p.verdict]}>
          {verdictLabels[p.verdict]}
        </Badge>
        <Text size="sm" c="dimmed">
          {formatDateTime(p.recordedAt)}
          {p.recordedBy ? ` · ${p.recordedBy.name}` : ''} · rules {p.ruleVersion}
        </Text>
      </Group>
      {p.flags.length === 0 && <Text>No reason found that IOP would not be safe.</Text>}
      {p.flags.map((f) => (
        <Alert
          key={f.code}
          color={f.severity === 'higher_level' ? 'red' : 'yellow'}
          variant="light"
          title={f.severity === 'higher_level' ? 'IOP is not safe now' : 'A clinician should review'}
        >
          <Text size="sm">{f.reason}</Text>
          <Text size="sm" fw={600} mt={4}>
            Route: {f.routeLabel}
          </Text>
        </Alert>
      ))}
    </Stack>
  );
}

export function PrescreenPanel(props: { inquiryId: string; canWrite: boolean }) {
  const list = usePrescreens(props.inquiryId);
  const record = useRecordPrescreen(props.inquiryId);
  const [a, setA] = useState<Answers>(empty);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const setUse = (substance: (typeof prescreenSubstances)[number], change: Partial<Answers['substances'][number]> | null) => {
    const rest = a.substances.filter((s) => s.substance !== substance);
    const cur = a.substances.find((s) => s.substance === substance) ?? { substance, dailyUse: false, daysOfUse: 0 };
    setA({ ...a, substances: change === null ? rest : [...rest, { ...cur, ...change }] });
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    record.mutate({ answers: a, notes }, { onSuccess: () => setA(empty), onError: (err) => setError(errorMessage(err)) });
  };
  const latest = list.data?.[0];
  return (
    <Stack gap="lg">
      {latest && <PrescreenResult p={latest} />}
      {props.canWrite && (
        <form onSubmit={submit} noValidate aria-labelledby="prescreen-form-title">
          <Stack maw={760}>
            <Title order={3} size="h5" id="prescreen-form-title">
              {latest ? 'Record a new pre-screen' : 'Pre-screen questions'}
            </Title>
            <FormError message={error} />
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Substance</Table.Th>
                  <Table.Th>Daily use recently</Table.Th>
                  <Table.Th>Days in a row</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {prescreenSubstances.map((s) => {
                  const use = a.substances.find((u) => u.substance === s);
                  return (
                    <Table.Tr key={s}>
                      <Table.Td>
                        <Checkbox
                          label={substanceLabels[s]}
                          checked={Boolean(use)}
                          onChange={(e) => setUse(s, e.currentTarget.checked ? {} : null)}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Checkbox
                          aria-label={`${substanceLabels[s]}: daily use`}
                          disabled={!use}
                          checked={use?.dailyUse ?? false}
                          onChange={(e) => setUse(s, { dailyUse: e.currentTarget.checked })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <NumberInput
                          aria-label={`${substanceLabels[s]}: days in a row`}
                          disabled={!use}
                          min={0}
                          max={3650}
                          w={100}
                          value={use?.daysOfUse ?? 0}
                          onChange={(v) => setUse(s, { daysOfUse: typeof v === 'number' ? v : 0 })}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            {questions.map(([key, label]) => (
              <Radio.Group
                key={key}
                label={label}
                value={yn(a[key])}
                onChange={(v) => setA({ ...a, [key]: v === '' ? null : v === 'yes' })}
              >
                <Group mt={4}>
                  <Radio value="yes" label="Yes" />
                  <Radio value="no" label="No" />
                  <Radio value="" label="Not answered" />
                </Group>
              </Radio.Group>
            ))}
            <Select
              label="Housing"
              data={housingSituations.map((h) => ({ value: h, label: housingLabels[h] ?? h }))}
              value={a.housing}
              onChange={(v) => setA({ ...a, housing: (v as Answers['housing']) ?? null })}
              clearable
            />
            <Textarea label="Pre-screen notes" value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} />
            <Group>
              <Button type="submit" loading={record.isPending}>
                Save pre-screen
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
