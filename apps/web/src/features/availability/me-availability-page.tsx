import { Alert, Anchor, Button, NativeSelect, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { busyKind, freeWindows, mergeWindows, type BusyKind, type MeAvailabilityView } from '@openiop/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api-client';
import { Loading } from '../../ui/loading';
import { PersonFrame } from '../../ui/person-frame';
import { MeLinkProblem } from '../measures/me-page';
import { fieldError } from '../clinical/shared';
import { PreferenceFields } from './availability-chart-section';
import { useMeAvailability, useSaveMeAvailability } from './api';
import { busyLabels, rangeText } from './labels';
import { WeekGrid } from './week-grid';
import { rowKey, rowProblem, rowsOf, windowsOf, WindowRows, type WindowRow } from './window-rows';

type Mode = 'busy' | 'free';

function AvailabilityEditor({ token, view }: { token: string; view: MeAvailabilityView }) {
  const save = useSaveMeAvailability(token);
  const hours = view.sessionHours;
  const [mode, setMode] = useState<Mode>(view.windows.length ? 'free' : 'busy');
  const [busy, setBusy] = useState<WindowRow<BusyKind>[]>([]);
  const [free, setFree] = useState<WindowRow<undefined>[]>(() => rowsOf(view.windows, () => undefined));
  const [prefs, setPrefs] = useState(() => ({ ...view.preferences, preferredDays: view.preferences.preferredDays.map(String) }));
  const [showErrors, setShowErrors] = useState(false);
  const [saved, setSaved] = useState(false);
  const busyWindows = windowsOf(busy).map(({ weekday, start, end, extra }) => ({ kind: extra, weekday, start, end }));
  const freeRows = windowsOf(free).map(({ weekday, start, end }) => ({ weekday, start, end }));
  const valid = (mode === 'busy' ? busy : free).every((r) => !rowProblem(r));
  // What the care team will see, worked out the same way the api does.
  const result = mode === 'busy' ? freeWindows(valid ? busyWindows : []) : mergeWindows(valid ? freeRows : []);

  const submit = () => {
    setSaved(false);
    if (!valid) return setShowErrors(true);
    const choices = { ...prefs, preferredDays: prefs.preferredDays.map(Number) };
    save.mutate(
      { version: view.version, input: mode === 'busy' ? { busy: busyWindows, ...choices } : { windows: freeRows, ...choices } },
      {
        onSuccess: (r) => {
          setSaved(true);
          setMode('free');
          setFree(rowsOf(r.data.windows, () => undefined));
          setBusy([]);
        },
      },
    );
  };

  return (
    <Stack
      component="form"
      gap="md"
      aria-label="My availability"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="me-when-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="me-when-heading">
            When can you come?
          </Title>
          <Text>
            Sessions run between {rangeText(hours).replace('–', ' and ')}. Tell us the times you are busy, or the times you are free —
            whichever is easier.
          </Text>
          <SegmentedControl
            fullWidth
            size="md"
            value={mode}
            onChange={(m) => {
              setShowErrors(false);
              setMode(m as Mode);
            }}
            data={[
              { value: 'busy', label: 'When I am busy' },
              { value: 'free', label: 'When I am free' },
            ]}
            aria-label="How I will tell you"
          />
          {mode === 'busy' ? (
            <WindowRows
              rows={busy}
              onChange={setBusy}
              noun="Busy time"
              addLabel="Add a busy time"
              times={hours}
              showErrors={showErrors}
              newRow={(): WindowRow<BusyKind> => ({ key: rowKey(), days: [0, 1, 2, 3, 4], start: 9 * 60, end: 17 * 60, extra: 'work' })}
              extraField={(r, set, label) => (
                <NativeSelect
                  label="What keeps me busy"
                  aria-label={`What keeps me busy (${label})`}
                  size="md"
                  data={busyKind.options.map((k) => ({ value: k, label: busyLabels[k] }))}
                  value={r.extra}
                  onChange={(e) => set(e.currentTarget.value as BusyKind)}
                />
              )}
            />
          ) : (
            <WindowRows
              rows={free}
              onChange={setFree}
              noun="Free time"
              addLabel="Add a free time"
              times={hours}
              showErrors={showErrors}
              newRow={() => ({ key: rowKey(), days: [], start: 18 * 60, end: 21 * 60, extra: undefined })}
            />
          )}
        </Stack>
      </Paper>

      <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="me-free-heading">
        <Title order={2} size="h3" id="me-free-heading" mb="sm">
          The times you are free
        </Title>
        <div aria-live="polite">
          <WeekGrid windows={result} caption="Free times, by day" empty="Not free" />
        </div>
      </Paper>

      <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="me-prefs-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="me-prefs-heading">
            What you would prefer
          </Title>
          <PreferenceFields
            personal
            size="md"
            tracks={view.tracks}
            value={prefs}
            onChange={(patch) => setPrefs((p) => ({ ...p, ...patch }))}
            error={(p) => fieldError(save.error, p)}
          />
        </Stack>
      </Paper>

      {save.error && (
        <Alert color="red" role="alert" title="Not saved">
          {isApiError(save.error) && save.error.code === 'PRECONDITION_FAILED'
            ? 'Your care team changed this while you were working on it. Reload the page to see the latest, then try again.'
            : errorMessage(save.error)}
        </Alert>
      )}
      {saved && (
        <Alert color="green" role="status" title="Saved">
          Thank you — your care team will plan your week around these times.
        </Alert>
      )}
      <Button type="submit" size="lg" fullWidth loading={save.isPending}>
        Save my times
      </Button>
    </Stack>
  );
}

/** The person's availability from their standing link: phone-first, no sign-in, no drag. */
export function MeAvailabilityPage() {
  const { token = '' } = useParams();
  const me = useMeAvailability(token);
  if (me.isPending)
    return (
      <PersonFrame title="When you can come">
        <Loading label="Loading your times" />
      </PersonFrame>
    );
  if (me.isError) return <MeLinkProblem error={me.error} />;
  return (
    <PersonFrame title={`When you can come, ${me.data.firstName}`}>
      <Anchor component={Link} to={`/me/${encodeURIComponent(token)}`}>
        Back to my page
      </Anchor>
      <AvailabilityEditor token={token} view={me.data} />
    </PersonFrame>
  );
}
