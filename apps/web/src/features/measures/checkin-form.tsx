import { Alert, Button, Group, NumberInput, Paper, Radio, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import type { CheckinSubmit } from '@openiop/core';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api-client';
import { useSubmitCheckin } from './api';
import { newClientId } from './client-id';
import { moodLabels, sleepQualityLabels } from './labels';

const scale = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Radio buttons in a wrapping row: big enough to tap, arrow keys move between them. */
function ScaleField(props: {
  label: string;
  description?: string;
  values: number[];
  labels?: Record<number, string>;
  value: number | null;
  onChange: (v: number) => void;
  error?: string | undefined;
  required?: boolean;
}) {
  return (
    <Radio.Group
      label={props.label}
      description={props.description}
      value={props.value === null ? null : String(props.value)}
      onChange={(v) => props.onChange(Number(v))}
      error={props.error}
      required={props.required}
    >
      <Group gap="xs" mt={6}>
        {props.values.map((v) => (
          <Radio key={v} value={String(v)} label={props.labels?.[v] ?? String(v)} size="md" />
        ))}
      </Group>
    </Radio.Group>
  );
}

/**
 * The daily check-in on the person's page. The client id is made once per check-in and kept across retries,
 * so pressing Send twice (or a flaky connection) stores it once.
 */
export function CheckinForm({ token, doneToday }: { token: string; doneToday: boolean }) {
  const submit = useSubmitCheckin(token);
  const [clientId, setClientId] = useState(newClientId);
  const [mood, setMood] = useState<number | null>(null);
  const [craving, setCraving] = useState<number | null>(null);
  const [sleepHours, setSleepHours] = useState<number | string>('');
  const [sleepQuality, setSleepQuality] = useState<number | null>(null);
  const [used, setUsed] = useState<'yes' | 'no' | null>(null);
  const [usedWhat, setUsedWhat] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const err = (path: string) =>
    missing.includes(path)
      ? 'Please answer this'
      : submit.error && isApiError(submit.error)
        ? submit.error.errors.find((e) => e.path === path)?.message
        : undefined;

  if (submit.isSuccess)
    return (
      <Stack gap="sm" role="status">
        <Text fw={600}>Thank you — your check-in was sent to your care team.</Text>
        <Button
          variant="default"
          onClick={() => {
            setClientId(newClientId());
            setMood(null);
            setCraving(null);
            setSleepHours('');
            setSleepQuality(null);
            setUsed(null);
            setUsedWhat('');
            setNote('');
            submit.reset();
          }}
        >
          Check in again
        </Button>
      </Stack>
    );

  const send = (e: React.FormEvent) => {
    e.preventDefault();
    const gaps = [mood === null && 'mood', craving === null && 'craving', used === null && 'usedSinceLast'].filter((x): x is string =>
      Boolean(x),
    );
    setMissing(gaps);
    if (gaps.length || mood === null || craving === null || used === null) return;
    const input: CheckinSubmit = {
      clientId,
      mood,
      craving,
      sleepHours: sleepHours === '' ? null : Number(sleepHours),
      sleepQuality,
      usedSinceLast: used === 'yes',
      usedWhat: used === 'yes' && usedWhat.trim() ? usedWhat.trim() : null,
      note: note.trim() || null,
    };
    submit.mutate(input);
  };

  return (
    <form onSubmit={send} noValidate>
      <Stack gap="lg">
        {doneToday && <Text size="sm">You already checked in today. You can check in again if something changed.</Text>}
        <ScaleField
          label="How is your mood today?"
          values={scale(1, 5)}
          labels={moodLabels}
          value={mood}
          onChange={setMood}
          error={err('mood')}
          required
        />
        <ScaleField
          label="How strong is your craving right now?"
          description="0 = none, 10 = the strongest you can imagine"
          values={scale(0, 10)}
          value={craving}
          onChange={setCraving}
          error={err('craving')}
          required
        />
        <NumberInput
          label="How many hours did you sleep last night?"
          min={0}
          max={24}
          step={0.5}
          decimalScale={1}
          value={sleepHours}
          onChange={setSleepHours}
          error={err('sleepHours')}
          inputMode="decimal"
        />
        <ScaleField
          label="How well did you sleep?"
          values={scale(1, 5)}
          labels={sleepQualityLabels}
          value={sleepQuality}
          onChange={setSleepQuality}
          error={err('sleepQuality')}
        />
        <Radio.Group
          label="Any alcohol or drug use since your last check-in?"
          value={used}
          onChange={(v) => setUsed(v as 'yes' | 'no')}
          error={err('usedSinceLast')}
          required
        >
          <Group gap="md" mt={6}>
            <Radio value="no" label="No" size="md" />
            <Radio value="yes" label="Yes" size="md" />
          </Group>
        </Radio.Group>
        {used === 'yes' && (
          <TextInput
            label="What did you use? (optional)"
            value={usedWhat}
            onChange={(e) => setUsedWhat(e.currentTarget.value)}
            maxLength={200}
            error={err('usedWhat')}
          />
        )}
        <Textarea
          label="Anything you want your care team to know? (optional)"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={2000}
          autosize
          minRows={2}
          error={err('note')}
        />
        {submit.error && <Alert color="red">{errorMessage(submit.error)}</Alert>}
        <Button type="submit" size="lg" fullWidth loading={submit.isPending}>
          Send my check-in
        </Button>
      </Stack>
    </form>
  );
}

/** The check-in as a card on the person's page. */
export function CheckinCard({ token, doneToday }: { token: string; doneToday: boolean }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="checkin-heading">
      <Title order={2} size="h3" id="checkin-heading" mb="sm">
        Daily check-in
      </Title>
      <CheckinForm token={token} doneToday={doneToday} />
    </Paper>
  );
}
