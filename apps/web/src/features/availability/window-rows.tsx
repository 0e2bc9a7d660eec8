import { Button, Checkbox, Fieldset, Group, NativeSelect, Stack, Text } from '@mantine/core';
import type { Weekday } from '@openiop/core';
import type { ReactNode } from 'react';
import { dayNames, dayShort, timeOptions } from './labels';

/** One row of a windows form: the days it applies to and its times; `extra` carries e.g. a busy kind or a location. */
export interface WindowRow<E = undefined> {
  key: string;
  days: number[];
  start: number;
  end: number;
  extra: E;
}

let seq = 0;
export const rowKey = (): string => `row-${(seq += 1)}`;

/** Stored windows → one row per window (the person may then tick more days on a row). */
export const rowsOf = <E, W extends { weekday: number; start: number; end: number }>(
  windows: readonly W[],
  extra: (w: W) => E,
): WindowRow<E>[] => windows.map((w) => ({ key: rowKey(), days: [w.weekday], start: w.start, end: w.end, extra: extra(w) }));

/** Rows → one window per ticked day, for the api (which merges and sorts them). */
export const windowsOf = <E,>(rows: readonly WindowRow<E>[]) =>
  rows.flatMap((r) => r.days.map((weekday) => ({ weekday: weekday as Weekday, start: r.start, end: r.end, extra: r.extra })));

/** What is wrong with a row before it is sent; null when it is fine. */
export function rowProblem(r: WindowRow<unknown>): { days?: string; end?: string } | null {
  const p: { days?: string; end?: string } = {};
  if (!r.days.length) p.days = 'Choose at least one day';
  if (r.end <= r.start) p.end = 'Must be after the start';
  return p.days || p.end ? p : null;
}

/**
 * Add and remove rows of weekly times: days as tick boxes, times as plain selects on the 15-minute grid. Every
 * control is a labelled native input with a large touch target, so it works by keyboard and on a phone, with no
 * drag anywhere.
 */
export function WindowRows<E>(props: {
  rows: WindowRow<E>[];
  onChange: (rows: WindowRow<E>[]) => void;
  /** "Busy time", "Available", "Working hours": names each row for screen readers. */
  noun: string;
  newRow: () => WindowRow<E>;
  addLabel: string;
  extraField?: (row: WindowRow<E>, set: (extra: E) => void, label: string) => ReactNode;
  times?: { start: number; end: number };
  showErrors: boolean;
  size?: 'sm' | 'md';
}) {
  const { rows, onChange, noun, times = { start: 0, end: 1440 }, size = 'md' } = props;
  const options = timeOptions(times.start, times.end);
  const set = (i: number, patch: Partial<WindowRow<E>>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap="sm">
      {rows.length === 0 && <Text c="dimmed">None yet.</Text>}
      {rows.map((r, i) => {
        const label = `${noun} ${i + 1}`;
        const problem = props.showErrors ? rowProblem(r) : null;
        return (
          <Fieldset key={r.key} legend={label} p="sm">
            <Stack gap="xs">
              {props.extraField?.(r, (extra) => set(i, { extra }), label)}
              <Checkbox.Group
                label="Days"
                value={r.days.map(String)}
                onChange={(v) => set(i, { days: v.map(Number).sort((a, b) => a - b) })}
                error={problem?.days}
              >
                <Group gap="xs" mt={4}>
                  {dayShort.map((d, n) => (
                    <Checkbox key={d} value={String(n)} label={d} aria-label={`${dayNames[n]} (${label})`} size={size} />
                  ))}
                </Group>
              </Checkbox.Group>
              <Group grow gap="xs" align="flex-start">
                <NativeSelect
                  label="From"
                  size={size}
                  data={options}
                  value={String(r.start)}
                  onChange={(e) => set(i, { start: Number(e.currentTarget.value) })}
                />
                <NativeSelect
                  label="To"
                  size={size}
                  data={options}
                  value={String(r.end)}
                  error={problem?.end}
                  onChange={(e) => set(i, { end: Number(e.currentTarget.value) })}
                />
              </Group>
              <Group justify="flex-end">
                <Button
                  variant="subtle"
                  color="red"
                  size={size === 'md' ? 'sm' : 'xs'}
                  onClick={() => onChange(rows.filter((_, j) => j !== i))}
                >
                  Remove {label.toLowerCase()}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        );
      })}
      <div>
        <Button variant="light" size={size === 'md' ? 'md' : 'sm'} onClick={() => onChange([...rows, props.newRow()])}>
          {props.addLabel}
        </Button>
      </div>
    </Stack>
  );
}
