import type { ConsentKind } from '../contracts/consents';

/**
 * Statements a consent may carry. The Part 2 ones are required elements (§2.31(a)(6) and the TPO extras), so the
 * signing check looks for them by id rather than trusting that a template still has them.
 */
export type StatementId = 'revocation' | 'hipaaRedisclosure' | 'noConditioning' | 'fundraisingOptOut' | 'proceedings';

export interface ConsentStatement {
  id: StatementId;
  text: string;
}

/** One version of the words a person reads before signing. Consents keep a copy, so a new version changes no signed one. */
export interface ConsentTemplate {
  kind: ConsentKind;
  version: string;
  title: string;
  body: string[];
  statements: ConsentStatement[];
}

const revocation: ConsentStatement = {
  id: 'revocation',
  text:
    'You may take back (revoke) this consent at any time by telling the program in writing — a signed letter or ' +
    'the revocation form at the front desk. Staff will also note a revocation you tell them in person or by phone ' +
    'and stop at once. Revoking does not undo a disclosure the program already made while relying on this consent.',
};

const proceedings: ConsentStatement = {
  id: 'proceedings',
  text:
    'Records shared under this consent may not be used or disclosed in any civil, criminal, administrative or ' +
    'legislative proceeding against you unless you give separate written consent or a court orders it under ' +
    '42 CFR part 2.',
};

const hipaaRedisclosure: ConsentStatement = {
  id: 'hipaaRedisclosure',
  text:
    'When a recipient is a health care provider, health plan or business associate covered by HIPAA and receives ' +
    'your records for treatment, payment or health care operations, it may share them again as the HIPAA rules ' +
    'allow — but never for a proceeding against you, as explained above.',
};

const noConditioning: ConsentStatement = {
  id: 'noConditioning',
  text:
    'You do not have to sign this consent. The program will not refuse, delay or change your treatment because you ' +
    'decline; the only effect is that the program cannot share these records on this basis.',
};

const fundraisingOptOut: ConsentStatement = {
  id: 'fundraisingOptOut',
  text:
    'If the program ever uses your records to ask you for donations, you have the right to say no and to be left ' +
    'off any fundraising contact. Tell the front desk or write to the program.',
};

/** The shipped templates, one current version per kind. Written in our own words; reviewed by the program before use. */
export const consentTemplates: Record<ConsentKind, ConsentTemplate> = {
  treatment: {
    kind: 'treatment',
    version: '2026.1',
    title: 'Consent to treatment',
    body: [
      'I agree to take part in the intensive outpatient program: assessments, group and individual counselling, ' +
        'education sessions, drug testing, and care coordination with the team assigned to me.',
      'The team has explained what the program involves, how long it usually lasts, what else I could choose, and ' +
        'that I may ask questions or stop treatment at any time.',
      'My records are kept confidential under federal law (42 CFR part 2 and HIPAA). They are shared only with my ' +
        'written consent or where the law allows, for example in a medical emergency or to report suspected child abuse.',
    ],
    statements: [],
  },
  program_agreement: {
    kind: 'program_agreement',
    version: '2026.1',
    title: 'Program agreement',
    body: [
      'I will come to my scheduled sessions on time and call ahead if I cannot attend.',
      'I will not bring alcohol, drugs or weapons to the program, and I will not attend under the influence.',
      'I will respect the privacy of other members: what is said in group stays in group.',
      'I understand the program may ask for drug tests, and that results are used to plan my care, not to punish me.',
      'I will treat staff and other members with respect. Threats or violence may end my participation.',
    ],
    statements: [],
  },
  telehealth: {
    kind: 'telehealth',
    version: '2026.1',
    title: 'Telehealth consent',
    body: [
      'I agree to receive some of my sessions by secure video or phone.',
      'I will join from a private place where others cannot overhear, and I will not record sessions.',
      'If the connection fails the clinician will try to call me back. In an emergency during a session I will tell ' +
        'the clinician where I am so help can be sent; I can also call or text 988 at any time.',
      'Telehealth has the same confidentiality protections as in-person care. I may ask to return to in-person ' + 'sessions at any time.',
    ],
    statements: [],
  },
  part2_disclosure: {
    kind: 'part2_disclosure',
    version: '2026.1',
    title: 'Consent to disclose substance use disorder records (42 CFR part 2)',
    body: [
      'I allow the program named below to share the information described below, about me, with the recipients ' +
        'named below, for the purpose stated, until this consent expires or I revoke it.',
      'I understand that my substance use disorder records are protected by federal law and cannot be shared ' +
        'without my written consent except in the limited cases the law allows.',
    ],
    statements: [revocation, proceedings, hipaaRedisclosure, noConditioning],
  },
  part2_tpo: {
    kind: 'part2_tpo',
    version: '2026.1',
    title: 'Consent to disclose for treatment, payment and health care operations (42 CFR part 2)',
    body: [
      'I allow the program named below to share my substance use disorder records, as described below, for my ' +
        'treatment, for payment of my care, and for the health care operations of the program and the recipients ' +
        'named below. This one consent covers future disclosures for these purposes until I revoke it or it expires.',
    ],
    statements: [revocation, proceedings, hipaaRedisclosure, noConditioning, fundraisingOptOut],
  },
};

export const consentKindLabels: Record<ConsentKind, string> = {
  treatment: 'Consent to treatment',
  program_agreement: 'Program agreement',
  telehealth: 'Telehealth consent',
  part2_disclosure: 'Part 2 consent to disclose',
  part2_tpo: 'Part 2 consent for TPO',
};
