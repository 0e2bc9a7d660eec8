import type { FieldError } from '../errors/errors';
import type {
  ConsentExpiration,
  ConsentKind,
  ConsentSign,
  ConsentStatus,
  DisclosurePurpose,
  InformationCategory,
  Part2Fields,
  RecipientClass,
} from '../contracts/consents';
import { isPart2Kind } from '../contracts/consents';
import type { StatementId } from './consent-templates';
import { checkSignaturePng } from './signature-image';

/** The facts about one consent the rules need; the api builds it from the stored row. */
export interface ConsentFacts {
  kind: ConsentKind;
  patientName: string | null;
  statementIds: readonly StatementId[];
  part2: Part2Fields | null;
  signedAt: Date | null;
  revokedAt: Date | null;
  /** Clinic-local date the expiring event happened (end of treatment, or one staff recorded); null if not yet. */
  expiryEventOn: string | null;
}

const el = (path: string, message: string): FieldError => ({ path, message });

/**
 * Every §2.31 element a Part 2 consent still lacks, one error per element with its path. A consent with any
 * error cannot be signed. Consents to care need only the patient's name and (at signing) a signature and date.
 */
export function missingElements(c: Omit<ConsentFacts, 'signedAt' | 'revokedAt' | 'expiryEventOn'>, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!c.patientName?.trim()) errors.push(el('patientName', 'the patient’s name is required'));
  if (!isPart2Kind(c.kind)) return errors;
  const tpo = c.kind === 'part2_tpo';
  const p = c.part2;
  if (!p?.discloser) errors.push(el('part2.discloser', 'name the program (or class of programs) that may disclose'));
  if (!p || p.informationCategories.length === 0 || !p.informationDescription)
    errors.push(el('part2.information', 'describe the information to be disclosed, including what SUD information'));
  if (!p || p.recipients.length === 0) errors.push(el('part2.recipients', 'name at least one recipient, by name or by class'));
  if (!p || p.purposes.length === 0) errors.push(el('part2.purposes', 'state the purpose of the disclosure'));
  else if (p.purposes.includes('other') && !p.purposeDetail) errors.push(el('part2.purposeDetail', 'describe the other purpose'));
  if (tpo && p && p.purposes.some((x) => x === 'patient_request' || x === 'other'))
    errors.push(el('part2.purposes', 'a TPO consent covers treatment, payment and health care operations only'));
  errors.push(...expirationErrors(p?.expiration ?? null, tpo, today));
  const has = (id: StatementId) => c.statementIds.includes(id);
  if (!has('revocation')) errors.push(el('statements.revocation', 'the right to revoke in writing, how, and the reliance exception'));
  const coveredRecipient = p?.recipients.some((r) => r.kind === 'class' || r.coveredEntity) ?? false;
  if ((tpo || (coveredRecipient && p?.purposes.some((x) => x !== 'patient_request' && x !== 'other'))) && !has('hipaaRedisclosure'))
    errors.push(el('statements.hipaaRedisclosure', 'the statement that HIPAA-covered recipients may redisclose for TPO'));
  if (tpo && !has('noConditioning'))
    errors.push(el('statements.noConditioning', 'the statement that treatment does not depend on signing'));
  if (tpo && !has('fundraisingOptOut')) errors.push(el('statements.fundraisingOptOut', 'the right to opt out of fundraising'));
  return errors;
}

function expirationErrors(x: ConsentExpiration | null, tpo: boolean, today: string): FieldError[] {
  if (!x) return [el('part2.expiration', 'give an expiration date or event')];
  switch (x.kind) {
    case 'date':
      return x.date < today ? [el('part2.expiration', 'the expiration date has already passed')] : [];
    case 'event':
      return x.event === 'other' && !x.description ? [el('part2.expiration', 'describe the event that ends the consent')] : [];
    case 'none':
      return tpo ? [] : [el('part2.expiration', 'only a TPO consent may run until revoked; give a date or event')];
  }
}

/** What signing adds: a signature (typed name or a valid drawing), who signed and by what authority. */
export function signatureErrors(s: ConsentSign): FieldError[] {
  const errors: FieldError[] = [];
  if (s.method === 'typed' && !s.typedName) errors.push(el('typedName', 'type the signer’s full name'));
  if (s.method === 'drawn') {
    if (!s.drawing) errors.push(el('drawing', 'draw the signature'));
    else {
      const png = checkSignaturePng(s.drawing);
      if (!png.ok) errors.push(el('drawing', png.message));
    }
  }
  if (s.signer.kind === 'representative') {
    if (!s.signer.name) errors.push(el('signer.name', 'name the person signing for the patient'));
    if (!s.signer.relationship) errors.push(el('signer.relationship', 'give the representative’s relationship to the patient'));
    if (!s.signer.authority) errors.push(el('signer.authority', 'state the authority to sign (e.g. parent of a minor, guardian)'));
  }
  return errors;
}

/** Where a consent stands on a clinic-local day. Revocation wins over expiry; both need a signature first. */
export function consentStatus(
  c: Pick<ConsentFacts, 'kind' | 'part2' | 'signedAt' | 'revokedAt' | 'expiryEventOn'>,
  today: string,
): ConsentStatus {
  if (!c.signedAt) return 'draft';
  if (c.revokedAt) return 'revoked';
  if (isExpired(c, today)) return 'expired';
  return 'signed';
}

function isExpired(c: Pick<ConsentFacts, 'part2' | 'expiryEventOn'>, today: string): boolean {
  const x = c.part2?.expiration;
  if (!x) return false;
  switch (x.kind) {
    case 'date':
      // Valid through the whole expiration day.
      return today > x.date;
    case 'event':
      return c.expiryEventOn !== null && today >= c.expiryEventOn;
    case 'none':
      return false;
  }
}

