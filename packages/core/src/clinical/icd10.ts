/**
 * A curated slice of ICD-10-CM for an addiction-treatment problem list: substance use (F10–F19) with the codes
 * programs use every day, and the co-occurring mental health conditions seen most in IOP. It is a picking aid, not
 * the code set: any well-formed ICD-10-CM code may be entered with its description (ADR 0017). `also` holds the
 * DSM-5-TR wording clinicians search with (e.g. "alcohol use disorder, moderate" is coded F10.20).
 */
export type DiagnosisCategory = 'substance_use' | 'mental_health' | 'medical' | 'other';

export interface Icd10Entry {
  code: string;
  description: string;
  also?: string[];
}

type Substance = { prefix: string; name: string; dsm: string; withdrawal?: [code: string, description: string][] };

const substances: Substance[] = [
  {
    prefix: 'F10',
    name: 'Alcohol',
    dsm: 'alcohol',
    withdrawal: [
      ['F10.230', 'Alcohol dependence with withdrawal, uncomplicated'],
      ['F10.231', 'Alcohol dependence with withdrawal delirium'],
      ['F10.232', 'Alcohol dependence with withdrawal with perceptual disturbance'],
      ['F10.239', 'Alcohol dependence with withdrawal, unspecified'],
    ],
  },
  { prefix: 'F11', name: 'Opioid', dsm: 'opioid', withdrawal: [['F11.23', 'Opioid dependence with withdrawal']] },
  { prefix: 'F12', name: 'Cannabis', dsm: 'cannabis', withdrawal: [['F12.23', 'Cannabis dependence with withdrawal']] },
  {
    prefix: 'F13',
    name: 'Sedative, hypnotic or anxiolytic',
    dsm: 'sedative, hypnotic, or anxiolytic',
    withdrawal: [
      ['F13.230', 'Sedative, hypnotic or anxiolytic dependence with withdrawal, uncomplicated'],
      ['F13.239', 'Sedative, hypnotic or anxiolytic dependence with withdrawal, unspecified'],
    ],
  },
  { prefix: 'F14', name: 'Cocaine', dsm: 'cocaine', withdrawal: [['F14.23', 'Cocaine dependence with withdrawal']] },
  {
    prefix: 'F15',
    name: 'Other stimulant',
    dsm: 'amphetamine-type substance (methamphetamine) or other stimulant',
    withdrawal: [['F15.23', 'Other stimulant dependence with withdrawal']],
  },
  { prefix: 'F16', name: 'Hallucinogen', dsm: 'hallucinogen' },
  { prefix: 'F18', name: 'Inhalant', dsm: 'inhalant' },
  {
    prefix: 'F19',
    name: 'Other psychoactive substance',
    dsm: 'other (or unknown) substance',
    withdrawal: [
      ['F19.230', 'Other psychoactive substance dependence with withdrawal, uncomplicated'],
      ['F19.239', 'Other psychoactive substance dependence with withdrawal, unspecified'],
    ],
  },
];

function substanceEntries(s: Substance): Icd10Entry[] {
  const use = `${s.dsm} use disorder`;
  return [
    { code: `${s.prefix}.10`, description: `${s.name} abuse, uncomplicated`, also: [`${use}, mild`] },
    { code: `${s.prefix}.11`, description: `${s.name} abuse, in remission`, also: [`${use}, mild, in remission`] },
    { code: `${s.prefix}.20`, description: `${s.name} dependence, uncomplicated`, also: [`${use}, moderate`, `${use}, severe`] },
    {
      code: `${s.prefix}.21`,
      description: `${s.name} dependence, in remission`,
      also: [`${use}, moderate, in remission`, `${use}, severe, in remission`],
    },
    ...(s.withdrawal ?? []).map(([code, description]) => ({ code, description, also: [`${s.dsm} withdrawal`] })),
  ];
}

const nicotine: Icd10Entry[] = [
  { code: 'F17.200', description: 'Nicotine dependence, unspecified, uncomplicated', also: ['tobacco use disorder'] },
  { code: 'F17.210', description: 'Nicotine dependence, cigarettes, uncomplicated', also: ['tobacco use disorder, cigarettes'] },
  { code: 'F17.211', description: 'Nicotine dependence, cigarettes, in remission', also: ['tobacco use disorder, in remission'] },
  { code: 'F17.290', description: 'Nicotine dependence, other tobacco product, uncomplicated', also: ['vaping'] },
];

