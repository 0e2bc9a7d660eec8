import { Radio, Stack, Text, Title } from '@mantine/core';
import type { Answers, InstrumentDefinitionView } from '@openiop/core';
import { withAnswer, isAskedNow } from './answers';
import classes from './questionnaire.module.css';

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
