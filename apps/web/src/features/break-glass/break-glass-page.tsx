import { Alert, Button, Group, List, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { breakGlassRequest } from '@openiop/core';
import { useNavigate, useSearchParams } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { useZodForm } from '../../lib/form';
import { PageHeader } from '../../ui/page-header';
import { FormError } from '../../ui/query-error';
import { useBreakGlass } from './api';

/**
 * Break the glass: temporary access to a chart outside the user's scope, for an emergency. The reason is
 * required, recorded, and reviewed later by a director.
 */
export function BreakGlassPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const breakGlass = useBreakGlass();
  const form = useZodForm({
    initialValues: { mrn: params.get('mrn') ?? '', reason: '' },
    schema: breakGlassRequest,
    toInput: (v) => ({ mrn: v.mrn.trim().toUpperCase(), reason: v.reason }),
  });

  const onSubmit = form.onSubmit((input) =>
    breakGlass.mutate(input, {
      onSuccess: (granted) => {
        notifications.show(
          granted.needed
            ? {
                color: 'orange',
                title: 'Emergency access granted',
                message: granted.expiresAt
                  ? `You can open this chart until ${formatDateTime(granted.expiresAt)}.`
                  : 'You can open this chart for a limited time.',
              }
            : { message: 'This patient is already in your care, so no emergency access was needed.' },
        );
        void navigate(`/patients/${granted.patientId}`);
      },
      onError: (e) => form.showError(e),
    }),
  );

  return (
    <>
      <PageHeader title="Emergency access" description="Break the glass to open a chart outside your caseload." />
      <Stack gap="md" maw={640}>
        <Alert color="orange" variant="light" title="Use only when a patient's care needs it now">
          <List size="sm" spacing={4}>
            <List.Item>Access lasts a limited time and covers only this patient.</List.Item>
            <List.Item>Your name, your reason and everything you open are recorded.</List.Item>
            <List.Item>A program director reviews every emergency access.</List.Item>
          </List>
        </Alert>
        <form ref={form.formRef} onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <FormError message={form.formError} title="Access was not granted" />
            <TextInput
              label="MRN"
              description="The patient's medical record number"
              required
              autoComplete="off"
              spellCheck={false}
              maw={280}
              {...form.text('mrn')}
            />
            <Textarea
              label="Reason"
              description="Why you need this chart now, in at least 10 characters. Reviewers read this."
              required
              autosize
              minRows={3}
              maxLength={500}
              {...form.text('reason')}
            />
            <Group>
              <Button type="submit" color="orange" loading={breakGlass.isPending}>
                Open chart
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </>
  );
}
