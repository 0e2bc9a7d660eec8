import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { noteTemplates, type NoteView, type PartContent, type PartFieldKey } from '@openiop/core';
import { useState } from 'react';
import { errorMessage } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { PlainList } from '../../ui/plain-list';
import { useCan, useMe } from '../auth/session';
import { useAddAddendum, useSignNote } from './api';
import { attendanceLabel } from './format';
import { isReauthError, ReauthModal } from './reauth-modal';

/** A part's fields as read-only text, with progress on the person's goals in the goals' own words. */
export function PartText(props: { template: NoteView['template']; content: PartContent; goals: { id: string; text: string }[] }) {
  const words = new Map(props.goals.map((g) => [g.id, g.text]));
  return (
    <Stack gap={6}>
      {noteTemplates[props.template].fields.map((f) => (
        <div key={f.key}>
          <Text size="sm" fw={600}>
            {f.label}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {props.content[f.key as PartFieldKey] || '—'}
          </Text>
        </div>
      ))}
      {(props.content.goalProgress ?? []).map((g) => (
        <div key={g.goalId}>
          <Text size="sm" fw={600}>
            Progress on: {words.get(g.goalId) ?? 'a plan goal'}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {g.text}
          </Text>
        </div>
      ))}
    </Stack>
  );
}

export function SharedText({ shared }: { shared: NoteView['shared'] }) {
  return (
    <Stack gap={6}>
      <Text size="sm">
        <strong>Topic:</strong> {shared.topic || '—'}
      </Text>
      {shared.curriculumUnit ? (
        <Text size="sm">
          <strong>Curriculum unit:</strong> {shared.curriculumUnit}
        </Text>
      ) : null}
      <Text size="sm">
        <strong>Interventions:</strong> {(shared.interventions ?? []).join(', ') || '—'}
      </Text>
    </Stack>
  );
}

export function Addenda({ items, label }: { items: NoteView['addenda']; label: string }) {
  if (!items.length) return null;
  return (
    <PlainList gap={4} aria-label={label}>
      {items.map((a) => (
        <li key={a.id}>
          <Text size="sm">
            <strong>Addendum</strong> ({a.author.name}, {formatDateTime(a.signedAt)}): {a.text}
          </Text>
        </li>
      ))}
    </PlainList>
  );
}

/** A signed note (or one waiting for co-signature): read-only, with its addenda and the forms to amend or co-sign it. */
export function SignedNote({ note }: { note: NoteView }) {
  const can = useCan();
  const me = useMe();
  const occurrenceId = note.session.occurrenceId;
  const addendum = useAddAddendum(occurrenceId);
  const cosign = useSignNote(occurrenceId, 'cosign');
  const [forWhom, setForWhom] = useState<string>(note.kind === 'group' ? 'shared' : (note.members[0]?.patientId ?? ''));
  const [text, setText] = useState('');
  const [dialog, setDialog] = useState<'addendum' | 'cosign' | null>(null);
  const [added, setAdded] = useState(false);
  const addError = addendum.error && !isReauthError(addendum.error) ? addendum.error : null;
  return (
    <Stack gap="md" maw={860}>
      <Text size="sm">
        Signed by {note.author.name} {formatDateTime(note.signedAt)}
        {note.cosigner
          ? note.cosignedAt
            ? `; co-signed by ${note.cosigner.name} ${formatDateTime(note.cosignedAt)}`
            : `; waiting for ${note.cosigner.name}'s co-signature`
          : ''}
      </Text>
      {note.status === 'awaiting_cosign' && note.cosigner?.id === me.user.id && can('note.cosign') && (
        <Button color="green" style={{ alignSelf: 'flex-start' }} onClick={() => setDialog('cosign')}>
          Co-sign
        </Button>
      )}
      {note.kind === 'group' && (
        <Paper withBorder p="md" component="section" aria-labelledby="shared-heading">
          <Title order={2} size="h4" mb="sm" id="shared-heading">
            Shared part
          </Title>
          <SharedText shared={note.shared} />
          <Addenda items={note.addenda.filter((a) => a.patientId === null)} label="Addenda to the shared part" />
        </Paper>
      )}
      {note.members.map((m) => (
        <Paper key={m.patientId} withBorder p="md" component="section" aria-label={m.name}>
          <Group gap="xs" mb="sm">
            <Title order={2} size="h4">
              {m.name}
            </Title>
            {m.attendance && <Badge variant="light">{attendanceLabel[m.attendance] ?? m.attendance}</Badge>}
          </Group>
          <PartText template={note.template} content={m.content} goals={m.goals} />
          <Addenda items={note.addenda.filter((a) => a.patientId === m.patientId)} label={`Addenda for ${m.name}`} />
        </Paper>
      ))}
      {can('note.sign') && (
        <Paper
          withBorder
          p="md"
          component="form"
          aria-labelledby="addendum-heading"
          onSubmit={(e) => {
            e.preventDefault();
            setAdded(false);
            setDialog('addendum');
          }}
        >
          <Title order={2} size="h4" mb="sm" id="addendum-heading">
            Add an addendum
          </Title>
          <Stack gap="sm">
            <NativeSelect
              label="For"
              value={forWhom}
              onChange={(e) => setForWhom(e.currentTarget.value)}
              data={[
                ...(note.kind === 'group' ? [{ value: 'shared', label: 'The shared part' }] : []),
                ...note.members.map((m) => ({ value: m.patientId, label: m.name })),
              ]}
            />
            <Textarea
              label="Addendum text"
              autosize
              minRows={2}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              error={addError ? errorMessage(addError) : undefined}
            />
            {added && (
              <Text size="sm" role="status">
                Addendum signed.
              </Text>
            )}
            <Button type="submit" disabled={!text.trim()} style={{ alignSelf: 'flex-start' }}>
              Sign the addendum
            </Button>
          </Stack>
        </Paper>
      )}
      {cosign.error && !isReauthError(cosign.error) ? (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(cosign.error)}
        </Alert>
      ) : null}
      <ReauthModal
        opened={dialog !== null}
        title={dialog === 'cosign' ? 'Co-sign the note' : 'Sign the addendum'}
        action={dialog === 'cosign' ? 'Co-sign' : 'Sign'}
        onClose={() => {
          setDialog(null);
          addendum.reset();
          cosign.reset();
        }}
        pending={addendum.isPending || cosign.isPending}
        error={dialog === 'cosign' ? cosign.error : addendum.error}
        onConfirm={(reauth) => {
          const done = {
            onSuccess: () => {
              setDialog(null);
              setText('');
              setAdded(dialog === 'addendum');
            },
            onError: (e: unknown) => {
              if (!isReauthError(e)) setDialog(null);
            },
          };
          if (dialog === 'cosign') cosign.mutate({ id: note.id, etag: String(`"${note.version}"`), reauth }, done);
          else addendum.mutate({ id: note.id, body: { patientId: forWhom === 'shared' ? null : forWhom, text, ...reauth } }, done);
        }}
      />
    </Stack>
  );
}
