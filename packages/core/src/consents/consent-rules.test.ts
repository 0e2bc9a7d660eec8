import { describe, expect, it } from 'vitest';
import type { ConsentSign, Part2Fields } from '../contracts/consents';
import { consentSign } from '../contracts/consents';
import {
  accountingStart,
  consentScopeSummary,
  consentStatus,
  describeExpiration,
  mayDisclose,
  missingElements,
  signatureErrors,
  type ConsentFacts,
  type DisclosureRequest,
} from './consent-rules';
import { consentTemplates, type StatementId } from './consent-templates';
import { currentRedisclosureNotice, noticeText } from './redisclosure-notice';
import { checkSignaturePng, decodeBase64 } from './signature-image';

const TODAY = '2026-11-22';
const ONE_PIXEL_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const part2: Part2Fields = {
  discloser: 'Riverbend Recovery IOP',
  informationCategories: ['attendance_and_progress', 'drug_test_results'],
  informationDescription: 'Attendance, progress in treatment and drug test results from this episode of care',
  recipients: [{ kind: 'named', name: 'Multnomah County Drug Court', coveredEntity: false }],
  purposes: ['patient_request'],
  purposeDetail: null,
  expiration: { kind: 'date', date: '2027-05-01' },
};
const statementsOf = (kind: 'part2_disclosure' | 'part2_tpo') => consentTemplates[kind].statements.map((s) => s.id);
const disclosure = {
  kind: 'part2_disclosure' as const,
  patientName: 'Avery Quinn',
  statementIds: statementsOf('part2_disclosure'),
  part2,
};
const tpoFields: Part2Fields = {
  ...part2,
  informationCategories: ['all_sud_records'],
  recipients: [
    { kind: 'class', class: 'treating_providers' },
    { kind: 'class', class: 'health_plans' },
  ],
  purposes: ['treatment', 'payment', 'health_care_operations'],
  expiration: { kind: 'none' },
};
const tpo = { kind: 'part2_tpo' as const, patientName: 'Avery Quinn', statementIds: statementsOf('part2_tpo'), part2: tpoFields };

const without = (ids: StatementId[], drop: StatementId) => ids.filter((i) => i !== drop);

