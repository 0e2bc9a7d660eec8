import { Alert, Button, Checkbox, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api-client';

/** Typed full name + "I agree": the person's signature, on their phone or on a tablet in session. */
export function PersonSignForm(props: { onSign: (typedName: string) => void; pending: boolean; error: unknown }) {
  const [name, setName] = useState('');
  const [agree, setAgree] = useState(false);
  const [tried, setTried] = useState(false);
  const fieldErrors = isApiError(props.error) ? Object.fromEntries(props.error.errors.map((e) => [e.path, e.message])) : {};
  const nameError = (tried && !name.trim() ? 'Type your full name' : undefined) ?? fieldErrors.typedName;
  const agreeError = (tried && !agree ? 'Tick the box to agree' : undefined) ?? fieldErrors.agree;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (name.trim() && agree) props.onSign(name.trim());
      }}
    >
      <Stack gap="md">
        <TextInput
          label="Your full name"
          description="Typing your name here is your signature."
          autoComplete="name"
          size="lg"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={nameError}
        />
        <Checkbox
          size="md"
          label="I agree with this plan. I helped make it, and I can ask to change it at any time."
          checked={agree}
          onChange={(e) => setAgree(e.currentTarget.checked)}
          error={agreeError}
        />
        {Boolean(props.error) && (
          <Alert color="red" role="alert">
            {errorMessage(props.error)}
          </Alert>
        )}
        <Button type="submit" size="lg" fullWidth loading={props.pending}>
          Sign my plan
        </Button>
      </Stack>
    </form>
  );
}
