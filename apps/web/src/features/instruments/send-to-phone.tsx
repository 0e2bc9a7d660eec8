import { Alert, Button, Modal, Select, Stack } from '@mantine/core';
import { LinkForPhone } from '../../ui/link-for-phone';
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
          <LinkForPhone url={create.data.url} qrSvg={create.data.qrSvg} qrAlt="QR code of the questionnaire link" onDone={close}>
            Ask the person to scan this code or open the link. It works once and expires {formatDateTime(create.data.expiresAt)}.
          </LinkForPhone>
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
