import { Anchor, Badge, Button, Card, Group, Menu, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { inquiryStageLabels, referralSourceLabels, stageMovesFrom, type InquiryCard as Card_, type InquiryStage } from '@openiop/core';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { useMoveInquiry } from './api';
import { urgencyColors, urgencyLabels, verdictColors, verdictLabels } from './labels';

/** A board card: who, how urgent, from where, the next follow-up (overdue in red), and keyboard stage moves. */
export function InquiryCard(props: { card: Card_; canWrite: boolean; onEnd: (card: Card_, to: 'lost' | 'referred_elsewhere') => void }) {
  const { card } = props;
  const move = useMoveInquiry();
  const moves = stageMovesFrom(card.stage);
  const go = (to: InquiryStage) => {
    if (to === 'lost' || to === 'referred_elsewhere') return props.onEnd(card, to);
    move.mutate(
      { id: card.id, version: card.version, move: { to } },
      {
        onSuccess: () => notifications.show({ message: `${card.displayName} moved to ${inquiryStageLabels[to]}.` }),
        onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
      },
    );
  };
  return (
    <Card withBorder padding="sm" component="article" aria-label={card.displayName}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Anchor component={Link} to={`/admissions/${card.id}`} fw={600} style={{ minWidth: 0 }}>
            {card.displayName}
          </Anchor>
          <Badge color={urgencyColors[card.urgency]} variant="light">
            {urgencyLabels[card.urgency]}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {referralSourceLabels[card.referralSource]}
          {card.channel === 'web_form' ? ' · web form' : ''}
        </Text>
        {card.prescreenVerdict && (
          <Badge color={verdictColors[card.prescreenVerdict]} variant="outline" size="sm">
            {verdictLabels[card.prescreenVerdict]}
          </Badge>
        )}
        {card.nextFollowUp ? (
          <Text size="sm" c={card.nextFollowUp.overdue ? 'red.8' : undefined} fw={card.nextFollowUp.overdue ? 600 : undefined}>
            {card.nextFollowUp.overdue ? 'Overdue: ' : 'Next: '}
            {card.nextFollowUp.what} · {formatDateTime(card.nextFollowUp.dueAt)}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            No follow-up planned
          </Text>
        )}
        {props.canWrite && moves.length > 0 && (
          <Menu position="bottom-start" withinPortal>
            <Menu.Target>
              <Button size="xs" variant="light" loading={move.isPending} aria-label={`Move ${card.displayName} to another stage`}>
                Move to…
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {moves.map((to) => (
                <Menu.Item key={to} onClick={() => go(to)}>
                  {inquiryStageLabels[to]}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Stack>
    </Card>
  );
}
