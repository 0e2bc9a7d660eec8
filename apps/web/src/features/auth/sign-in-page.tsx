import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { login } from '@openiop/core';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useZodForm } from '../../lib/form';
import { FormError } from '../../ui/query-error';
import { useLogin, useSession, type SignOutNotice } from './api';
import { AuthLayout } from './auth-layout';
import { HOME, readAuthState, type AuthRouteState } from './auth-state';

function noticeText(notice: SignOutNotice): { color: string; text: string } {
  switch (notice.kind) {
    case 'idle':
      return {
        color: 'yellow',
        text: `You were signed out after ${notice.minutes} minutes of inactivity. Sign in again to continue.`,
      };
    case 'expired':
      return { color: 'yellow', text: 'Your session has ended. Sign in again to continue.' };
    case 'signed-out':
      return { color: 'blue', text: 'You have signed out.' };
    case 'password-changed':
      return { color: 'green', text: 'Your password has been changed. Sign in with your new password.' };
  }
}

export function SignInPage() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const { from, notice } = readAuthState(location.state);
  const signIn = useLogin();
  const form = useZodForm({
    initialValues: { email: '', password: '' },
    schema: login,
    toInput: (v) => v,
  });

  if (session.data?.status === 'signed-in') return <Navigate to={from ?? HOME} replace />;

  const onSubmit = form.onSubmit((input) => {
    signIn.mutate(input, {
      onSuccess: (result) => {
        const next: AuthRouteState = from ? { from } : {};
        switch (result.status) {
          case 'signed-in':
            void navigate(from ?? HOME, { replace: true });
            break;
          case 'mfa-required':
            void navigate('/sign-in/verify', { state: next });
            break;
          case 'mfa-enrolment-required':
            void navigate('/sign-in/set-up-verification', { state: next });
            break;
        }
      },
      onError: (e) => form.showError(e),
    });
  });

  const shown = notice && !signIn.isPending && !form.formError ? noticeText(notice) : null;
  return (
    <AuthLayout title="Sign in" description="Staff sign-in for openiop.">
      <form ref={form.formRef} onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {shown && (
            <Alert color={shown.color} variant="light" role="status">
              {shown.text}
            </Alert>
          )}
          <FormError message={form.formError} />
          <TextInput label="Email" type="email" autoComplete="username" inputMode="email" required autoFocus {...form.text('email')} />
          <PasswordInput label="Password" autoComplete="current-password" required {...form.text('password')} />
          <Group justify="space-between" align="center" wrap="nowrap">
            <Anchor component={Link} to="/forgot-password" size="sm">
              Forgot password?
            </Anchor>
            <Button type="submit" loading={signIn.isPending}>
              Sign in
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}
