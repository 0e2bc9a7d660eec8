import { Stack, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import type { InstrumentTrend } from '@openiop/core';
import { formatDateTime } from '../../lib/format';
import { CHART, polyline, scaleFor, ticks } from './chart-layout';
import { ScrollTable } from '../../ui/scroll-table';

/** Band fills from least to most severe; text labels carry the meaning, the colour only helps. */
const BAND_FILLS = ['#ebfbee', '#fff9db', '#fff4e6', '#ffe8cc', '#ffe3e3', '#ffc9c9'];

export interface ChartPoint {
  at: string;
  value: number;
  /** Words for what is marked at this point (shown in the table and as the point's tooltip). */
  marks: string[];
}

/**
 * A small line chart drawn as SVG with a title and description for screen readers; the table beside it
 * carries the same data as text. Severity bands shade the background, a reference line marks a threshold.
 */
export function LineChart(props: {
  title: string;
  summary: string;
  min: number;
  max: number;
  points: ChartPoint[];
  bands?: { label: string; min: number; max: number }[];
  reference?: { value: number; label: string };
  valueLabel: string;
}) {
  const id = useId();
  const { min, max, points } = props;
  const s = scaleFor(
    points.map((p) => p.at),
    min,
    max,
  );
  const bottom = CHART.height - CHART.bottom;
  return (
    <svg
      viewBox={`0 0 ${CHART.width} ${CHART.height}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      style={{ maxWidth: CHART.width, display: 'block' }}
    >
      <title id={`${id}-t`}>{props.title}</title>
      <desc id={`${id}-d`}>{props.summary}</desc>
      {(props.bands ?? []).map((b, i) => {
        const top = s.y(Math.min(max, b.max + (b.max < max ? 1 : 0)));
        const height = s.y(b.min) - top;
        return (
          <g key={b.label}>
            <rect
              x={CHART.left}
              y={top}
              width={CHART.width - CHART.left - CHART.right}
              height={height}
              fill={BAND_FILLS[i % BAND_FILLS.length]}
            />
            <text x={CHART.width - CHART.right + 6} y={top + height / 2 + 4} fontSize="11" fill="#495057">
              {b.label}
            </text>
          </g>
        );
      })}
      {ticks(min, max).map((v) => (
        <g key={v}>
          <line x1={CHART.left - 4} x2={CHART.left} y1={s.y(v)} y2={s.y(v)} stroke="#868e96" />
          <text x={CHART.left - 8} y={s.y(v) + 4} fontSize="11" textAnchor="end" fill="#495057">
            {v}
          </text>
        </g>
      ))}
      <line x1={CHART.left} x2={CHART.left} y1={CHART.top} y2={bottom} stroke="#868e96" />
      <line x1={CHART.left} x2={CHART.width - CHART.right} y1={bottom} y2={bottom} stroke="#868e96" />
      {props.reference && (
        <g>
          <line
            x1={CHART.left}
            x2={CHART.width - CHART.right}
            y1={s.y(props.reference.value)}
            y2={s.y(props.reference.value)}
            stroke="#2b8a3e"
            strokeDasharray="6 4"
          />
          <text x={CHART.left + 4} y={s.y(props.reference.value) - 4} fontSize="11" fill="#2b8a3e">
            {props.reference.label}
          </text>
        </g>
      )}
      {points.length > 1 && <polyline points={polyline(s, points)} fill="none" stroke="#1c7ed6" strokeWidth="2" />}
      {points.map((p) => (
        <g key={p.at}>
          <circle
            cx={s.x(p.at)}
            cy={s.y(p.value)}
            r={p.marks.length ? 6 : 4}
            fill={p.marks.some((m) => m.startsWith('Remission')) ? '#2b8a3e' : '#1c7ed6'}
            stroke={p.marks.some((m) => m.startsWith('Reliable deterioration')) ? '#c92a2a' : '#fff'}
            strokeWidth="2"
          >
            <title>{`${formatDateTime(p.at)}: ${props.valueLabel} ${p.value}${p.marks.length ? ` — ${p.marks.join(', ')}` : ''}`}</title>
          </circle>
          {p.marks.some((m) => m.startsWith('Response')) && (
            <text x={s.x(p.at)} y={s.y(p.value) - 10} fontSize="11" textAnchor="middle" fill="#1864ab" fontWeight="700">
              R
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}

/** What a trend point marks, in words. */
export function marksOf(p: InstrumentTrend['points'][number], rc: number | null): string[] {
  const out: string[] = [];
  if (p.baseline) out.push('Baseline');
  if (p.response) out.push('Response (50% or more below baseline)');
  if (p.remission) out.push('Remission');
  if (p.reliableChange === 'improved') out.push(`Reliable improvement (${rc ?? '?'} points or more)`);
  if (p.reliableChange === 'deteriorated') out.push(`Reliable deterioration (${rc ?? '?'} points or more)`);
  return out;
}

/** One instrument's scores over time: chart, legend and the same data as a table. */
export function InstrumentTrendChart({ trend }: { trend: InstrumentTrend }) {
  const points = trend.points.map((p) => ({ at: p.at, value: p.total, marks: marksOf(p, trend.reliableChange) }));
  const first = trend.points[0];
  const last = trend.points.at(-1);
  const summary =
    first && last
      ? `${trend.points.length} scores from ${first.total} to ${last.total}${last.bandLabel ? ` (${last.bandLabel})` : ''}.` +
        `${trend.points.some((p) => p.response) ? ' Response reached.' : ''}${last.remission ? ' In remission.' : ''}`
      : 'No scores yet.';
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {trend.instrumentName}
      </Title>
      <LineChart
        title={`${trend.instrumentName} scores over time`}
        summary={summary}
        min={0}
        max={trend.maxTotal}
        points={points}
        bands={trend.bands}
        valueLabel="score"
        {...(trend.remissionBelow !== null
          ? { reference: { value: trend.remissionBelow, label: `Remission below ${trend.remissionBelow}` } }
          : {})}
      />
      <Text size="xs" c="dimmed">
        Shaded: severity bands. R: response (50% or more below baseline). Green point: remission. Red ring: reliable deterioration
        {trend.reliableChange !== null ? ` (${trend.reliableChange} points)` : ''}.
      </Text>
      <ScrollTable label={`${trend.instrumentName} scores`} minWidth={420}>
        <Table verticalSpacing={4} fz="sm">
          <Table.Caption>{trend.instrumentName} scores as a table</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Date</Table.Th>
              <Table.Th scope="col">Score</Table.Th>
              <Table.Th scope="col">Band</Table.Th>
              <Table.Th scope="col">Marked</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {points.map((p, i) => (
              <Table.Tr key={p.at}>
                <Table.Td>{formatDateTime(p.at)}</Table.Td>
                <Table.Td>{p.value}</Table.Td>
                <Table.Td>{trend.points[i]?.bandLabel ?? '—'}</Table.Td>
                <Table.Td>{p.marks.join('; ') || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Stack>
  );
}
