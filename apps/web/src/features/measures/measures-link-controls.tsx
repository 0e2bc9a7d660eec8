import { Alert, Button, CopyButton, Group, Image, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
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
          <Stack gap="sm">
            <Text size="sm">
              Ask the person to scan this code or save the link. They can use it for every measure and daily check-in until{' '}
              {formatDateTime(create.data.expiresAt)}, or until it is revoked.
            </Text>
            <Image
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(create.data.qrSvg)}`}
              alt="QR code of the measures link"
              w={216}
              h={216}
              p={8}
              fit="contain"
              bg="white"
              radius="sm"
              style={{ border: '1px solid var(--mantine-color-gray-3)' }}
            />
            <TextInput label="Link" value={create.data.url} readOnly onFocus={(e) => e.currentTarget.select()} />
            <Group>
              <CopyButton value={create.data.url}>
                {({ copied, copy }) => (
                  <Button variant="default" onClick={copy}>
                    {copied ? 'Copied' : 'Copy link'}
                  </Button>
                )}
              </CopyButton>
              <Button onClick={close}>Done</Button>
            </Group>
          </Stack>
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
