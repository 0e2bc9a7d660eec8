import { describe, expect, it } from 'vitest';
import type { WorklistItem } from '../contracts/worklist';
import { countWorklist, sortWorklist } from './order';

const item = (name: string, priority: WorklistItem['priority'], dueAt: string, overdue: boolean): WorklistItem => ({
  kind: 'measure_missed',
  priority,
  patient: { id: '00000000-0000-4000-8000-000000000000', name, mrn: 'M1' },
  title: name,
  dueAt,
  overdue,
  href: `/patients/${name}`,
  taskId: null,
});

describe('worklist order', () => {
  it.each<[string, WorklistItem[], string[]]>([
    [
      'urgent before normal, whatever the due time',
      [item('normal-early', 'normal', '2026-01-01T00:00:00Z', true), item('urgent-late', 'urgent', '2026-12-01T00:00:00Z', false)],
      ['urgent-late', 'normal-early'],
    ],
    [
      'overdue before due, within a priority',
      [item('due', 'normal', '2026-11-01T00:00:00Z', false), item('overdue', 'normal', '2026-11-02T00:00:00Z', true)],
      ['overdue', 'due'],
    ],
    [
      'urgent overdue first of all',
      [
        item('u-due', 'urgent', '2026-11-01T00:00:00Z', false),
        item('n-over', 'normal', '2026-10-01T00:00:00Z', true),
        item('u-over', 'urgent', '2026-11-05T00:00:00Z', true),
      ],
      ['u-over', 'u-due', 'n-over'],
    ],
    [
      'then by due time',
      [item('b', 'normal', '2026-11-03T00:00:00Z', false), item('a', 'normal', '2026-11-02T00:00:00Z', false)],
      ['a', 'b'],
    ],
    [
      'then by name (stable)',
      [item('Zed', 'normal', '2026-11-02T00:00:00Z', false), item('Amy', 'normal', '2026-11-02T00:00:00Z', false)],
      ['Amy', 'Zed'],
    ],
    ['empty', [], []],
  ])('%s', (_name, items, expected) => {
    expect(sortWorklist(items).map((i) => i.title)).toEqual(expected);
  });

  it('counts total, urgent and overdue', () => {
    expect(
      countWorklist([
        item('a', 'urgent', '2026-11-01T00:00:00Z', true),
        item('b', 'normal', '2026-11-01T00:00:00Z', true),
        item('c', 'normal', '2026-11-01T00:00:00Z', false),
      ]),
    ).toEqual({ total: 3, urgent: 1, overdue: 2 });
    expect(countWorklist([])).toEqual({ total: 0, urgent: 0, overdue: 0 });
  });
});
