import { diagnosisCategoryOf, findIcd10, localDate, type MatKind, type RelapsePlanContent } from '@openiop/core';
import type { Db } from '../db/database';
import { allergies, chartAlerts, diagnoses, medicationAdherenceNotes, medications, relapsePlans } from '../db/schema/index';
import type { DemoPatient } from './demo-instruments';
import { Rng } from './random';

const day = (d: Date) => localDate(d, 'UTC');
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

type Sud = { code: string; substance: 'opioid' | 'alcohol' | 'stimulant' | 'cannabis' };
const SUDS: Sud[] = [
  { code: 'F11.20', substance: 'opioid' },
  { code: 'F11.20', substance: 'opioid' },
  { code: 'F10.20', substance: 'alcohol' },
  { code: 'F10.20', substance: 'alcohol' },
  { code: 'F10.10', substance: 'alcohol' },
  { code: 'F15.20', substance: 'stimulant' },
  { code: 'F14.20', substance: 'stimulant' },
  { code: 'F12.20', substance: 'cannabis' },
];
const CO_OCCURRING = ['F33.1', 'F32.1', 'F41.1', 'F43.10', 'F90.2', 'F31.81', 'F41.0'];

type Med = { name: string; dose: string; route: string; frequency: string; matKind: MatKind };
const MAT: Record<'opioid' | 'alcohol', Med[]> = {
  opioid: [
    {
      name: 'Buprenorphine-naloxone',
      dose: '8 mg/2 mg film',
      route: 'sublingual',
      frequency: 'once daily',
      matKind: 'buprenorphine_naloxone',
    },
    { name: 'Methadone', dose: '80 mg', route: 'oral', frequency: 'once daily, observed', matKind: 'methadone' },
    {
      name: 'Naltrexone extended-release',
      dose: '380 mg',
      route: 'intramuscular',
      frequency: 'every 4 weeks',
      matKind: 'naltrexone_er_injectable',
    },
  ],
  alcohol: [
    { name: 'Naltrexone', dose: '50 mg tablet', route: 'oral', frequency: 'once daily', matKind: 'naltrexone_oral' },
    { name: 'Acamprosate', dose: '666 mg', route: 'oral', frequency: 'three times daily', matKind: 'acamprosate' },
  ],
};
const OTHER_MEDS = [
  { name: 'Sertraline', dose: '50 mg', route: 'oral', frequency: 'once daily' },
  { name: 'Hydroxyzine', dose: '25 mg', route: 'oral', frequency: 'as needed for anxiety, up to three times daily' },
  { name: 'Trazodone', dose: '50 mg', route: 'oral', frequency: 'at bedtime' },
];
const ALLERGENS = [
  ['Penicillin', 'Hives', 'moderate'],
  ['Sulfa drugs', 'Rash', 'mild'],
  ['Codeine', 'Nausea and vomiting', 'mild'],
  ['Latex', 'Contact dermatitis', 'moderate'],
  ['Peanuts', 'Anaphylaxis', 'severe'],
] as const;

const PLAN_BITS = {
  people: ['friends I used with', 'my ex', 'coworkers who drink after shifts'],
  places: ['the bar on Fifth', 'the gas station where I used to buy', 'my old neighbourhood'],
  feelings: ['lonely', 'angry after arguments', 'bored on weekends', 'anxious before court dates'],
  times: ['payday', 'Friday nights', 'late at night when I cannot sleep'],
  warningSigns: ['skipping groups', 'not sleeping', 'keeping secrets', 'romanticising using', 'isolating in my room'],
  coping: ['call my sponsor', 'go for a run', 'urge surfing for 20 minutes', 'go to a meeting', 'text my peer mentor', 'play guitar'],
  contacts: [
    ['Sam', 'sponsor'],
    ['Jordan', 'sister'],
    ['Alex', 'peer mentor'],
    ['Casey', 'friend in recovery'],
  ] as [string, string][],
  afterLapse: [
    'tell my counselor the same day',
    'get rid of what is left',
    'go to a meeting that night',
    'remember one slip is not failure',
  ],
  reasons: ['my kids', 'my health', 'getting my licence back', 'being someone my family can count on', 'my job'],
};

function planContent(rng: Rng): RelapsePlanContent {
  const some = (xs: readonly string[], n: number) => [...new Set(Array.from({ length: n }, () => rng.pick(xs)))];
  return {
    triggers: {
      people: some(PLAN_BITS.people, 1),
      places: some(PLAN_BITS.places, rng.int(1, 2)),
      feelings: some(PLAN_BITS.feelings, 2),
      times: some(PLAN_BITS.times, 1),
    },
    warningSigns: some(PLAN_BITS.warningSigns, 3),
    copingStrategies: some(PLAN_BITS.coping, 3),
    contacts: some(
      PLAN_BITS.contacts.map((c) => c[0]),
      2,
    ).map((name) => ({
      name,
      relationship: PLAN_BITS.contacts.find((c) => c[0] === name)?.[1] ?? null,
      phone: `+1 555 01${rng.int(10, 99)} ${rng.int(1000, 9999)}`,
    })),
    afterLapse: some(PLAN_BITS.afterLapse, 2),
    reasons: some(PLAN_BITS.reasons, 2),
  };
}

/**
 * The personal record for the first admitted patients: a primary SUD diagnosis and most often a co-occurring one,
 * medications for addiction treatment where they fit, allergies or "no known allergies", a few chart alerts, and
 * relapse-prevention plans (some on a second version). Its own generator, so the rest of the demo does not shift.
 */