describe('missingElements (§2.31)', () => {
  it('a complete consent to disclose and a complete TPO consent have nothing missing', () => {
    expect(missingElements(disclosure, TODAY)).toEqual([]);
    expect(missingElements(tpo, TODAY)).toEqual([]);
  });

  const cases: [string, Parameters<typeof missingElements>[0], string][] = [
    ['patient name', { ...disclosure, patientName: ' ' }, 'patientName'],
    ['who may disclose', { ...disclosure, part2: { ...part2, discloser: null } }, 'part2.discloser'],
    ['information categories', { ...disclosure, part2: { ...part2, informationCategories: [] } }, 'part2.information'],
    ['information description', { ...disclosure, part2: { ...part2, informationDescription: null } }, 'part2.information'],
    ['recipients', { ...disclosure, part2: { ...part2, recipients: [] } }, 'part2.recipients'],
    ['purpose', { ...disclosure, part2: { ...part2, purposes: [] } }, 'part2.purposes'],
    ['words for another purpose', { ...disclosure, part2: { ...part2, purposes: ['other'] } }, 'part2.purposeDetail'],
    ['expiration', { ...disclosure, part2: { ...part2, expiration: null } }, 'part2.expiration'],
    [
      'an expiration in the past',
      { ...disclosure, part2: { ...part2, expiration: { kind: 'date', date: '2026-11-21' } } },
      'part2.expiration',
    ],
    [
      'an undescribed event',
      { ...disclosure, part2: { ...part2, expiration: { kind: 'event', event: 'other', description: null } } },
      'part2.expiration',
    ],
    ['"none" outside TPO', { ...disclosure, part2: { ...part2, expiration: { kind: 'none' } } }, 'part2.expiration'],
    ['the revocation statement', { ...disclosure, statementIds: without(disclosure.statementIds, 'revocation') }, 'statements.revocation'],
    ['all Part 2 fields at once (no part2)', { ...disclosure, part2: null }, 'part2.recipients'],
    [
      'HIPAA redisclosure when a covered entity receives for treatment',
      {
        ...disclosure,
        statementIds: without(disclosure.statementIds, 'hipaaRedisclosure'),
        part2: { ...part2, purposes: ['treatment'], recipients: [{ kind: 'named', name: 'Dr. Lee', coveredEntity: true }] },
      },
      'statements.hipaaRedisclosure',
    ],
    ['TPO: HIPAA redisclosure', { ...tpo, statementIds: without(tpo.statementIds, 'hipaaRedisclosure') }, 'statements.hipaaRedisclosure'],
    [
      'TPO: no conditioning of treatment',
      { ...tpo, statementIds: without(tpo.statementIds, 'noConditioning') },
      'statements.noConditioning',
    ],
    ['TPO: fundraising opt-out', { ...tpo, statementIds: without(tpo.statementIds, 'fundraisingOptOut') }, 'statements.fundraisingOptOut'],
    ['TPO: a purpose outside TPO', { ...tpo, part2: { ...tpoFields, purposes: ['patient_request'] } }, 'part2.purposes'],
  ];
  it.each(cases)('names a missing %s', (_name, consent, path) => {
    expect(missingElements(consent, TODAY).map((e) => e.path)).toContain(path);
  });

  it('reports one error per missing element', () => {
    const empty = { ...disclosure, part2: { ...part2, discloser: null, recipients: [], purposes: [], expiration: null } };
    expect(missingElements(empty, TODAY).map((e) => e.path)).toEqual([
      'part2.discloser',
      'part2.recipients',
      'part2.purposes',
      'part2.expiration',
    ]);
  });

  it('a redisclosure statement is not required for a patient-requested disclosure to a non-covered recipient', () => {
    expect(missingElements({ ...disclosure, statementIds: without(disclosure.statementIds, 'hipaaRedisclosure') }, TODAY)).toEqual([]);
  });

  it('consents to care need only the name', () => {
    for (const kind of ['treatment', 'program_agreement', 'telehealth'] as const) {
      expect(missingElements({ kind, patientName: 'Avery Quinn', statementIds: [], part2: null }, TODAY)).toEqual([]);
      expect(missingElements({ kind, patientName: null, statementIds: [], part2: null }, TODAY).map((e) => e.path)).toEqual([
        'patientName',
      ]);
    }
  });

  it('the expiration day itself may still be signed', () => {
    expect(missingElements({ ...disclosure, part2: { ...part2, expiration: { kind: 'date', date: TODAY } } }, TODAY)).toEqual([]);
  });
});

describe('signatureErrors', () => {
  const patient = { kind: 'patient' as const };
  const rep = { kind: 'representative' as const, name: 'Jordan Quinn', relationship: 'parent' as const, authority: 'parent of a minor' };
  const ok: [string, ConsentSign][] = [
    ['typed by the patient', { method: 'typed', typedName: 'Avery Quinn', signer: patient }],
    ['drawn by the patient', { method: 'drawn', drawing: ONE_PIXEL_PNG, signer: patient }],
    ['typed by a parent for a minor', { method: 'typed', typedName: 'Jordan Quinn', signer: rep }],
  ];
  it.each(ok)('accepts a signature %s', (_n, s) => expect(signatureErrors(s)).toEqual([]));

  const bad: [string, ConsentSign, string][] = [
    ['typed without a name', { method: 'typed', typedName: null, signer: patient }, 'typedName'],
    ['drawn without a drawing', { method: 'drawn', signer: patient }, 'drawing'],
    ['drawn as a JPEG', { method: 'drawn', drawing: 'data:image/jpeg;base64,/9j/4AAQSkZJRg==', signer: patient }, 'drawing'],
    [
      'drawn as text claiming to be PNG',
      { method: 'drawn', drawing: `data:image/png;base64,aGVsbG8sIHRoaXMgaXMgbm90IGEgcG5nIGF0IGFsbCEh`, signer: patient },
      'drawing',
    ],
    [
      'by a representative without a relationship',
      { method: 'typed', typedName: 'J', signer: { ...rep, relationship: null } },
      'signer.relationship',
    ],
    ['by a representative without authority', { method: 'typed', typedName: 'J', signer: { ...rep, authority: null } }, 'signer.authority'],
    ['by a representative without a name', { method: 'typed', typedName: 'J', signer: { ...rep, name: null } }, 'signer.name'],
  ];
  it.each(bad)('refuses a signature %s', (_n, s, path) => expect(signatureErrors(s).map((e) => e.path)).toContain(path));

  it('the contract caps the drawing size', () => {
    const huge = { method: 'drawn', drawing: `data:image/png;base64,${'A'.repeat(70_000)}`, signer: patient };
    expect(consentSign.safeParse(huge).success).toBe(false);
  });
});

