import { describe, expect, it } from 'vitest';
import { classStarts, coveredMinutes, startClasses, windowRows, type Span } from './session-classes';
import type { RequestOption } from './slots';
import type { Slot, WeekPlan, Weekday } from './week';

const at = (day: Weekday, hour: number, minutes = 60): Slot => ({ day, start: hour * 60, end: hour * 60 + minutes });
const option = (hour: number, extra: Partial<RequestOption> = {}): RequestOption => ({
  requestId: 'r1',
  patientId: 'p1',
  staffId: 's1',
  staffRank: 0,
  slot: at(0, hour),
  inPerson: false,
  ...extra,
});
const hoursOf = (classes: { options: RequestOption[] }[]) => classes.map((c) => c.options.map((o) => o.slot.start / 60));

describe('startClasses', () => {
  const morning = { v: 'x0', slot: { day: 0 as Weekday, start: 9 * 60, end: 12 * 60 } };
  const cost = () => 1;

  it.each([
    ['next to each other, overlapping nothing: one class', [8, 9, 10].map((h) => option(h)), [], [[8, 9, 10]]],
    ['a seat overlapped by some starts splits them', [8, 9, 10, 11, 12].map((h) => option(h)), [morning], [[8], [9, 10, 11], [12]]],
    ['a gap in the grid splits a run', [13, 14, 16].map((h) => option(h)), [], [[13, 14], [16]]],
    ['another staff member is another class', [option(13), option(14, { staffId: 's2', staffRank: 1 })], [], [[13], [14]]],
    ['another day is another class', [option(13), option(14, { slot: at(1, 14) })], [], [[13], [14]]],
  ])('%s', (_, options, seats, expected) => {
    expect(hoursOf(startClasses(options, seats, cost, 60))).toEqual(expected);
  });

  it('splits where the cost changes (an incumbent start costs less), and keeps one class per start on grid 0', () => {
    const options = [8, 9, 10].map((h) => option(h));
    expect(hoursOf(startClasses(options, [], (o) => (o.slot.start === 9 * 60 ? 0 : 1), 60))).toEqual([[8], [9], [10]]);
    expect(hoursOf(startClasses(options, [], cost, 0))).toEqual([[8], [9], [10]]);
  });

  it('records the seats every start of a class overlaps', () => {
    const classes = startClasses(
      [9, 10].map((h) => option(h)),
      [morning],
      cost,
      60,
    );
    expect([...(classes[0]?.overlap ?? [])]).toEqual(['x0']);
  });
});

describe('windowRows', () => {
  const span = (v: string, from: number, to: number, group = v, day: Weekday = 0): Span => ({
    v,
    group,
    day,
    from: from * 60,
    to: to * 60,
    minutes: 60,
  });
  const length = (_day: Weekday, from: number, to: number) => to - from;

  it('keeps three sessions that could only run 9–11 to two hours', () => {
    const rows = windowRows([span('a0', 9, 11), span('a1', 9, 11), span('a2', 9, 10)], length);
    expect(rows).toEqual([
      {
        terms: [
          [1, 'a0'],
          [1, 'a1'],
          [1, 'a2'],
        ],
        cap: 2,
      },
    ]);
  });

  it.each([
    ['sessions that fit their window', [span('a0', 9, 11), span('a1', 9, 11)]],
    ['two classes of one request (only one is ever chosen)', [span('a0', 9, 10, 'r'), span('a1', 9, 10, 'r')]],
    ['sessions on different days', [span('a0', 9, 10), span('a1', 9, 10, 'a1', 1)]],
  ])('adds nothing for %s', (_, spans) => {
    expect(windowRows(spans, length)).toEqual([]);
  });

  it('counts a window against its capacity, e.g. the rooms free in it', () => {
    const rows = windowRows([span('a0', 9, 10), span('a1', 9, 10)], () => 60);
    expect(rows.map((r) => r.cap)).toEqual([1]);
  });
});

