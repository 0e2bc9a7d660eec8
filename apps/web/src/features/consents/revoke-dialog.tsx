import { Alert, Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../lib/api-client';
import { useRevokeConsent } from './api';

/** Records a revocation. It takes effect at once: the api refuses every later disclosure under the consent. */
export function RevokeDialog(props: { patientId: string; consentId: string; opened: boolean; onClose: () => void }) {
  const revoke = useRevokeConsent(props.patientId, props.consentId);
  const [via, setVia] = useState<'in_writing' | 'verbal'>('in_writing');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      setError(null);
      await revoke.mutateAsync({ receivedVia: via, reason: reason.trim() || null });
      notifications.show({ color: 'green', message: 'Consent revoked. No further disclosures can be made under it.' });
      props.onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Revoke consent" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <Text size="sm">Revocation is effective immediately. Disclosures already made while relying on the consent stand.</Text>
          <Radio.Group label="How the revocation was received" value={via} onChange={(v) => setVia(v as 'in_writing' | 'verbal')}>
            <Stack mt="xs" gap="xs">
              <Radio value="in_writing" label="In writing" />
              <Radio value="verbal" label="Verbally (ask the patient to confirm in writing)" />
            </Stack>
          </Radio.Group>
          <Textarea label="Reason (optional)" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red.9" loading={revoke.isPending}>
              Revoke consent
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