export async function seedRecordDemo(
  tx: Db,
  opts: { organizationId: string; seed: number; now: Date; patients: DemoPatient[]; prescriberId: string; limit?: number },
): Promise<void> {
  const rng = new Rng((opts.seed ^ 0x4ec0) >>> 0);
  const org = opts.organizationId;
  const dRows: (typeof diagnoses.$inferInsert)[] = [];
  const mRows: (typeof medications.$inferInsert)[] = [];
  const nRows: (typeof medicationAdherenceNotes.$inferInsert)[] = [];
  const aRows: (typeof allergies.$inferInsert)[] = [];
  const alRows: (typeof chartAlerts.$inferInsert)[] = [];
  const pRows: (typeof relapsePlans.$inferInsert)[] = [];
  for (const [i, p] of opts.patients.slice(0, opts.limit ?? 60).entries()) {
    const at = addDays(p.admittedAt, 1);
    const sud = rng.pick(SUDS);
    const dx = (code: string, isPrimary: boolean) =>
      dRows.push({
        id: rng.uuid(),
        organizationId: org,
        patientId: p.id,
        episodeId: p.episodeId,
        code,
        description: findIcd10(code)?.description ?? code,
        category: diagnosisCategoryOf(code),
        isPrimary,
        recordedBy: p.clinicianId,
        recordedAt: at,
        createdAt: at,
        updatedAt: at,
      });
    dx(sud.code, true);
    if (rng.chance(0.7)) dx(rng.pick(CO_OCCURRING), false);

    const rec = { organizationId: org, patientId: p.id, recordedBy: opts.prescriberId, recordedAt: at, createdAt: at, updatedAt: at };
    if ((sud.substance === 'opioid' || sud.substance === 'alcohol') && rng.chance(0.8)) {
      const med = rng.pick(MAT[sud.substance]);
      const id = rng.uuid();
      mRows.push({
        ...rec,
        id,
        ...med,
        prescriber: med.matKind === 'methadone' ? 'Eastside Opioid Treatment Program' : 'Dr. Helen Park, MD',
        startDate: day(addDays(p.admittedAt, -rng.int(0, 30))),
        otpName: med.matKind === 'methadone' ? 'Eastside Opioid Treatment Program' : null,
        otpPhone: med.matKind === 'methadone' ? '+1 555 0142 7700' : null,
      });
      const noteDay = addDays(opts.now, -rng.int(1, 6));
      if (noteDay > p.admittedAt)
        nRows.push({
          id: rng.uuid(),
          organizationId: org,
          medicationId: id,
          notedOn: day(noteDay),
          text: rng.pick([
            'Taking as prescribed; no side effects reported.',
            'Missed one dose this week; reviewed reminders.',
            'Reports cravings much lower since starting.',
          ]),
          authorId: opts.prescriberId,
          createdAt: noteDay,
        });
    }
    if (rng.chance(0.35))
      mRows.push({ ...rec, id: rng.uuid(), ...rng.pick(OTHER_MEDS), prescriber: 'Dr. Helen Park, MD', startDate: day(p.admittedAt) });

    const a = rng.next();
    if (a < 0.3) {
      const [substance, reaction, severity] = rng.pick(ALLERGENS);
      aRows.push({ ...rec, id: rng.uuid(), kind: 'allergy', substance, reaction, severity });
    } else if (a < 0.85) aRows.push({ ...rec, id: rng.uuid(), kind: 'no_known_allergies' });

    if (sud.substance === 'opioid' && rng.chance(0.35))
      alRows.push({ ...rec, id: rng.uuid(), kind: 'overdose_history', severity: 'high', note: 'Naloxone kit given at intake' });
    if (sud.substance === 'alcohol' && rng.chance(0.15)) alRows.push({ ...rec, id: rng.uuid(), kind: 'seizure_risk', severity: 'high' });
    if (rng.chance(0.12))
      alRows.push({ ...rec, id: rng.uuid(), kind: 'legal_involvement', severity: 'info', label: 'Drug court participant' });

    if (i % 2 === 0) {
      const first = planContent(rng);
      const finalAt = addDays(p.admittedAt, 7);
      if (finalAt < opts.now) {
        const base = { organizationId: org, patientId: p.id, createdBy: p.clinicianId };
        pRows.push({
          ...base,
          id: rng.uuid(),
          number: 1,
          status: 'final',
          content: first,
          finalisedBy: p.clinicianId,
          finalisedAt: finalAt,
          createdAt: finalAt,
          updatedAt: finalAt,
          version: 2,
        });
        const revisedAt = addDays(finalAt, 14);
        if (i % 6 === 0 && revisedAt < opts.now) {
          const second = { ...first, copingStrategies: [...first.copingStrategies, 'box breathing'] };
          pRows.push({
            ...base,
            id: rng.uuid(),
            number: 2,
            status: 'final',
            content: second,
            finalisedBy: p.clinicianId,
            finalisedAt: revisedAt,
            createdAt: revisedAt,
            updatedAt: revisedAt,
            version: 2,
          });
        }
      }
    }
  }
  if (dRows.length) await tx.insert(diagnoses).values(dRows);
  if (mRows.length) await tx.insert(medications).values(mRows);
  if (nRows.length) await tx.insert(medicationAdherenceNotes).values(nRows);
  if (aRows.length) await tx.insert(allergies).values(aRows);
  if (alRows.length) await tx.insert(chartAlerts).values(alRows);
  if (pRows.length) await tx.insert(relapsePlans).values(pRows);
}
