import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { meCheckIn } from '@openiop/core';
import { useEffect, useState } from 'react';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api-client';
import { CrisisLine, PersonFrame } from '../../ui/person-frame';
import { sessionWhen } from '../sessions/format';
import { useMeCheckIn } from './api';

const REMEMBERED = 'openiop.me-token';

/** Remembers the person's link on their own phone, so scanning the room's QR code finds their page. */
export function rememberMeToken(token: string): void {
  try {
    window.localStorage.setItem(REMEMBERED, token);
  } catch {
    /* private mode: the person types the code instead */
  }
}

/** The person checks in to the session they are at: the 6-digit code shown in the room (the QR link fills it in). */
export function MeCheckInPage() {
  const { token = '' } = useParams();
  const [params] = useSearchParams();
  const fromQr = /^\d{6}$/.test(params.get('code') ?? '');
  const [code, setCode] = useState(fromQr ? (params.get('code') ?? '') : '');
  const [touched, setTouched] = useState(false);
  const send = useMeCheckIn(token);
  useEffect(() => rememberMeToken(token), [token]);
  const parsed = meCheckIn.safeParse({ code });
  const fieldError =
    (touched && !parsed.success ? 'Enter the 6 digits shown in the room' : undefined) ??
    (isApiError(send.error) && send.error.code === 'CODE_INVALID'
      ? 'That code is not the one shown in the room now. Check it and try again.'
      : undefined);
  if (send.isSuccess)
    return (
      <PersonFrame title="You are checked in">
        <Alert color="green" role="status" title={send.data.already ? 'Already checked in' : 'Checked in'}>
          {send.data.title}, {sessionWhen(send.data)}
        </Alert>
        <Text>
          <Link to={`/me/${token}`}>Back to your page</Link>
        </Text>
        <CrisisLine />
      </PersonFrame>
    );
  return (
    <PersonFrame title="Check in to your session">
      <Stack
        component="form"
        gap="md"
        aria-label="Check in"
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (parsed.success) send.mutate({ code, method: fromQr && code === params.get('code') ? 'qr' : 'code' });
        }}
      >
        <Text>Enter the code shown in the room. It changes every minute.</Text>
        <TextInput
          label="Check-in code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          size="lg"
          value={code}
          onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
          error={fieldError}
        />
        {send.isError && !fieldError && (
          <Alert color="red" role="alert">
            {isApiError(send.error) && send.error.code === 'CHECK_IN_CLOSED'
              ? 'Check-in is not open for a session of yours right now. Ask the person running the session.'
              : errorMessage(send.error)}
          </Alert>
        )}
        <Button type="submit" size="lg" loading={send.isPending}>
          Check in
        </Button>
      </Stack>
      <CrisisLine />
    </PersonFrame>
  );
}

/** What the room's QR code opens: the person's own check-in page (their link remembered on this phone) with the code. */
export function CheckInRedirectPage() {
  const [params] = useSearchParams();
  const code = params.get('code') ?? '';
  let token: string | null = null;
  try {
    token = window.localStorage.getItem(REMEMBERED);
  } catch {
    token = null;
  }
  if (token) return <Navigate to={`/me/${token}/check-in?code=${encodeURIComponent(code)}`} replace />;
  return (
    <PersonFrame title="Check in to your session">
      <Text>Open the link your care team gave you, choose “Check in” and enter this code:</Text>
      <Text fz={32} fw={700} ff="monospace">
        {code}
      </Text>
      <CrisisLine />
    </PersonFrame>
  );
}
