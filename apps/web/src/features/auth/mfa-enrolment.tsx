import { Alert, Anchor, Button, Checkbox, Code, CopyButton, Group, Image, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { mfaEnrolConfirm } from '@openiop/core';
import { useState } from 'react';
import { useZodForm } from '../../lib/form';
import { FormError } from '../../ui/query-error';
import { useMfaEnrolConfirm, useMfaEnrolStart } from './api';
import classes from './mfa-enrolment.module.css';

/** Groups a base32 secret in fours so it can be typed into an authenticator app without losing one's place. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * Turning on two-step verification: start (the api makes a secret), scan or type it, prove it with a code,
 * then save the recovery codes, which are shown this once only. `headingLevel` keeps the page outline right
 * wherever this is placed.
 */
export function MfaEnrolment({ onDone, headingLevel = 2 }: { onDone: () => void; headingLevel?: 2 | 3 }) {
  const start = useMfaEnrolStart();
  const confirm = useMfaEnrolConfirm();
  const [saved, setSaved] = useState(false);
  const form = useZodForm({
    initialValues: { code: '' },
    schema: mfaEnrolConfirm,
    toInput: (v) => ({ code: v.code.replace(/\s/g, '') }),
  });

  if (confirm.data) {
    const codes = confirm.data.recoveryCodes;
    const asText = `openiop recovery codes\nEach code works once.\n\n${codes.join('\n')}\n`;
    const download = `data:text/plain;charset=utf-8,${encodeURIComponent(asText)}`;
    return (
      <Stack gap="md">
        <Alert color="green" variant="light" role="status" title="Two-step verification is on">
          From now on you will enter a code from your authenticator app when you sign in.
        </Alert>
        <Title order={headingLevel} size="h4">
          Save your recovery codes
        </Title>
        <Text size="sm">
          If you lose your phone, each of these codes signs you in once. Store them somewhere safe, such as a password manager.{' '}
          <strong>They will not be shown again.</strong>
        </Text>
        <ul aria-label="Recovery codes" className={classes.codes}>
          {codes.map((c) => (
            <li key={c}>
              <Code fz="md">{c}</Code>
            </li>
          ))}
        </ul>
        <Group gap="sm">
          <CopyButton value={codes.join('\n')}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? 'Copied' : 'Copy codes'}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" component="a" href={download} download="openiop-recovery-codes.txt">
            Download as text file
          </Button>
        </Group>
        <Checkbox label="I have saved my recovery codes" checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} />
        <div>
          <Button onClick={onDone} disabled={!saved}>
            Done
          </Button>
        </div>
      </Stack>
    );
  }

  if (!start.data) {
    return (
      <Stack gap="md" align="flex-start">
        <Text size="sm">You need an authenticator app on your phone, for example:</Text>
        <List size="sm">
          <List.Item>Google Authenticator or Microsoft Authenticator</List.Item>
          <List.Item>1Password, Bitwarden or another password manager with one-time codes</List.Item>
        </List>
        <FormError message={start.error ? start.error.message : null} />
        <Button onClick={() => start.mutate()} loading={start.isPending}>
          Set up two-step verification
        </Button>
      </Stack>
    );
  }

  const { qrSvg, secret, otpauthUrl } = start.data;
  const onSubmit = form.onSubmit((input) => {
    confirm.mutate(input, { onError: (e) => form.showError(e) });
  });
  return (
    <Stack gap="lg">
      <div>
        <Title order={headingLevel} size="h4" mb="xs">
          1. Add openiop to your authenticator app
        </Title>
        <Text size="sm" mb="sm">
          Scan this QR code with the app. On this phone, <Anchor href={otpauthUrl}>open it in your authenticator app</Anchor> instead.
        </Text>
        <Image
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg)}`}
          alt="QR code for your authenticator app"
          w={216}
          h={216}
          p={8}
          fit="contain"
          bg="white"
          radius="sm"
          style={{ border: '1px solid var(--mantine-color-gray-3)' }}
        />
        <Text size="sm" mt="sm">
          Can&apos;t scan? Enter this key in the app instead:
        </Text>
        <Group gap="xs" mt={4} wrap="wrap">
          <Code fz="md" style={{ wordBreak: 'break-all' }}>
            {grouped(secret)}
          </Code>
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button size="compact-sm" variant="default" onClick={copy}>
                {copied ? 'Copied' : 'Copy key'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </div>
      <form ref={form.formRef} onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={headingLevel} size="h4">
            2. Enter the code the app shows
          </Title>
          <FormError message={form.formError} />
          <TextInput
            label="Verification code"
            description="6 digits; a new code appears every 30 seconds"
            autoComplete="one-time-code"
            inputMode="numeric"
            required
            maw={240}
            {...form.text('code')}
          />
          <div>
            <Button type="submit" loading={confirm.isPending}>
              Verify
            </Button>
          </div>
        </Stack>
      </form>
    </Stack>
  );
}
