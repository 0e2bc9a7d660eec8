import { Alert, Anchor, Button, Paper, Stack, Text } from '@mantine/core';
import { useParams } from 'react-router';
import { errorMessage } from '../../lib/api-client';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { useSession } from '../auth/api';
import { useStaffRoom } from './api';
import { useVideoRoom } from './use-video-room';
import { roomTimes, VideoRoom } from './video-room';

/** The facilitator's side of a video session: start the room, let people in from the waiting room. */
export function VideoPage() {
  const { occurrenceId = '' } = useParams();
  const view = useStaffRoom(occurrenceId);
  const session = useSession();
  const room = useVideoRoom(occurrenceId, {});
  const name = session.data?.status === 'signed-in' ? session.data.me.user.name : 'You';
  if (view.isPending) return <Loading label="Loading the video session" />;
  if (view.isError)
    return (
      <Stack>
        <PageHeader title="Video session" />
        <Alert color="red">{errorMessage(view.error)}</Alert>
      </Stack>
    );
  const v = view.data;
  const inRoom = room.state.phase !== 'idle' && room.state.phase !== 'ended';
  return (
    <Stack gap="md">
      <PageHeader title={`Video: ${v.title}`} />
      <Paper withBorder p="sm">
        <Text>{roomTimes(v)}</Text>
        <Text size="sm" c="dimmed">
          {v.rosterSize === 1 ? 'One person' : `${v.rosterSize ?? 0} people`} booked. Built-in rooms take up to {v.meshLimit} including you.
        </Text>
      </Paper>
      {v.externalUrl ? (
        <Alert color="blue" title="This group meets in the external room">
          <Text mb="xs">The group is larger than the built-in room takes. Record attendance on the run sheet.</Text>
          <Anchor href={v.externalUrl} target="_blank" rel="noreferrer">
            Open the external room
          </Anchor>
        </Alert>
      ) : (
        !inRoom && (
          <Stack gap="xs" align="flex-start">
            {v.state === 'not_yet' && <Text>The room is not open yet.</Text>}
            {v.state === 'closed' && <Text>The room has closed.</Text>}
            <Button onClick={() => void room.join()} disabled={v.state !== 'open'}>
              {room.state.phase === 'ended' ? 'Join again' : 'Start the room'}
            </Button>
          </Stack>
        )
      )}
      <VideoRoom room={room} host selfLabel={name} />
    </Stack>
  );
}
