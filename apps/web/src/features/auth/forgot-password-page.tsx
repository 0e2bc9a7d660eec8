import { Alert, Anchor, Button, Group, Stack, TextInput } from '@mantine/core';
import { passwordResetRequest } from '@openiop/core';
import { Link } from 'react-router';
import { useZodForm } from '../../lib/form';
import { FormError } from '../../ui/query-error';
import { usePasswordResetRequest } from './api';
import { AuthLayout } from './auth-layout';

/** Asks for a reset link. The api answers the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const request = usePasswordResetRequest();
  const form = useZodForm({ initialValues: { email: '' }, schema: passwordResetRequest, toInput: (v) => v });
  const onSubmit = form.onSubmit((input) => request.mutate(input, { onError: (e) => form.showError(e) }));

  return (
    <AuthLayout
      title="Reset your password"
      description="Enter the e-mail address you sign in with. We'll send you a link to choose a new password."
    >
      {request.isSuccess ? (
        <Stack gap="md">
          <Alert color="green" variant="light" role="status" title="Check your e-mail">
            If an account uses {form.values.email.trim()}, a link to reset the password is on its way. The link works once and expires soon.
            Nothing arrived after a few minutes? Check your spam folder or ask an administrator.
          </Alert>
          <Anchor component={Link} to="/sign-in">
            Back to sign in
          </Anchor>
        </Stack>
      ) : (
        <form ref={form.formRef} onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <FormError message={form.formError} />
            <TextInput label="Email" type="email" autoComplete="username" required autoFocus {...form.text('email')} />
            <Group justify="space-between" wrap="nowrap">
              <Anchor component={Link} to="/sign-in" size="sm">
                Back to sign in
              </Anchor>
              <Button type="submit" loading={request.isPending}>
                Send reset link
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
