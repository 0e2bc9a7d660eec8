import { coveredMinutes, optionKey, spanOf, startClasses, windowRows, type Span } from './session-classes';
import { hoursOf, mostHours, overlaps, requestOptions, seatable, type RequestOption } from './slots';
import {
  perDiemDayMinimumHours,
  weeklyHourFloor,
  type GroupOccurrence,
  type PatientWeek,
  type Slot,
  type WeekPlan,
  type Weekday,
} from './week';

/*
 * The objective's weights, highest goal first. Each unit of a goal costs more than the most a lower goal can gain from
 * one seat or one session (see ADR 0021), so the order is strict at the scale where goals trade against each other.
 */
/** Leaving a person below their floor costs this much: bringing the most people to their floor comes first. */
export const UNPLACED_COST = 1_000_000;
/** A per-diem day short of the day minimum, per hour: a hard limit, priced like a person off their floor. */
export const PER_DIEM_SHORT_COST_PER_HOUR = UNPLACED_COST;
/** Then each hour a person still falls short costs this much: the hours missing come second. */
export const SHORTFALL_COST_PER_HOUR = 1000;
/** Then each requested individual or family session left unplaced. */
export const REQUEST_MISSED_COST = 200;
/** Then each change against the incumbent week: a seat or session of it dropped, or one not in it added. */
export const CHANGE_COST = 50;
/** Then each seat outside the person's cohort: a group whose template they did not attend last week. */
export const CONTINUITY_COST = 10;
/** Last, preference: every hour seated costs 1, and this share more per place down their preferred tracks… */
export const TRACK_RANK_COST = 0.1;
/** …this share more on a day they did not prefer, or in a modality they did not prefer… */
export const DAY_COST = 0.1;
export const MODALITY_COST = 0.1;
/** …this per session with someone other than their primary clinician, and this per day beyond their phase's days. */
export const STAFF_RANK_COST = 0.5;
export const PHASE_DAY_COST = 2;

export interface AssignmentModel {
  /** The model in CPLEX LP format, as HiGHS reads it. */
  lp: string;
  /** `x<i>` is seat `pairs[i]`. No pairs, shortfalls or requests: nothing to solve. */
  pairs: { patientId: string; groupId: string }[];
  /** `s<j>` is the hour shortfall of `shortfalls[j]`, and `y<j>` whether they reach their floor. */
  shortfalls: string[];
  /**
   * `a<k>` places a request in `classes[k]`: one staff member, one start among these (one start each unless the model
   * was built with `sessionClasses`).
   */
  classes: RequestOption[][];
  /** `m<r>` is 1 when `requests[r]` (a request id) is left unplaced. */
  requests: string[];
  /** `d<n>` says whether `days[n].patientId` has any service on `days[n].day`. */
  days: { patientId: string; day: Weekday }[];
  /** The objective's constant (`k`, fixed at 1): incumbent items the model can only keep by choosing them. */
  constant: number;
}

function rankCost(p: PatientWeek, g: GroupOccurrence): number {
  const i = p.preferredTracks.indexOf(g.track);
  return 1 + TRACK_RANK_COST * (i === -1 ? p.preferredTracks.length : i);
}

const dayCost = (p: PatientWeek, s: Slot) => (p.preferredDays?.length && !p.preferredDays.includes(s.day) ? DAY_COST : 0);
const modalityCost = (p: PatientWeek, g: GroupOccurrence) =>
  p.preferredModality === undefined || (p.preferredModality === 'virtual') === (g.roomId === null) ? 0 : MODALITY_COST;

/** `a x0 + b x1 …`, broken over lines so no line of the LP file grows long. */
function sum(terms: [number, string][]): string {
  const parts = terms.map(([c, v], i) => `${c < 0 ? (i === 0 ? '-' : '- ') : i === 0 ? '' : '+ '}${Number(Math.abs(c).toFixed(6))} ${v}`);
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 8) lines.push(parts.slice(i, i + 8).join(' '));
  return lines.join('\n   ');
}

interface Item {
  v: string;
  slot: Slot;
}

