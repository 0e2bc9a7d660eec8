import { weeklyHourFloor, type GroupOccurrence, type PatientWeek, type Slot, type WeekPlan } from './week';

/** Leaving a person below their floor costs this much: bringing the most people to their floor comes first. */
export const UNPLACED_COST = 1_000_000;
/** Then each hour a person still falls short costs this much: the hours missing come second. */
export const SHORTFALL_COST_PER_HOUR = 1000;
/** A seat outside the person's preferred tracks costs this share more per hour, per place down their list. */
export const TRACK_RANK_COST = 0.1;

export interface AssignmentModel {
  /** The model in CPLEX LP format, as HiGHS reads it. */
  lp: string;
  /** `x<i>` is seat `pairs[i]`. No pairs and no shortfalls: nothing to solve. */
  pairs: { patientId: string; groupId: string }[];
  /** `s<j>` is the hour shortfall of `shortfalls[j]`, and `y<j>` whether they reach their floor. */
  shortfalls: string[];
}

const hoursOf = (s: Slot): number => (s.end - s.start) / 60;
const within = (s: Slot, windows: readonly Slot[]): boolean => windows.some((w) => w.day === s.day && w.start <= s.start && s.end <= w.end);
const overlaps = (a: Slot, b: Slot): boolean => a.day === b.day && a.start < b.end && b.start < a.end;

function rankCost(p: PatientWeek, g: GroupOccurrence): number {
  const i = p.preferredTracks.indexOf(g.track);
  return 1 + TRACK_RANK_COST * (i === -1 ? p.preferredTracks.length : i);
}

/** `a x0 + b x1 …`, broken over lines so no line of the LP file grows long. */
function sum(terms: [number, string][]): string {
  const parts = terms.map(([c, v], i) => `${c < 0 ? (i === 0 ? '-' : '- ') : i === 0 ? '' : '+ '}${Number(Math.abs(c).toFixed(6))} ${v}`);
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 8) lines.push(parts.slice(i, i + 8).join(' '));
  return lines.join('\n   ');
}

/**
 * The week's group seating as an integer program (issue 5): a yes/no seat for every person and every group they are
 * free for (inside their availability, clear of their appointments, with a seat left), at most one seat in any set of
 * groups that overlap in time (one row per start time: the cliques of an interval graph), group capacity (the room's
 * too), and each person's weekly hours with a shortfall variable, so a week that cannot reach every floor still
 * solves and says who falls short by how much. It brings the most people to their floor first (a yes/no per person),
 * then minimises the hours still missing, then hours beyond need weighted by track preference. Seats already in the plan are kept and count. Pure: HiGHS runs elsewhere.
 */
export function buildAssignmentModel(plan: WeekPlan): AssignmentModel {
  const rooms = new Map(plan.rooms.map((r) => [r.id, r.capacity]));
  const groups = [...plan.groups].sort((a, b) => a.id.localeCompare(b.id));
  const byId = new Map(groups.map((g) => [g.id, g]));
  const free = new Map(groups.map((g) => [g.id, Math.min(g.capacity, g.roomId === null ? Infinity : (rooms.get(g.roomId) ?? 0))]));
  for (const s of plan.seats) free.set(s.groupId, (free.get(s.groupId) ?? 0) - 1);

  const pairs: AssignmentModel['pairs'] = [];
  const objective: [number, string][] = [];
  const rows: string[] = [];
  const byGroup = new Map<string, string[]>();
  const shortfalls: string[] = [];
  for (const [pi, p] of [...plan.patients].sort((a, b) => a.id.localeCompare(b.id)).entries()) {
    const fixed = [
      ...plan.appointments.filter((a) => a.patientId === p.id).map((a) => a.slot),
      ...plan.seats
        .filter((s) => s.patientId === p.id)
        .flatMap((s) => (byId.get(s.groupId) ? [(byId.get(s.groupId) as GroupOccurrence).slot] : [])),
    ];
    const mine: { v: string; g: GroupOccurrence }[] = [];
    for (const g of groups) {
      if ((free.get(g.id) ?? 0) <= 0 || !within(g.slot, p.availability) || fixed.some((f) => overlaps(f, g.slot))) continue;
      const v = `x${pairs.length}`;
      pairs.push({ patientId: p.id, groupId: g.id });
      mine.push({ v, g });
      objective.push([hoursOf(g.slot) * rankCost(p, g), v]);
      const list = byGroup.get(g.id);
      if (list) list.push(v);
      else byGroup.set(g.id, [v]);
    }
    // One seat at a time: the groups running at each group's start form a clique.
    const cliques = new Set<string>();
    for (const a of mine) {
      const clique = mine.filter((b) => b.g.slot.day === a.g.slot.day && b.g.slot.start <= a.g.slot.start && a.g.slot.start < b.g.slot.end);
      if (clique.length > 1) cliques.add(clique.map((c) => c.v).join(' '));
    }
    let k = 0;
    for (const c of cliques) rows.push(` o${pi}_${k++}: ${sum(c.split(' ').map((v) => [1, v]))} <= 1`);
    const need = weeklyHourFloor(p) - fixed.reduce((h, s) => h + hoursOf(s), 0);
    if (need > 0) {
      const s = `s${shortfalls.length}`;
      shortfalls.push(p.id);
      objective.push([SHORTFALL_COST_PER_HOUR, s]);
      const y = `y${shortfalls.length - 1}`;
      objective.push([-UNPLACED_COST, y]);
      const hours: [number, string][] = mine.map((m): [number, string] => [hoursOf(m.g.slot), m.v]);
      rows.push(` h${shortfalls.length - 1}: ${sum([...hours, [1, s]])} >= ${need}`);
      // y = 1 only when the seats alone reach the floor.
      rows.push(` f${shortfalls.length - 1}: ${sum([...hours, [-need, y]])} >= 0`);
    }
  }
  let c = 0;
  for (const [groupId, vars] of [...byGroup.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const cap = free.get(groupId) ?? 0;
    if (vars.length > cap) rows.push(` c${c++}: ${sum(vars.map((v) => [1, v]))} <= ${cap}`);
  }
  const first = objective[0]?.[1];
  const lp = [
    'Minimize',
    ` obj: ${first ? sum(objective) : '0'}`,
    'Subject To',
    ...(rows.length || !first ? rows : [` none: ${first} >= 0`]),
    'Bounds',
    ...shortfalls.map((_, j) => ` s${j} >= 0`),
    'Binary',
    ...chunk([...pairs.map((_, i) => `x${i}`), ...shortfalls.map((_, j) => `y${j}`)]),
    'End',
  ].join('\n');
  return { lp, pairs, shortfalls };
}

const chunk = (names: string[]): string[] => {
  const out: string[] = [];
  for (let i = 0; i < names.length; i += 12) out.push(` ${names.slice(i, i + 12).join(' ')}`);
  return out;
};
