/**
 * The pre-screen: a short set of questions asked on the first call that finds the people for whom an intensive
 * outpatient program is not safe today, says why in plain words, and suggests where they should go instead.
 * The rules are our own, written from widely published facts (alcohol and benzodiazepine withdrawal can cause
 * seizures and delirium; imminent danger needs emergency services; IOP needs a safe place to live and a way to
 * attend). They are not ASAM criteria text and do not replace a clinician's assessment at intake.
 */

export const PRESCREEN_RULE_VERSION = 'openiop-prescreen-2026.1';

export const prescreenSubstances = ['alcohol', 'benzodiazepines', 'opioids', 'stimulants', 'cannabis', 'other'] as const;
export type PrescreenSubstance = (typeof prescreenSubstances)[number];

export const housingSituations = ['stable', 'unstable', 'unsafe', 'none'] as const;
export type HousingSituation = (typeof housingSituations)[number];

/** `null` means the question was not answered (the caller did not know or declined). */
export type YesNo = boolean | null;

export interface SubstanceUse {
  substance: PrescreenSubstance;
  /** Used every day (or nearly) recently. */
  dailyUse: boolean;
  /** How many days in a row of that use, most recently. */
  daysOfUse: number;
}

export interface PrescreenAnswers {
  substances: SubstanceUse[];
  pastWithdrawalSeizures: YesNo;
  pastDeliriumTremens: YesNo;
  /** Shaking, sweating, seeing or hearing things, confusion right now. */
  withdrawalSymptomsNow: YesNo;
  unstableMedicalCondition: YesNo;
  unstablePsychiatricState: YesNo;
  dangerToSelf: YesNo;
  dangerToOthers: YesNo;
  housing: HousingSituation | null;
  canGetTransport: YesNo;
  canAttendSchedule: YesNo;
  pregnant: YesNo;
}

/**
 * Answers that raise no flag: every safety question answered "no", stable housing, able to attend. Tests and the
 * demo start from it and change one answer at a time; the staff form never pre-fills it.
 */
export const noConcernAnswers: PrescreenAnswers = {
  substances: [],
  pastWithdrawalSeizures: false,
  pastDeliriumTremens: false,
  withdrawalSymptomsNow: false,
  unstableMedicalCondition: false,
  unstablePsychiatricState: false,
  dangerToSelf: false,
  dangerToOthers: false,
  housing: 'stable',
  canGetTransport: true,
  canAttendSchedule: true,
  pregnant: false,
};

export const prescreenVerdicts = ['iop_appropriate', 'needs_review', 'needs_higher_level'] as const;
export type PrescreenVerdict = (typeof prescreenVerdicts)[number];

export const prescreenRoutes = [
  'emergency_services',
  'medically_managed_withdrawal',
  'withdrawal_assessment',
  'medical_evaluation',
  'psychiatric_evaluation',
  'residential_or_recovery_housing',
  'different_track_or_virtual',
  'prenatal_and_opioid_medication',
  'complete_prescreen',
] as const;
export type PrescreenRoute = (typeof prescreenRoutes)[number];

export const prescreenRouteLabels: Record<PrescreenRoute, string> = {
  emergency_services: 'Emergency services now: call 911, or the 988 Suicide & Crisis Lifeline (call or text 988)',
  medically_managed_withdrawal: 'Medically managed withdrawal (inpatient or hospital detox) before IOP',
  withdrawal_assessment: 'Same-day withdrawal assessment by medical staff (ambulatory or inpatient withdrawal management)',
  medical_evaluation: 'Medical evaluation (primary care, urgent care or hospital) before IOP',
  psychiatric_evaluation: 'Psychiatric evaluation or crisis stabilization before IOP',
  residential_or_recovery_housing: 'Residential treatment or recovery housing alongside or instead of IOP',
  different_track_or_virtual: 'A different track, virtual IOP, or help with transport',
  prenatal_and_opioid_medication: 'Prenatal care and medication for opioid use disorder, coordinated with the program',
  complete_prescreen: 'Finish the pre-screen questions on a call back',
};

/** `higher_level`: IOP is not safe now. `review`: a clinician decides before intake. */
export type FlagSeverity = 'higher_level' | 'review';

export interface PrescreenFlag {
  code: string;
  severity: FlagSeverity;
  /** Plain words a caller and a coordinator both understand; never names or other identifiers. */
  reason: string;
  route: PrescreenRoute;
}

export interface PrescreenResult {
  verdict: PrescreenVerdict;
  flags: PrescreenFlag[];
  ruleVersion: string;
}

/** Days in a row of daily use after which stopping suddenly can bring dangerous withdrawal. */
export const withdrawalThresholdDays: Record<'alcohol' | 'benzodiazepines' | 'opioids', number> = {
  alcohol: 7,
  benzodiazepines: 14,
  opioids: 7,
};

const sedativeNames = { alcohol: 'alcohol', benzodiazepines: 'benzodiazepines' } as const;

function heavyDaily(a: PrescreenAnswers, s: keyof typeof withdrawalThresholdDays): SubstanceUse | undefined {
  return a.substances.find((u) => u.substance === s && u.dailyUse && u.daysOfUse >= withdrawalThresholdDays[s]);
}

type Rule = (a: PrescreenAnswers) => PrescreenFlag[];

