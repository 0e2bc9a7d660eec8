import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  VisuallyHidden,
} from '@mantine/core';
import {
  disclosurePurposes,
  informationCategories,
  recipientClasses,
  type ConsentRecipient,
  type DisclosurePurpose,
  type InformationCategory,
  type RecipientClass,
} from '@openiop/core';
import { useState } from 'react';
import { PlainList } from '../../ui/plain-list';
import { categoryText, classText, purposeText } from './labels';
import type { Part2Values } from './part2-values';

export type Part2Errors = Partial<Record<keyof Part2Values, string>>;

/**
 * The §2.31 elements a Part 2 consent names: who may disclose, what, to whom, why and until when. Used to start a
 * consent and to finish a draft; the api says which elements are still missing.
 */
export function Part2Editor(props: { value: Part2Values; onChange: (next: Part2Values) => void; errors: Part2Errors; tpo: boolean }) {
  const { value: v, errors } = props;
  const set = <K extends keyof Part2Values>(key: K, val: Part2Values[K]) => props.onChange({ ...v, [key]: val });
  const purposes = props.tpo ? disclosurePurposes.filter((p) => p !== 'patient_request' && p !== 'other') : disclosurePurposes;

  return (
    <Stack gap="lg">
      <TextInput
        label="Who may disclose"
        description="This program's name, or a class of programs"
        value={v.discloser}
        error={errors.discloser}
        onChange={(e) => set('discloser', e.currentTarget.value)}
      />
      <Checkbox.Group
        label="What information"
        description="Kinds of substance use disorder information the recipients may receive"
        value={v.informationCategories}
        error={errors.informationCategories}
        onChange={(next) => set('informationCategories', next as InformationCategory[])}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
          {informationCategories.map((c) => (
            <Checkbox key={c} value={c} label={categoryText(c)} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Textarea
        label="Description of the information"
        description="In words the patient understands, e.g. “attendance and drug test results from this episode”"
        autosize
        minRows={2}
        value={v.informationDescription}
        error={errors.informationDescription}
        onChange={(e) => set('informationDescription', e.currentTarget.value)}
      />
      <RecipientsEditor recipients={v.recipients} error={errors.recipients} onChange={(r) => set('recipients', r)} tpo={props.tpo} />
      <Checkbox.Group
        label="Purpose"
        value={v.purposes}
        error={errors.purposes}
        onChange={(next) => set('purposes', next as DisclosurePurpose[])}
      >
        <Stack mt="xs" gap="xs">
          {purposes.map((p) => (
            <Checkbox key={p} value={p} label={purposeText(p)} />
          ))}
        </Stack>
      </Checkbox.Group>
      {v.purposes.includes('other') && (
        <TextInput
          label="Other purpose"
          value={v.purposeDetail}
          error={errors.purposeDetail}
          onChange={(e) => set('purposeDetail', e.currentTarget.value)}
        />
      )}
      <Radio.Group
        label="Expires"
        value={v.expirationKind}
        error={errors.expirationKind}
        onChange={(k) => set('expirationKind', k as Part2Values['expirationKind'])}
      >
        <Stack mt="xs" gap="xs">
          <Radio value="date" label="On a date" />
          <Radio value="event" label="When an event happens" />
          {props.tpo && <Radio value="none" label="Not until revoked" />}
        </Stack>
      </Radio.Group>
      {v.expirationKind === 'date' && (
        <TextInput
          type="date"
          label="Expiration date"
          value={v.expirationDate}
          onChange={(e) => set('expirationDate', e.currentTarget.value)}
        />
      )}
      {v.expirationKind === 'event' && (
        <Group align="flex-start" grow wrap="wrap">
          <Select
            label="Event"
            data={[
              { value: 'end_of_treatment', label: 'End of treatment (discharge)' },
              { value: 'other', label: 'Another event' },
            ]}
            allowDeselect={false}
            value={v.expirationEvent}
            onChange={(e) => set('expirationEvent', (e ?? 'end_of_treatment') as Part2Values['expirationEvent'])}
          />
          {v.expirationEvent === 'other' && (
            <TextInput
              label="Describe the event"
              value={v.expirationDescription}
              onChange={(e) => set('expirationDescription', e.currentTarget.value)}
            />
          )}
        </Group>
      )}
    </Stack>
  );
}

function RecipientsEditor(props: {
  recipients: ConsentRecipient[];
  onChange: (r: ConsentRecipient[]) => void;
  error?: string | undefined;
  tpo: boolean;
}) {
  const [mode, setMode] = useState<'named' | 'class'>(props.tpo ? 'class' : 'named');
  const [name, setName] = useState('');
  const [covered, setCovered] = useState(false);
  const [cls, setCls] = useState<RecipientClass | ''>('');
  const add = () => {
    if (mode === 'named' && name.trim()) {
      props.onChange([...props.recipients, { kind: 'named', name: name.trim(), coveredEntity: covered }]);
      setName('');
      setCovered(false);
    } else if (mode === 'class' && cls && !props.recipients.some((r) => r.kind === 'class' && r.class === cls)) {
      props.onChange([...props.recipients, { kind: 'class', class: cls }]);
      setCls('');
    }
  };
  return (
    <Fieldset legend="Recipients" variant="unstyled">
      {props.recipients.length === 0 ? (
        <Text size="sm" c={props.error ? 'red' : 'dimmed'} mb="xs">
          {props.error ?? 'No recipients yet.'}
        </Text>
      ) : (
        <PlainList gap="xs">
          {props.recipients.map((r, i) => {
            const label = r.kind === 'named' ? `${r.name}${r.coveredEntity ? ' (HIPAA covered entity)' : ''}` : classText(r.class);
            return (
              <Group key={`${label}-${i}`} component="li" justify="space-between" wrap="nowrap" gap="xs">
                <Text>{label}</Text>
                <Button variant="subtle" color="red.9" size="xs" onClick={() => props.onChange(props.recipients.filter((_, j) => j !== i))}>
                  Remove<VisuallyHidden> {label}</VisuallyHidden>
                </Button>
              </Group>
            );
          })}
        </PlainList>
      )}
      <SegmentedControl
        mt="sm"
        aria-label="Add a recipient"
        value={mode}
        onChange={(m) => setMode(m as 'named' | 'class')}
        data={[
          { value: 'named', label: 'By name' },
          { value: 'class', label: 'By class' },
        ]}
      />
      <Group align="flex-end" mt="xs" wrap="wrap">
        {mode === 'named' ? (
          <>
            <TextInput label="Recipient name" value={name} onChange={(e) => setName(e.currentTarget.value)} style={{ flex: '1 1 14rem' }} />
            <Checkbox
              label="HIPAA covered entity or business associate"
              checked={covered}
              onChange={(e) => setCovered(e.currentTarget.checked)}
            />
          </>
        ) : (
          <Select
            label="Class of recipients"
            data={recipientClasses.map((c) => ({ value: c, label: classText(c) }))}
            value={cls || null}
            onChange={(c) => setCls((c ?? '') as RecipientClass | '')}
            style={{ flex: '1 1 14rem' }}
          />
        )}
        <Button variant="light" onClick={add}>
          Add recipient
        </Button>
      </Group>
    </Fieldset>
  );
}
