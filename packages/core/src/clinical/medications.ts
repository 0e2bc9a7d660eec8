/**
 * Medications for addiction treatment (MAT/MOUD and alcohol use disorder medications). Methadone for opioid use
 * disorder is dispensed only by a certified opioid treatment program (42 CFR Part 8), so a methadone entry must name
 * the OTP; the others may name one when the person is dosed there.
 */
export const matKinds = [
  'buprenorphine',
  'buprenorphine_naloxone',
  'naltrexone_oral',
  'naltrexone_er_injectable',
  'methadone',
  'acamprosate',
  'disulfiram',
] as const;
export type MatKind = (typeof matKinds)[number];

export const matLabels: Record<MatKind, string> = {
  buprenorphine: 'Buprenorphine',
  buprenorphine_naloxone: 'Buprenorphine-naloxone',
  naltrexone_oral: 'Naltrexone (oral)',
  naltrexone_er_injectable: 'Naltrexone extended-release injectable',
  methadone: 'Methadone (opioid treatment program)',
  acamprosate: 'Acamprosate',
  disulfiram: 'Disulfiram',
};

/** Whether a MAT kind treats opioid use disorder (MOUD) or alcohol use disorder; naltrexone treats both. */
export const matTreats: Record<MatKind, ('opioid' | 'alcohol')[]> = {
  buprenorphine: ['opioid'],
  buprenorphine_naloxone: ['opioid'],
  naltrexone_oral: ['opioid', 'alcohol'],
  naltrexone_er_injectable: ['opioid', 'alcohol'],
  methadone: ['opioid'],
  acamprosate: ['alcohol'],
  disulfiram: ['alcohol'],
};

export interface MedicationFacts {
  matKind: MatKind | null;
  otp: { name: string; phone?: string | null | undefined } | null | undefined;
  startDate: string | null | undefined;
  stopDate?: string | null | undefined;
}

export interface FieldProblem {
  path: string;
  message: string;
}

/** Every problem with a medication entry at once (dates are YYYY-MM-DD, compared as strings). */
export function medicationProblems(m: MedicationFacts, today: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (m.matKind === 'methadone' && !m.otp)
    out.push({ path: 'otp', message: 'methadone is dispensed by an opioid treatment program: name it' });
  if (m.otp && !m.matKind)
    out.push({ path: 'otp', message: 'only a medication for addiction treatment is dosed at an opioid treatment program' });
  if (m.startDate && m.startDate > today) out.push({ path: 'startDate', message: 'must not be in the future' });
  if (m.stopDate) {
    if (m.startDate && m.stopDate < m.startDate) out.push({ path: 'stopDate', message: 'must not be before the start date' });
    if (m.stopDate > today) out.push({ path: 'stopDate', message: 'must not be in the future' });
  }
  return out;
}
