import { Anchor, Badge, Button, Group, Modal, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { breakGlassReview, type breakGlassView } from '@openiop/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import { formatDateTime } from '../../lib/format';
import { useZodForm } from '../../lib/form';
import { Details } from '../../ui/details';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { PlainList } from '../../ui/plain-list';
import { FormError, QueryError } from '../../ui/query-error';
import { useBreakGlassList, useReviewBreakGlass, type ReviewFilter } from './api';

type Access = z.infer<typeof breakGlassView>;

function ReviewDialog({ access, onClose }: { access: Access | null; onClose: () => void }) {
  const review = useReviewBreakGlass();
  const form = useZodForm({ initialValues: { note: '' }, schema: breakGlassReview, toInput: (v) => v });
  const close = () => {
    form.reset({ note: '' });
    onClose();
  };
  const onSubmit = form.onSubmit((input) => {
    if (!access) return;
    review.mutate(
      { id: access.id, input },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: 'Emergency access marked as reviewed.' });
          close();
        },
        onError: (e) => form.showError(e),
      },
    );
  });
  return (
    <Modal opened={access !== null} onClose={close} title="Review emergency access">
      {access && (
        <form ref={form.formRef} onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <Text size="sm">
              {access.userName} opened a chart on {formatDateTime(access.grantedAt)}, giving this reason:
            </Text>
            <Text size="sm" component="blockquote" m={0} pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-gray-4)' }}>
              {access.reason}
            </Text>
            <FormError message={form.formError} />
            <Textarea
              label="Review note"
              description="Was the access justified? What follow-up, if any?"
              required
              autosize
              minRows={3}
              maxLength={500}
              data-autofocus
              {...form.text('note')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={review.isPending}>
                Mark reviewed
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

export function BreakGlassReviewPage() {
  const [status, setStatus] = useState<ReviewFilter>('unreviewed');
  const list = useBreakGlassList(status);
  const [reviewing, setReviewing] = useState<Access | null>(null);

  return (
    <>
      <PageHeader
        title="Break-glass review"
        description="Every emergency access to a chart, for a program director to review."
        actions={
          <SegmentedControl
            aria-label="Show"
            value={status}
            onChange={(v) => setStatus(v === 'all' ? 'all' : 'unreviewed')}
            data={[
              { value: 'unreviewed', label: 'Awaiting review' },
              { value: 'all', label: 'All' },
            ]}
          />
        }
      />
      {list.isPending ? (
        <Loading label="Loading emergency accesses" />
      ) : list.isError ? (
        <QueryError what="emergency accesses" error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text fw={600}>{status === 'unreviewed' ? 'Nothing awaits review.' : 'No emergency access yet.'}</Text>
        </Paper>
      ) : (
        <PlainList aria-label="Emergency accesses">
          {list.data.map((a) => (
            <Paper key={a.id} withBorder p="md" component="li">
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm" mb="sm">
                <div>
                  <Title order={2} size="h5">
                    {a.userName}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {formatDateTime(a.grantedAt)}
                  </Text>
                </div>
                {a.reviewedAt ? (
                  <Badge color="green" variant="light">
                    Reviewed
                  </Badge>
                ) : (
                  <Badge color="orange" variant="light">
                    Awaiting review
                  </Badge>
                )}
              </Group>
              <Text size="sm" mb="sm">
                <Text span fw={600}>
                  Reason:{' '}
                </Text>
                {a.reason}
              </Text>
              <Details
                items={[
                  { label: 'Access until', value: formatDateTime(a.expiresAt) },
                  {
                    label: 'Patient',
                    value: (
                      <Anchor component={Link} to={`/patients/${a.patientId}`}>
                        Open chart
                      </Anchor>
                    ),
                  },
                  ...(a.reviewedAt
                    ? [
                        { label: 'Reviewed', value: `${formatDateTime(a.reviewedAt)}${a.reviewedBy ? ` by ${a.reviewedBy}` : ''}` },
                        { label: 'Review note', value: a.reviewNote ?? '—' },
                      ]
                    : []),
                ]}
              />
              {!a.reviewedAt && (
                <Button
                  mt="md"
                  size="sm"
                  onClick={() => setReviewing(a)}
                  aria-label={`Review access by ${a.userName} on ${formatDateTime(a.grantedAt)}`}
                >
                  Review
                </Button>
              )}
            </Paper>
          ))}
        </PlainList>
      )}
      <ReviewDialog access={reviewing} onClose={() => setReviewing(null)} />
    </>
  );
}
