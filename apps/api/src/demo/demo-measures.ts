import { eq, inArray } from 'drizzle-orm';
import {
  checkinAlertReasons,
  checkinAlertTitle,
  DEFAULT_CRAVING_THRESHOLD,
  instruments,
  localDate,
  pointsFor,
  scoreResponse,
  type Answers,
  type MeasureKind,
} from '@openiop/core';
import type { Db } from '../db/database';
import {
  dailyCheckins,
  instrumentAdministrations,
  instrumentAnswers,
  locations,
  measureAssignments,
  patients as patientsTable,
  tasks,
} from '../db/schema/index';
import type { DemoPatient } from './demo-instruments';
import { Rng } from './random';

const DAY = 86_400_000;
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY);

/** PHQ-9 answers that add up to `total` (item 9 kept at 0), spread over items 1–8. */
function phqOf(total: number): Answers {
  const a: Answers = { q9: 0 };
  for (let i = 1; i <= 8; i += 1) a[`q${i}`] = Math.min(3, Math.floor(total / 8) + (i <= total % 8 ? 1 : 0));
  return a;
}

/**
 * Picks the person whose PHQ-9 history shows a response: an active patient of the sign-in clinician admitted at
 * least six weeks ago (four weeks at a pinch; another clinician's when they have none), not the one the instrument
 * demo flags. The instrument demo leaves
 * them out so their history starts here.
 */
export function pickShowcase(active: DemoPatient[], clinicianId: string | null, now: Date): DemoPatient | undefined {
  const theirs = active.filter((p) => p.clinicianId === clinicianId).slice(1);
  const anyone = active.filter((p) => p.clinicianId !== clinicianId);
  for (const pool of [theirs, anyone])
    for (const days of [43, 29]) {
      const found = pool.find((p) => p.admittedAt <= addDays(now, -days));
      if (found) return found;
    }
  return undefined;
}

/**
 * Measurement-based care for the demo: the first active patients have PHQ-9 and GAD-7 every two weeks, BAM
 * monthly and a daily check-in from admission; the showcase person has a falling PHQ-9 (response, then
 * remission) and two weeks of check-ins, the latest at a high craving with its open `checkin_alert` task for
 * their clinician. Deterministic from the demo's seed; one insert per table.
 */
