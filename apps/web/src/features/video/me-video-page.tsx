import { Anchor, Button, Paper, Stack, Text, TextInput } from '@mantine/core';
import { videoDisplayName } from '@openiop/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Loading } from '../../ui/loading';
import { CrisisLine, PersonFrame } from '../../ui/person-frame';
import { MeLinkProblem } from '../measures/me-page';
import { useMeRoom } from './api';
import { useVideoRoom } from './use-video-room';
import { roomTimes, VideoRoom } from './video-room';

/**
 * The person's side, opened from their phone page: see when the room opens, choose the name others in a group see
 * (blank: their first name), join the waiting room. Phone-first, no sign-in; the link's token goes in the first
 * WebSocket message, never in a URL the server logs.
 */
export function MeVideoPage() {
  const { token = '', occurrenceId = '' } = useParams();
  const view = useMeRoom(token, occurrenceId);
  const [displayName, setDisplayName] = useState('');
  const parsedName = displayName.trim() === '' ? null : videoDisplayName.safeParse(displayName);
  const room = useVideoRoom(occurrenceId, { token, ...(parsedName?.success ? { displayName: parsedName.data } : {}) });
  if (view.isPending)
    return (
      <PersonFrame title="Video session">
        <Loading label="Loading your video session" />
      </PersonFrame>
    );
  if (view.isError) return <MeLinkProblem error={view.error} />;
  const v = view.data;
  const inRoom = room.state.phase !== 'idle' && room.state.phase !== 'ended';
  return (
    <PersonFrame title="Video session">
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
        <Text>{roomTimes(v)}</Text>
        <Text size="sm">With {v.staffName}.</Text>
      </Paper>
      {v.externalUrl ? (
        <Paper withBorder p="sm">
          <Anchor href={v.externalUrl} target="_blank" rel="noreferrer">
            Join the video session
          </Anchor>
        </Paper>
      ) : (
        !inRoom && (
          <Stack
            component="form"
            gap="sm"
            aria-label="Join the video session"
            onSubmit={(e) => {
              e.preventDefault();
              if (parsedName && !parsedName.success) return;
              void room.join();
            }}
          >
            <TextInput
              label="Your name in a group (optional)"
              description="Others in a group session see this. Leave it blank to use your first name."
              value={displayName}
              onChange={(e) => setDisplayName(e.currentTarget.value)}
              error={parsedName && !parsedName.success ? parsedName.error.issues[0]?.message : undefined}
              maxLength={40}
            />
            {v.state === 'not_yet' && <Text>The waiting room is not open yet. You can join from 15 minutes before the start.</Text>}
            {v.state === 'closed' && <Text>This session has ended.</Text>}
            <Button type="submit" size="md" disabled={v.state !== 'open'} style={{ alignSelf: 'flex-start' }}>
              {room.state.phase === 'ended' ? 'Join again' : 'Join with camera and microphone'}
            </Button>
          </Stack>
        )
      )}
      <VideoRoom room={room} host={false} selfLabel="You" />
      <Anchor component={Link} to={`/me/${encodeURIComponent(token)}`}>
        Back to my page
      </Anchor>
      <CrisisLine />
    </PersonFrame>
  );
}
