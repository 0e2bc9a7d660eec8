import { and, asc, eq } from 'drizzle-orm';
import {
  addDays,
  drawDay,
  expectedClasses,
  localDate,
  weekdayOf,
  zonedInstant,
  type DrugTestRates,
  type SubstanceClass,
} from '@openiop/core';
import type { Db } from '../db/database';
import {
  drugTestCollections,
  drugTestDraws,
  drugTestResults,
  drugTestReviews,
  drugTestSelections,
  drugTestSettings,
  episodes,
  medications,
  patients,
  patientSchedulePrefs,
  programPhases,
  tasks,
} from '../db/schema/index';
import { Rng } from './random';

/** The panel a demo clinic runs on a cup: the classes its people use and their medications. */
const PANEL: SubstanceClass[] = [
  'alcohol_etg',
  'amphetamines',
  'benzodiazepines',
  'buprenorphine',
  'cannabinoids',
  'cocaine',
  'fentanyl',
  'methadone',
  'opiates',
];
const LAPSES: SubstanceClass[] = ['cannabinoids', 'alcohol_etg', 'cocaine', 'fentanyl', 'amphetamines'];
const REVIEW_NOTES = [
  'Discussed the result with the person; they described a lapse over the weekend and we updated the relapse-prevention plan together.',
  'Reviewed the result together; the person disputes it, so a definitive confirmation was requested and an extra individual session offered.',
  'Talked through the result without judgement; the person named the trigger (a family argument) and agreed to call their sponsor next time.',
];
const RATES: DrugTestRates = { ratesByPhase: { '1': 2, '2': 1, '3': 0.5 }, defaultRatePerWeek: 1, collectionWeekdays: [0, 1, 2, 3, 4] };
const DAYS_BACK = 21;

/**
 * Drug testing in the demo: rates and a secret per location, three weeks of past daily draws made with the real
 * selection rule and a scheduled baseline test after admission, collections for most of those selected (a few missed), presumptive results on the panel with
 * expected positives for people on buprenorphine or methadone, a few unexpected positives with reviews (the most
 * recent left for review with an open task) and one dilute specimen. Today is never drawn, so the draw can be shown.
 */
