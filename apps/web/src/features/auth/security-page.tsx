import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { PageHeader } from '../../ui/page-header';
import { useRefreshSession } from './api';
import { MfaEnrolment } from './mfa-enrolment';
import { useMe } from './session';
import { OwnCalendarFeedCard } from '../sessions/own-calendar-feed';
import { StaffScheduleSection } from '../availability/staff-schedule-section';

/** The user's own account security: two-step verification. */
export function SecurityPage() {
  const me = useMe();
  const refresh = useRefreshSession();
  const [enrolling, setEnrolling] = useState(false);
  const enabled = me.user.mfaEnabled;

  const done = () => {
    setEnrolling(false);
    void refresh();
    notifications.show({ color: 'green', message: 'Two-step verification is on.' });
  };

  return (
    <>
      <PageHeader title="Security" description={`Signed in as ${me.user.email}`} />
      <Card withBorder padding="lg" maw={720}>
        <Stack gap="md">
          <Group justify="space-between" wrap="wrap">
            <Title order={2} size="h4">
              Two-step verification
            </Title>
            <Badge color={enabled ? 'green' : 'gray'} variant="light">
              {enabled ? 'On' : 'Off'}
            </Badge>
          </Group>
          {enabled && !enrolling && (
            <>
              <Text size="sm">When you sign in, openiop asks for a code from your authenticator app as well as your password.</Text>
              <Text size="sm">
                New phone? Set it up again. Your old authenticator entry and your old recovery codes will stop working once you confirm the
                new one.
              </Text>
              <div>
                <Button variant="default" onClick={() => setEnrolling(true)}>
                  Set up on a new phone
                </Button>
              </div>
            </>
          )}
          {(!enabled || enrolling) && (
            <>
              {!enabled && (
                <Text size="sm">
                  Two-step verification protects patients&apos; records even if your password is stolen: signing in also needs a code from
                  your phone.
                </Text>
              )}
              <MfaEnrolment onDone={done} headingLevel={3} />
              {enrolling && (
                <div>
                  <Button variant="subtle" onClick={() => setEnrolling(false)}>
                    Cancel
                  </Button>
                </div>
              )}
            </>
          )}
        </Stack>
      </Card>
      <OwnCalendarFeedCard />
      <StaffScheduleSection userId={me.user.id} own />
    </>
  );
}
