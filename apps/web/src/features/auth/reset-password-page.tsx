import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { passwordResetComplete } from '@openiop/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../lib/api-client';
import { useZodForm } from '../../lib/form';
import { FormError } from '../../ui/query-error';
import { usePasswordResetComplete } from './api';
import { AuthLayout } from './auth-layout';
import type { AuthRouteState } from './auth-state';

/** The page behind the e-mailed link `/reset-password?token=…`. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const complete = usePasswordResetComplete();
  const form = useZodForm({
    initialValues: { password: '', confirm: '' },
    schema: passwordResetComplete,
    toInput: (v) => ({ token, password: v.password }),
  });

  if (!token) {
    return (
      <AuthLayout title="Choose a new password">
        <Stack gap="md">
          <Alert color="red" variant="light" role="alert">
            This link is incomplete. Open the link from the e-mail again, or ask for a new one.
          </Alert>
          <Anchor component={Link} to="/forgot-password">
            Ask for a new link
          </Anchor>
        </Stack>
      </AuthLayout>
    );
  }

  const onSubmit = form.onSubmit((input) => {
    if (form.values.password !== form.values.confirm) {
      form.setFieldError('confirm', 'Does not match the new password');
      return;
    }
    complete.mutate(input, {
      onSuccess: () => {
        const state: AuthRouteState = { notice: { kind: 'password-changed' } };
        void navigate('/sign-in', { replace: true, state });
      },
      onError: (e) => form.showError(e),
    });
  });

  const expired = isApiError(complete.error) && complete.error.code === 'TOKEN_INVALID';
  return (
    <AuthLayout title="Choose a new password" description="Use at least 12 characters. A short sentence works well.">
      <form ref={form.formRef} onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormError message={form.formError} />
          {expired && (
            <Anchor component={Link} to="/forgot-password">
              Ask for a new link
            </Anchor>
          )}
          <PasswordInput label="New password" autoComplete="new-password" required autoFocus {...form.text('password')} />
          <PasswordInput label="Confirm password" autoComplete="new-password" required {...form.text('confirm')} />
          <Button type="submit" loading={complete.isPending}>
            Change password
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