describe('coveredMinutes', () => {
  it.each([
    [[], 0],
    [[at(0, 9)], 60],
    [[at(0, 9, 120), at(0, 10)], 120],
    [[at(0, 7, 180), at(0, 12, 120)], 120],
  ])('%j covers %i minutes of 9–13', (slots, minutes) => {
    expect(coveredMinutes(slots, 9 * 60, 13 * 60)).toBe(minutes);
  });
});

describe('classStarts', () => {
  const plan = (rooms: number): WeekPlan => ({
    rooms: Array.from({ length: rooms }, (_, i) => ({ id: `o${i}`, capacity: 2 })),
    staff: [],
    // Who the people are does not matter here: the program already kept each start inside their availability.
    patients: [],
    groups: [],
    seats: [],
    appointments: [],
  });

  it('gives each class a start with no staff member or person in two sessions at once', () => {
    const chosen = [
      [option(9, { requestId: 'p-ind', patientId: 'p', staffId: 'a' }), option(10, { requestId: 'p-ind', patientId: 'p', staffId: 'a' })],
      [option(9, { requestId: 'q-ind', patientId: 'q', staffId: 'a' })],
      [option(9, { requestId: 'p-fam', patientId: 'p', staffId: 'b' }), option(10, { requestId: 'p-fam', patientId: 'p', staffId: 'b' })],
    ];
    const starts = classStarts(plan(0), chosen);
    expect(starts?.map((o) => `${o.requestId}@${o.slot.start / 60}`).sort()).toEqual(['p-fam@9', 'p-ind@10', 'q-ind@9']);
  });

  it('finds none when staff and people together leave no start, though each alone would (Hall on one side is not enough)', () => {
    // q can only be seen at 9, so p's individual is at 10, p's family at 9, and r's family (only at 9) has no time left.
    const chosen = [
      [option(9, { requestId: 'p-ind', patientId: 'p', staffId: 'a' }), option(10, { requestId: 'p-ind', patientId: 'p', staffId: 'a' })],
      [option(9, { requestId: 'q-ind', patientId: 'q', staffId: 'a' })],
      [option(9, { requestId: 'p-fam', patientId: 'p', staffId: 'b' }), option(10, { requestId: 'p-fam', patientId: 'p', staffId: 'b' })],
      [option(9, { requestId: 'r-fam', patientId: 'r', staffId: 'b' })],
    ];
    expect(classStarts(plan(0), chosen)).toBeUndefined();
  });

  it('holds in-person sessions at any moment to the rooms free then', () => {
    const inPerson = (requestId: string, patientId: string, staffId: string, hours: number[]) =>
      hours.map((h) => option(h, { requestId, patientId, staffId, inPerson: true }));
    const chosen = [inPerson('p-ind', 'p', 'a', [9, 10]), inPerson('q-ind', 'q', 'b', [9, 10])];
    const starts = classStarts(plan(1), chosen);
    expect(new Set(starts?.map((o) => o.slot.start)).size).toBe(2);
    expect(classStarts(plan(1), [inPerson('p-ind', 'p', 'a', [9]), inPerson('q-ind', 'q', 'b', [9])])).toBeUndefined();
    expect(classStarts(plan(2), [inPerson('p-ind', 'p', 'a', [9]), inPerson('q-ind', 'q', 'b', [9])])).toHaveLength(2);
  });

  it('counts a room that a fixed group takes part way through a session', () => {
    // Two rooms; a group takes one from 9:30, so two sessions at 9–10 would need a room nobody has.
    const withGroup: WeekPlan = {
      ...plan(2),
      groups: [
        {
          id: 'g',
          track: 'morning',
          slot: { day: 0, start: 9 * 60 + 30, end: 12 * 60 },
          roomId: 'o0',
          capacity: 12,
          facilitatorId: 'c',
          credential: null,
        },
      ],
    };
    const at9 = (requestId: string, patientId: string, staffId: string) => [option(9, { requestId, patientId, staffId, inPerson: true })];
    expect(classStarts(withGroup, [at9('p-ind', 'p', 'a'), at9('q-ind', 'q', 'b')])).toBeUndefined();
    expect(classStarts(withGroup, [at9('p-ind', 'p', 'a')])).toHaveLength(1);
  });
});
