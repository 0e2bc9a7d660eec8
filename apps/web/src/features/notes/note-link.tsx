import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { useCan } from '../auth/session';

/** A link from a session (schedule drawer, run sheet) to its note. */
export function NoteLink({ occurrenceId, kind }: { occurrenceId: string | null; kind: string }) {
  const can = useCan();
  if (!occurrenceId || kind === 'drug_test' || !can('note.read')) return null;
  return (
    <Anchor component={Link} to={`/sessions/${occurrenceId}/note`} size="sm">
      Session note
    </Anchor>
  );
}
