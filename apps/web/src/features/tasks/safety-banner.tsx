import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import type { TaskView } from '@openiop/core';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { useCan } from '../auth/session';
import { usePatientSafety, useResolveTask } from './api';

/** A note is required to close a safety task: what was done, in the clinician's words. */
export function ResolveTaskButton({ task, onAlert = false }: { task: Pick<TaskView, 'id' | 'title'>; onAlert?: boolean }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const resolve = useResolveTask();
  const fieldError = resolve.error && isApiError(resolve.error) ? resolve.error.errors.find((e) => e.path === 'note')?.message : undefined;
  const [localError, setLocalError] = useState<string | null>(null);
  const done = () => {
    if (!note.trim()) {
      setLocalError('Write what was done before resolving');
      return;
    }
    resolve.mutate({ id: task.id, note }, { onSuccess: () => setOpen(false) });
  };
  return (
    <>
      <Button color="red" variant={onAlert ? 'white' : 'filled'} onClick={() => setOpen(true)}>
        Resolve
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Resolve safety task">
        <Stack gap="sm">
          <Text size="sm">{task.title}</Text>
          <Textarea
            label="Resolution note"
            description="What you did: assessment, safety plan, referral."
            required
            autosize
            minRows={3}
            value={note}
            onChange={(e) => {
              setNote(e.currentTarget.value);
              setLocalError(null);
            }}
            error={localError ?? fieldError}
          />
          {resolve.error && !fieldError && <Alert color="red">{errorMessage(resolve.error)}</Alert>}
          <Group>
            <Button onClick={done} loading={resolve.isPending}>
              Resolve task
            </Button>
            <Button variant="default" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** Shown on the chart while a safety task is open; says what triggered it, never the answer text. */
export function SafetyBanner({ patientId }: { patientId: string }) {
  const can = useCan();
  const safety = usePatientSafety(patientId, can('task.read'));
  if (!can('task.read') || !safety.data?.length) return null;
  return (
    <Stack gap="sm" mb="lg">
      {safety.data.map((t) => (
        <Alert key={t.id} color="red" variant="filled" role="alert" title="Urgent safety task open">
          <Stack gap="xs">
            <Text size="sm">{t.title}</Text>
            <Text size="sm">
              Raised {formatDateTime(t.createdAt)} · assigned to {t.assignee?.name ?? 'nobody yet'}
            </Text>
            {can('safety.resolve') && (
              <Group>
                <ResolveTaskButton task={t} onAlert />
              </Group>
            )}
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}
