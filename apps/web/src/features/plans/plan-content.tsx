import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { PlanContent } from '@openiop/core';
import { formatDate } from '../../lib/format';
import { delivererRoleLabels } from './labels';

/**
 * A plan version read-only, in plain words: used on the plan page, the tablet hand-over and the person's phone.
 * Headings start at `level` so the page around it keeps its heading order.
 */
export function PlanContentView({ content, level = 2, plain = false }: { content: PlanContent; level?: 2 | 3; plain?: boolean }) {
  if (content.problems.length === 0) return <Text c="dimmed">No problems in this plan yet.</Text>;
  const sub = (level + 1) as 3 | 4;
  return (
    <Stack gap="md">
      {content.problems.map((p, i) => (
        <Paper key={p.id} withBorder p="md" radius="sm" component="section" aria-labelledby={`problem-${p.id}`}>
          <Title order={level} size="h5" id={`problem-${p.id}`}>
            {plain ? `What we will work on ${i + 1}: ` : `Problem ${i + 1}: `}
            {p.statement}
          </Title>
          {p.goals.length === 0 && (
            <Text size="sm" c="dimmed">
              No goals yet.
            </Text>
          )}
          {p.goals.map((g, j) => (
            <Stack key={g.id} gap={4} mt="sm">
              <Title order={sub} size="h6">
                {plain ? 'Your goal' : `Goal ${i + 1}.${j + 1}`}: “{g.text}”
              </Title>
              {g.objectives.length > 0 && (
                <>
                  <Text size="sm" fw={600}>
                    {plain ? 'Steps we will measure' : 'Objectives'}
                  </Text>
                  <List size="sm" spacing={2}>
                    {g.objectives.map((o) => (
                      <List.Item key={o.id}>
                        {o.text} —{' '}
                        {o.targetDate ? (
                          `by ${formatDate(o.targetDate)}`
                        ) : (
                          <Text span c="red.8">
                            no target date yet
                          </Text>
                        )}
                      </List.Item>
                    ))}
                  </List>
                </>
              )}
              {g.interventions.length > 0 && (
                <>
                  <Text size="sm" fw={600}>
                    {plain ? 'What your care team will do' : 'Interventions'}
                  </Text>
                  <List size="sm" spacing={2}>
                    {g.interventions.map((iv) => (
                      <List.Item key={iv.id}>
                        <Group gap={6} wrap="wrap">
                          <span>
                            {iv.name}, {iv.frequency.toLowerCase()}
                          </span>
                          <Badge variant="outline" size="sm" style={{ textTransform: 'none' }}>
                            {iv.delivererName
                              ? `${iv.delivererName} (${delivererRoleLabels[iv.delivererRole]})`
                              : delivererRoleLabels[iv.delivererRole]}
                          </Badge>
                        </Group>
                      </List.Item>
                    ))}
                  </List>
                </>
              )}
            </Stack>
          ))}
        </Paper>
      ))}
    </Stack>
  );
}
