import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { mfaVerify } from '@openiop/core';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useZodForm } from '../../lib/form';
import { FormError } from '../../ui/query-error';
import { useLogout, useMfaVerify, useSession } from './api';
import { AuthLayout } from './auth-layout';
import { HOME, readAuthState } from './auth-state';

/** Second sign-in step: a code from the authenticator app, or a one-time recovery code. */
export function MfaVerifyPage() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const { from } = readAuthState(location.state);
  const verify = useMfaVerify();
  const logout = useLogout();
  const form = useZodForm({
    initialValues: { code: '' },
    schema: mfaVerify,
    toInput: (v) => ({ code: v.code.trim().toLowerCase() }),
  });

  const status = session.data?.status;
  if (status === 'signed-in') return <Navigate to={from ?? HOME} replace />;
  if (status === 'anonymous') return <Navigate to="/sign-in" replace state={from ? { from } : undefined} />;
  if (status === 'mfa-enrolment-required')
    return <Navigate to="/sign-in/set-up-verification" replace state={readAuthState(location.state)} />;

  const onSubmit = form.onSubmit((input) => {
    verify.mutate(input, {
      onSuccess: () => void navigate(from ?? HOME, { replace: true }),
      onError: (e) => form.showError(e),
    });
  });

  return (
    <AuthLayout
      title="Two-step verification"
      description="Enter the 6-digit code from your authenticator app. If you don't have your phone, enter one of your recovery codes."
    >
      <form ref={form.formRef} onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormError message={form.formError} />
          <TextInput
            label="Verification code"
            description="For example 123456, or a recovery code like abcde-12345"
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            required
            autoFocus
            {...form.text('code')}
          />
          <Group justify="space-between" wrap="nowrap">
            <Anchor component="button" type="button" size="sm" onClick={() => logout.mutate({ kind: 'signed-out' })}>
              Use a different account
            </Anchor>
            <Button type="submit" loading={verify.isPending}>
              Verify
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            Each recovery code works once. Lost your phone and your codes? Ask an administrator to reset your account.
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