describe('checkSignaturePng', () => {
  it('reads the dimensions of a real PNG', () => expect(checkSignaturePng(ONE_PIXEL_PNG)).toEqual({ ok: true, width: 1, height: 1 }));
  it('refuses bad base64', () => expect(checkSignaturePng('data:image/png;base64,@@@@').ok).toBe(false));
  it('refuses an image too large to be a signature', () => {
    const wide = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAJxAAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    expect(checkSignaturePng(wide)).toEqual({ ok: false, message: 'must be at most 2000×1000 pixels' });
  });
  it('decodes base64', () => expect(decodeBase64('aGk=')).toEqual([104, 105]));
});

const signedAt = new Date('2026-11-10T17:00:00Z');
const signed: ConsentFacts = { ...disclosure, signedAt, revokedAt: null, expiryEventOn: null };
const at = new Date('2026-11-22T18:00:00Z');
const request: DisclosureRequest = {
  recipient: { name: 'Multnomah County Drug Court', class: null },
  purpose: 'patient_request',
  information: ['attendance_and_progress'],
  at,
  today: TODAY,
};

describe('mayDisclose', () => {
  const cases: [string, ConsentFacts, Partial<DisclosureRequest>, string | true][] = [
    ['a covered disclosure', signed, {}, true],
    ['recipient matched ignoring case and spaces', signed, { recipient: { name: '  multnomah county  drug court', class: null } }, true],
    ['a consent to care', { ...signed, kind: 'treatment', part2: null }, {}, 'not_part2'],
    ['an unsigned draft', { ...signed, signedAt: null }, {}, 'not_signed'],
    ['a disclosure dated before signing', signed, { at: new Date('2026-11-01T00:00:00Z') }, 'not_signed'],
    ['revoked a minute before', { ...signed, revokedAt: new Date(at.getTime() - 60_000) }, {}, 'revoked'],
    ['revoked at the same instant', { ...signed, revokedAt: at }, {}, 'revoked'],
    ['revoked after the disclosure was made', { ...signed, revokedAt: new Date(at.getTime() + 60_000) }, {}, true],
    ['on the expiration day', { ...signed, part2: { ...part2, expiration: { kind: 'date', date: TODAY } } }, {}, true],
    ['the day after expiration', { ...signed, part2: { ...part2, expiration: { kind: 'date', date: '2026-11-21' } } }, {}, 'expired'],
    [
      'before the expiring event',
      { ...signed, part2: { ...part2, expiration: { kind: 'event', event: 'end_of_treatment', description: null } } },
      {},
      true,
    ],
    [
      'after the expiring event (end of treatment)',
      {
        ...signed,
        expiryEventOn: '2026-11-20',
        part2: { ...part2, expiration: { kind: 'event', event: 'end_of_treatment', description: null } },
      },
      {},
      'expired',
    ],
    ['an unnamed recipient', signed, { recipient: { name: 'Acme Employer', class: null } }, 'recipient_not_covered'],
    [
      'a class the consent does not name',
      { ...signed, ...tpo },
      { recipient: { name: 'Acme Payer', class: 'third_party_payers' }, purpose: 'payment' },
      'recipient_not_covered',
    ],
    [
      'a class the consent names',
      { ...signed, ...tpo },
      { recipient: { name: 'Blue Plan', class: 'health_plans' }, purpose: 'payment' },
      true,
    ],
    [
      'a named person when only classes are named',
      { ...signed, ...tpo },
      { recipient: { name: 'Blue Plan', class: null }, purpose: 'payment' },
      'recipient_not_covered',
    ],
    ['a purpose not covered', signed, { purpose: 'payment' }, 'purpose_not_covered'],
    [
      'TPO: operations',
      { ...signed, ...tpo },
      { recipient: { name: 'Dr. Lee', class: 'treating_providers' }, purpose: 'health_care_operations' },
      true,
    ],
    ['information not covered', signed, { information: ['medications'] }, 'information_not_covered'],
    ['no information named', signed, { information: [] }, 'information_not_covered'],
    [
      'all SUD records covers any kind',
      { ...signed, ...tpo },
      { recipient: { name: 'X', class: 'treating_providers' }, purpose: 'treatment', information: ['medications', 'sud_diagnosis'] },
      true,
    ],
  ];
  it.each(cases)('%s', (_n, consent, change, expected) => {
    const r = mayDisclose(consent, { ...request, ...change });
    expect(r.allowed ? true : r.reason).toBe(expected);
  });
});