/** The sets of items running at each item's start: the cliques of an interval graph, each listed once. */
function cliques(items: readonly Item[]): string[][] {
  const out = new Map<string, string[]>();
  const starts = new Set(items.map((i) => `${i.slot.day}:${i.slot.start}`));
  for (const key of starts) {
    const [day, t] = key.split(':').map(Number) as [number, number];
    const clique = items.filter((b) => b.slot.day === day && b.slot.start <= t && t < b.slot.end).map((b) => b.v);
    if (clique.length > 1) out.set(clique.join(' '), clique);
  }
  // Drop a clique contained in another: its row adds nothing.
  const all = [...out.values()].sort((a, b) => b.length - a.length);
  const kept: string[][] = [];
  for (const c of all) if (!kept.some((k) => k.length > c.length && c.every((v) => k.includes(v)))) kept.push(c);
  return kept.sort((a, b) => a.join(' ').localeCompare(b.join(' ')));
}

/**
 * With session classes, a person's rows for one thing at a time: their seats' cliques; each seat (and each clique of
 * seats) against the classes of each request whose every start overlaps it; and their own sessions per window of a
 * day (an individual and a family session cannot share an hour).
 */
function classConflicts(
  pi: number,
  seats: readonly Item[],
  units: readonly (Item & { requestId: string; options: RequestOption[] })[],
  overlapOf: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const rows: string[] = [];
  const seatCliques = cliques(seats);
  for (const [k, c] of seatCliques.entries()) rows.push(` o${pi}_${k}: ${sum(c.map((v) => [1, v]))} <= 1`);
  const byRequest = new Map<string, string[]>();
  for (const u of units) byRequest.set(u.requestId, [...(byRequest.get(u.requestId) ?? []), u.v]);
  let n = 0;
  const sets = [...seats.map((s) => [s.v]), ...seatCliques];
  for (const vars of byRequest.values())
    for (const set of sets) {
      const against = vars.filter((v) => set.every((x) => overlapOf.get(v)?.has(x)));
      if (against.length) rows.push(` oc${pi}_${n++}: ${sum([...set, ...against].map((v) => [1, v]))} <= 1`);
    }
  if (byRequest.size > 1)
    for (const [k, w] of windowRows(
      units.map((u) => spanOf(u.v, u.options)),
      (_day, from, to) => to - from,
    ).entries())
      rows.push(` ow${pi}_${k}: ${sum(w.terms)} <= ${w.cap}`);
  return rows;
}

/**
 * Rows that say what reaching a floor of `need` hours takes, for person `j` (`y<j>`), who could hold at most `most`
 * hours, `sessionTotal` of them in sessions. Implied for whole numbers, but for fractions they stop the LP from
 * crediting a third of a contested seat as a whole person at their floor.
 * - A seat is all or nothing: the fewest seats (longest first) that reach the floor with every requested session are
 *   needed, K·y ≤ seats.
 * - Seats without all of which even the most hours fall short (the seats at one time, or on one day): reaching the
 *   floor needs one of them, y ≤ their sum. The same for a requested session and its options.
 */
