import {
  Alert,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  PasswordInput,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { MAX_ICE_SERVERS, videoSettingsUpdate, type VideoSettingsView } from '@openiop/core';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api-client';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { useLocationOptions } from '../reference/api';
import { useSaveVideoSettings, useVideoSettings } from './api';

/** Server addresses are edited as text, one a line, so the list works the same by keyboard and on a phone. */
const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

function SettingsForm({ locationId, view }: { locationId: string; view: VideoSettingsView }) {
  const save = useSaveVideoSettings(locationId);
  const [template, setTemplate] = useState(view.externalUrlTemplate ?? '');
  const [meshLimit, setMeshLimit] = useState<number | string>(view.meshLimit);
  const [stun, setStun] = useState(view.stunUrls.join('\n'));
  const [turn, setTurn] = useState(view.turnUrls.join('\n'));
  // The secret is write-only: the field starts blank; blank keeps what is stored, `clearing` removes it.
  const [secret, setSecret] = useState('');
  const [clearing, setClearing] = useState(false);
  const [saved, setSaved] = useState(false);
  const parsed = videoSettingsUpdate.safeParse({
    externalUrlTemplate: template,
    meshLimit: Number(meshLimit),
    stunUrls: lines(stun),
    turnUrls: lines(turn),
    ...(clearing ? { turnSecret: null } : secret !== '' ? { turnSecret: secret } : {}),
  });
  const [showErrors, setShowErrors] = useState(false);
  /** This form's own check first (with the line it is about), then what the api said about the field. */
  const issue = (path: string) => {
    if (showErrors && !parsed.success) {
      const found = parsed.error.issues.find((i) => i.path[0] === path);
      if (found) return typeof found.path[1] === 'number' ? `Line ${found.path[1] + 1}: ${found.message}` : found.message;
    }
    if (isApiError(save.error)) return save.error.errors.find((e) => e.path === path || e.path.startsWith(`${path}.`))?.message;
    return undefined;
  };
  const secretState = clearing ? 'will be cleared when you save' : view.turnSecretSet ? 'set' : 'not set';
  return (
    <Stack
      component="form"
      gap="md"
      aria-label="Video settings"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        if (!parsed.success) return setShowErrors(true);
        save.mutate(
          { version: view.version, input: parsed.data },
          {
            onSuccess: () => {
              setSaved(true);
              setSecret('');
              setClearing(false);
            },
          },
        );
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
      <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="fieldset" m={0}>
        <Title order={2} size="h4" mb="xs" component="legend">
          Connecting across networks
        </Title>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Without these, calls connect only when everyone is on the same network. Browsers ask STUN servers for their public address; TURN
            servers relay the call when no direct path exists.
          </Text>
          <Textarea
            label="STUN servers"
            description={`One a line, at most ${MAX_ICE_SERVERS}, e.g. stun:stun.example.org:3478`}
            autosize
            minRows={2}
            spellCheck={false}
            autoCapitalize="none"
            value={stun}
            onChange={(e) => setStun(e.currentTarget.value)}
            error={issue('stunUrls')}
          />
          <Textarea
            label="TURN servers"
            description={`One a line, at most ${MAX_ICE_SERVERS}, e.g. turns:turn.example.org:5349?transport=tcp. They need the shared secret below.`}
            autosize
            minRows={2}
            spellCheck={false}
            autoCapitalize="none"
            value={turn}
            onChange={(e) => setTurn(e.currentTarget.value)}
            error={issue('turnUrls')}
          />
          <Text size="sm">
            TURN shared secret: <strong>{secretState}</strong>
          </Text>
          <PasswordInput
            label={view.turnSecretSet ? 'New TURN shared secret' : 'TURN shared secret'}
            description={
              view.turnSecretSet
                ? 'Leave blank to keep the stored secret. It is never shown again.'
                : "Your TURN server's static-auth-secret (coturn use-auth-secret), at least 16 characters. It is never shown again."
            }
            autoComplete="new-password"
            spellCheck={false}
            autoCapitalize="none"
            disabled={clearing}
            value={secret}
            onChange={(e) => setSecret(e.currentTarget.value)}
            error={issue('turnSecret')}
          />
          {view.turnSecretSet && (
            <Group>
              {/* One button that changes its words, so focus stays on it either way. */}
              <Button
                variant="light"
                color={clearing ? 'gray' : 'red'}
                onClick={() => {
                  setSecret('');
                  setClearing(!clearing);
                }}
              >
                {clearing ? 'Keep the secret' : 'Clear the secret'}
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
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

/** A location's video rooms: how large a built-in room may be, how it connects across networks, where larger groups meet. */
export function VideoSettingsPage() {
  const locations = useLocationOptions();
  const [chosen, setChosen] = useState<string | null>(null);
  const locationId = chosen ?? locations.options[0]?.value ?? null;
  const settings = useVideoSettings(locationId);
  return (
    <Stack gap="md">
      <PageHeader
        title="Video settings"
        description="Built-in video rooms, the servers that connect them across networks, and the external room for larger groups, per location."
      />
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
