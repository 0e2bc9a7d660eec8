import { Radio, Stack, Text, Title } from '@mantine/core';
import type { Answers, InstrumentDefinitionView } from '@openiop/core';
import classes from './questionnaire.module.css';

type Item = InstrumentDefinitionView['items'][number];

/** Whether an item is asked given the answers so far (the same rule the scorer applies). */
export function isAskedNow(item: Item, answers: Answers): boolean {
  if (!item.askWhen) return true;
  const { anyOf, values } = item.askWhen;
  return anyOf.some((id) => answers[id] !== undefined && values.includes(answers[id]));
}

/** Sets one answer and drops answers to items that the change makes no longer asked (ASQ 5, BAM 7A–G). */
export function withAnswer(def: InstrumentDefinitionView, answers: Answers, itemId: string, value: number): Answers {
  const next: Answers = { ...answers, [itemId]: value };
  for (const item of def.items) if (!isAskedNow(item, next)) delete next[item.id];
  return next;
}

export function unansweredCount(def: InstrumentDefinitionView, answers: Answers): number {
  return def.items.filter((i) => isAskedNow(i, answers) && answers[i.id] === undefined).length;
}

/**
 * One radio group per item, each answer a full-width row with a large touch target. Native radios: Tab moves
 * between items, arrow keys between answers.
 */
export function QuestionnaireForm(props: {
  definition: InstrumentDefinitionView;
  answers: Answers;
  onChange: (next: Answers) => void;
  errors?: Record<string, string>;
  disabled?: boolean;
}) {
  const { definition: def, answers } = props;
  const asked = def.items.filter((i) => isAskedNow(i, answers));
  return (
    <Stack gap="xl">
      <Text fw={500}>{def.instructions}</Text>
      {asked.map((item, index) => (
        <div key={item.id}>
          {item.lead && (
            <Title order={3} size="h5" mb="xs">
              {item.lead}
            </Title>
          )}
          <Radio.Group
            label={`${index + 1}. ${item.text}`}
            value={answers[item.id] === undefined ? null : String(answers[item.id])}
            onChange={(v) => props.onChange(withAnswer(def, answers, item.id, Number(v)))}
            error={props.errors?.[`items.${item.id}`]}
            name={`item-${item.id}`}
            styles={{ label: { fontSize: 'var(--mantine-font-size-md)', marginBottom: 8, fontWeight: 600 } }}
          >
            <Stack gap="xs">
              {item.options.map((o) => (
                <Radio
                  key={o.value}
                  value={String(o.value)}
                  label={o.label}
                  disabled={props.disabled}
                  classNames={{ root: classes.option, label: classes.label }}
                  styles={{ body: { alignItems: 'center' }, labelWrapper: { flex: 1 } }}
                  size="md"
                />
              ))}
            </Stack>
          </Radio.Group>
        </div>
      ))}
    </Stack>
  );
}

/** Field errors from a problem's `items.<id>` paths. */
export function itemErrors(errors: { path: string; message: string }[]): Record<string, string> {
  return Object.fromEntries(errors.map((e) => [e.path, e.message]));
}
