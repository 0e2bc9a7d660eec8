import { fixedBusy, overlaps, type RequestOption } from './slots';
import type { Slot, WeekPlan, Weekday } from './week';

/**
 * The key that matches an option to the same session in another week (an incumbent's, a start week's): request, staff
 * member, day and start.
 */
export const optionKey = (o: Pick<RequestOption, 'requestId' | 'staffId' | 'slot'>): string =>
  `${o.requestId}:${o.staffId}:${o.slot.day}:${o.slot.start}`;

/** A request's starts that are one variable of the program (`sessionClasses`), with what they all overlap and cost. */
export interface StartClass {
  options: RequestOption[];
  /** The person's seat variables that every start of the class overlaps (and no other seat of theirs). */
  overlap: Set<string>;
  cost: number;
}

/**
 * A person's options in classes: with one staff member, on one day, in one modality, of one length, at one cost,
 * overlapping the same seats the person could take, and next to each other on a `grid`-minute grid. `grid` 0: one
 * class per option, in the order given.
 */
export function startClasses(
  options: readonly RequestOption[],
  seats: readonly { v: string; slot: Slot }[],
  costOf: (o: RequestOption) => number,
  grid: number,
): StartClass[] {
  const described = options.map((o) => ({ o, overlap: seats.filter((s) => overlaps(s.slot, o.slot)).map((s) => s.v), cost: costOf(o) }));
  if (!grid) return described.map((d) => ({ options: [d.o], overlap: new Set(d.overlap), cost: d.cost }));
  const sorted = [...described].sort(
    (a, b) =>
      a.o.requestId.localeCompare(b.o.requestId) ||
      a.o.staffRank - b.o.staffRank ||
      a.o.slot.day - b.o.slot.day ||
      a.o.slot.start - b.o.slot.start,
  );
  const out: (StartClass & { last: number })[] = [];
  const open = new Map<string, StartClass & { last: number }>();
  for (const d of sorted) {
    const key = [d.o.requestId, d.o.staffId, d.o.slot.day, d.o.inPerson, d.o.slot.end - d.o.slot.start, d.cost, d.overlap.join(' ')].join(
      '|',
    );
    const current = open.get(key);
    if (current && d.o.slot.start - current.last === grid) {
      current.options.push(d.o);
      current.last = d.o.slot.start;
      continue;
    }
    const c = { options: [d.o], overlap: new Set(d.overlap), cost: d.cost, last: d.o.slot.start };
    open.set(key, c);
    out.push(c);
  }
  return out.map(({ last: _last, ...c }) => c);
}

/** Where a class's sessions could run on its day: from its first start to its last end. */
export interface Span {
  v: string;
  /** At most one span of a group is chosen (the classes of one request). */
  group: string;
  day: Weekday;
  from: number;
  to: number;
  minutes: number;
}

export function spanOf(v: string, options: readonly RequestOption[]): Span {
  const first = options[0] as RequestOption;
  return {
    v,
    group: first.requestId,
    day: first.slot.day,
    from: Math.min(...options.map((o) => o.slot.start)),
    to: Math.max(...options.map((o) => o.slot.end)),
    minutes: first.slot.end - first.slot.start,
  };
}

/**
 * Rows that keep the sessions placed in any window of a day within its capacity (minutes; a staff member's or a
 * person's: the window's length; the rooms': their free minutes in it): Σ hours of the classes that lie wholly inside
 * ≤ capacity, in hours. Only windows from a class's start to a class's end, and only where the classes inside could
 * exceed the capacity (one per group at its longest). For sessions one grid step long, on one staff member, these are
 * Hall's conditions for giving every class its own start, so nothing is lost against one row per hour.
 */
