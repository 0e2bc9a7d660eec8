import { Button, Checkbox, Fieldset, Group, PasswordInput, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { roleLabels, roles, userCreate, userUpdate, type UserView } from '@openiop/core';
import { useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import type { z } from 'zod';
import { orNull, orUndefined, useZodForm, type ZodForm } from '../../../lib/form';
import { FormError } from '../../../ui/query-error';
import { UnsavedChangesPrompt } from '../../../ui/unsaved-changes';
import { useLocationOptions } from '../../reference/api';

interface CredentialRow {
  /** Stable React key for the row; not sent. */
  key: string;
  kind: string;
  number: string;
  state: string;
  expiresOn: string;
}

export type UserFormValues = {
  email: string;
  name: string;
  phone: string;
  password: string;
  roles: string[];
  locationIds: string[];
  active: boolean;
  credentials: CredentialRow[];
};

let rowSeq = 0;
const newRow = (c?: Partial<CredentialRow>): CredentialRow => ({
  key: `row-${(rowSeq += 1)}`,
  kind: c?.kind ?? '',
  number: c?.number ?? '',
  state: c?.state ?? '',
  expiresOn: c?.expiresOn ?? '',
});

export function valuesFromUser(u?: UserView): UserFormValues {
  return {
    email: u?.email ?? '',
    name: u?.name ?? '',
    phone: u?.phone ?? '',
    password: '',
    roles: u?.roles ?? [],
    locationIds: u?.locationIds ?? [],
    active: u?.active ?? true,
    credentials: (u?.credentials ?? []).map((c) =>
      newRow({ kind: c.kind, number: c.number ?? '', state: c.state ?? '', expiresOn: c.expiresOn ?? '' }),
    ),
  };
}

type CreateInput = z.input<typeof userCreate>;
type UpdateInput = z.input<typeof userUpdate>;

function credentialsInput(rows: CredentialRow[]) {
  return rows.map((r) => ({
    kind: r.kind,
    number: orNull(r.number),
    state: orNull(r.state.toUpperCase()),
    expiresOn: orNull(r.expiresOn),
  }));
}

export function userCreateInput(v: UserFormValues): CreateInput {
  return {
    email: v.email,
    name: v.name,
    roles: v.roles as CreateInput['roles'],
    locationIds: v.locationIds,
    credentials: credentialsInput(v.credentials),
    phone: orNull(v.phone),
    password: orUndefined(v.password),
  };
}

export function userUpdateInput(v: UserFormValues): UpdateInput {
  return {
    name: v.name,
    roles: v.roles as NonNullable<UpdateInput['roles']>,
    locationIds: v.locationIds,
    credentials: credentialsInput(v.credentials),
    phone: orNull(v.phone),
    active: v.active,
  };
}

function CredentialsEditor<S extends z.ZodType>({ form, disabled }: { form: ZodForm<UserFormValues, S>; disabled: boolean }) {
  const rows = form.values.credentials;
  const update = (i: number, patch: Partial<CredentialRow>) =>
    form.setValue(
      'credentials',
      rows.map((r, j) => (j === i ? { ...r, ...patch } : r)),
    );
  const err = (i: number, field: string) => form.errors[`credentials.${i}.${field}`];
  return (
    <Stack gap="sm">
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          No licences or certifications recorded.
        </Text>
      )}
      {rows.map((r, i) => (
        <Fieldset key={r.key} legend={`Credential ${i + 1}`} variant="filled" disabled={disabled}>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
            <TextInput
              label="Type"
              description="For example LCDC, LPC, CADC"
              required
              value={r.kind}
              error={err(i, 'kind')}
              onChange={(e) => update(i, { kind: e.currentTarget.value })}
            />
            <TextInput
              label="Licence number"
              value={r.number}
              error={err(i, 'number')}
              onChange={(e) => update(i, { number: e.currentTarget.value })}
            />
            <TextInput
              label="State"
              description="2 letters"
              maxLength={2}
              value={r.state}
              error={err(i, 'state')}
              onChange={(e) => update(i, { state: e.currentTarget.value })}
            />
            <TextInput
              label="Expires on"
              type="date"
              value={r.expiresOn}
              error={err(i, 'expiresOn')}
              onChange={(e) => update(i, { expiresOn: e.currentTarget.value })}
            />
          </SimpleGrid>
          {!disabled && (
            <Button
              variant="subtle"
              color="red"
              size="compact-sm"
              mt="sm"
              onClick={() =>
                form.setValue(
                  'credentials',
                  rows.filter((_, j) => j !== i),
                )
              }
            >
              Remove credential {i + 1}
            </Button>
          )}
        </Fieldset>
      ))}
      {!disabled && (
        <div>
          <Button variant="default" size="sm" onClick={() => form.setValue('credentials', [...rows, newRow()])}>
            Add credential
          </Button>
        </div>
      )}
    </Stack>
  );
}

