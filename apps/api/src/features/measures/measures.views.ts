import {
  defaultGraceDays,
  instruments,
  isInstrumentMeasure,
  localDate,
  measureStatus,
  rulesFor,
  scoreRange,
  trendOf,
  type AssignmentView,
  type Cadence,
  type CadenceInput,
  type CheckinView,
  type InstrumentId,
  type InstrumentTrend,
  type MeasureKind,
  type MeasureSchedule,
} from '@openiop/core';
import { checkinAlertReasons } from '@openiop/core';
import type { AssignmentRow, CheckinRow } from './measures.repo';

export const measureName = (m: MeasureKind): string => (isInstrumentMeasure(m) ? instruments[m].shortName : 'Daily check-in');

export function cadenceOf(row: Pick<AssignmentRow, 'cadence' | 'intervalDays'>): Cadence {
  return row.cadence === 'every_n_days' ? { kind: 'every_n_days', days: row.intervalDays ?? 1 } : { kind: row.cadence };
}

export const scheduleOf = (row: AssignmentRow): MeasureSchedule => ({
  cadence: cadenceOf(row),
  startDate: row.startDate,
  endDate: row.endDate,
  graceDays: row.graceDays,
});

export const graceFor = (cadence: CadenceInput, given: number | null | undefined): number => given ?? defaultGraceDays(cadence);

/** The local dates each measure was answered on, from completed scores and check-ins. */
export function answeredDatesOf(
  scores: readonly { patientId: string; instrumentId: InstrumentId; submittedAt: Date | null }[],
  checkins: readonly { patientId: string; localDate: string }[],
  zoneOf: (patientId: string) => string,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const push = (key: string, d: string) => {
    const list = out.get(key);
    if (list) list.push(d);
    else out.set(key, [d]);
  };
  for (const s of scores) if (s.submittedAt) push(`${s.patientId}:${s.instrumentId}`, localDate(s.submittedAt, zoneOf(s.patientId)));
  for (const c of checkins) push(`${c.patientId}:daily_checkin`, c.localDate);
  return out;
}

export function assignmentView(row: AssignmentRow, answered: readonly string[], today: string): AssignmentView {
  const last = answered.length ? ([...answered].sort().at(-1) ?? null) : null;
  return {
    id: row.id,
    patientId: row.patientId,
    measure: row.measure,
    measureName: measureName(row.measure),
    cadence: cadenceOf(row),
    startDate: row.startDate,
    endDate: row.endDate,
    graceDays: row.graceDays,
    status: measureStatus(scheduleOf(row), answered, today),
    lastAnsweredOn: last,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

export function checkinView(row: CheckinRow): CheckinView {
  return {
    id: row.id,
    localDate: row.localDate,
    submittedAt: row.submittedAt.toISOString(),
    mood: row.mood,
    craving: row.craving,
    sleepHours: row.sleepHours,
    sleepQuality: row.sleepQuality,
    usedSinceLast: row.usedSinceLast,
    usedWhat: row.usedWhat,
    note: row.note,
    alertReasons: checkinAlertReasons(row, row.cravingThreshold),
    alertTaskId: row.alertTaskId,
  };
}

/** The default band set of a summed instrument (bands are ordered from least to most severe). */
export function bandsOf(instrumentId: InstrumentId) {
  const s = instruments[instrumentId].scoring;
  if (s.kind !== 'sum') return null;
  return (s.bandSets.find((b) => b.id === s.defaultBandSet) ?? s.bandSets[0])?.bands ?? null;
}

/** One trend per instrument that has scores, in the order first scored. */
export function trendsOf(
  series: readonly { instrumentId: InstrumentId; total: number | null; submittedAt: Date | null }[],
): InstrumentTrend[] {
  const by = new Map<InstrumentId, { at: string; total: number }[]>();
  for (const s of series) {
    if (s.total === null || !s.submittedAt) continue;
    const list = by.get(s.instrumentId) ?? [];
    list.push({ at: s.submittedAt.toISOString(), total: s.total });
    by.set(s.instrumentId, list);
  }
  return [...by.entries()].map(([instrumentId, points]) => {
    const bands = bandsOf(instrumentId);
    const rules = rulesFor(instrumentId);
    return {
      instrumentId,
      instrumentName: instruments[instrumentId].shortName,
      maxTotal: scoreRange(instruments[instrumentId]).max,
      bands: bands ?? [],
      remissionBelow: rules.remissionBelow,
      reliableChange: rules.reliableChange,
      points: trendOf(instrumentId, bands, points),
    };
  });
}
