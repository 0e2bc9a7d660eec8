import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { addDays, FOR_CAUSE_MAX_DAYS_AHEAD as DAYS_AHEAD } from '@openiop/core';
import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { fieldError, WriteError } from '../clinical/shared';
import { usePatientToday } from '../patients/api';
import { useSelectForCause } from './api';

/** Selecting a person for a test for cause (what the staff member saw), today or a day within the next two weeks. */
export function ForCauseDialog(props: { patientId: string; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Select for a test for cause">
      {props.opened && <ForCauseForm patientId={props.patientId} onDone={props.onClose} />}
    </Modal>
  );
}

function ForCauseForm({ patientId, onDone }: { patientId: string; onDone: () => void }) {
  const select = useSelectForCause(patientId);
  const today = usePatientToday(patientId);
  const [chosenDay, setDay] = useState<string | null>(null);
  const day = chosenDay ?? today;
  const [cause, setCause] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        select.mutate(
          { day, cause },
          {
            onSuccess: (r) => {
              notifications.show({ color: 'green', message: `Selected for a test for cause on ${formatDate(r.data.day)}.` });
              onDone();
            },
          },
        );
      }}
    >
      <Stack gap="sm">
        <TextInput
          type="date"
          label="Day of the test"
          description={`Today or up to ${DAYS_AHEAD} days ahead`}
          required
          min={today}
          max={addDays(today, DAYS_AHEAD)}
          value={day}
          onChange={(e) => setDay(e.currentTarget.value)}
          error={fieldError(select.error, 'day')}
        />
        <Textarea
          label="Reason"
          description="What you saw or heard that calls for a test"
          required
          autosize
          minRows={3}
          maxLength={500}
          value={cause}
          onChange={(e) => setCause(e.currentTarget.value)}
          error={fieldError(select.error, 'cause')}
          data-autofocus
        />
        <WriteError error={select.error} shown={['day', 'cause']} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={select.isPending}>
            Select for cause
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
