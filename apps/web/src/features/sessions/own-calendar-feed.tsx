import { Card } from '@mantine/core';
import { useCan } from '../auth/session';
import { CalendarFeedControls } from './calendar-feed-controls';

/** On the account page: the staff member's own calendar feed of the sessions they run. */
export function OwnCalendarFeedCard() {
  const can = useCan();
  if (!can('calendar_feed.manage')) return null;
  return (
    <Card withBorder padding="lg" maw={720} mt="lg">
      <CalendarFeedControls patientId={null} headingId="own-feed-heading" />
    </Card>
  );
}
