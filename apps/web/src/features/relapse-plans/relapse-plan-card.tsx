import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import type { PersonRelapsePlan } from '@openiop/core';
import type { ReactNode } from 'react';
import { formatDate } from '../../lib/format';
import { PlainList } from '../../ui/plain-list';

function Part({ title, items, id }: { title: string; items: ReactNode[]; id: string }) {
  if (!items.length) return null;
  return (
    <section aria-labelledby={id}>
      <Title order={3} size="h5" id={id} mb={4}>
        {title}
      </Title>
      <PlainList gap={2}>
        {items.map((x, i) => (
          <Text key={i} component="li" size="md">
            {x}
          </Text>
        ))}
      </PlainList>
    </section>
  );
}

/**
 * The person's relapse-prevention plan as they see it on their phone: presentational only (the caller loads the plan,
 * e.g. from `currentPlanForPerson` on the person's own link page, or from the chart). Phone numbers are tap-to-call.
 */
export function RelapsePlanCard({ plan, idPrefix = 'rpp' }: { plan: PersonRelapsePlan; idPrefix?: string }) {
  const c = plan.content;
  const t = c.triggers;
  return (
    <Paper withBorder p="md" radius="md" maw={480} component="article" aria-labelledby={`${idPrefix}-title`}>
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id={`${idPrefix}-title`}>
            My relapse-prevention plan
          </Title>
          <Text size="sm" c="dimmed">
            Version {plan.number} · {formatDate(plan.finalisedAt.slice(0, 10))}
          </Text>
        </div>
        <Part id={`${idPrefix}-reasons`} title="Why I am in recovery" items={c.reasons} />
        <Part
          id={`${idPrefix}-contacts`}
          title="People to call"
          items={c.contacts.map((p) => (
            <>
              {p.name}
              {p.relationship ? ` (${p.relationship})` : ''}: <Anchor href={`tel:${p.phone.replace(/[^0-9+]/g, '')}`}>{p.phone}</Anchor>
            </>
          ))}
        />
        <Part
          id={`${idPrefix}-triggers`}
          title="My triggers"
          items={[
            ...t.people.map((x) => `People: ${x}`),
            ...t.places.map((x) => `Places: ${x}`),
            ...t.feelings.map((x) => `Feelings: ${x}`),
            ...t.times.map((x) => `Times: ${x}`),
          ]}
        />
        <Part id={`${idPrefix}-signs`} title="Early warning signs" items={c.warningSigns} />
        <Part id={`${idPrefix}-coping`} title="What works for me" items={c.copingStrategies} />
        <Part id={`${idPrefix}-lapse`} title="If I slip" items={c.afterLapse} />
        <Text size="sm">
          In an emergency call <Anchor href="tel:911">911</Anchor>. Crisis line: call or text <Anchor href="tel:988">988</Anchor>.
        </Text>
      </Stack>
    </Paper>
  );
}
