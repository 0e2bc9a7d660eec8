import { Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import type { FollowUpView } from '@openiop/core';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { FormError } from '../../ui/query-error';
import { useAddFollowUp, useUpdateFollowUp } from './api';

/** A `datetime-local` value (clinic browser's local time) to an ISO instant. */
const toInstant = (local: string): string => (local ? new Date(local).toISOString() : '');

export function FollowUpsPanel(props: { inquiryId: string; followUps: FollowUpView[]; canWrite: boolean }) {
  const add = useAddFollowUp(props.inquiryId);
  const update = useUpdateFollowUp(props.inquiryId);
  const [what, setWhat] = useState('');
  const [due, setDue] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    add.mutate(
      { what, dueAt: toInstant(due) },
      {
        onSuccess: () => {
          setWhat('');
          setDue('');
        },
        onError: (err) => {
          if (isApiError(err) && err.errors.length) setErrors(Object.fromEntries(err.errors.map((x) => [x.path, x.message])));
          else setFormError(errorMessage(err));
        },
      },
    );
  };
  return (
    <Stack>
      {props.followUps.length === 0 && <Text c="dimmed">No follow-ups yet.</Text>}
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {props.followUps.map((f) => (
          <li key={f.id}>
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <Checkbox
                aria-label={`Done: ${f.what}`}
                checked={Boolean(f.doneAt)}
                disabled={!props.canWrite || update.isPending}
                onChange={(e) => update.mutate({ followUpId: f.id, input: { done: e.currentTarget.checked } })}
              />
              <div>
                <Text td={f.doneAt ? 'line-through' : undefined} fw={f.overdue ? 600 : undefined} c={f.overdue ? 'red.8' : undefined}>
                  {f.what}
                </Text>
                <Text size="sm" c="dimmed">
                  {f.overdue ? 'Overdue · ' : ''}due {formatDateTime(f.dueAt)}
                  {f.assignee ? ` · ${f.assignee.name}` : ''}
                </Text>
              </div>
            </Group>
          </li>
        ))}
      </Stack>
      {props.canWrite && (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs" maw={640}>
            <FormError message={formError} />
            <Group align="flex-end" wrap="wrap">
              <TextInput
                label="Follow-up"
                value={what}
                onChange={(e) => setWhat(e.currentTarget.value)}
                error={errors.what}
                style={{ flex: '2 1 200px' }}
              />
              <TextInput
                label="Due"
                type="datetime-local"
                value={due}
                onChange={(e) => setDue(e.currentTarget.value)}
                error={errors.dueAt}
                style={{ flex: '1 1 180px' }}
              />
              <Button type="submit" loading={add.isPending}>
                Add
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
