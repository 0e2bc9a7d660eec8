import { Alert, Button, CopyButton, Group, Image, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { instrumentList, type InstrumentId } from '@openiop/core';
import { useState } from 'react';
import { errorMessage } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { useCreateLink } from './api';

const selfReport = instrumentList.filter((d) => d.administeredBy === 'self');

/** Makes a single-use phone link for one self-report instrument and shows it with a QR code to scan. */
export function SendToPhone({ patientId }: { patientId: string }) {
  const [open, setOpen] = useState(false);
  const [instrumentId, setInstrumentId] = useState<InstrumentId | null>('phq9');
  const create = useCreateLink(patientId);
  const close = () => {
    setOpen(false);
    create.reset();
  };
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        Send to phone
      </Button>
      <Modal opened={open} onClose={close} title="Send a questionnaire to the person's phone">
        {create.data ? (
          <Stack gap="sm">
            <Text size="sm">
              Ask the person to scan this code or open the link. It works once and expires {formatDateTime(create.data.expiresAt)}.
            </Text>
            <Image
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(create.data.qrSvg)}`}
              alt="QR code of the questionnaire link"
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
            <Select
              label="Questionnaire"
              data={selfReport.map((d) => ({ value: d.id, label: `${d.shortName} — ${d.description}` }))}
              value={instrumentId}
              onChange={(v) => setInstrumentId(v as InstrumentId | null)}
              allowDeselect={false}
            />
            {create.error && <Alert color="red">{errorMessage(create.error)}</Alert>}
            <Button onClick={() => instrumentId && create.mutate(instrumentId)} loading={create.isPending} disabled={!instrumentId}>
              Create link
            </Button>
          </Stack>
        )}
      </Modal>
    </>
  );
}