function neededForFloor(
  j: number,
  hours: { need: number; most: number; sessionTotal: number },
  seatSlots: readonly Slot[],
  seatVars: readonly string[],
  sessionHours: ReadonlyMap<string, number>,
  sessionVars: ReadonlyMap<string, string[]>,
): string[] {
  const { need, most, sessionTotal } = hours;
  const rows: string[] = [];
  const lengths = seatSlots.map(hoursOf).sort((a, b) => b - a);
  let fewest = 0;
  for (let got = sessionTotal; got < need && fewest < lengths.length; fewest += 1) got += lengths[fewest] as number;
  if (fewest > 0) rows.push(` k${j}: ${sum([...seatVars.map((v): [number, string] => [1, v]), [-fewest, `y${j}`]])} >= 0`);
  const sets = new Map<string, number[]>();
  for (const [i, slot] of seatSlots.entries()) {
    sets.set(`d${slot.day}`, [...(sets.get(`d${slot.day}`) ?? []), i]);
    sets.set(
      `t${slot.day}_${slot.start}`,
      seatSlots.flatMap((o, k) => (o.day === slot.day && o.start <= slot.start && slot.start < o.end ? [k] : [])),
    );
  }
  const seen = new Set<string>();
  for (const [name, set] of [...sets.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const key = set.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    const without = new Set(set);
    if (mostHours(seatSlots.filter((_, k) => !without.has(k))) + sessionTotal >= need) continue;
    rows.push(` n${j}_${name}: ${sum([[1, `y${j}`], ...set.map((k): [number, string] => [-1, seatVars[k] as string])])} <= 0`);
  }
  for (const [r, [requestId, h]] of [...sessionHours.entries()].entries())
    if (most - h < need)
      rows.push(` nr${j}_${r}: ${sum([[1, `y${j}`], ...(sessionVars.get(requestId) ?? []).map((v): [number, string] => [-1, v])])} <= 0`);
  return rows;
}

/**
 * The week as one integer program (issue 5). Variables: a yes/no seat for every person and every group they are free
 * for (inside their availability, clear of what they already have, with a seat left); a yes/no for every place a
 * requested individual or family session fits (a staff member who may see them, a start on the grid inside both
 * their hours, a room free if in person); each person's hour shortfall and whether they reach their floor; for
 * per-diem people and people whose phase counts days, whether they come on each day.
 *
 * Hard rows: nobody — person or staff member — in two things at once (one row per start time over what overlaps it:
 * the cliques of an interval graph); group and room capacity; in-person sessions at any moment no more than the rooms
 * free then; staff session caps; a per-diem day with any service carries the day minimum. Rows that are implied for
 * whole numbers tighten the LP (what reaching a floor needs; a per-diem session's seat that day). Every hard limit
 * that could make the program infeasible has a priced slack instead, so it always solves and names who falls short.
 *
 * The objective, strictly in this order (weights above): most people to their floor; fewest hours short; fewest
 * requests unplaced; fewest changes against the incumbent week; most seats in last week's cohort; then preference
 * (hours seated, tracks, days, modality, primary clinician, days beyond the phase's). Seats and appointments already
 * in the plan are kept and count. Pure: HiGHS runs elsewhere.
 */
export interface ModelOptions {
  gridMinutes?: number;
  /**
   * Only the first goal, as a bound: maximise the people at their floor, each floor lowered by these hours (the
   * sessions a groups-only week leaves out could add at most that much). Its optimum bounds the whole week's.
   */
  floorsOnly?: { credit: ReadonlyMap<string, number> };
  /**
   * At most `count` of the people in `among` can reach their floor (a bound from `floorsOnly`, whose shortfalls they
   * are): a row the LP could not find. Someone `floorsOnly` left out (their sessions alone could reach their floor)
   * is not in it.
   */
  floorsAtMost?: { count: number; among: ReadonlySet<string> };
  /** People who must reach their floor (those a feasible week, e.g. the greedy baseline's, brings there). */
  keepAtFloor?: ReadonlySet<string>;
  /**
   * One variable per class of a request's starts rather than per start: the starts with one staff member on one day,
   * next to each other on the grid, that overlap the same seats the person could take and cost the same. The starts of
   * a class differ only in which hour of the staff member's (and the rooms') day they use, so the program keeps, per
   * window of the day, the sessions that fit in it (a staff member's, a person's, the rooms') instead of one row per
   * hour. A relaxation of the program with one variable per start: every week of that program is a week of this one
   * with the same objective, so its bound holds for both, and a week of this one whose classes each get a start (see
   * `classStarts`) is optimal for both when it is optimal here.
   */
  sessionClasses?: boolean;
}

export function buildAssignmentModel(plan: WeekPlan, opts: ModelOptions = {}): AssignmentModel {
  const rooms = new Map(plan.rooms.map((r) => [r.id, r.capacity]));
  const groups = [...plan.groups].sort((a, b) => a.id.localeCompare(b.id));
  const byId = new Map(groups.map((g) => [g.id, g]));
  const free = new Map(groups.map((g) => [g.id, Math.min(g.capacity, g.roomId === null ? Infinity : (rooms.get(g.roomId) ?? 0))]));
  for (const s of plan.seats) free.set(s.groupId, (free.get(s.groupId) ?? 0) - 1);
  const options = requestOptions(plan, opts.gridMinutes);
  const optionsOf = new Map<string, number[]>();
  for (const [k, o] of options.entries()) {
    const l = optionsOf.get(o.patientId);
    if (l) l.push(k);
    else optionsOf.set(o.patientId, [k]);
  }

  const incumbent = plan.incumbent;
  const incSeats = new Set(incumbent?.seats.map((s) => `${s.groupId}:${s.patientId}`));
  const incAppts = new Set(incumbent?.appointments.map((a) => optionKey({ ...a, requestId: a.requestId ?? a.id })));
  const fixedSeats = new Set(plan.seats.map((s) => `${s.groupId}:${s.patientId}`));
  const change = (inIncumbent: boolean) => (incumbent ? (inIncumbent ? -CHANGE_COST : CHANGE_COST) : 0);
  let constant = 0;
  const lastWeek = new Map<string, Set<string>>();
  for (const l of plan.lastWeek ?? []) {
    const set = lastWeek.get(l.patientId) ?? new Set<string>();
    set.add(l.templateId);
    lastWeek.set(l.patientId, set);
  }

  const pairs: AssignmentModel['pairs'] = [];
  const objective: [number, string][] = [];
  const rows: string[] = [];
  const byGroup = new Map<string, string[]>();
  const shortfalls: string[] = [];
  const days: AssignmentModel['days'] = [];
  const slacks: string[] = [];
  const aggregate = opts.sessionClasses === true;
  const grid = opts.gridMinutes ?? 60;
  const classes: RequestOption[][] = aggregate ? [] : options.map((o) => [o]);
  const indexOf = new Map(options.map((o, k) => [o, k]));
  /** For each session variable, the seat variables of its person that every one of its starts overlaps. */
  const overlapOf = new Map<string, Set<string>>();
  for (const [pi, p] of [...plan.patients].sort((a, b) => a.id.localeCompare(b.id)).entries()) {
    const fixed = [
      ...plan.appointments.filter((a) => a.patientId === p.id).map((a) => a.slot),
      ...plan.seats
        .filter((s) => s.patientId === p.id)
        .flatMap((s) => (byId.get(s.groupId) ? [(byId.get(s.groupId) as GroupOccurrence).slot] : [])),
    ];
    const cohort = lastWeek.get(p.id);
    const mine: Item[] = [];
    const hours: [number, string][] = [];
    // For the most hours they could hold: their seats' slots, and each request once, at its longest.
    const seatSlots: Slot[] = [];
    const seatVars: string[] = [];
    const sessionHours = new Map<string, number>();
    const sessionVars = new Map<string, string[]>();
    for (const g of groups) {
      if (!seatable(g, p, free, fixed)) continue;
      const v = `x${pairs.length}`;
      pairs.push({ patientId: p.id, groupId: g.id });
      mine.push({ v, slot: g.slot });
      seatSlots.push(g.slot);
      seatVars.push(v);
      hours.push([hoursOf(g.slot), v]);
      const inInc = incSeats.has(`${g.id}:${p.id}`);
      if (incumbent && inInc) constant += CHANGE_COST;
      const continuity = cohort?.size && !(g.templateId && cohort.has(g.templateId)) ? CONTINUITY_COST : 0;
      objective.push([hoursOf(g.slot) * (rankCost(p, g) + dayCost(p, g.slot) + modalityCost(p, g)) + continuity + change(inInc), v]);
      const list = byGroup.get(g.id);
      if (list) list.push(v);
      else byGroup.set(g.id, [v]);
    }
    const seatItems = [...mine];
    const myOptions = (optionsOf.get(p.id) ?? []).map((k) => options[k] as RequestOption);
    const costOf = (o: RequestOption) =>
      hoursOf(o.slot) * (1 + dayCost(p, o.slot)) + STAFF_RANK_COST * o.staffRank + change(incAppts.has(optionKey(o)));
    for (const o of myOptions) if (incumbent && incAppts.has(optionKey(o))) constant += CHANGE_COST;
    const units: (Item & { requestId: string; options: RequestOption[] })[] = [];
    for (const c of startClasses(myOptions, seatItems, costOf, aggregate ? grid : 0)) {
      let k: number;
      if (aggregate) {
        k = classes.length;
        classes.push(c.options);
      } else k = indexOf.get(c.options[0] as RequestOption) as number;
      const v = `a${k}`;
      const o = c.options[0] as RequestOption;
      units.push({ v, slot: o.slot, requestId: o.requestId, options: c.options });
      mine.push({ v, slot: o.slot });
      overlapOf.set(v, c.overlap);
      sessionHours.set(o.requestId, Math.max(sessionHours.get(o.requestId) ?? 0, hoursOf(o.slot)));
      sessionVars.set(o.requestId, [...(sessionVars.get(o.requestId) ?? []), v]);
      hours.push([hoursOf(o.slot), v]);
      objective.push([c.cost, v]);
    }
    // Each requested session once, at its longest.
    const sessionTotal = [...sessionHours.values()].reduce((a, b) => a + b, 0);
    // One thing at a time: what runs at each start time forms a clique.
    if (!aggregate) for (const [k, c] of cliques(mine).entries()) rows.push(` o${pi}_${k}: ${sum(c.map((v) => [1, v]))} <= 1`);
    else rows.push(...classConflicts(pi, seatItems, units, overlapOf));
    const need = weeklyHourFloor(p) - fixed.reduce((h, s) => h + hoursOf(s), 0) - (opts.floorsOnly?.credit.get(p.id) ?? 0);
    if (need > 0) {
      const j = shortfalls.length;
      shortfalls.push(p.id);
      objective.push([SHORTFALL_COST_PER_HOUR, `s${j}`]);
      objective.push([-UNPLACED_COST, `y${j}`]);
      constant += UNPLACED_COST;
      rows.push(` h${j}: ${sum([...hours, [1, `s${j}`]])} >= ${need}`);
      // y = 1 only when the seats and sessions alone reach the floor — never when even all of them, one at a time and
      // each request once, cannot (the LP would otherwise credit part of a person nobody can place).
      const most = mostHours(seatSlots) + sessionTotal;
      if (most < need) rows.push(` f${j}: y${j} = 0`);
      else {
        rows.push(` f${j}: ${sum([...hours, [-need, `y${j}`]])} >= 0`);
        if (opts.keepAtFloor?.has(p.id)) rows.push(` g${j}: y${j} = 1`);
        rows.push(...neededForFloor(j, { need, most, sessionTotal }, seatSlots, seatVars, sessionHours, sessionVars));
      }
    }
    if (!p.perDiem && p.phaseDays === undefined) continue;
    // Whether they come on each day: anything that day switches it on.
    const dayVars: string[] = [];
    let fixedOnlyDays = 0;
    for (const day of [0, 1, 2, 3, 4, 5, 6] as Weekday[]) {
      const today = mine.filter((m) => m.slot.day === day);
      const fixedHours = fixed.filter((f) => f.day === day).reduce((h, s) => h + hoursOf(s), 0);
      if (!today.length) {
        if (fixedHours > 0) fixedOnlyDays += 1;
        continue;
      }
      const n = days.length;
      const d = `d${n}`;
      days.push({ patientId: p.id, day });
      dayVars.push(d);
      if (fixedHours > 0) rows.push(` fd${n}: ${d} = 1`);
      for (const m of today) rows.push(` w${n}_${m.v}: ${m.v} - ${d} <= 0`);
      if (p.perDiem) {
        // Hard: a day is either off or carries the minimum. Only a day whose fixed sessions already fall short (and
        // cannot be dropped) needs the priced slack to stay feasible.
        const minimum = perDiemDayMinimumHours(p.ageGroup);
        const hoursToday = today.map((m): [number, string] => [hoursOf(m.slot), m.v]);
        const slack: [number, string][] = fixedHours > 0 && fixedHours < minimum ? [[1, `u${n}`]] : [];
        if (slack.length) {
          slacks.push(`u${n}`);
          objective.push([PER_DIEM_SHORT_COST_PER_HOUR, `u${n}`]);
        }
        rows.push(` pd${n}: ${sum([...hoursToday, ...slack, [-minimum, d]])} >= ${-fixedHours}`);
        // When their sessions (each request once) and what is fixed cannot make the minimum alone, a session that day
        // needs a seat that day at another time: implied by the rows above for whole numbers, much tighter for fractions.
        if (!slack.length && fixedHours + sessionTotal < minimum)
          for (const m of today) {
            if (!m.v.startsWith('a')) continue;
            const apart = today
              .filter((o) => o.v.startsWith('x') && !(overlapOf.get(m.v)?.has(o.v) ?? overlaps(o.slot, m.slot)))
              .map((o): [number, string] => [-1, o.v]);
            rows.push(` ps${n}_${m.v}: ${sum([[1, m.v], ...apart])} <= 0`);
          }
      }
    }
    if (p.phaseDays !== undefined && dayVars.length) {
      slacks.push(`e${pi}`);
      objective.push([PHASE_DAY_COST, `e${pi}`]);
      rows.push(` ph${pi}: ${sum([...dayVars.map((d): [number, string] => [1, d]), [-1, `e${pi}`]])} <= ${p.phaseDays - fixedOnlyDays}`);
    }
  }
  let c = 0;
  for (const [groupId, vars] of [...byGroup.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const cap = free.get(groupId) ?? 0;
    if (vars.length > cap) rows.push(` c${c++}: ${sum(vars.map((v) => [1, v]))} <= ${cap}`);
  }

  // Each request at most once; `m` is 1 when it is left out.
  const requests = [...(plan.requests ?? [])].map((r) => r.id).sort();
  const byRequest = new Map<string, string[]>();
  const byStaff = new Map<string, (Item & { span: Span })[]>();
  const inPerson: (Item & { span: Span })[] = [];
  for (const [k, c] of classes.entries()) {
    const o = c[0] as RequestOption;
    const v = `a${k}`;
    const span = spanOf(v, c);
    byRequest.set(o.requestId, [...(byRequest.get(o.requestId) ?? []), v]);
    const l = byStaff.get(o.staffId);
    if (l) l.push({ v, slot: o.slot, span });
    else byStaff.set(o.staffId, [{ v, slot: o.slot, span }]);
    if (o.inPerson) inPerson.push({ v, slot: o.slot, span });
  }
  for (const [r, id] of requests.entries()) {
    objective.push([REQUEST_MISSED_COST, `m${r}`]);
    rows.push(` q${r}: ${sum([...(byRequest.get(id) ?? []).map((v): [number, string] => [1, v]), [1, `m${r}`]])} = 1`);
  }
  for (const [sid, items] of [...byStaff.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const name = sid.replace(/[^A-Za-z0-9]/g, '_');
    if (!aggregate) for (const [k, cl] of cliques(items).entries()) rows.push(` t${name}_${k}: ${sum(cl.map((v) => [1, v]))} <= 1`);
    else
      for (const [k, w] of windowRows(
        items.map((i) => i.span),
        (day, from, to) => to - from,
      ).entries())
        rows.push(` t${name}_${k}: ${sum(w.terms)} <= ${w.cap}`);
  }
  for (const s of [...plan.staff].sort((a, b) => a.id.localeCompare(b.id))) {
    const items = byStaff.get(s.id) ?? [];
    if (s.maxSessions === undefined || !items.length) continue;
    const left = s.maxSessions - plan.appointments.filter((a) => a.staffId === s.id).length;
    rows.push(` cap_${s.id.replace(/[^A-Za-z0-9]/g, '_')}: ${sum(items.map((i) => [1, i.v]))} <= ${Math.max(0, left)}`);
  }
  // In-person sessions running at any moment: no more than the rooms nothing fixed uses then.
  if (inPerson.length) {
    const busy = [
      ...plan.groups.filter((g) => g.roomId !== null).map((g) => ({ roomId: g.roomId as string, slot: g.slot })),
      ...plan.appointments.filter((a) => a.roomId !== null).map((a) => ({ roomId: a.roomId as string, slot: a.slot })),
    ];
    if (!aggregate) {
      const starts = new Set(inPerson.map((i) => `${i.slot.day}:${i.slot.start}`));
      let n = 0;
      for (const key of [...starts].sort()) {
        const [day, t] = key.split(':').map(Number) as [number, number];
        const running = inPerson.filter((i) => i.slot.day === day && i.slot.start <= t && t < i.slot.end);
        const taken = new Set(busy.filter((b) => b.slot.day === day && b.slot.start <= t && t < b.slot.end).map((b) => b.roomId));
        const freeNow = plan.rooms.filter((r) => !taken.has(r.id)).length;
        if (running.length > freeNow) rows.push(` rm${n++}: ${sum(running.map((i) => [1, i.v]))} <= ${freeNow}`);
      }
    } else {
      // The room time free in a window: every room's minutes in it, less what fixed groups and sessions use.
      const roomMinutes = (day: Weekday, from: number, to: number) =>
        plan.rooms.reduce((total, r) => {
          const used = busy.filter((b) => b.roomId === r.id && b.slot.day === day).map((b) => b.slot);
          return total + (to - from) - coveredMinutes(used, from, to);
        }, 0);
      for (const [k, w] of windowRows(
        inPerson.map((i) => i.span),
        roomMinutes,
      ).entries())
        rows.push(` rm${k}: ${sum(w.terms)} <= ${w.cap}`);
    }
  }

  if (incumbent) {
    // Incumbent items no variable can keep (the group or session cannot happen now): changes already forced.
    const seatVars = new Set(pairs.map((p) => `${p.groupId}:${p.patientId}`));
    for (const s of incumbent.seats)
      if (!seatVars.has(`${s.groupId}:${s.patientId}`) && !fixedSeats.has(`${s.groupId}:${s.patientId}`)) constant += CHANGE_COST;
    const optionKeys = new Set(options.map(optionKey));
    const fixedAppts = new Set(plan.appointments.map((a) => optionKey({ ...a, requestId: a.requestId ?? a.id })));
    for (const key of incAppts) if (!optionKeys.has(key) && !fixedAppts.has(key)) constant += CHANGE_COST;
  }
  const capped = shortfalls.flatMap((id, j): [number, string][] => (opts.floorsAtMost?.among.has(id) ? [[1, `y${j}`]] : []));
  if (opts.floorsAtMost && capped.length) rows.push(` fl: ${sum(capped)} <= ${opts.floorsAtMost.count}`);
  if (opts.floorsOnly) {
    objective.splice(0, objective.length, ...shortfalls.map((_, j): [number, string] => [-1, `y${j}`]));
    constant = 0;
  }
  if (constant) objective.push([constant, 'k']);
  const first = objective[0]?.[1];
  const lp = [
    'Minimize',
    ` obj: ${first ? sum(objective) : '0'}`,
    'Subject To',
    ...(rows.length || !first ? rows : [` none: ${first} >= 0`]),
    'Bounds',
    ...shortfalls.map((_, j) => ` s${j} >= 0`),
    ...requests.map((_, r) => ` 0 <= m${r} <= 1`),
    ...slacks.map((v) => ` ${v} >= 0`),
    ...(constant ? [' k = 1'] : []),
    'Binary',
    ...chunk([
      ...pairs.map((_, i) => `x${i}`),
      ...shortfalls.map((_, j) => `y${j}`),
      ...classes.map((_, k) => `a${k}`),
      ...days.map((_, n) => `d${n}`),
    ]),
    'End',
  ].join('\n');
  return { lp, pairs, shortfalls, classes, requests, days, constant };
}

const chunk = (names: string[]): string[] => {
  const out: string[] = [];
  for (let i = 0; i < names.length; i += 12) out.push(` ${names.slice(i, i + 12).join(' ')}`);
  return out;
};
