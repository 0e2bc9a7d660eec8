import { Alert, Button, Paper, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { signerRelationships, type ConsentSign, type ConsentView } from '@openiop/core';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api-client';
import { useMe } from '../auth/session';
import { useSignConsent } from './api';
import { SignaturePad } from './signature-pad';

const relationshipLabels: Record<(typeof signerRelationships)[number], string> = {
  parent: 'Parent',
  legal_guardian: 'Legal guardian',
  health_care_agent: 'Health care agent',
  personal_representative: 'Personal representative',
  other: 'Other',
};

/** Field errors from the api, as one readable list (missing §2.31 elements come back with their paths). */
function problems(e: unknown): string[] {
  if (!isApiError(e)) return [errorMessage(e)];
  if (!e.errors.length) return [e.detail ?? e.title];
  return e.errors.map((x) => `${x.message.charAt(0).toUpperCase()}${x.message.slice(1)} (${x.path})`);
}

/**
 * The signing step, made for a tablet handed to the patient: type the name (the keyboard-accessible way) or draw it.
 * The signed-in staff member is the witness (ADR 0014).
 */
export function SignPanel(props: { patientId: string; consent: ConsentView; etag: string | null }) {
  const me = useMe();
  const sign = useSignConsent(props.patientId, props.consent.id);
  const [method, setMethod] = useState<'typed' | 'drawn'>('typed');
  const [typedName, setTypedName] = useState('');
  const [drawing, setDrawing] = useState<string | null>(null);
  const [signer, setSigner] = useState<'patient' | 'representative'>('patient');
  const [rep, setRep] = useState({ name: '', relationship: '', authority: '' });
  const [errors, setErrors] = useState<string[]>([]);

  const submit = async () => {
    const input: ConsentSign = {
      method,
      typedName: typedName.trim() || null,
      drawing: method === 'drawn' ? drawing : null,
      signer:
        signer === 'patient'
          ? { kind: 'patient' }
          : {
              kind: 'representative',
              name: rep.name.trim() || null,
              relationship: (rep.relationship || null) as (typeof signerRelationships)[number] | null,
              authority: rep.authority.trim() || null,
            },
    };
    try {
      setErrors([]);
      await sign.mutateAsync({ input, etag: props.etag });
    } catch (e) {
      setErrors(problems(e));
    }
  };

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} mb="lg" component="section" aria-labelledby="sign-heading">
      <Title order={2} size="h4" id="sign-heading" mb="md">
        Sign
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <SegmentedControl
            aria-label="Who is signing"
            value={signer}
            onChange={(v) => setSigner(v as 'patient' | 'representative')}
            data={[
              { value: 'patient', label: 'The patient' },
              { value: 'representative', label: 'A representative' },
            ]}
          />
          {signer === 'representative' && (
            <>
              <TextInput label="Representative's name" value={rep.name} onChange={(e) => setRep({ ...rep, name: e.currentTarget.value })} />
              <Select
                label="Relationship to the patient"
                data={signerRelationships.map((r) => ({ value: r, label: relationshipLabels[r] }))}
                value={rep.relationship || null}
                onChange={(v) => setRep({ ...rep, relationship: v ?? '' })}
              />
              <TextInput
                label="Authority to sign"
                description="For example: parent of a minor, court-appointed guardian"
                value={rep.authority}
                onChange={(e) => setRep({ ...rep, authority: e.currentTarget.value })}
              />
            </>
          )}
          <SegmentedControl
            aria-label="How to sign"
            value={method}
            onChange={(v) => setMethod(v as 'typed' | 'drawn')}
            data={[
              { value: 'typed', label: 'Type name' },
              { value: 'drawn', label: 'Draw' },
            ]}
          />
          {method === 'typed' ? (
            <TextInput
              label="Full name of the person signing"
              description="Typing your name here is your electronic signature."
              autoComplete="off"
              value={typedName}
              onChange={(e) => setTypedName(e.currentTarget.value)}
            />
          ) : (
            <SignaturePad onChange={setDrawing} />
          )}
          <Text size="sm">
            Witness: <strong>{me.user.name}</strong> (you). Signing records the date and time, this device and you as the witness.
          </Text>
          {errors.length > 0 && (
            <Alert color="red" role="alert" title="The consent cannot be signed yet">
              <ul style={{ margin: 0, paddingLeft: '1.2rem' }}>
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </Alert>
          )}
          <Button type="submit" loading={sign.isPending} size="md">
            Sign consent
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
