import { Button, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { substanceFrequencies, substanceFrequencyLabels, substanceRouteLabels, substanceRoutes, type SubstanceUseRow } from '@openiop/core';

const frequencyOptions = substanceFrequencies.map((value) => ({ value, label: substanceFrequencyLabels[value] }));
const routeOptions = substanceRoutes.map((value) => ({ value, label: substanceRouteLabels[value] }));
const emptyRow: SubstanceUseRow = {
  substance: '',
  ageAtFirstUse: null,
  frequency: null,
  route: null,
  amount: '',
  lastUse: null,
  longestAbstinence: '',
};

/**
 * The substance use history, one row per substance. On a phone each row is a stacked group of fields rather
 * than a wide table; adding a row moves focus to its first field, removing one moves focus to the add button.
 */
export function SubstanceTable(props: {
  rows: SubstanceUseRow[];
  readOnly: boolean;
  errors: Record<string, string>;
  onChange: (rows: SubstanceUseRow[]) => void;
}) {
  const { rows } = props;
  const focusRow = useRef<number | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusRow.current === null) return;
    const target = focusRow.current;
    focusRow.current = null;
    if (target < 0) addButton.current?.focus();
    else document.getElementById(`substance-${target}-name`)?.focus();
  }, [rows.length]);

  const set = (i: number, patch: Partial<SubstanceUseRow>) => props.onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const err = (i: number, field: string) => props.errors[`document.substanceUse.substances.${i}.${field}`];

  return (
    <Stack gap="md">
      {props.errors['document.substanceUse.substances'] && (
        <Text c="red" size="sm" role="alert">
          {props.errors['document.substanceUse.substances']}
        </Text>
      )}
      {rows.length === 0 && <Text c="dimmed">No substances recorded yet.</Text>}
      {rows.map((row, i) => (
        <Fieldset key={i} legend={`Substance ${i + 1}${row.substance ? `: ${row.substance}` : ''}`} disabled={props.readOnly}>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
            <TextInput
              id={`substance-${i}-name`}
              label="Substance"
              value={row.substance ?? ''}
              error={err(i, 'substance')}
              onChange={(e) => set(i, { substance: e.currentTarget.value })}
            />
            <NumberInput
              label="Age at first use"
              min={0}
              max={120}
              allowDecimal={false}
              value={row.ageAtFirstUse ?? ''}
              error={err(i, 'ageAtFirstUse')}
              onChange={(v) => set(i, { ageAtFirstUse: typeof v === 'number' ? v : null })}
            />
            <Select
              label="Frequency (past 30 days)"
              data={frequencyOptions}
              value={row.frequency ?? null}
              error={err(i, 'frequency')}
              onChange={(v) => set(i, { frequency: (v as SubstanceUseRow['frequency']) ?? null })}
            />
            <Select
              label="Route"
              data={routeOptions}
              value={row.route ?? null}
              error={err(i, 'route')}
              onChange={(v) => set(i, { route: (v as SubstanceUseRow['route']) ?? null })}
            />
            <TextInput
              label="Typical amount"
              value={row.amount ?? ''}
              error={err(i, 'amount')}
              onChange={(e) => set(i, { amount: e.currentTarget.value })}
            />
            <TextInput
              type="date"
              label="Last use"
              value={row.lastUse ?? ''}
              error={err(i, 'lastUse')}
              onChange={(e) => set(i, { lastUse: e.currentTarget.value || null })}
            />
            <TextInput
              label="Longest abstinence"
              value={row.longestAbstinence ?? ''}
              error={err(i, 'longestAbstinence')}
              onChange={(e) => set(i, { longestAbstinence: e.currentTarget.value })}
            />
          </SimpleGrid>
          {!props.readOnly && (
            <Group justify="flex-end" mt="sm">
              <Button
                variant="subtle"
                color="red"
                size="xs"
                aria-label={`Remove substance ${i + 1}`}
                onClick={() => {
                  focusRow.current = -1;
                  props.onChange(rows.filter((_, j) => j !== i));
                }}
              >
                Remove
              </Button>
            </Group>
          )}
        </Fieldset>
      ))}
      {!props.readOnly && (
        <Group>
          <Button
            ref={addButton}
            variant="light"
            onClick={() => {
              focusRow.current = rows.length;
              props.onChange([...rows, { ...emptyRow }]);
            }}
          >
            Add substance
          </Button>
        </Group>
      )}
    </Stack>
  );
}
