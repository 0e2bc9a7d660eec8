import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { LinkForPhone } from '../../ui/link-for-phone';
import type { PlanVersionView } from '@openiop/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { useCan } from '../auth/session';
import { useSignLink, useSignVersion } from './api';

/** The three ways a version gets signed: the clinician here, the person on a tablet now, or on their phone later. */
export function SignActions({ v, patientId }: { v: PlanVersionView; patientId: string }) {
  const can = useCan();
  const sign = useSignVersion(patientId, v.planId, v.number);
  const link = useSignLink(patientId, v.planId, v.number);
  const [open, setOpen] = useState(false);
  if (v.status !== 'draft' && v.status !== 'signing') return null;
  const signed = new Set(v.signatures.map((s) => s.signer));
  const ready = v.readiness.length === 0;
  if (!ready) return null;
  return (
    <Stack gap="sm">
      <Group wrap="wrap">
        {can('plan.sign') && !signed.has('clinician') && (
          <Button onClick={() => sign.mutate({ signer: 'clinician', contentHash: v.contentHash })} loading={sign.isPending}>
            Sign as clinician
          </Button>
        )}
        {can('plan.write') && !signed.has('person') && (
          <>
            <Button variant="default" component={Link} to={`/patients/${patientId}/plans/${v.planId}/versions/${v.number}/tablet`}>
              Person signs on this tablet
            </Button>
            <Button
              variant="default"
              onClick={() => {
                setOpen(true);
                link.mutate();
              }}
            >
              Send signing link to phone
            </Button>
          </>
        )}
      </Group>
      {sign.error && (
        <Alert color="red" role="alert">
          {errorMessage(sign.error)}
        </Alert>
      )}
      <Modal
        opened={open}
        onClose={() => {
          setOpen(false);
          link.reset();
        }}
        title="Signing link for the person's phone"
      >
        {link.isPending && <Text>Making a link…</Text>}
        {link.error && <Alert color="red">{errorMessage(link.error)}</Alert>}
        {link.data && (
          <LinkForPhone url={link.data.url} qrSvg={link.data.qrSvg} qrAlt="QR code of the signing link">
            Ask the person to scan this code or open the link. It works once, expires {formatDateTime(link.data.expiresAt)}, and stops
            working if this version changes.
          </LinkForPhone>
        )}
      </Modal>
    </Stack>
  );
}