/** Each rule looks at the answers and raises zero or more flags. The order is the order they are shown in. */
const rules: Rule[] = [
  (a) => {
    const out: PrescreenFlag[] = [];
    if (a.dangerToSelf)
      out.push({
        code: 'danger_to_self',
        severity: 'higher_level',
        reason: 'The person may be in danger of harming themselves now. This needs a crisis response today, not a waitlist.',
        route: 'emergency_services',
      });
    if (a.dangerToOthers)
      out.push({
        code: 'danger_to_others',
        severity: 'higher_level',
        reason: 'The person may harm someone else now. This needs an emergency response today.',
        route: 'emergency_services',
      });
    return out;
  },
  (a) => {
    const out: PrescreenFlag[] = [];
    const complicatedHistory = a.pastWithdrawalSeizures === true || a.pastDeliriumTremens === true;
    for (const s of ['alcohol', 'benzodiazepines'] as const) {
      const use = heavyDaily(a, s);
      if (!use) continue;
      const name = sedativeNames[s];
      if (complicatedHistory) {
        out.push({
          code: `withdrawal_${s}_complicated`,
          severity: 'higher_level',
          reason: `Daily ${name} use for ${use.daysOfUse} days with past withdrawal seizures or delirium: stopping could be life-threatening without 24-hour medical care.`,
          route: 'medically_managed_withdrawal',
        });
      } else {
        out.push({
          code: `withdrawal_${s}`,
          severity: 'review',
          reason: `Daily ${name} use for ${use.daysOfUse} days: stopping suddenly can cause dangerous withdrawal, so medical staff should assess withdrawal before IOP starts.`,
          route: 'withdrawal_assessment',
        });
      }
    }
    const opioids = heavyDaily(a, 'opioids');
    if (opioids && a.pregnant !== true) {
      out.push({
        code: 'withdrawal_opioids',
        severity: 'review',
        reason: `Daily opioid use for ${opioids.daysOfUse} days: withdrawal is very uncomfortable and raises overdose risk afterwards; medical staff should offer withdrawal care or medication for opioid use disorder.`,
        route: 'withdrawal_assessment',
      });
    }
    if (a.withdrawalSymptomsNow) {
      out.push({
        code: 'withdrawal_now',
        severity: 'higher_level',
        reason:
          'The person has withdrawal symptoms now (such as shaking, sweating, confusion or hallucinations) and needs medical care today.',
        route: 'medically_managed_withdrawal',
      });
    }
    return out;
  },
  (a) =>
    a.pregnant === true && a.substances.some((u) => u.substance === 'opioids')
      ? [
          {
            code: 'pregnancy_opioids',
            severity: 'review',
            reason:
              'Pregnant and using opioids: withdrawal without medical supervision is risky for the pregnancy; prenatal care and medication for opioid use disorder come first.',
            route: 'prenatal_and_opioid_medication',
          },
        ]
      : [],
  (a) =>
    a.unstableMedicalCondition
      ? [
          {
            code: 'unstable_medical',
            severity: 'higher_level',
            reason: 'A medical condition is not under control; IOP has no round-the-clock medical care.',
            route: 'medical_evaluation',
          },
        ]
      : [],
  (a) =>
    a.unstablePsychiatricState
      ? [
          {
            code: 'unstable_psychiatric',
            severity: 'higher_level',
            reason:
              'The person’s mental health is not stable enough for a few hours of group care a day; they need psychiatric care first.',
            route: 'psychiatric_evaluation',
          },
        ]
      : [],
  (a) => {
    if (a.housing === 'unsafe')
      return [
        {
          code: 'housing_unsafe',
          severity: 'higher_level',
          reason: 'Home is not safe (for example violence or active use by others in the home); IOP sends the person back there every day.',
          route: 'residential_or_recovery_housing',
        },
      ];
    if (a.housing === 'unstable' || a.housing === 'none')
      return [
        {
          code: 'housing_unstable',
          severity: 'review',
          reason: 'No stable place to live; recovery housing or residential care may be needed for IOP to work.',
          route: 'residential_or_recovery_housing',
        },
      ];
    return [];
  },
  (a) => {
    const out: PrescreenFlag[] = [];
    if (a.canGetTransport === false)
      out.push({
        code: 'no_transport',
        severity: 'review',
        reason: 'No way to get to the program; virtual sessions or transport help may solve this.',
        route: 'different_track_or_virtual',
      });
    if (a.canAttendSchedule === false)
      out.push({
        code: 'schedule_conflict',
        severity: 'review',
        reason: 'Cannot attend at the times offered (work, school or childcare); another track or virtual IOP may fit.',
        route: 'different_track_or_virtual',
      });
    return out;
  },
  (a) => {
    const safety: [keyof PrescreenAnswers, string][] = [
      ['dangerToSelf', 'danger to self'],
      ['dangerToOthers', 'danger to others'],
      ['pastWithdrawalSeizures', 'past withdrawal seizures'],
      ['pastDeliriumTremens', 'past delirium in withdrawal'],
      ['withdrawalSymptomsNow', 'withdrawal symptoms now'],
      ['unstableMedicalCondition', 'medical condition'],
      ['unstablePsychiatricState', 'mental health'],
      ['housing', 'housing'],
    ];
    const missing = safety.filter(([k]) => a[k] === null).map(([, label]) => label);
    return missing.length
      ? [
          {
            code: 'incomplete',
            severity: 'review',
            reason: `Not answered yet: ${missing.join(', ')}. Safety cannot be judged without these.`,
            route: 'complete_prescreen',
          },
        ]
      : [];
  },
];

/**
 * Runs every rule. The verdict follows the most serious flag: one reason IOP is unsafe outweighs any number of
 * reassuring answers, and unanswered safety questions never count as "no".
 */
export function evaluatePrescreen(answers: PrescreenAnswers): PrescreenResult {
  const flags = rules.flatMap((r) => r(answers));
  const verdict: PrescreenVerdict = flags.some((f) => f.severity === 'higher_level')
    ? 'needs_higher_level'
    : flags.length
      ? 'needs_review'
      : 'iop_appropriate';
  return { verdict, flags, ruleVersion: PRESCREEN_RULE_VERSION };
}
