import { Alert, Badge, Button, Group, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { noteTemplates, sharedFields, type NoteView } from '@openiop/core';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api-client';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { QueryError } from '../../ui/query-error';
import { useCan, useMe } from '../auth/session';
import { fieldError } from '../clinical/shared';
import { useOpenNote, useSaveNote, useSessionNote, useSignNote } from './api';
import { chooseCopy, clearLocal, partsOf, readLocal, sharedOf, toForm, writeLocal, type NoteForm } from './draft-store';
import { attendanceLabel, sessionWhen, statusLabel, templateLabel } from './format';
import { SignedNote } from './signed-note';
import { isReauthError, ReauthModal } from './reauth-modal';

const back = { to: '/notes', label: 'Notes' };

/** The note of one session: a group's shared part and one card per member, or an individual note's template. */
export function NoteEditorPage() {
  const { occurrenceId = '' } = useParams();
  const note = useSessionNote(occurrenceId);
  if (note.isPending) return <Loading label="Loading the note" />;
  if (note.isError) {
    if (isApiError(note.error) && note.error.status === 404) return <StartNote occurrenceId={occurrenceId} />;
    return (
      <>
        <PageHeader title="Session note" back={back} />
        <QueryError what="the note" error={note.error} onRetry={() => void note.refetch()} />
      </>
    );
  }
  const n = note.data.data;
  return (
    <>
      <PageHeader title={`${templateLabel[n.template] ?? 'Note'}: ${n.session.title}`} back={back} />
      <Group gap="xs" mb="md" wrap="wrap">
        <Text size="sm">
          {sessionWhen(n.session.startsAt, n.session.timeZone)} · {n.session.facilitator.name}
        </Text>
        <Badge variant="outline" color={n.status === 'signed' ? 'green' : 'yellow'}>
          {statusLabel[n.status]}
        </Badge>
        {n.late && <Badge color="red">Late</Badge>}
      </Group>
      {n.status === 'draft' ? <DraftEditor key={n.id} note={n} etag={note.data.etag} /> : <SignedNote note={n} />}
    </>
  );
}

function StartNote({ occurrenceId }: { occurrenceId: string }) {
  const can = useCan();
  const open = useOpenNote(occurrenceId);
  const [template, setTemplate] = useState<'dap' | 'birp' | 'soap'>('dap');
  const start = () =>
    open.mutate(template, {
      // A group always uses the group template: start it without one.
      onError: (e) => {
        if (isApiError(e) && e.errors.some((x) => x.path === 'template')) open.mutate(undefined);
      },
    });
  const shownError = open.error && !(isApiError(open.error) && open.error.errors.some((x) => x.path === 'template')) ? open.error : null;
  return (
    <>
      <PageHeader title="Session note" back={back} />
      <Paper withBorder p="md" maw={640}>
        <Stack gap="sm">
          <Text>This session has no note yet.</Text>
          {can('note.write') && (
            <>
              <Radio.Group
                label="Template for an individual or family session"
                value={template}
                onChange={(v) => setTemplate(v as typeof template)}
              >
                <Group mt="xs">
                  <Radio value="dap" label="DAP" />
                  <Radio value="birp" label="BIRP" />
                  <Radio value="soap" label="SOAP" />
                </Group>
              </Radio.Group>
              <Text size="sm" c="dimmed">
                A group session always uses the group note: a shared part and one part per member.
              </Text>
              <Button onClick={start} loading={open.isPending} style={{ alignSelf: 'flex-start' }}>
                Start the note
              </Button>
            </>
          )}
          {shownError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(shownError)}
            </Alert>
          ) : null}
        </Stack>
      </Paper>
    </>
  );
}

const AUTOSAVE_MS = 1200;

