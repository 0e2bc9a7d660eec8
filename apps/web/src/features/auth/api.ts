import {
  loginResult,
  me as meSchema,
  mfaEnrolled,
  mfaEnrolStart,
  type Me,
  type login,
  type mfaEnrolConfirm,
  type mfaVerify,
  type passwordResetComplete,
  type passwordResetRequest,
} from '@openiop/core';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { isApiError, type ApiClient } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';
import { broadcastSignOut } from './activity';

/** Why the user is looking at the sign-in page. */
export type SignOutNotice = { kind: 'idle'; minutes: number } | { kind: 'expired' } | { kind: 'signed-out' } | { kind: 'password-changed' };

/** Where the browser's session stands; drives every redirect between sign-in steps and the app. */
export type SessionState =
  | { status: 'anonymous'; notice?: SignOutNotice }
  | { status: 'mfa-required' }
  | { status: 'mfa-enrolment-required' }
  | { status: 'signed-in'; me: Me };

export const sessionKey = ['auth', 'session'] as const;

export function sessionFromMe(me: Me): SessionState {
  // The api reports mfaPending during enrolment too, so enrolment is checked first.
  if (me.session.mfaEnrolmentRequired) return { status: 'mfa-enrolment-required' };
  if (me.session.mfaPending) return { status: 'mfa-required' };
  return { status: 'signed-in', me };
}

async function fetchSession(client: ApiClient): Promise<SessionState> {
  try {
    const me = await client.get('/auth/me', meSchema, { expectUnauthenticated: true });
    client.setCsrfToken(me.session.csrfToken);
    return sessionFromMe(me);
  } catch (e) {
    if (isApiError(e) && e.status === 401) {
      return e.code === 'MFA_REQUIRED' ? { status: 'mfa-required' } : { status: 'anonymous' };
    }
    throw e;
  }
}

/** Reads the session again now, whatever the cache holds (it changes at every sign-in step). */
export function reloadSession(queryClient: QueryClient, client: ApiClient): Promise<SessionState> {
  return queryClient.fetchQuery({ queryKey: sessionKey, queryFn: () => fetchSession(client), staleTime: 0 });
}

export function useSession() {
  const client = useApiClient();
  return useQuery({
    queryKey: sessionKey,
    queryFn: () => fetchSession(client),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/**
 * Forgets everything the browser holds for this session. The query cache holds PHI, so it is cleared before
 * the session is marked anonymous; the guard then sends the user to sign in, showing `notice`.
 */
export function forgetSession(queryClient: QueryClient, client: ApiClient, notice?: SignOutNotice): void {
  client.setCsrfToken(null);
  const notSession = { predicate: (q: { queryKey: readonly unknown[] }) => q.queryKey[0] !== sessionKey[0] };
  queryClient.cancelQueries(notSession).catch(() => undefined);
  // The session query itself stays (its observers keep watching it); everything else goes, mutations too,
  // since their variables can hold what was typed into a patient form.
  queryClient.removeQueries(notSession);
  queryClient.getMutationCache().clear();
  queryClient.setQueryData<SessionState>(sessionKey, notice ? { status: 'anonymous', notice } : { status: 'anonymous' });
}

type LoginInput = z.input<typeof login>;
type LoginResult = z.output<typeof loginResult>;

export function useLogin() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: LoginInput): Promise<LoginResult> => {
      const { data } = await client.send('POST', '/auth/login', loginResult, { body: input, expectUnauthenticated: true });
      client.setCsrfToken(data.csrfToken);
      return data;
    },
    onSuccess: async (result) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      if (result.status === 'signed-in') await reloadSession(queryClient, client);
      else queryClient.setQueryData<SessionState>(sessionKey, { status: result.status });
    },
  });
}

export function useMfaVerify() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: z.input<typeof mfaVerify>) => {
      const { data } = await client.send('POST', '/auth/mfa/verify', loginResult, { body: input, expectUnauthenticated: true });
      client.setCsrfToken(data.csrfToken);
      return data;
    },
    onSuccess: () => reloadSession(queryClient, client),
  });
}

/** Ends the session on the server and in every tab; the user lands on sign-in with `notice`. */
export function useLogout() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (notice: SignOutNotice) => {
      try {
        await client.call('POST', '/auth/logout', { expectUnauthenticated: true });
      } catch {
        // Signing out locally matters more than the server's answer; an ended session is already signed out.
      }
      return notice;
    },
    onSuccess: (notice) => {
      forgetSession(queryClient, client, notice);
      broadcastSignOut();
    },
  });
}

/** Extends the session on the server and refreshes what the app knows about it. */
export function useHeartbeat() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => (await client.send('POST', '/auth/heartbeat', meSchema)).data,
    onSuccess: (me) => {
      client.setCsrfToken(me.session.csrfToken);
      queryClient.setQueryData<SessionState>(sessionKey, sessionFromMe(me));
    },
  });
}

export function useMfaEnrolStart() {
  const client = useApiClient();
  return useMutation({
    mutationFn: async () => (await client.send('POST', '/auth/mfa/enrol', mfaEnrolStart)).data,
  });
}

export function useMfaEnrolConfirm() {
  const client = useApiClient();
  return useMutation({
    mutationFn: async (input: z.input<typeof mfaEnrolConfirm>) =>
      (await client.send('POST', '/auth/mfa/enrol/confirm', mfaEnrolled, { body: input })).data,
  });
}

/** Re-reads the session after enrolment, which may have completed a pending sign-in. */
export function useRefreshSession() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return () => reloadSession(queryClient, client);
}

export function usePasswordResetRequest() {
  const client = useApiClient();
  return useMutation({
    mutationFn: (input: z.input<typeof passwordResetRequest>) =>
      client.call('POST', '/auth/password-reset', { body: input, expectUnauthenticated: true }),
  });
}

export function usePasswordResetComplete() {
  const client = useApiClient();
  return useMutation({
    mutationFn: (input: z.input<typeof passwordResetComplete>) =>
      client.call('POST', '/auth/password-reset/complete', { body: input, expectUnauthenticated: true }),
  });
}
