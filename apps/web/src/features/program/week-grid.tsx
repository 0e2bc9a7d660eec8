import { Badge, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { ProgramView, TemplateView } from '@openiop/core';
import classes from './week-grid.module.css';
import { WEEKDAYS, clock, modalityLabels } from './labels';

const kindColor = { morning: 'yellow', afternoon: 'orange', evening: 'indigo', weekend: 'teal' } as const;

/**
 * The weekly groups as a week: one column per day (stacked on a phone), each group a block at its time, showing
 * topic, track, room and capacity. Blocks open the editor for those who may change the program.
 */
export function WeekGrid(props: { program: ProgramView; onEdit?: (t: TemplateView) => void }) {
  const { program } = props;
  const trackOf = (id: string) => program.tracks.find((t) => t.id === id);
  const roomOf = (id: string | null) => program.rooms.find((r) => r.id === id);
  return (
    <SimpleGrid cols={{ base: 1, lg: 7 }} spacing="xs" role="list" aria-label="Weekly groups by day">
      {WEEKDAYS.map((day, weekday) => {
        const groups = program.templates.filter((t) => t.weekday === weekday).sort((a, b) => a.startMinute - b.startMinute);
        return (
          <Paper key={day} withBorder p="xs" role="listitem" className={classes.day}>
            <Title order={3} size="h5" mb="xs">
              {day}
            </Title>
            {groups.length === 0 ? (
              <Text size="sm" c="dimmed">
                No groups
              </Text>
            ) : (
              <Stack gap="xs" component="ul" className={classes.blocks}>
                {groups.map((t) => {
                  const track = trackOf(t.trackId);
                  const room = roomOf(t.roomId);
                  const when = `${clock(t.startMinute)}–${clock(t.startMinute + t.durationMinutes)}`;
                  const body = (
                    <>
                      <Text size="xs" fw={600}>
                        {when}
                      </Text>
                      <Text size="sm" fw={700} lh={1.2}>
                        {t.topic}
                      </Text>
                      <Text size="xs">{track ? `${track.name} · ${modalityLabels[track.modality]}` : 'Unknown track'}</Text>
                      <Text size="xs">
                        {room ? room.name : 'Virtual'} · {t.capacity} places
                      </Text>
                      {!t.active && (
                        <Badge size="xs" color="gray" variant="outline">
                          Retired
                        </Badge>
                      )}
                    </>
                  );
                  const color = track ? kindColor[track.kind] : 'gray';
                  return (
                    <li key={t.id} className={classes.block} data-color={color} data-retired={!t.active || undefined}>
                      {props.onEdit ? (
                        <UnstyledButton
                          className={classes.button}
                          onClick={() => props.onEdit?.(t)}
                          aria-label={`Edit ${t.topic}, ${day} ${when}`}
                        >
                          {body}
                        </UnstyledButton>
                      ) : (
                        <div className={classes.button}>{body}</div>
                      )}
                    </li>
                  );
                })}
              </Stack>
            )}
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
