import { Text } from '@mantine/core';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useRefreshSession, useSession } from './api';
import { AuthLayout } from './auth-layout';
import { MfaEnrolment } from './mfa-enrolment';
import { HOME, readAuthState } from './auth-state';

/** Forced enrolment: the organization requires two-step verification for this user's role. */
export function MfaSetupPage() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const refresh = useRefreshSession();
  const { from } = readAuthState(location.state);
  const status = session.data?.status;
  if (status === 'anonymous') return <Navigate to="/sign-in" replace state={from ? { from } : undefined} />;
  if (status === 'mfa-required') return <Navigate to="/sign-in/verify" replace state={readAuthState(location.state)} />;

  const done = () => {
    void refresh().finally(() => void navigate(from ?? HOME, { replace: true }));
  };
  return (
    <AuthLayout title="Set up two-step verification">
      <Text size="sm" mb="md">
        Your organization requires two-step verification for your role. It protects patients&apos; records if your password is ever stolen.
        Setup takes about a minute.
      </Text>
      <MfaEnrolment onDone={done} />
    </AuthLayout>
  );
}
