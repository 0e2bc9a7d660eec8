import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import type { Reauth } from '@openiop/core';
import { useState, type ReactNode } from 'react';
import { errorMessage, isApiError } from '../../lib/api-client';
import { useMe } from '../auth/session';

/** Codes that mean the re-entered password or code was wrong: the dialog stays open to try again. */
export const REAUTH_CODES = new Set(['INVALID_CREDENTIALS', 'MFA_INVALID']);
export const isReauthError = (e: unknown) =>
  isApiError(e) && (REAUTH_CODES.has(e.code) || e.errors.some((x) => x.path === 'password' || x.path === 'code'));

/** Re-enter the password (or an authenticator code, for MFA users) to sign. */
export function ReauthModal(props: {
  opened: boolean;
  title: string;
  action: string;
  onClose: () => void;
  onConfirm: (reauth: Reauth) => void;
  pending: boolean;
  error: unknown;
  children?: ReactNode;
}) {
  const me = useMe();
  const mfa = me.user.mfaEnabled;
  const [secret, setSecret] = useState('');
  const wrong = isReauthError(props.error) ? errorMessage(props.error) : undefined;
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <Stack
        component="form"
        gap="sm"
        onSubmit={(e) => {
          e.preventDefault();
          props.onConfirm(mfa ? { code: secret } : { password: secret });
        }}
      >
        {props.children}
        <Text size="sm">
          Signing locks it: later changes are addenda. {mfa ? 'Enter a code from your authenticator app.' : 'Re-enter your password.'}
        </Text>
        {mfa ? (
          <TextInput
            label="Authenticator code"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={secret}
            onChange={(e) => setSecret(e.currentTarget.value)}
            error={wrong}
            data-autofocus
          />
        ) : (
          <PasswordInput
            label="Your password"
            autoComplete="current-password"
            value={secret}
            onChange={(e) => setSecret(e.currentTarget.value)}
            error={wrong}
            data-autofocus
          />
        )}
        {props.error && !wrong ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(props.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={props.pending} disabled={!secret}>
            {props.action}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