function DraftEditor({ note, etag: initialEtag }: { note: NoteView; etag: string | null }) {
  const me = useMe();
  const mine = note.author.id === me.user.id;
  const save = useSaveNote(note.session.occurrenceId);
  const sign = useSignNote(note.session.occurrenceId, 'sign');
  const present = note.members.filter((m) => !m.absent);
  const fields = noteTemplates[note.template].fields;
  const [init] = useState(() => {
    const local = readLocal(window.localStorage, note.id);
    const server = toForm(
      note.shared,
      note.members.map((m) => ({ patientId: m.patientId, content: m.content })),
    );
    return chooseCopy(local, note.version) === 'local' && local ? { form: local.form, restored: true } : { form: server, restored: false };
  });
  const [form, setForm] = useState<NoteForm>(init.form);
  const [restored, setRestored] = useState(init.restored);
  const [dirty, setDirty] = useState(init.restored);
  const [signing, setSigning] = useState(false);
  const etag = useRef(initialEtag);
  const version = useRef(note.version);
  const revision = useRef(0);

  const payload = (f: NoteForm) => ({
    id: note.id,
    ...(note.kind === 'group' ? { shared: sharedOf(f) } : {}),
    parts: partsOf(
      f,
      present.map((m) => m.patientId),
      fields.map((x) => x.key),
    ),
  });
  const persist = (f: NoteForm, onDone?: (etag: string | null) => void) => {
    const sent = revision.current;
    save.mutate(
      { ...payload(f), etag: etag.current },
      {
        onSuccess: (r) => {
          etag.current = r.etag;
          version.current = r.data.version;
          const clean = revision.current === sent;
          if (clean) setDirty(false);
          writeLocal(window.localStorage, note.id, { baseVersion: r.data.version, dirty: !clean, form: f });
          onDone?.(r.etag);
        },
      },
    );
  };

  const { isPending: saving } = save;
  useEffect(() => {
    if (!dirty || saving || !mine || save.isError) return;
    const timer = setTimeout(() => persist(form), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, saving, form, mine, save.isError]);

  const change = (next: NoteForm) => {
    revision.current += 1;
    setForm(next);
    setDirty(true);
    if (sign.error && !isReauthError(sign.error)) sign.reset();
    if (save.error) save.reset();
    writeLocal(window.localStorage, note.id, { baseVersion: version.current, dirty: true, form: next });
  };
  const setPart = (patientId: string, patch: { fields?: Record<string, string>; goals?: Record<string, string> }) => {
    const p = form.parts[patientId] ?? { fields: {}, goals: {} };
    change({
      ...form,
      parts: { ...form.parts, [patientId]: { fields: { ...p.fields, ...patch.fields }, goals: { ...p.goals, ...patch.goals } } },
    });
  };

  const signError = sign.error && !isReauthError(sign.error) ? sign.error : null;
  const errorFor = (path: string) => fieldError(signError, path) ?? fieldError(save.error, path);
  const doSign = (reauth: { password?: string; code?: string }) => {
    const go = (tag: string | null) =>
      sign.mutate(
        { id: note.id, etag: tag, reauth },
        {
          onSuccess: () => {
            clearLocal(window.localStorage, note.id);
            setSigning(false);
          },
          onError: (e) => {
            if (!isReauthError(e)) setSigning(false);
          },
        },
      );
    if (dirty) persist(form, go);
    else go(etag.current);
  };

  if (!mine)
    return (
      <Alert color="gray" variant="light">
        This draft is {note.author.name}&apos;s to write and sign.
      </Alert>
    );

  return (
    <Stack gap="md" maw={860}>
      <Text size="sm" role="status" c="dimmed">
        {restored ? 'Restored unsaved changes from this browser. ' : ''}
        {saving ? 'Saving…' : dirty ? 'Unsaved changes' : 'All changes saved'}
      </Text>
      {restored && (
        <Button size="xs" variant="subtle" style={{ alignSelf: 'flex-start' }} onClick={() => setRestored(false)}>
          Dismiss
        </Button>
      )}
      {note.kind === 'group' && (
        <Paper withBorder p="md" component="fieldset">
          <Title order={2} size="h4" mb="sm" component="legend">
            Shared part (names nobody)
          </Title>
          <Stack gap="sm">
            {sharedFields.map((f) => (
              <TextInput
                key={f.key}
                label={f.label}
                description={f.hint}
                withAsterisk={f.required}
                value={form.shared[f.key as 'topic' | 'curriculumUnit']}
                error={errorFor(`shared.${f.key}`)}
                onChange={(e) => change({ ...form, shared: { ...form.shared, [f.key]: e.currentTarget.value } })}
              />
            ))}
            <Textarea
              label="Interventions used"
              description="One a line, e.g. CBT, motivational interviewing"
              withAsterisk
              autosize
              minRows={2}
              value={form.shared.interventions}
              error={errorFor('shared.interventions')}
              onChange={(e) => change({ ...form, shared: { ...form.shared, interventions: e.currentTarget.value } })}
            />
          </Stack>
        </Paper>
      )}
      {note.members.map((m) => {
        const part = form.parts[m.patientId] ?? { fields: {}, goals: {} };
        return (
          <Paper key={m.patientId} withBorder p="md" component="fieldset" aria-label={m.name}>
            <Group component="legend" gap="xs" mb="sm" wrap="wrap">
              <Title order={2} size="h4" component="span">
                {m.name}
              </Title>
              {m.attendance && (
                <Badge variant="light" color={m.absent ? 'gray' : 'blue'}>
                  {attendanceLabel[m.attendance] ?? m.attendance}
                </Badge>
              )}
            </Group>
            {m.absent ? (
              <Text size="sm" c="dimmed">
                Did not attend: no part is written for them.
              </Text>
            ) : (
              <Stack gap="sm">
                {fields.map((f) => (
                  <Textarea
                    key={f.key}
                    label={f.label}
                    description={f.hint}
                    withAsterisk={f.required}
                    autosize
                    minRows={2}
                    value={part.fields[f.key] ?? ''}
                    error={errorFor(`parts.${m.patientId}.${f.key}`)}
                    onChange={(e) => setPart(m.patientId, { fields: { [f.key]: e.currentTarget.value } })}
                  />
                ))}
                {m.goals.length > 0 ? (
                  m.goals.map((g) => {
                    const i = (partsOf(form, [m.patientId], [])[m.patientId]?.goalProgress ?? []).findIndex((x) => x.goalId === g.id);
                    return (
                      <Textarea
                        key={g.id}
                        label={`Progress on: ${g.text}`}
                        autosize
                        minRows={1}
                        value={part.goals[g.id] ?? ''}
                        error={i >= 0 ? errorFor(`parts.${m.patientId}.goalProgress.${i}`) : undefined}
                        onChange={(e) => setPart(m.patientId, { goals: { [g.id]: e.currentTarget.value } })}
                      />
                    );
                  })
                ) : (
                  <Text size="sm" c="dimmed">
                    No treatment-plan goals to report on.
                  </Text>
                )}
              </Stack>
            )}
          </Paper>
        );
      })}
      {signError ? (
        <Alert color="red" variant="light" role="alert">
          <Text fw={700}>Not signed</Text>
          {errorMessage(signError)}
          {isApiError(signError) && signError.code === 'NOTE_NAMES_OTHERS' && (
            <div>
              Each part goes to that person&apos;s chart only: take the other member&apos;s name or identifier out of the marked field.
            </div>
          )}
        </Alert>
      ) : null}
      {save.error ? (
        <Alert color="red" variant="light" role="alert">
          <Text fw={700}>Not saved</Text>
          {errorMessage(save.error)}
        </Alert>
      ) : null}
      <Group>
        <Button variant="default" onClick={() => persist(form)} loading={saving} disabled={!dirty}>
          Save now
        </Button>
        <Button color="green" onClick={() => setSigning(true)}>
          Sign the note
        </Button>
      </Group>
      <ReauthModal
        opened={signing}
        title="Sign the note"
        action="Sign"
        onClose={() => {
          setSigning(false);
          sign.reset();
        }}
        onConfirm={doSign}
        pending={sign.isPending || saving}
        error={sign.error}
      />
    </Stack>
  );
}