export function windowRows(
  spans: readonly Span[],
  capacity: (day: Weekday, from: number, to: number) => number,
): { terms: [number, string][]; cap: number }[] {
  const out: { terms: [number, string][]; cap: number }[] = [];
  const days = [...new Set(spans.map((s) => s.day))].sort((a, b) => a - b);
  for (const day of days) {
    const today = spans.filter((s) => s.day === day);
    const froms = [...new Set(today.map((s) => s.from))].sort((a, b) => a - b);
    const tos = [...new Set(today.map((s) => s.to))].sort((a, b) => a - b);
    const best = new Map<string, { terms: [number, string][]; cap: number }>();
    for (const from of froms)
      for (const to of tos) {
        if (to <= from) continue;
        const inside = today.filter((s) => s.from >= from && s.to <= to);
        if (inside.length < 2) continue;
        const longest = new Map<string, number>();
        for (const s of inside) longest.set(s.group, Math.max(longest.get(s.group) ?? 0, s.minutes));
        const most = [...longest.values()].reduce((a, b) => a + b, 0);
        const cap = capacity(day, from, to);
        if (most <= cap) continue;
        const key = inside.map((s) => s.v).join(' ');
        const seen = best.get(key);
        if (seen && seen.cap <= cap / 60) continue;
        best.set(key, { terms: inside.map((s): [number, string] => [s.minutes / 60, s.v]), cap: Number((cap / 60).toFixed(6)) });
      }
    out.push(...best.values());
  }
  return out;
}

/** Minutes of [from, to) that these slots cover (their union). */
export function coveredMinutes(slots: readonly Slot[], from: number, to: number): number {
  const parts = slots
    .map((s) => [Math.max(from, s.start), Math.min(to, s.end)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of parts) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/**
 * A start for each chosen class (a week of the `sessionClasses` program): no staff member or person in two sessions at
 * once, and at any moment no more in-person sessions than the rooms nothing fixed uses then. Seats are not looked at:
 * the program already keeps every start of a class clear of the person's seats. A depth-first search, day by day,
 * always on the class with the fewest starts left; `undefined` when there is none within `100 + nodesPerClass × classes`
 * steps a day. A day that has starts rarely needs a step back (one step a class is the rule); a day that has none
 * could search for long (100,000 steps of a 600-person day took 80 s), and then the caller has a better way on.
 */
export function classStarts(
  plan: WeekPlan,
  chosen: readonly (readonly RequestOption[])[],
  nodesPerClass = 10,
): RequestOption[] | undefined {
  const roomBusy = fixedBusy(plan).room;
  const roomsFreeAt = (day: Weekday, t: number) =>
    plan.rooms.filter((r) => !(roomBusy.get(r.id) ?? []).some((b) => b.day === day && b.start <= t && t < b.end)).length;
  const result: RequestOption[] = [];
  const days = [...new Set(chosen.map((c) => (c[0] as RequestOption).slot.day))].sort((a, b) => a - b);
  for (const day of days) {
    const classes = chosen.filter((c) => (c[0] as RequestOption).slot.day === day);
    const placed: RequestOption[] = [];
    const fixedStarts = [...roomBusy.values()].flatMap((slots) => slots.filter((b) => b.day === day).map((b) => b.start));
    const fits = (o: RequestOption) => {
      for (const a of placed) if ((a.staffId === o.staffId || a.patientId === o.patientId) && overlaps(a.slot, o.slot)) return false;
      if (!o.inPerson) return true;
      // Where the count of rooms in use can rise during the session: its start, and where another session or a fixed
      // use of a room begins.
      const points = [
        o.slot.start,
        ...placed.filter((a) => a.inPerson && overlaps(a.slot, o.slot)).map((a) => a.slot.start),
        ...fixedStarts.filter((t) => t > o.slot.start && t < o.slot.end),
      ];
      return points.every(
        (t) =>
          t < o.slot.start ||
          t >= o.slot.end ||
          placed.filter((a) => a.inPerson && a.slot.start <= t && t < a.slot.end).length + 1 <= roomsFreeAt(day, t),
      );
    };
    let nodes = 0;
    const nodeLimit = 100 + nodesPerClass * classes.length;
    const open = new Set(classes.map((_, i) => i));
    const search = (): boolean => {
      if (!open.size) return true;
      if ((nodes += 1) > nodeLimit) return false;
      let pick = -1;
      let pickFits: RequestOption[] = [];
      for (const i of open) {
        const f = (classes[i] as RequestOption[]).filter(fits);
        if (pick === -1 || f.length < pickFits.length) {
          pick = i;
          pickFits = f;
          if (!f.length) return false;
        }
      }
      open.delete(pick);
      for (const o of pickFits) {
        placed.push(o);
        if (search()) return true;
        placed.pop();
      }
      open.add(pick);
      return false;
    };
    if (!search()) return undefined;
    result.push(...placed);
  }
  return result;
}
