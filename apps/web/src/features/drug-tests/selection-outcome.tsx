import { Badge, Button, Group, Menu, Modal, Stack, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { selectionOutcomes, type DrugTestSelectionView } from '@openiop/core';
import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { fieldError, WriteError } from '../clinical/shared';
import { useUpdateSelection } from './api';
import { selectionStatusColors, selectionStatusLabels } from './labels';

type Outcome = (typeof selectionOutcomes)[number];
type Selection = DrugTestSelectionView;
/** An outcome chosen from a row's menu, waiting for its note and confirmation. */
export type OutcomeChoice = { selection: Selection; status: Outcome };

const actionText: Record<Outcome, string> = {
  missed: 'Mark missed',
  refused: 'Mark refused',
  excused: 'Excuse the test',
  pending: 'Back to pending',
};

/** A selection's status as a badge, with what the staff member wrote when they marked it. */
export function SelectionStatus({ s }: { s: Selection }) {
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={selectionStatusColors[s.status]} variant="light">
        {selectionStatusLabels[s.status]}
      </Badge>
      {s.note && (
        <Text size="xs" c="dimmed">
          Note: {s.note}
        </Text>
      )}
    </Stack>
  );
}

/**
 * The outcomes a selection without a specimen can take next: the other three, or back to pending once marked. `label`
 * names the row for a screen reader (the person on a day's list, the day in a person's chart).
 */
export function OutcomeMenu({
  s,
  onChoose,
  label = s.patient.name,
}: {
  s: Selection;
  onChoose: (c: OutcomeChoice) => void;
  label?: string;
}) {
  const choices = selectionOutcomes.filter((o) => o !== s.status);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default">
          {s.status === 'pending' ? 'Record outcome' : 'Change outcome'}
          <VisuallyHidden> for {label}</VisuallyHidden>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {choices.map((o) => (
          <Menu.Item key={o} onClick={() => onChoose({ selection: s, status: o })}>
            {actionText[o]}…
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** Confirms an outcome, with a note (optional for missed or refused, required to excuse). */
export function OutcomeDialog({ choice, onClose }: { choice: OutcomeChoice | null; onClose: () => void }) {
  return (
    <Modal
      opened={!!choice}
      onClose={onClose}
      title={choice ? `${actionText[choice.status]}: ${choice.selection.patient.name}, ${formatDate(choice.selection.day)}` : ''}
    >
      {choice && <OutcomeForm key={`${choice.selection.id}:${choice.status}`} choice={choice} onDone={onClose} />}
    </Modal>
  );
}

function OutcomeForm({ choice, onDone }: { choice: OutcomeChoice; onDone: () => void }) {
  const { selection, status } = choice;
  const update = useUpdateSelection(selection.patient.id);
  const [note, setNote] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate(
          { selectionId: selection.id, version: selection.version, update: { status, note: note.trim() || null } },
          { onSuccess: onDone },
        );
      }}
    >
      <Stack gap="sm">
        {status === 'pending' ? (
          <Text size="sm">The outcome is cleared and the person is to be tested again.</Text>
        ) : (
          <Textarea
            label={status === 'excused' ? 'Why the test is excused' : 'Note'}
            description={status === 'excused' ? undefined : 'Optional: what happened'}
            required={status === 'excused'}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={500}
            error={fieldError(update.error, 'note')}
            data-autofocus
          />
        )}
        <WriteError error={update.error} shown={['note']} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending} data-autofocus={status === 'pending' ? true : undefined}>
            {actionText[status]}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