export function UserForm(props: {
  mode: 'create' | 'edit';
  initialValues: UserFormValues;
  readOnly: boolean;
  submitting: boolean;
  onSubmit: (input: CreateInput | UpdateInput) => Promise<unknown>;
  onCancel: () => void;
  banner?: ReactNode;
}) {
  const { mode, readOnly } = props;
  const form = useZodForm({
    initialValues: props.initialValues,
    schema: mode === 'create' ? userCreate : userUpdate,
    toInput: mode === 'create' ? userCreateInput : userUpdateInput,
  });
  const locations = useLocationOptions({ includeInactive: true });
  const [saved, setSaved] = useState(false);
  const submit = form.onSubmit((input) => {
    flushSync(() => setSaved(true));
    props.onSubmit(input).then(
      // An edit stays on the page; the saved version re-mounts the form with its values.
      () => setSaved(false),
      (e: unknown) => {
        setSaved(false);
        form.showError(e);
      },
    );
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <UnsavedChangesPrompt when={form.isDirty && !saved && !readOnly} />
      <Stack gap="lg" maw={880}>
        {props.banner}
        <FormError message={form.formError} title="The user was not saved" />
        <Fieldset legend="Person" disabled={readOnly}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Name" required autoComplete="off" {...form.text('name')} />
            <TextInput
              label="Email"
              type="email"
              required={mode === 'create'}
              readOnly={mode === 'edit'}
              description={mode === 'edit' ? 'The sign-in address cannot be changed here' : 'Used to sign in'}
              autoComplete="off"
              {...form.text('email')}
            />
            <TextInput label="Phone" type="tel" autoComplete="off" {...form.text('phone')} />
            {mode === 'create' && (
              <PasswordInput
                label="Initial password"
                description="Optional. Leave blank to e-mail the user a link to choose their own."
                autoComplete="new-password"
                {...form.text('password')}
              />
            )}
            {mode === 'edit' && (
              <Switch
                label="Active"
                description="Inactive users cannot sign in; their history is kept."
                mt="md"
                {...form.checkbox('active')}
              />
            )}
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend="Access" disabled={readOnly}>
          <Stack gap="md">
            <Checkbox.Group label="Roles" description="What the user may do. Several roles add up." required {...form.group('roles')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
                {roles.map((r) => (
                  <Checkbox key={r} value={r} label={roleLabels[r]} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Checkbox.Group
              label="Locations"
              description="Clinical staff see patients of these locations (unless the organization limits them to their caseload)."
              {...form.group('locationIds')}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
                {locations.options.map((l) => (
                  <Checkbox key={l.value} value={l.value} label={l.label} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          </Stack>
        </Fieldset>

        <Fieldset legend="Licences and certifications" disabled={readOnly}>
          <CredentialsEditor form={form} disabled={readOnly} />
        </Fieldset>

        <Group gap="sm">
          {!readOnly && (
            <Button type="submit" loading={props.submitting}>
              Save user
            </Button>
          )}
          <Button variant="default" onClick={props.onCancel} disabled={props.submitting}>
            {readOnly ? 'Back to users' : 'Cancel'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