describe('consentStatus', () => {
  const cases: [string, Partial<ConsentFacts>, string][] = [
    ['draft', { signedAt: null }, 'draft'],
    ['signed', {}, 'signed'],
    ['revoked', { revokedAt: at }, 'revoked'],
    ['expired by date', { part2: { ...part2, expiration: { kind: 'date', date: '2026-11-01' } } }, 'expired'],
    ['revoked wins over expired', { revokedAt: at, part2: { ...part2, expiration: { kind: 'date', date: '2026-11-01' } } }, 'revoked'],
    [
      'expired by event',
      { expiryEventOn: TODAY, part2: { ...part2, expiration: { kind: 'event', event: 'other', description: 'the court case closes' } } },
      'expired',
    ],
    [
      'event not yet reached',
      { expiryEventOn: '2026-11-23', part2: { ...part2, expiration: { kind: 'event', event: 'other', description: 'x' } } },
      'signed',
    ],
  ];
  it.each(cases)('%s', (_n, change, expected) => expect(consentStatus({ ...signed, ...change }, TODAY)).toBe(expected));
});

describe('scope summary and notice', () => {
  it('summarises who, what, to whom, why and until when', () => {
    const s = consentScopeSummary(signed, '2026-11-10');
    for (const part of [
      'Riverbend Recovery IOP',
      'Multnomah County Drug Court',
      'at the request of the patient',
      'until 2027-05-01',
      'signed 2026-11-10',
      'revoke',
    ])
      expect(s).toContain(part);
    expect(consentScopeSummary({ ...signed, ...tpo }, '2026-11-10')).toContain('my treating providers; my health plans');
  });
  it.each([
    [{ kind: 'date', date: '2027-01-01' }, 'until 2027-01-01'],
    [{ kind: 'event', event: 'end_of_treatment', description: null }, 'until the end of treatment'],
    [{ kind: 'none' }, 'until revoked'],
  ] as const)('describes expiration %j', (x, words) => expect(describeExpiration(x)).toBe(words));
  it('has a long and a short §2.32 form', () => {
    expect(noticeText(currentRedisclosureNotice, 'long')).toMatch(/42 CFR part 2/);
    expect(noticeText(currentRedisclosureNotice, 'short')).toBe('42 CFR part 2 prohibits unauthorized use or disclosure of these records.');
  });
});

describe('accountingStart', () => {
  it.each([
    ['2026-11-16', '2023-11-16'],
    ['2027-02-28', '2024-02-28'],
    ['2028-02-29', '2025-03-01'],
    ['2026-01-01', '2023-01-01'],
  ])('three years before %s is %s', (today, from) => expect(accountingStart(today)).toBe(from));
});
