import { Table, Text } from '@mantine/core';
import { dayNames, rangeText } from './labels';

/** A week of windows as a table by day: every day listed, so an empty day reads as "not available", not as missing. */
export function WeekGrid({
  windows,
  caption,
  empty = 'Not available',
}: {
  windows: readonly { weekday: number; start: number; end: number }[];
  caption: string;
  empty?: string;
}) {
  return (
    <Table withTableBorder layout="fixed" verticalSpacing="xs" captionSide="top">
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" w="38%">
            Day
          </Table.Th>
          <Table.Th scope="col">Times</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {dayNames.map((name, d) => {
          const day = windows.filter((w) => w.weekday === d);
          return (
            <Table.Tr key={name}>
              <Table.Th scope="row" fw={500}>
                {name}
              </Table.Th>
              <Table.Td>
                {day.length ? (
                  day.map(rangeText).join(', ')
                ) : (
                  <Text span c="dimmed" size="sm">
                    {empty}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