export async function seedDrugTestDemo(
  tx: Db,
  input: {
    organizationId: string;
    seed: number;
    now: Date;
    locations: { id: string; timeZone: string; collectorId: string }[];
    reviewerId: string;
  },
): Promise<void> {
  const rng = new Rng((input.seed ^ 0x0d7e57ed) >>> 0);
  const { organizationId: org, now } = input;
  let dilute = false;
  let n = 0;
  for (const loc of input.locations) {
    const secret = Array.from({ length: 4 }, () => rng.uuid()).join('');
    await tx.insert(drugTestSettings).values({
      id: rng.uuid(),
      organizationId: org,
      locationId: loc.id,
      ...RATES,
      secret,
      createdAt: addDaysDate(now, -DAYS_BACK - 7),
      updatedAt: addDaysDate(now, -DAYS_BACK - 7),
    });
    const people = await tx
      .select({ id: patients.id, admittedOn: episodes.admittedOn, clinician: episodes.primaryClinicianId, phase: programPhases.number })
      .from(patients)
      .innerJoin(episodes, and(eq(episodes.id, patients.currentEpisodeId), eq(episodes.organizationId, patients.organizationId)))
      .leftJoin(patientSchedulePrefs, and(eq(patientSchedulePrefs.organizationId, org), eq(patientSchedulePrefs.patientId, patients.id)))
      .leftJoin(programPhases, eq(programPhases.id, patientSchedulePrefs.phaseId))
      .where(
        and(
          eq(patients.organizationId, org),
          eq(patients.careStatus, 'active'),
          eq(episodes.status, 'active'),
          eq(episodes.locationId, loc.id),
        ),
      )
      .orderBy(asc(patients.id));
    const meds = new Map<string, { name: string; matKind: string | null; startDate: string | null; stopDate: string | null }[]>();
    for (const p of people)
      meds.set(
        p.id,
        await tx
          .select({
            name: medications.name,
            matKind: medications.matKind,
            startDate: medications.startDate,
            stopDate: medications.stopDate,
          })
          .from(medications)
          .where(and(eq(medications.organizationId, org), eq(medications.patientId, p.id))),
      );
    const today = localDate(now, loc.timeZone);
    const baselined = new Set<string>();
    for (let back = DAYS_BACK; back >= 1; back--) {
      const day = addDays(today, -back);
      if (!RATES.collectionWeekdays.includes(weekdayOf(day))) continue;
      const eligible = people.filter((p) => !p.admittedOn || p.admittedOn <= day).map((p) => ({ patientId: p.id, phase: p.phase ?? null }));
      const draw = drawDay({ secret, day, weekday: weekdayOf(day), rates: RATES, eligible });
      const drawId = rng.uuid();
      const drawnAt = zonedInstant(day, 6 * 60, loc.timeZone);
      await tx.insert(drugTestDraws).values({
        id: drawId,
        organizationId: org,
        locationId: loc.id,
        day,
        drawnAt,
        drawnBy: null,
        log: {
          collectionDay: true,
          settingsVersion: 1,
          eligible: draw.entries.map((e) => e.patientId),
          selected: draw.selected,
          probabilities: Object.fromEntries(draw.entries.map((e) => [e.patientId, e.p])),
          phases: Object.fromEntries(draw.entries.map((e) => [e.patientId, e.phase])),
          rates: Object.fromEntries(draw.entries.map((e) => [e.patientId, e.ratePerWeek])),
        },
      });
      // A baseline test (scheduled, not random) on the first collection day after admission for people admitted
      // lately, and on the first day their medication explains a finding for people on MOUD: every demo clinic then
      // shows expected positives, whatever the draw picked.
      // Someone the draw picks on the day their baseline is due gives the specimen then (it is never missed), so
      // the history never depends on the luck of the draw.
      const firstDay = addDays(today, -DAYS_BACK);
      const baselineDue = (patientId: string): boolean => {
        if (baselined.has(patientId)) return false;
        const admitted = people.find((p) => p.id === patientId)?.admittedOn;
        return (!!admitted && admitted >= firstDay && admitted <= day) || expectedClasses(meds.get(patientId) ?? [], day).size > 0;
      };
      const baseline = eligible.map((e) => e.patientId).filter((id) => !draw.selected.includes(id) && baselineDue(id));
      const tests = [
        ...draw.selected.map((id) => ({ id, reason: 'random' as const })),
        ...baseline.map((id) => ({ id, reason: 'scheduled' as const })),
      ];
      for (const { id: patientId, reason } of tests) {
        const due = baselineDue(patientId);
        baselined.add(patientId);
        // The chance is drawn first, so the demo's other content does not shift.
        const collected = reason === 'scheduled' || rng.chance(0.88) || due;
        const selectionId = rng.uuid();
        await tx.insert(drugTestSelections).values({
          id: selectionId,
          organizationId: org,
          locationId: loc.id,
          drawId,
          patientId,
          day,
          reason,
          status: collected ? 'collected' : 'missed',
          createdAt: drawnAt,
          updatedAt: drawnAt,
        });
        if (!collected) continue;
        n += 1;
        const collectedAt = zonedInstant(day, rng.int(9 * 60, 15 * 60), loc.timeZone);
        const makeDilute: boolean = !dilute && back <= 10 && rng.chance(0.2);
        dilute ||= makeDilute;
        const collectionId = rng.uuid();
        const at = (min: number) => new Date(collectedAt.getTime() + min * 60_000).toISOString();
        await tx.insert(drugTestCollections).values({
          id: collectionId,
          organizationId: org,
          patientId,
          locationId: loc.id,
          selectionId,
          collectedAt,
          collectorId: loc.collectorId,
          specimenType: 'urine',
          observed: rng.chance(0.7),
          custodyId: `RB-${day.replaceAll('-', '')}-${String(n).padStart(4, '0')}`,
          custodyEvents: [
            { at: at(0), by: loc.collectorId, action: 'collected' },
            { at: at(2), by: loc.collectorId, action: 'sealed' },
          ],
          custodyIntact: true,
          temperatureC: Math.round((33 + rng.next() * 3) * 10) / 10,
          validity: {
            creatinine: makeDilute ? 14 : rng.int(40, 180),
            specificGravity: null,
            ph: null,
            oxidants: null,
            temperatureMinutes: rng.int(1, 3),
          },
          createdAt: collectedAt,
          updatedAt: collectedAt,
        });
        const explains = expectedClasses(meds.get(patientId) ?? [], day);
        const lapse = rng.chance(0.06) ? rng.pick(LAPSES) : null;
        const resultedAt = new Date(collectedAt.getTime() + 15 * 60_000);
        await tx.insert(drugTestResults).values(
          PANEL.map((substanceClass) => {
            const positive = explains.has(substanceClass) || substanceClass === lapse;
            return {
              id: rng.uuid(),
              organizationId: org,
              collectionId,
              patientId,
              substanceClass,
              method: 'presumptive' as const,
              outcome: positive ? ('positive' as const) : ('negative' as const),
              expected: positive && explains.has(substanceClass),
              flagged: makeDilute ? 'dilute' : null,
              recordedBy: input.reviewerId,
              resultedAt,
            };
          }),
        );
        if (!lapse || explains.has(lapse)) continue;
        const person = people.find((p) => p.id === patientId);
        if (back > 3)
          await tx.insert(drugTestReviews).values({
            id: rng.uuid(),
            organizationId: org,
            collectionId,
            patientId,
            note: rng.pick(REVIEW_NOTES),
            reviewedBy: person?.clinician ?? input.reviewerId,
            reviewedAt: new Date(collectedAt.getTime() + 26 * 3_600_000),
          });
        else
          await tx.insert(tasks).values({
            id: rng.uuid(),
            organizationId: org,
            kind: 'drug_test_review',
            priority: 'normal',
            patientId,
            assigneeUserId: person?.clinician ?? input.reviewerId,
            title: 'Review a drug-test result with the person',
            details: { collectionId },
            sourceType: 'drug_test_collection',
            sourceId: collectionId,
            dueAt: new Date(resultedAt.getTime() + 2 * 86_400_000),
            createdAt: resultedAt,
          });
      }
    }
  }
}

const addDaysDate = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);
