/**
 * Substance classes a drug test reports, as data: each with the names people and labs use for it, and the
 * prescribed medications that explain a positive result (clinical reference §7: tailor panels to the person's
 * substances and medications; an expected finding is not a lapse and is shown apart from unexpected ones).
 */
export const substanceClasses = [
  'alcohol_etg',
  'amphetamines',
  'barbiturates',
  'benzodiazepines',
  'buprenorphine',
  'cannabinoids',
  'cocaine',
  'fentanyl',
  'mdma',
  'methadone',
  'methamphetamine',
  'opiates',
  'oxycodone',
  'pcp',
  'tramadol',
  'xylazine',
] as const;
export type SubstanceClass = (typeof substanceClasses)[number];

export interface SubstanceClassInfo {
  label: string;
  /** Common names, street names and the analytes reported, for search and for the reader. */
  commonNames: string[];
  /**
   * Medication name fragments (lower case, generic and brand) whose active prescription explains a positive for
   * this class. Matched as substrings of the medication's name; MAT kinds are matched exactly (below).
   */
  explainedBy: string[];
}

export const SUBSTANCE_CLASSES: Record<SubstanceClass, SubstanceClassInfo> = {
  alcohol_etg: { label: 'Alcohol (EtG/EtS)', commonNames: ['ethyl glucuronide', 'ethyl sulfate', 'alcohol'], explainedBy: [] },
  amphetamines: {
    label: 'Amphetamines',
    commonNames: ['amphetamine', 'speed', 'Adderall'],
    explainedBy: ['amphetamine', 'adderall', 'lisdexamfetamine', 'vyvanse', 'dexedrine', 'mydayis', 'evekeo'],
  },
  barbiturates: {
    label: 'Barbiturates',
    commonNames: ['butalbital', 'phenobarbital'],
    explainedBy: ['butalbital', 'phenobarbital', 'fioricet', 'primidone'],
  },
  benzodiazepines: {
    label: 'Benzodiazepines',
    commonNames: ['benzos', 'Xanax', 'Valium', 'Klonopin', 'Ativan'],
    explainedBy: [
      'alprazolam',
      'xanax',
      'clonazepam',
      'klonopin',
      'diazepam',
      'valium',
      'lorazepam',
      'ativan',
      'chlordiazepoxide',
      'librium',
      'temazepam',
      'oxazepam',
      'clorazepate',
    ],
  },
  buprenorphine: {
    label: 'Buprenorphine',
    commonNames: ['norbuprenorphine', 'Suboxone', 'Subutex', 'bupe'],
    explainedBy: ['buprenorphine', 'suboxone', 'subutex', 'zubsolv', 'sublocade', 'brixadi'],
  },
  cannabinoids: {
    label: 'Cannabinoids (THC)',
    commonNames: ['THC-COOH', 'marijuana', 'cannabis', 'weed'],
    explainedBy: ['dronabinol', 'marinol'],
  },
  cocaine: { label: 'Cocaine', commonNames: ['benzoylecgonine', 'coke', 'crack'], explainedBy: [] },
  fentanyl: { label: 'Fentanyl', commonNames: ['norfentanyl', 'fent'], explainedBy: ['fentanyl', 'duragesic'] },
  mdma: { label: 'MDMA', commonNames: ['ecstasy', 'molly'], explainedBy: [] },
  methadone: { label: 'Methadone', commonNames: ['EDDP', 'methadose'], explainedBy: ['methadone', 'methadose', 'dolophine'] },
  methamphetamine: { label: 'Methamphetamine', commonNames: ['meth', 'crystal', 'ice'], explainedBy: ['desoxyn'] },
  opiates: {
    label: 'Opiates',
    commonNames: ['morphine', 'codeine', 'heroin (6-MAM)', 'hydrocodone', 'hydromorphone'],
    explainedBy: ['morphine', 'codeine', 'hydrocodone', 'hydromorphone', 'dilaudid', 'vicodin', 'norco', 'tylenol #3'],
  },
  oxycodone: {
    label: 'Oxycodone',
    commonNames: ['oxymorphone', 'OxyContin', 'Percocet', 'oxy'],
    explainedBy: ['oxycodone', 'oxycontin', 'percocet', 'roxicodone', 'oxymorphone', 'opana'],
  },
  pcp: { label: 'Phencyclidine (PCP)', commonNames: ['angel dust'], explainedBy: [] },
  tramadol: { label: 'Tramadol', commonNames: ['Ultram'], explainedBy: ['tramadol', 'ultram'] },
  xylazine: { label: 'Xylazine', commonNames: ['tranq'], explainedBy: [] },
};

/** MAT/MOUD kinds (the medication list's `matKind`) and the class a positive for them shows in. */
const MAT_EXPLAINS: Record<string, SubstanceClass> = {
  buprenorphine: 'buprenorphine',
  buprenorphine_naloxone: 'buprenorphine',
  methadone: 'methadone',
};

export interface DrugTestMedication {
  name: string;
  matKind: string | null;
  startDate: string | null;
  stopDate: string | null;
}

/** Whether a medication was being taken on `day` (no start date counts as before; a stop date on the day counts). */
export function activeOn(m: DrugTestMedication, day: string): boolean {
  if (m.startDate && m.startDate > day) return false;
  // A drug stays detectable for days after the last dose: a stop within the last 7 days still explains a positive.
  if (m.stopDate && addDaysIso(m.stopDate, 7) < day) return false;
  return true;
}

function addDaysIso(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Which substance classes the person's medications explain on `day`, and by which medication names. A positive
 * result in one of these classes is expected (shown apart, no review task); any other positive is unexpected.
 */
export function expectedClasses(medications: DrugTestMedication[], day: string): Map<SubstanceClass, string[]> {
  const out = new Map<SubstanceClass, string[]>();
  const add = (c: SubstanceClass, name: string) => {
    const names = out.get(c) ?? [];
    if (!names.includes(name)) names.push(name);
    out.set(c, names);
  };
  for (const m of medications) {
    if (!activeOn(m, day)) continue;
    const mat = m.matKind ? MAT_EXPLAINS[m.matKind] : undefined;
    if (mat) add(mat, m.name);
    const lower = m.name.toLowerCase();
    for (const c of substanceClasses) if (SUBSTANCE_CLASSES[c].explainedBy.some((frag) => lower.includes(frag))) add(c, m.name);
  }
  return out;
}

export const isSubstanceClass = (v: string): v is SubstanceClass => (substanceClasses as readonly string[]).includes(v);
