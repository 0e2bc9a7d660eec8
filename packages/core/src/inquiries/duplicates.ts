/**
 * Whether an inquiry is probably someone the program already knows. Callers spell names differently, so names
 * are compared after folding case, accents and punctuation; phones by their last ten digits; e-mail without case.
 * Each matching field adds weight, and the fields are named so staff can see why two records look alike.
 */

export interface PersonKeys {
  givenName: string | null;
  familyName: string | null;
  /** Other given names the person goes by (e.g. a preferred name). */
  otherGivenNames?: (string | null)[];
  dateOfBirth: string | null;
  phone: string | null;
  email: string | null;
}

export type MatchField = 'dateOfBirth' | 'phone' | 'email' | 'familyName' | 'givenName';
export type MatchStrength = 'strong' | 'possible' | 'none';

export interface DuplicateScore {
  strength: MatchStrength;
  score: number;
  fields: MatchField[];
}

const weights: Record<MatchField, number> = { dateOfBirth: 3, phone: 3, email: 3, familyName: 2, givenName: 1 };

/** Lower case, accents removed, only letters kept: "José-Luis O’Brien" → "joseluisobrien". */
export function normalizeName(s: string | null | undefined): string {
  return (s ?? '')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');
}

/** The last ten digits of a phone number (drops a leading country code 1), or '' when it has fewer than seven. */
export function phoneDigits(s: string | null | undefined): string {
  const d = (s ?? '').replace(/\D/g, '');
  return d.length < 7 ? '' : d.slice(-10);
}

const normEmail = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

/**
 * Strong: an e-mail or phone plus a name, or birth date plus both names. Possible: enough shared facts to be
 * worth a look (score 4+). A shared birth date alone is common and never enough.
 */
export function scoreDuplicate(inquiry: PersonKeys, patient: PersonKeys): DuplicateScore {
  const fields: MatchField[] = [];
  if (inquiry.dateOfBirth && inquiry.dateOfBirth === patient.dateOfBirth) fields.push('dateOfBirth');
  const p = phoneDigits(inquiry.phone);
  if (p && p === phoneDigits(patient.phone)) fields.push('phone');
  const e = normEmail(inquiry.email);
  if (e && e === normEmail(patient.email)) fields.push('email');
  const fam = normalizeName(inquiry.familyName);
  if (fam && fam === normalizeName(patient.familyName)) fields.push('familyName');
  const given = normalizeName(inquiry.givenName);
  const patientGiven = [patient.givenName, ...(patient.otherGivenNames ?? [])].map(normalizeName).filter(Boolean);
  if (given && patientGiven.includes(given)) fields.push('givenName');
  const score = fields.reduce((s, f) => s + weights[f], 0);
  const has = (f: MatchField) => fields.includes(f);
  const name = has('familyName') || has('givenName');
  const strong = ((has('email') || has('phone')) && name) || (has('dateOfBirth') && has('familyName') && has('givenName'));
  return { strength: strong ? 'strong' : score >= 4 ? 'possible' : 'none', score, fields };
}
