import { Button, Group, Modal, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useHeartbeat, useLogout } from './api';
import { readSharedActivity, writeSharedActivity } from './activity';
import { useMe } from './session';

const WARN_SECONDS = 60;
const HEARTBEAT_EVERY_MS = 60_000;
/** Extend the server session this long before it would lapse, if the user was active since the last ping. */
const SERVER_MARGIN_MS = 90_000;
const SHARE_EVERY_MS = 5_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Signs the user out after `idleTimeoutMinutes` without a click or key press, as HIPAA's automatic-logoff
 * safeguard asks. One minute before, a dialog counts down and offers to stay. Activity extends the server
 * session through the heartbeat, at most once a minute, so the server never ends a session the user is using.
 */
export function IdleLogoff() {
  const me = useMe();
  const minutes = me.session.idleTimeoutMinutes;
  const idleMs = minutes * 60_000;
  const { mutate: sendHeartbeat, isPending: extending } = useHeartbeat();
  const { mutate: logout } = useLogout();

  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const warning = useRef(false);
  const lastActivity = useRef(Date.now());
  const lastShared = useRef(0);
  /** When the server last extended the session (sign-in, or a heartbeat it answered). */
  const lastPing = useRef(Date.now());
  const pinging = useRef(false);
  const signedOut = useRef(false);

  const ping = useCallback(() => {
    if (pinging.current) return;
    pinging.current = true;
    const sentAt = Date.now();
    sendHeartbeat(undefined, {
      onSuccess: () => {
        lastPing.current = sentAt;
      },
      onSettled: () => {
        pinging.current = false;
      },
    });
  }, [sendHeartbeat]);

  const recordActivity = useCallback(
    (now: number) => {
      lastActivity.current = now;
      if (now - lastShared.current >= SHARE_EVERY_MS) {
        lastShared.current = now;
        writeSharedActivity(now);
      }
      if (now - lastPing.current >= HEARTBEAT_EVERY_MS) ping();
    },
    [ping],
  );

  useEffect(() => {
    const onActivity = () => {
      // Once the warning shows, only "Stay signed in" counts: a stray click must not silently keep a
      // session open on an unattended screen.
      if (!warning.current) recordActivity(Date.now());
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { capture: true, passive: true });
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [recordActivity]);

  useEffect(() => {
    const tick = () => {
      if (signedOut.current) return;
      const now = Date.now();
      const last = Math.max(lastActivity.current, readSharedActivity());
      const left = Math.ceil((last + idleMs - now) / 1000);
      if (left <= 0) {
        signedOut.current = true;
        logout({ kind: 'idle', minutes });
        return;
      }
      // Activity since the last ping has not reached the server yet; send it before the server's clock runs out.
      if (last > lastPing.current && now - lastPing.current >= idleMs - SERVER_MARGIN_MS) ping();
      if (left <= WARN_SECONDS) {
        warning.current = true;
        setSecondsLeft(left);
      } else if (warning.current) {
        warning.current = false;
        setSecondsLeft(null);
      }
    };
    const id = window.setInterval(tick, 1000);
    return () => window.clearInterval(id);
  }, [idleMs, minutes, logout, ping]);

  const stay = () => {
    const now = Date.now();
    warning.current = false;
    setSecondsLeft(null);
    lastActivity.current = now;
    lastShared.current = now;
    writeSharedActivity(now);
    lastPing.current = 0;
    ping();
  };

  const signOutNow = () => {
    signedOut.current = true;
    logout({ kind: 'signed-out' });
  };

  const open = secondsLeft !== null;
  return (
    <Modal
      opened={open}
      onClose={stay}
      title="Are you still there?"
      centered
      // Escape and a click outside count as "stay"; a second "Stay signed in" button would only confuse.
      withCloseButton={false}
    >
      <Stack gap="md">
        <Text role="timer" aria-live="off" size="lg" fw={600}>
          You will be signed out in {secondsLeft ?? WARN_SECONDS} s
        </Text>
        <VisuallyHidden aria-live="assertive">{announcement(secondsLeft)}</VisuallyHidden>
        <Text size="sm">For patients&apos; privacy, openiop signs you out after {minutes} minutes without activity.</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={signOutNow}>
            Sign out now
          </Button>
          <Button onClick={stay} loading={extending} data-autofocus>
            Stay signed in
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** What screen readers hear: a few milestones rather than every second. */
function announcement(secondsLeft: number | null): string {
  if (secondsLeft === null) return '';
  // Worded differently from the visible countdown so the two never read as one repeated sentence.
  if (secondsLeft > 30) return 'Signing out in about a minute unless you choose to stay.';
  if (secondsLeft > 10) return 'Signing out in 30 seconds.';
  return 'Signing out in 10 seconds.';
}
