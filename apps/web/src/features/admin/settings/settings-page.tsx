import { Button, Checkbox, Fieldset, Group, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { roleLabels, roles, settingsUpdate, type SettingsView } from '@openiop/core';
import { useState } from 'react';
import type { z } from 'zod';
import { isApiError } from '../../../lib/api-client';
import { changedFields, useZodForm } from '../../../lib/form';
import { Loading } from '../../../ui/loading';
import { PageHeader } from '../../../ui/page-header';
import { FormError, QueryError } from '../../../ui/query-error';
import { StaleRecordAlert } from '../../../ui/stale-record';
import { useSettings, useUpdateSettings } from './api';

type Values = {
  name: string;
  idleTimeoutMinutes: string;
  caseloadOnly: boolean;
  mfaRequiredRoles: string[];
  breakGlassMinutes: string;
  planReviewDays: string;
};
type Input = z.input<typeof settingsUpdate>;

const toNumber = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));

function toValues(s: SettingsView): Values {
  return {
    name: s.name,
    idleTimeoutMinutes: String(s.idleTimeoutMinutes),
    caseloadOnly: s.caseloadOnly,
    mfaRequiredRoles: s.mfaRequiredRoles,
    breakGlassMinutes: String(s.breakGlassMinutes),
    planReviewDays: String(s.planReviewDays),
  };
}

function toInput(v: Values): Input {
  return {
    name: v.name,
    idleTimeoutMinutes: toNumber(v.idleTimeoutMinutes),
    caseloadOnly: v.caseloadOnly,
    mfaRequiredRoles: v.mfaRequiredRoles as NonNullable<Input['mfaRequiredRoles']>,
    breakGlassMinutes: toNumber(v.breakGlassMinutes),
    planReviewDays: toNumber(v.planReviewDays),
  };
}

function SettingsForm(props: {
  settings: SettingsView;
  etag: string | null;
  stale: boolean;
  onStale: () => void;
  onReload: () => void;
  reloading: boolean;
}) {
  const update = useUpdateSettings();
  const form = useZodForm({ initialValues: toValues(props.settings), schema: settingsUpdate, toInput });
  const submit = form.onSubmit((input) => {
    const changes = changedFields(toInput(toValues(props.settings)), input);
    if (Object.keys(changes).length === 0) {
      notifications.show({ message: 'Nothing changed, so nothing was saved.' });
      return;
    }
    update.mutate(
      { input: changes, etag: props.etag },
      {
        onSuccess: () => notifications.show({ color: 'green', message: 'Settings saved.' }),
        onError: (e) => (isApiError(e) && e.code === 'PRECONDITION_FAILED' ? props.onStale() : form.showError(e)),
      },
    );
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="lg" maw={800}>
        {props.stale && <StaleRecordAlert reloading={props.reloading} onReload={props.onReload} />}
        <FormError message={form.formError} title="The settings were not saved" />
        <Fieldset legend="Organization">
          <TextInput label="Organization name" required {...form.text('name')} />
        </Fieldset>
        <Fieldset legend="Sign-in and sessions">
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label="Idle sign-out (minutes)"
                description="Sign staff out after this long without activity (2–240)"
                type="number"
                inputMode="numeric"
                min={2}
                max={240}
                required
                {...form.text('idleTimeoutMinutes')}
              />
              <TextInput
                label="Emergency access length (minutes)"
                description="How long break-the-glass access lasts (5–720)"
                type="number"
                inputMode="numeric"
                min={5}
                max={720}
                required
                {...form.text('breakGlassMinutes')}
              />
              <TextInput
                label="Treatment plan review (days)"
                description="How often a signed plan is reviewed (7–180); a level-of-care change makes a review due at once"
                type="number"
                inputMode="numeric"
                min={7}
                max={180}
                required
                {...form.text('planReviewDays')}
              />
            </SimpleGrid>
            <Checkbox.Group
              label="Roles that must use two-step verification"
              description="Users with these roles set it up at their next sign-in."
              {...form.group('mfaRequiredRoles')}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
                {roles.map((r) => (
                  <Checkbox key={r} value={r} label={roleLabels[r]} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          </Stack>
        </Fieldset>
        <Fieldset legend="Patient privacy">
          <Switch
            label="Clinical staff see only their caseload"
            description="When off, clinicians, medical staff and peers see every patient of their locations."
            {...form.checkbox('caseloadOnly')}
          />
        </Fieldset>
        <Group>
          <Button type="submit" loading={update.isPending}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SettingsPage() {
  const settings = useSettings();
  const [stale, setStale] = useState(false);
  return (
    <>
      <PageHeader title="Settings" description="Organization-wide rules for sign-in and patient privacy." />
      {settings.isPending ? (
        <Loading label="Loading settings" />
      ) : settings.isError ? (
        <QueryError what="settings" error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm
          key={settings.data.data.version}
          settings={settings.data.data}
          etag={settings.data.etag}
          stale={stale}
          onStale={() => setStale(true)}
          reloading={settings.isFetching}
          onReload={() => void settings.refetch().then(() => setStale(false))}
        />
      )}
    </>
  );
}