const mentalHealth: Icd10Entry[] = [
  { code: 'F32.0', description: 'Major depressive disorder, single episode, mild', also: ['depression'] },
  { code: 'F32.1', description: 'Major depressive disorder, single episode, moderate', also: ['depression'] },
  { code: 'F32.2', description: 'Major depressive disorder, single episode, severe without psychotic features', also: ['depression'] },
  { code: 'F32.9', description: 'Major depressive disorder, single episode, unspecified', also: ['depression'] },
  { code: 'F32.A', description: 'Depression, unspecified', also: ['depressive disorder'] },
  { code: 'F33.0', description: 'Major depressive disorder, recurrent, mild', also: ['depression'] },
  { code: 'F33.1', description: 'Major depressive disorder, recurrent, moderate', also: ['depression'] },
  { code: 'F33.2', description: 'Major depressive disorder, recurrent severe without psychotic features', also: ['depression'] },
  { code: 'F33.41', description: 'Major depressive disorder, recurrent, in partial remission', also: ['depression'] },
  { code: 'F33.9', description: 'Major depressive disorder, recurrent, unspecified', also: ['depression'] },
  { code: 'F34.1', description: 'Dysthymic disorder', also: ['persistent depressive disorder', 'depression'] },
  { code: 'F31.9', description: 'Bipolar disorder, unspecified', also: ['bipolar I disorder', 'manic depression'] },
  { code: 'F31.81', description: 'Bipolar II disorder', also: ['bipolar'] },
  { code: 'F31.0', description: 'Bipolar disorder, current episode hypomanic', also: ['bipolar'] },
  {
    code: 'F31.30',
    description: 'Bipolar disorder, current episode depressed, mild or moderate severity, unspecified',
    also: ['bipolar'],
  },
  { code: 'F31.70', description: 'Bipolar disorder, currently in remission, most recent episode unspecified', also: ['bipolar'] },
  { code: 'F41.1', description: 'Generalized anxiety disorder', also: ['anxiety', 'GAD'] },
  { code: 'F41.0', description: 'Panic disorder [episodic paroxysmal anxiety]', also: ['anxiety', 'panic attacks'] },
  { code: 'F40.10', description: 'Social phobia, unspecified', also: ['social anxiety disorder', 'anxiety'] },
  { code: 'F41.9', description: 'Anxiety disorder, unspecified', also: ['anxiety'] },
  { code: 'F43.10', description: 'Post-traumatic stress disorder, unspecified', also: ['PTSD', 'trauma'] },
  { code: 'F43.11', description: 'Post-traumatic stress disorder, acute', also: ['PTSD', 'trauma'] },
  { code: 'F43.12', description: 'Post-traumatic stress disorder, chronic', also: ['PTSD', 'trauma'] },
  {
    code: 'F90.0',
    description: 'Attention-deficit hyperactivity disorder, predominantly inattentive type',
    also: ['ADHD', 'ADD', 'attention deficit'],
  },
  { code: 'F90.1', description: 'Attention-deficit hyperactivity disorder, predominantly hyperactive type', also: ['ADHD'] },
  { code: 'F90.2', description: 'Attention-deficit hyperactivity disorder, combined type', also: ['ADHD'] },
  { code: 'F90.9', description: 'Attention-deficit hyperactivity disorder, unspecified type', also: ['ADHD'] },
  { code: 'F20.9', description: 'Schizophrenia, unspecified', also: ['psychotic disorder', 'psychosis'] },
  { code: 'F25.9', description: 'Schizoaffective disorder, unspecified', also: ['psychotic disorder', 'psychosis'] },
  {
    code: 'F29',
    description: 'Unspecified psychosis not due to a substance or known physiological condition',
    also: ['psychotic disorder', 'psychosis'],
  },
];

export const icd10Curated: readonly Icd10Entry[] = [...substances.flatMap(substanceEntries), ...nicotine, ...mentalHealth];

const ICD10_CM = /^[A-TV-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$/;

/**
 * Writes a code the way ICD-10-CM prints it: upper case, the dot after the third character ("f1020" → "F10.20").
 * Returns null for anything that is not shaped like an ICD-10-CM code (the U chapter is reserved, so refused).
 */
export function normaliseIcd10(input: string): string | null {
  const raw = input.trim().toUpperCase().replace(/\s+/g, '');
  const dotted = raw.includes('.') ? raw : raw.length > 3 ? `${raw.slice(0, 3)}.${raw.slice(3)}` : raw;
  return ICD10_CM.test(dotted) ? dotted : null;
}

/** Substance use for F10–F19, mental health for the rest of chapter F, "other" for Z (factors) codes, else medical. */
export function diagnosisCategoryOf(code: string): DiagnosisCategory {
  if (/^F1[0-9]/.test(code)) return 'substance_use';
  if (code.startsWith('F')) return 'mental_health';
  if (code.startsWith('Z')) return 'other';
  return 'medical';
}

const words = (s: string): string[] =>
  s
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter(Boolean);

/**
 * Searches the curated list by code prefix ("F11", "f11.2") or by every word of the query appearing in the
 * description or the DSM wording ("opioid remission"). Code matches come first, then in list order.
 */
export function searchIcd10(query: string, limit = 20): Icd10Entry[] {
  const q = query.trim();
  if (!q) return icd10Curated.slice(0, limit);
  const asCode = q.toUpperCase().replace(/\s+/g, '');
  const byCode = icd10Curated.filter((e) => e.code.startsWith(asCode) || e.code.replace('.', '').startsWith(asCode));
  const terms = words(q);
  const byWords = icd10Curated.filter((e) => {
    if (byCode.includes(e)) return false;
    const hay = words([e.description, ...(e.also ?? [])].join(' '));
    return terms.every((t) => hay.some((w) => w.startsWith(t)));
  });
  return [...byCode, ...byWords].slice(0, limit);
}

export const findIcd10 = (code: string): Icd10Entry | undefined => icd10Curated.find((e) => e.code === code);
