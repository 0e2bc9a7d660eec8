import type { Me, Permission } from '@openiop/core';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useApiClient } from '../../lib/api-context';
import { FullPageError, FullPageLoader } from '../../ui/full-page';
import { onSignOutElsewhere } from './activity';
import { forgetSession, sessionKey, useSession, type SessionState, type SignOutNotice } from './api';
import type { AuthRouteState } from './auth-state';

const MeContext = createContext<Me | null>(null);

/** The signed-in user; only inside routes guarded by {@link RequireSession}. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe must be used inside <RequireSession>');
  return me;
}

/** Whether the signed-in user holds a permission. The api decides for real; this only shapes the UI. */
export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return (permission) => me.permissions.includes(permission);
}

/** Layout route: renders its children only for a fully signed-in session, else sends to the right step. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  const from = `${location.pathname}${location.search}`;
  if (session.isPending) return <FullPageLoader label="Loading your session" />;
  if (session.isError) return <FullPageError error={session.error} onRetry={() => void session.refetch()} />;
  switch (session.data.status) {
    case 'anonymous': {
      // After an explicit sign-out the next person starts from home; after a timeout, the same person resumes.
      const { notice } = session.data;
      const state: AuthRouteState = notice?.kind === 'signed-out' ? { notice } : { from, ...(notice ? { notice } : {}) };
      return <Navigate to="/sign-in" replace state={state} />;
    }
    case 'mfa-required':
      return <Navigate to="/sign-in/verify" replace state={{ from } satisfies AuthRouteState} />;
    case 'mfa-enrolment-required':
      return <Navigate to="/sign-in/set-up-verification" replace state={{ from } satisfies AuthRouteState} />;
    case 'signed-in':
      return (
        <MeContext.Provider value={session.data.me}>
          <Outlet />
        </MeContext.Provider>
      );
  }
}

/**
 * Wires the api client's "session ended" signal to the router: the cache (which holds PHI) is dropped and the
 * user is sent to sign in, returning to the same page afterwards. Mounted once, at the router's root.
 */
export function SessionEndedHandler({ children }: { children: ReactNode }) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const here = useRef('/');
  here.current = `${location.pathname}${location.search}`;

  useEffect(() => {
    // Inside the app, the RequireSession guard redirects once the session is anonymous; on the sign-in
    // steps (outside the guard) this handler has to go back to the first step itself.
    const end = (notice: SignOutNotice) => {
      forgetSession(queryClient, client, notice);
      if (here.current.startsWith('/sign-in/')) void navigate('/sign-in', { replace: true, state: { notice } });
    };
    client.onSessionEnded = () => {
      const current = queryClient.getQueryData<SessionState>(sessionKey);
      if (current?.status !== 'anonymous') end({ kind: 'expired' });
    };
    const stopListening = onSignOutElsewhere(() => {
      const current = queryClient.getQueryData<SessionState>(sessionKey);
      if (current && current.status !== 'anonymous') end({ kind: 'signed-out' });
    });
    return () => {
      client.onSessionEnded = null;
      stopListening();
    };
  }, [client, queryClient, navigate]);

  return children;
}

/** Children render only for users holding `permission`; others see a page that says so. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  if (can(permission)) return children;
  return <NoAccess />;
}

function NoAccess() {
  return (
    <FullPageError
      inShell
      title="You don't have access to this page"
      message="Your role does not include this part of openiop. If you need it for your work, ask a program director or administrator."
    />
  );
}
