import { Button, Group, NativeSelect, Stack, Switch, Text } from '@mantine/core';
import { supervisionCreate, supervisionUpdate, type StaffMember } from '@openiop/core';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { useZodForm } from '../../lib/form';
import { FormError } from '../../ui/query-error';
import type { SupervisionView } from './api';
import { staffOptions } from './supervision-options';

type CreateInput = z.input<typeof supervisionCreate>;
type UpdateInput = z.input<typeof supervisionUpdate>;

/** The form's fields are named as the api's error paths, so "cannot be the same person" lands on Supervisor. */
type Values = { userId: string; supervisorId: string; requiresCosign: boolean };

export type SupervisionFormProps = {
  /** The staff directory; the page loads it so the dialog opens with its fields (and focus) ready. */
  staff: StaffMember[];
  submitting: boolean;
  onCancel: () => void;
  banner?: ReactNode;
} & (
  | { mode: 'create'; supervised: ReadonlySet<string>; onSubmit: (input: CreateInput) => Promise<unknown> }
  | { mode: 'edit'; supervision: SupervisionView; onSubmit: (input: UpdateInput) => Promise<unknown> }
);

const choose = { value: '', label: 'Choose a staff member', disabled: true };

/**
 * Adds a supervision (supervisee, supervisor, co-signature) or changes one (supervisor, co-signature). Native selects:
 * a phone shows its own picker, the keyboard jumps by first letter, and focus on an invalid field opens nothing.
 */
export function SupervisionForm(props: SupervisionFormProps) {
  const current = props.mode === 'edit' ? props.supervision : null;
  const form = useZodForm({
    initialValues: {
      userId: current?.user.id ?? '',
      supervisorId: current?.supervisor.id ?? '',
      requiresCosign: current?.requiresCosign ?? true,
    } satisfies Values,
    schema: props.mode === 'create' ? supervisionCreate : supervisionUpdate,
    toInput: (v: Values): CreateInput | UpdateInput =>
      props.mode === 'create'
        ? { userId: v.userId, supervisorId: v.supervisorId, requiresCosign: v.requiresCosign }
        : { supervisorId: v.supervisorId, requiresCosign: v.requiresCosign },
  });
  const submit = form.onSubmit((input) => {
    const sent = props.mode === 'create' ? props.onSubmit(input as CreateInput) : props.onSubmit(input);
    sent.catch((e: unknown) => form.showError(e));
  });
  const supervisees = props.mode === 'create' ? staffOptions(props.staff, 'note.sign', { exclude: props.supervised }) : [];
  // A new supervision's two people are checked by the api ("cannot be the same person", on Supervisor); a change
  // has its supervisee fixed, so they are simply not offered.
  const supervisors = staffOptions(
    props.staff,
    'note.cosign',
    current ? { keep: current.supervisor, exclude: new Set([current.user.id]) } : {},
  );
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        {props.banner}
        <FormError message={form.formError} title="The supervision was not saved" />
        {current ? (
          <Text>
            <Text span fw={600}>
              Supervisee:
            </Text>{' '}
            {current.user.name}
          </Text>
        ) : (
          <NativeSelect
            label="Supervisee"
            description="Staff who sign session notes and have no supervisor yet."
            required
            data={[choose, ...supervisees]}
            data-autofocus
            {...form.text('userId')}
          />
        )}
        <NativeSelect
          label="Supervisor"
          description="Staff who can co-sign notes."
          required
          data={[choose, ...supervisors]}
          data-autofocus={current ? true : undefined}
          {...form.text('supervisorId')}
        />
        <Switch
          label="Notes need the supervisor's co-signature"
          description={
            current
              ? "A note signed from now on waits for this supervisor. Notes already waiting stay with the supervisor named on them. Off: this person's notes lock at their own signature."
              : "A note this person signs waits in the supervisor's queue and locks when the supervisor co-signs it."
          }
          {...form.checkbox('requiresCosign')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onCancel} disabled={props.submitting}>
            Cancel
          </Button>
          <Button type="submit" loading={props.submitting}>
            Save supervision
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
