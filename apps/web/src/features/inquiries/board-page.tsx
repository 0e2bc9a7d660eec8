import { Badge, Box, Button, Group, NativeSelect, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { inquiryStageLabels, inquiryStages, type InquiryCard as CardData, type InquiryStage } from '@openiop/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { Loading } from '../../ui/loading';
import { PageHeader } from '../../ui/page-header';
import { QueryError } from '../../ui/query-error';
import { useCan } from '../auth/session';
import { useBoard } from './api';
import { InquiryCard } from './inquiry-card';
import { StageMoveDialog } from './stage-move-dialog';

function Column(props: {
  stage: InquiryStage;
  canWrite: boolean;
  onEnd: (c: CardData, to: 'lost' | 'referred_elsewhere') => void;
  heading: boolean;
}) {
  const board = useBoard(props.stage);
  const count = board.data?.counts[props.stage];
  return (
    <Stack gap="sm" component="section" aria-labelledby={`stage-${props.stage}`} style={{ minWidth: 260, flex: '1 0 260px' }}>
      {props.heading && (
        <Group gap="xs">
          <Title order={2} size="h4" id={`stage-${props.stage}`}>
            {inquiryStageLabels[props.stage]}
          </Title>
          {count !== undefined && <Badge variant="light">{count}</Badge>}
        </Group>
      )}
      {!props.heading && (
        <span id={`stage-${props.stage}`} hidden>
          {inquiryStageLabels[props.stage]}
        </span>
      )}
      {board.isPending ? (
        <Loading label={`Loading ${inquiryStageLabels[props.stage]}`} />
      ) : board.isError ? (
        <QueryError error={board.error} what="this stage" onRetry={() => void board.refetch()} />
      ) : board.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          Nobody in this stage.
        </Text>
      ) : (
        board.data.items.map((c) => <InquiryCard key={c.id} card={c} canWrite={props.canWrite} onEnd={props.onEnd} />)
      )}
    </Stack>
  );
}

/** The admissions board: one column per stage on wide screens, a stage picker and one list on a phone. */
export function AdmissionsBoardPage() {
  const can = useCan();
  const canWrite = can('inquiry.write');
  const phone = useMediaQuery('(max-width: 48em)');
  const [stage, setStage] = useState<InquiryStage>('new');
  const [ending, setEnding] = useState<{ card: CardData; to: 'lost' | 'referred_elsewhere' } | null>(null);
  const counts = useBoard(null).data?.counts;
  const onEnd = (card: CardData, to: 'lost' | 'referred_elsewhere') => setEnding({ card, to });
  return (
    <>
      <PageHeader
        title="Admissions"
        description="From first call to admission"
        actions={
          canWrite && (
            <Button component={Link} to="/admissions/new">
              New inquiry
            </Button>
          )
        }
      />
      {phone ? (
        <Stack>
          <NativeSelect
            label="Stage"
            value={stage}
            onChange={(e) => setStage(e.currentTarget.value as InquiryStage)}
            data={inquiryStages.map((s) => ({ value: s, label: `${inquiryStageLabels[s]}${counts ? ` (${counts[s]})` : ''}` }))}
          />
          <Column stage={stage} canWrite={canWrite} onEnd={onEnd} heading={false} />
        </Stack>
      ) : (
        <ScrollArea type="auto" offsetScrollbars>
          <Box style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
            {inquiryStages.map((s) => (
              <Column key={s} stage={s} canWrite={canWrite} onEnd={onEnd} heading />
            ))}
          </Box>
        </ScrollArea>
      )}
      <StageMoveDialog
        inquiry={ending ? { id: ending.card.id, version: ending.card.version, displayName: ending.card.displayName } : null}
        to={ending?.to ?? null}
        onClose={() => setEnding(null)}
      />
    </>
  );
}
