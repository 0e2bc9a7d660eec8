import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { levelOfCareLabels, placementAddOnLabels, withdrawalNeedLabels, type LevelOfCare, type RecommendationView } from '@openiop/core';

const level = (l: LevelOfCare) => `${l} ${levelOfCareLabels[l]}`;

/**
 * The recommended level of care with every rule that fired, in plain words: the deciding rules first-class,
 * the others listed too, so a reviewer sees exactly why. Announced politely as ratings change.
 */
export function RecommendationPanel({ recommendation, unrated }: { recommendation: RecommendationView | null; unrated: number }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="recommendation-heading">
      <Title order={2} size="h4" id="recommendation-heading" mb="sm">
        Recommendation
      </Title>
      <div aria-live="polite">
        {!recommendation ? (
          <Text c="dimmed">
            Rate all six dimensions to see a recommendation ({unrated} still unrated). An unrated dimension is never counted as 0.
          </Text>
        ) : (
          <Stack gap="sm">
            <div>
              <Text size="xl" fw={700} data-testid="recommended-level">
                {level(recommendation.level)}
              </Text>
              <Text size="sm">{withdrawalNeedLabels[recommendation.withdrawalManagement]}</Text>
            </div>
            {recommendation.addOns.length > 0 && (
              <Group gap="xs">
                {recommendation.addOns.map((a) => (
                  <Badge key={a} color={a === 'emergency_evaluation' ? 'red' : 'blue'} variant="light">
                    {placementAddOnLabels[a]}
                  </Badge>
                ))}
              </Group>
            )}
            {recommendation.alsoConsider.length > 0 && (
              <Text size="sm">Also consider: {recommendation.alsoConsider.map(level).join(', ')}</Text>
            )}
            <Title order={3} size="h5" mt="xs">
              Rules that fired
            </Title>
            <List spacing="xs" size="sm" aria-label="Rules that fired">
              {recommendation.firedRules.map((f) => (
                <List.Item key={f.ruleId}>
                  <Text size="sm" fw={f.deciding ? 600 : 400}>
                    {f.deciding && (
                      <Badge size="xs" mr={6} variant="filled">
                        Deciding
                      </Badge>
                    )}
                    {f.text}
                  </Text>
                  {f.because.length > 0 && (
                    <Text size="xs" c="dimmed">
                      Because: {f.because.join('; ')}
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
            <Text size="xs" c="dimmed">
              Rule set {recommendation.ruleSetId} {recommendation.ruleSetVersion} — {recommendation.editionLabel}
            </Text>
          </Stack>
        )}
      </div>
    </Paper>
  );
}
