import { Alert, Button, Checkbox, Code, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { apiTokenCreate, apiTokenScopes } from '@openiop/core';
import type { z } from 'zod';
import { useZodForm } from '../../../lib/form';
import { FormError } from '../../../ui/query-error';
import { useCreateApiToken } from './api';

type Created = NonNullable<ReturnType<typeof useCreateApiToken>['data']>;

export const scopeLabels: Record<(typeof apiTokenScopes)[number], string> = {
  'patients:read': 'Read patients',
  'patients:write': 'Create and change patients',
  'audit:read': 'Read the audit log',
};

type Input = z.input<typeof apiTokenCreate>;

/** Creating a token, then showing it the one time it can be seen. */
export function CreateTokenDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateApiToken();
  const form = useZodForm({
    initialValues: { name: '', scopes: [] as string[], expiresInDays: '90' },
    schema: apiTokenCreate,
    toInput: (v): Input => ({
      name: v.name,
      scopes: v.scopes as Input['scopes'],
      expiresInDays: v.expiresInDays.trim() === '' ? Number.NaN : Number(v.expiresInDays),
    }),
  });
  const close = () => {
    create.reset();
    form.reset();
    onClose();
  };
  const submit = form.onSubmit((input) => create.mutate(input, { onError: (e) => form.showError(e) }));
  return (
    <Modal opened={opened} onClose={close} title={create.data ? 'Copy your new token' : 'New API token'} size="lg">
      {create.data ? (
        <CreatedToken token={create.data} onDone={close} />
      ) : (
        <form ref={form.formRef} onSubmit={submit} noValidate>
          <Stack gap="md">
            <FormError message={form.formError} title="The token was not created" />
            <TextInput
              label="Name"
              description="What uses it, for example 'Nightly export'"
              required
              data-autofocus
              {...form.text('name')}
            />
            <Checkbox.Group label="Scopes" description="What the token may do" required {...form.group('scopes')}>
              <Stack gap="xs" mt="xs">
                {apiTokenScopes.map((s) => (
                  <Checkbox key={s} value={s} label={`${scopeLabels[s]} (${s})`} />
                ))}
              </Stack>
            </Checkbox.Group>
            <TextInput
              label="Expires in (days)"
              description="1 to 730"
              type="number"
              inputMode="numeric"
              min={1}
              max={730}
              maw={200}
              {...form.text('expiresInDays')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create token
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function CreatedToken({ token, onDone }: { token: Created; onDone: () => void }) {
  return (
    <Stack gap="md">
      <Alert color="orange" variant="light" title="This is the only time the token is shown">
        Copy it now into the system that will use it. openiop keeps only a fingerprint, so a lost token cannot be shown again: revoke it and
        create a new one.
      </Alert>
      <Text size="sm" fw={600}>
        Token for {token.name}
      </Text>
      <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
        {token.token}
      </Code>
      <Group justify="space-between">
        <CopyButton value={token.token}>
          {({ copied, copy }) => (
            <Button variant={copied ? 'light' : 'filled'} color={copied ? 'green' : undefined} onClick={copy}>
              {copied ? 'Copied' : 'Copy token'}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={onDone}>
          Done
        </Button>
      </Group>
    </Stack>
  );
}

export function RevokeTokenDialog(props: { name: string | null; revoking: boolean; onConfirm: () => void; onClose: () => void }) {
  return (
    <Modal opened={props.name !== null} onClose={props.onClose} title="Revoke API token?">
      <Stack gap="md">
        <Text size="sm">
          Systems using <strong>{props.name}</strong> will be refused from now on. This cannot be undone.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose} data-autofocus>
            Keep token
          </Button>
          <Button color="red" onClick={props.onConfirm} loading={props.revoking}>
            Revoke token
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