export async function seedMeasuresDemo(
  tx: Db,
  organizationId: string,
  opts: { seed: number; now: Date; active: DemoPatient[]; showcase: DemoPatient | undefined },
): Promise<{ assignments: number; checkins: number }> {
  const rng = new Rng(opts.seed + 11);
  const { now, showcase } = opts;
  const people = [...(showcase ? [showcase] : []), ...opts.active.filter((p) => p !== showcase).slice(0, 11)];
  if (!people.length) return { assignments: 0, checkins: 0 };
  const zones = new Map(
    (
      await tx
        .select({ id: patientsTable.id, timeZone: locations.timeZone })
        .from(patientsTable)
        .innerJoin(locations, eq(locations.id, patientsTable.locationId))
        .where(
          inArray(
            patientsTable.id,
            people.map((p) => p.id),
          ),
        )
    ).map((r) => [r.id, r.timeZone]),
  );
  const zoneOf = (p: DemoPatient) => zones.get(p.id) ?? 'America/Los_Angeles';
  const assignments: (typeof measureAssignments.$inferInsert)[] = [];
  const checkins: (typeof dailyCheckins.$inferInsert)[] = [];
  const taskRows: (typeof tasks.$inferInsert)[] = [];
  const plan: [MeasureKind, 'biweekly' | 'monthly' | 'daily', number][] = [
    ['phq9', 'biweekly', 3],
    ['gad7', 'biweekly', 3],
    ['bam', 'monthly', 7],
    ['daily_checkin', 'daily', 0],
  ];
  for (const p of people) {
    const startDate = localDate(p.admittedAt, zoneOf(p));
    for (const [measure, cadence, graceDays] of plan)
      assignments.push({
        id: rng.uuid(),
        organizationId,
        patientId: p.id,
        measure,
        cadence,
        startDate,
        graceDays,
        createdBy: p.clinicianId,
        createdAt: p.admittedAt,
        updatedAt: p.admittedAt,
      });
  }

  const admRows: (typeof instrumentAdministrations.$inferInsert)[] = [];
  const ansRows: (typeof instrumentAnswers.$inferInsert)[] = [];
  if (showcase) {
    const def = instruments.phq9;
    for (const [k, total] of [19, 13, 8, 4].entries()) {
      const at = addDays(showcase.admittedAt, 14 * k);
      if (at > now) break;
      const answers = phqOf(total);
      const score = scoreResponse(def, answers, { sexAssignedAtBirth: showcase.sex });
      if ('errors' in score) throw new Error('demo PHQ-9 answers are invalid');
      const id = rng.uuid();
      admRows.push({
        id,
        organizationId,
        patientId: showcase.id,
        episodeId: showcase.episodeId,
        instrumentId: 'phq9',
        definitionVersion: def.version,
        status: 'completed',
        source: k === 0 ? 'staff' : 'phone_link',
        administeredBy: k === 0 ? showcase.clinicianId : null,
        total: score.total ?? null,
        bandCode: score.band?.code ?? null,
        bandLabel: score.band?.label ?? null,
        bandSetUsed: score.band?.bandSet ?? null,
        safetyFlags: [],
        missingItems: [],
        notes: score.notes,
        submittedAt: at,
        createdAt: at,
        updatedAt: at,
      });
      for (const [itemId, value] of Object.entries(answers)) {
        const item = def.items.find((i) => i.id === itemId);
        ansRows.push({ organizationId, administrationId: id, itemId, value, points: item ? pointsFor(item, value) : 0, answeredAt: at });
      }
    }
  }

  // Two weeks of evening check-ins for the first few people, most days; the showcase's last one alerts.
  for (const [index, p] of people.slice(0, 6).entries()) {
    const days = Math.min(14, Math.floor((now.getTime() - p.admittedAt.getTime()) / DAY));
    for (let d = days; d >= 1; d -= 1) {
      const last = p === showcase && d === 1;
      if (!last && rng.chance(0.2)) continue;
      const at = new Date(addDays(now, -d).getTime() + rng.int(0, 120) * 60_000);
      const craving = last ? 8 : rng.int(0, index === 0 ? 5 : 6);
      const id = rng.uuid();
      const reasons = checkinAlertReasons({ craving, usedSinceLast: false }, DEFAULT_CRAVING_THRESHOLD);
      let alertTaskId: string | null = null;
      if (reasons.length) {
        alertTaskId = rng.uuid();
        taskRows.push({
          id: alertTaskId,
          organizationId,
          kind: 'checkin_alert',
          priority: 'normal',
          patientId: p.id,
          assigneeUserId: p.clinicianId,
          title: checkinAlertTitle(reasons),
          details: { reasons, checkinId: id },
          sourceType: 'daily_checkin',
          sourceId: id,
          dueAt: at,
          createdAt: at,
        });
      }
      checkins.push({
        id,
        organizationId,
        patientId: p.id,
        clientId: rng.uuid(),
        localDate: localDate(at, zoneOf(p)),
        mood: last ? 2 : rng.int(2, 5),
        craving,
        sleepHours: rng.int(10, 18) / 2,
        sleepQuality: rng.int(2, 5),
        usedSinceLast: false,
        note: last ? 'Rough day at work.' : null,
        cravingThreshold: DEFAULT_CRAVING_THRESHOLD,
        alertTaskId,
        submittedAt: at,
      });
    }
  }
  await tx.insert(measureAssignments).values(assignments);
  if (admRows.length) await tx.insert(instrumentAdministrations).values(admRows);
  if (ansRows.length) await tx.insert(instrumentAnswers).values(ansRows);
  if (taskRows.length) await tx.insert(tasks).values(taskRows);
  if (checkins.length) await tx.insert(dailyCheckins).values(checkins);
  return { assignments: assignments.length, checkins: checkins.length };
}
