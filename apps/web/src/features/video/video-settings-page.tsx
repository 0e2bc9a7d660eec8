import { Alert, Button, NativeSelect, NumberInput, Paper, Stack, Text, TextInput } from '@mantine/core';
import { videoSettingsUpdate, type VideoSettingsView } from '@openiop/core';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api-client';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { useLocationOptions } from '../reference/api';
import { useSaveVideoSettings, useVideoSettings } from './api';

function SettingsForm({ locationId, view }: { locationId: string; view: VideoSettingsView }) {
  const save = useSaveVideoSettings(locationId);
  const [template, setTemplate] = useState(view.externalUrlTemplate ?? '');
  const [meshLimit, setMeshLimit] = useState<number | string>(view.meshLimit);
  const [saved, setSaved] = useState(false);
  const parsed = videoSettingsUpdate.safeParse({ externalUrlTemplate: template, meshLimit: Number(meshLimit) });
  const [showErrors, setShowErrors] = useState(false);
  const issue = (path: string) =>
    showErrors && !parsed.success ? parsed.error.issues.find((i) => i.path[0] === path)?.message : undefined;
  return (
    <Stack
      component="form"
      gap="md"
      aria-label="Video settings"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        if (!parsed.success) return setShowErrors(true);
        save.mutate({ version: view.version, input: parsed.data }, { onSuccess: () => setSaved(true) });
      }}
    >
      <NumberInput
        label="Largest built-in room"
        description="People including the facilitator (2–6). Every pair connects directly, so more than six strains phones."
        min={2}
        max={6}
        value={meshLimit}
        onChange={setMeshLimit}
        error={issue('meshLimit')}
      />
      <TextInput
        label="External room link for larger groups"
        description="Optional, e.g. a self-hosted Jitsi: https://meet.example.org/openiop-{occurrenceId}. Used when the roster does not fit the built-in room; staff then record attendance."
        value={template}
        onChange={(e) => setTemplate(e.currentTarget.value)}
        error={issue('externalUrlTemplate')}
      />
      {save.isError && (
        <Alert color="red">
          {isApiError(save.error) && save.error.status === 412
            ? 'Someone else changed these settings; reload the page.'
            : errorMessage(save.error)}
        </Alert>
      )}
      {saved && <Text role="status">Saved.</Text>}
      <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
        Save video settings
      </Button>
    </Stack>
  );
}

/** A location's video rooms: how large a built-in room may be and where larger groups meet. */
export function VideoSettingsPage() {
  const locations = useLocationOptions();
  const [chosen, setChosen] = useState<string | null>(null);
  const locationId = chosen ?? locations.options[0]?.value ?? null;
  const settings = useVideoSettings(locationId);
  return (
    <Stack gap="md">
      <PageHeader title="Video settings" description="Built-in video rooms and the external room for larger groups, per location." />
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
        <Stack gap="md">
          <NativeSelect
            label="Location"
            data={locations.options}
            value={locationId ?? ''}
            onChange={(e) => setChosen(e.currentTarget.value)}
          />
          {locationId === null || settings.isPending ? (
            <Loading label="Loading video settings" />
          ) : settings.isError ? (
            <Alert color="red">{errorMessage(settings.error)}</Alert>
          ) : (
            <SettingsForm key={locationId} locationId={locationId} view={settings.data} />
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
