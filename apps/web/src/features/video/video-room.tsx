import { Alert, Box, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { PlainList } from '../../ui/plain-list';
import type { useVideoRoom } from './use-video-room';

/** One `<video>` with its label; the local preview is muted so the person does not hear themself. */
function Tile({ stream, label, self }: { stream: MediaStream | null; label: string; self?: boolean }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  return (
    <Paper withBorder radius="sm" p={4} component="figure" m={0} bg="dark.7">
      <Box
        component="video"
        ref={ref}
        autoPlay
        playsInline
        muted={self}
        aria-label={self ? 'Your video' : `Video of ${label}`}
        data-peer={self ? 'self' : 'remote'}
        w="100%"
        style={{ aspectRatio: '4 / 3', background: '#111', display: 'block', objectFit: 'cover' }}
      />
      <Text component="figcaption" size="sm" c="white" px={4} pt={4}>
        {stream ? label : `${label} (connecting…)`}
      </Text>
    </Paper>
  );
}

/**
 * The room once joined or waiting: the grid of tiles, the controls (microphone, camera, leave) and, for a host,
 * the people waiting to be let in. Every control is a button with a name; the grid is one column on a phone.
 */
export function VideoRoom({ room, host, selfLabel }: { room: ReturnType<typeof useVideoRoom>; host: boolean; selfLabel: string }) {
  const { state } = room;
  const live = state.phase === 'waiting' || state.phase === 'joined';
  return (
    <Stack gap="md">
      <Text role="status" aria-live="polite">
        {state.phase === 'starting' && 'Starting your camera…'}
        {state.phase === 'waiting' && 'You are in the waiting room. The facilitator will let you in shortly.'}
        {state.phase === 'joined' &&
          (state.peers.length === 0
            ? 'You are in the room. Waiting for others to join.'
            : `You are in the room with ${state.peers.length === 1 ? 'one other person' : `${state.peers.length} others`}.`)}
      </Text>
      {state.phase === 'ended' && state.ended && (
        <Alert color="blue" title="Not in the room">
          {state.ended}
        </Alert>
      )}
      {host && state.phase === 'joined' && (
        <Paper withBorder p="sm" component="section" aria-labelledby="waiting-heading">
          <Title order={2} size="h4" id="waiting-heading" mb="xs">
            Waiting room
          </Title>
          {state.waiting.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nobody is waiting.
            </Text>
          ) : (
            <PlainList gap="xs" aria-label="People waiting">
              {state.waiting.map((w) => (
                <Group key={w.id} component="li" justify="space-between" gap="xs" wrap="wrap">
                  <Text>{w.name} is waiting</Text>
                  <Group gap="xs">
                    <Button size="xs" onClick={() => room.admit(w.id)} aria-label={`Admit ${w.name}`}>
                      Admit
                    </Button>
                    <Button size="xs" variant="default" onClick={() => room.deny(w.id)} aria-label={`Do not admit ${w.name}`}>
                      Deny
                    </Button>
                  </Group>
                </Group>
              ))}
            </PlainList>
          )}
        </Paper>
      )}
      {live && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" component="section" aria-label="Video tiles">
            <Tile stream={state.local} label={selfLabel === 'You' ? 'You' : `${selfLabel} (you)`} self />
            {state.peers.map((p) => (
              <Tile key={p.id} stream={p.stream} label={p.name} />
            ))}
          </SimpleGrid>
          <Group gap="sm" wrap="wrap" role="toolbar" aria-label="Call controls">
            <Button variant="default" aria-pressed={!state.micOn} onClick={room.toggleMic}>
              {state.micOn ? 'Mute microphone' : 'Unmute microphone'}
            </Button>
            <Button variant="default" aria-pressed={!state.cameraOn} onClick={room.toggleCamera}>
              {state.cameraOn ? 'Turn camera off' : 'Turn camera on'}
            </Button>
            <Button color="red" onClick={room.leave}>
              Leave
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

/** When the room opens and closes, in the clinic's time zone. */
export function roomTimes(v: { startsAt: string; endsAt: string; opensAt: string; timeZone: string }): string {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: v.timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
  const t = new Intl.DateTimeFormat('en-US', { timeZone: v.timeZone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  return `${f.format(new Date(v.startsAt))} – ${t.format(new Date(v.endsAt))}. The waiting room opens at ${t.format(new Date(v.opensAt))}.`;
}