export interface DisclosureRequest {
  recipient: { name: string; class: RecipientClass | null };
  purpose: DisclosurePurpose;
  information: InformationCategory[];
  /** When the disclosure is recorded; a revocation at or before it refuses it. */
  at: Date;
  /** Clinic-local date of the disclosure, for expiry by date or event. */
  today: string;
}

export type DisclosureRefusal =
  'not_part2' | 'not_signed' | 'revoked' | 'expired' | 'recipient_not_covered' | 'purpose_not_covered' | 'information_not_covered';

export const refusalMessages: Record<DisclosureRefusal, string> = {
  not_part2: 'This consent is not a Part 2 consent to disclose',
  not_signed: 'The consent has not been signed',
  revoked: 'The patient revoked this consent',
  expired: 'The consent has expired',
  recipient_not_covered: 'The consent does not name this recipient',
  purpose_not_covered: 'The consent does not cover this purpose',
  information_not_covered: 'The consent does not cover this information',
};

const normalise = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');

/**
 * Whether a disclosure may be made under a consent. Revocation takes effect the moment it is recorded: any
 * disclosure at or after it is refused.
 */
export function mayDisclose(c: ConsentFacts, r: DisclosureRequest): { allowed: true } | { allowed: false; reason: DisclosureRefusal } {
  const no = (reason: DisclosureRefusal) => ({ allowed: false as const, reason });
  if (!isPart2Kind(c.kind) || !c.part2) return no('not_part2');
  if (!c.signedAt || c.signedAt > r.at) return no('not_signed');
  if (c.revokedAt && c.revokedAt <= r.at) return no('revoked');
  if (isExpired(c, r.today)) return no('expired');
  const p = c.part2;
  const recipientCovered = p.recipients.some((x) =>
    x.kind === 'named' ? normalise(x.name) === normalise(r.recipient.name) : r.recipient.class === x.class,
  );
  if (!recipientCovered) return no('recipient_not_covered');
  if (!p.purposes.includes(r.purpose)) return no('purpose_not_covered');
  const all = p.informationCategories.includes('all_sud_records');
  if (r.information.length === 0 || (!all && !r.information.every((i) => p.informationCategories.includes(i))))
    return no('information_not_covered');
  return { allowed: true };
}

const classWords: Record<RecipientClass, string> = {
  treating_providers: 'my treating providers',
  health_plans: 'my health plans',
  third_party_payers: 'third-party payers',
  program_operations: 'people helping to operate this program',
};

const purposeWords: Record<DisclosurePurpose, string> = {
  patient_request: 'at the request of the patient',
  treatment: 'treatment',
  payment: 'payment',
  health_care_operations: 'health care operations',
  other: 'another purpose',
};

export const recipientClassLabel = (c: RecipientClass): string => classWords[c];
export const purposeLabel = (p: DisclosurePurpose): string => purposeWords[p];

export function describeExpiration(x: ConsentExpiration | null | undefined): string | null {
  if (!x) return null;
  switch (x.kind) {
    case 'date':
      return `until ${x.date}`;
    case 'event':
      return x.event === 'end_of_treatment' ? 'until the end of treatment' : `until ${x.description ?? 'an event'}`;
    case 'none':
      return 'until revoked';
  }
}

export function describeRecipients(p: Part2Fields): string {
  return p.recipients.map((r) => (r.kind === 'named' ? r.name : classWords[r.class])).join('; ');
}

/**
 * The "clear explanation of the scope of the consent" that travels with each disclosure: who may disclose, what,
 * to whom, why, until when, and that it can be revoked. Plain text; no PHI beyond what the consent itself says.
 * `signedOn` is the signing date at the patient's clinic (its time zone), or null while unsigned.
 */
export function consentScopeSummary(c: Pick<ConsentFacts, 'kind' | 'part2'>, signedOn: string | null): string {
  const p = c.part2;
  if (!p) return '';
  const purposes = p.purposes.map((x) => (x === 'other' && p.purposeDetail ? p.purposeDetail : purposeWords[x])).join(', ');
  return [
    `${c.kind === 'part2_tpo' ? 'TPO consent' : 'Consent to disclose'} signed ${signedOn ?? '(unsigned)'}.`,
    `Disclosing program: ${p.discloser ?? '—'}.`,
    `Information: ${p.informationDescription ?? '—'}.`,
    `Recipients: ${describeRecipients(p) || '—'}.`,
    `Purpose: ${purposes || '—'}.`,
    `Expires: ${describeExpiration(p.expiration) ?? '—'}.`,
    'The patient may revoke this consent at any time; disclosures already made in reliance on it stand.',
  ].join(' ');
}

export const informationCategoryLabels: Record<InformationCategory, string> = {
  all_sud_records: 'All my substance use disorder records',
  sud_diagnosis: 'Diagnosis',
  attendance_and_progress: 'Attendance and progress in treatment',
  treatment_plan: 'Treatment plan',
  medications: 'Medications',
  drug_test_results: 'Drug test results',
  assessments: 'Assessments and screening results',
  discharge_summary: 'Discharge summary',
  billing_and_claims: 'Billing and claims information',
};

/**
 * The first day of the default accounting period: the same calendar day three years before `today` (§2.25's
 * three-year look-back); 29 February falls back to 1 March.
 */
export function accountingStart(today: string): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y - 3, m - 1, d)).toISOString().slice(0, 10);
}
