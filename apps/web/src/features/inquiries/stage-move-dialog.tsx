import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { lostReasons, referredReasons, stageReasonLabels, type StageReason } from '@openiop/core';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api-client';
import { FormError } from '../../ui/query-error';
import { useMoveInquiry } from './api';

/**
 * Ending an inquiry without admission needs a reason from the list (and words for "other"); a referral also
 * records where the person was sent.
 */
export function StageMoveDialog(props: {
  inquiry: { id: string; version: number; displayName: string } | null;
  to: 'lost' | 'referred_elsewhere' | null;
  onClose: () => void;
}) {
  const move = useMoveInquiry();
  const [reason, setReason] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [referredTo, setReferredTo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const reasons: readonly StageReason[] = props.to === 'lost' ? lostReasons : referredReasons;
  const close = () => {
    setReason(null);
    setText('');
    setReferredTo('');
    setErrors({});
    setFormError(null);
    props.onClose();
  };
  const submit = () => {
    if (!props.inquiry || !props.to) return;
    move.mutate(
      {
        id: props.inquiry.id,
        version: props.inquiry.version,
        move: {
          to: props.to,
          reason: (reason ?? undefined) as StageReason | undefined,
          reasonText: text,
          ...(props.to === 'referred_elsewhere' ? { referredTo } : {}),
        },
      },
      {
        onSuccess: close,
        onError: (e) => {
          if (isApiError(e) && e.errors.length) setErrors(Object.fromEntries(e.errors.map((x) => [x.path, x.message])));
          else setFormError(errorMessage(e));
        },
      },
    );
  };
  return (
    <Modal
      opened={Boolean(props.inquiry && props.to)}
      onClose={close}
      title={
        props.to === 'lost' ? `Close ${props.inquiry?.displayName ?? ''} as lost` : `Refer ${props.inquiry?.displayName ?? ''} elsewhere`
      }
    >
      <Stack>
        <FormError message={formError} />
        <Select
          label="Reason"
          required
          data={reasons.map((r) => ({ value: r, label: stageReasonLabels[r] }))}
          value={reason}
          onChange={setReason}
          error={errors.reason}
        />
        {props.to === 'referred_elsewhere' && (
          <TextInput
            label="Referred to (program or service)"
            value={referredTo}
            onChange={(e) => setReferredTo(e.currentTarget.value)}
            error={errors.referredTo}
          />
        )}
        <Textarea
          label="Details"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={errors.reasonText}
          autosize
          minRows={2}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button onClick={submit} loading={move.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
