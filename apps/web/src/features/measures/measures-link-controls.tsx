import { Alert, Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { LinkForPhone } from '../../ui/link-for-phone';
import type { MeasuresLinkStatus } from '@openiop/core';
import { useState } from 'react';
import { errorMessage } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { useCreateMeasuresLink, useRevokeMeasuresLink } from './api';

/**
 * The person's standing measures link: create (replacing any earlier one) with a QR code to scan, or revoke.
 * The link is shown only once, when it is made.
 */
export function MeasuresLinkControls({ patientId, link }: { patientId: string; link: MeasuresLinkStatus | null }) {
  const [open, setOpen] = useState(false);
  const [days, setDays] = useState<number | string>(30);
  const create = useCreateMeasuresLink(patientId);
  const revoke = useRevokeMeasuresLink(patientId);
  const close = () => {
    setOpen(false);
    create.reset();
  };
  return (
    <Group gap="sm" wrap="wrap">
      <Text size="sm" c="dimmed">
        {link ? `Measures link active until ${formatDateTime(link.expiresAt)}` : 'No measures link'}
      </Text>
      <Button variant="default" onClick={() => setOpen(true)}>
        {link ? 'New measures link' : 'Create measures link'}
      </Button>
      {link && (
        <Button variant="default" color="red" onClick={() => revoke.mutate()} loading={revoke.isPending}>
          Revoke link
        </Button>
      )}
      {revoke.error && <Alert color="red">{errorMessage(revoke.error)}</Alert>}
      <Modal opened={open} onClose={close} title="The person's measures link">
        {create.data ? (
          <LinkForPhone url={create.data.url} qrSvg={create.data.qrSvg} qrAlt="QR code of the measures link" onDone={close}>
            Ask the person to scan this code or save the link. They can use it for every measure and daily check-in until{' '}
            {formatDateTime(create.data.expiresAt)}, or until it is revoked.
          </LinkForPhone>
        ) : (
          <Stack gap="sm">
            {link && <Text size="sm">Making a new link stops the current one from working.</Text>}
            <NumberInput label="Works for (days)" min={1} max={90} value={days} onChange={setDays} />
            {create.error && <Alert color="red">{errorMessage(create.error)}</Alert>}
            <Button onClick={() => create.mutate(Number(days))} loading={create.isPending}>
              Create link
            </Button>
          </Stack>
        )}
      </Modal>
    </Group>
  );
}
