import { describe, expect, it } from 'vitest';
import { diagnosisCreate, medicationCreate, relapsePlanContent } from '../contracts/index';
import { diagnosisCategoryOf, findIcd10, icd10Curated, normaliseIcd10, searchIcd10 } from './icd10';
import { matKinds, medicationProblems, type MedicationFacts } from './medications';
import { mayChangeStatus, primaryChange, type DiagnosisStatus, type ProblemListEntry } from './problem-list';
import { emptyRelapsePlan, relapsePlanGaps, type RelapsePlanContent } from './relapse-plan';

describe('ICD-10-CM codes', () => {
  it.each([
    ['F10.20', 'F10.20'],
    ['f10.20', 'F10.20'],
    ['F1020', 'F10.20'],
    [' f11.23 ', 'F11.23'],
    ['F29', 'F29'],
    ['F32.A', 'F32.A'],
    ['E11.9', 'E11.9'],
    ['Z79.891', 'Z79.891'],
    ['S72.001A', 'S72.001A'],
    ['F10.2301', 'F10.2301'],
    ['F1', null],
    ['F10.', null],
    ['F10.23010', null],
    ['U07.1', null],
    ['110.20', null],
    ['FF0.20', null],
    ['F10-20', null],
    ['', null],
  ])('%j → %j', (input, expected) => {
    expect(normaliseIcd10(input)).toBe(expected);
  });

  it('every curated code is well-formed, unique and has a description', () => {
    const codes = icd10Curated.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of icd10Curated) {
      expect(normaliseIcd10(e.code)).toBe(e.code);
      expect(e.description.length).toBeGreaterThan(3);
    }
  });

  it.each([
    ['F10.20', 'substance_use'],
    ['F19.239', 'substance_use'],
    ['F17.210', 'substance_use'],
    ['F32.1', 'mental_health'],
    ['F43.10', 'mental_health'],
    ['Z79.891', 'other'],
    ['K70.30', 'medical'],
  ])('%s is %s', (code, category) => {
    expect(diagnosisCategoryOf(code)).toBe(category);
  });

  it('covers each substance F10–F19 with use disorder, remission and the co-occurring conditions', () => {
    for (const p of ['F10', 'F11', 'F12', 'F13', 'F14', 'F15', 'F16', 'F18', 'F19']) {
      for (const s of ['.10', '.11', '.20', '.21']) expect(findIcd10(p + s), p + s).toBeDefined();
    }
    for (const code of ['F10.230', 'F11.23', 'F17.210', 'F32.1', 'F33.1', 'F31.81', 'F41.1', 'F43.10', 'F90.2', 'F20.9', 'F29'])
      expect(findIcd10(code), code).toBeDefined();
  });

  it.each([
    ['F11', ['F11.10', 'F11.11', 'F11.20', 'F11.21', 'F11.23']],
    ['f11.2', ['F11.20', 'F11.21', 'F11.23']],
    ['F1120', ['F11.20']],
    ['opioid remission', ['F11.11', 'F11.21']],
    ['PTSD', ['F43.10', 'F43.11', 'F43.12']],
    ['alcohol use disorder moderate', ['F10.20', 'F10.21']],
    ['ADHD combined', ['F90.2']],
    ['zzz', []],
  ])('search %j', (q, codes) => {
    expect(searchIcd10(q).map((e) => e.code)).toEqual(codes);
  });

  it('search limits its answer', () => {
    expect(searchIcd10('', 5)).toHaveLength(5);
    expect(searchIcd10('F1', 3)).toHaveLength(3);
  });

  it('the create contract normalises the code and refuses malformed ones', () => {
    expect(diagnosisCreate.parse({ code: 'f1020' }).code).toBe('F10.20');
    expect(diagnosisCreate.safeParse({ code: 'F10-20' }).success).toBe(false);
    expect(diagnosisCreate.safeParse({ code: 'F10.20', extra: 1 }).success).toBe(false);
  });
});

describe('problem list rules', () => {
  const list: ProblemListEntry[] = [
    { id: 'a', isPrimary: true, status: 'active' },
    { id: 'b', isPrimary: false, status: 'active' },
    { id: 'c', isPrimary: false, status: 'resolved' },
    { id: 'd', isPrimary: true, status: 'entered_in_error' },
  ];
  it.each([
    ['b', { ok: true, demote: ['a'] }],
    ['a', { ok: true, demote: [] }],
    ['c', { ok: false, reason: 'not_active' }],
    ['d', { ok: false, reason: 'not_active' }],
    ['x', { ok: false, reason: 'not_found' }],
  ])('primary → %s', (target, expected) => {
    expect(primaryChange(list, target)).toEqual(expected);
  });

  it.each<[DiagnosisStatus, DiagnosisStatus, boolean]>([
    ['active', 'resolved', true],
    ['active', 'entered_in_error', true],
    ['resolved', 'active', true],
    ['resolved', 'entered_in_error', true],
    ['entered_in_error', 'active', false],
    ['entered_in_error', 'resolved', false],
    ['active', 'active', false],
  ])('%s → %s allowed: %s', (from, to, ok) => {
    expect(mayChangeStatus(from, to)).toBe(ok);
  });
});

describe('medications for addiction treatment', () => {
  const today = '2026-11-16';
  const otp = { name: 'Eastside Opioid Treatment Program' };
  it.each<[string, MedicationFacts, string[]]>([
    ['methadone with its OTP', { matKind: 'methadone', otp, startDate: '2026-10-01' }, []],
    ['methadone without an OTP', { matKind: 'methadone', otp: null, startDate: '2026-10-01' }, ['otp']],
    ['buprenorphine without an OTP', { matKind: 'buprenorphine_naloxone', otp: null, startDate: '2026-10-01' }, []],
    ['buprenorphine dosed at an OTP', { matKind: 'buprenorphine', otp, startDate: '2026-10-01' }, []],
    ['not MAT but an OTP', { matKind: null, otp, startDate: null }, ['otp']],
    ['start in the future', { matKind: null, otp: null, startDate: '2026-11-17' }, ['startDate']],
    ['stop before start', { matKind: 'acamprosate', otp: null, startDate: '2026-10-01', stopDate: '2026-09-30' }, ['stopDate']],
    ['stop in the future', { matKind: 'disulfiram', otp: null, startDate: '2026-10-01', stopDate: '2026-12-01' }, ['stopDate']],
    ['stop on the start day', { matKind: 'naltrexone_oral', otp: null, startDate: '2026-10-01', stopDate: '2026-10-01' }, []],
  ])('%s', (_name, facts, paths) => {
    expect(medicationProblems(facts, today).map((p) => p.path)).toEqual(paths);
  });

  it('knows the seven MAT kinds and the contract accepts each', () => {
    expect(matKinds).toHaveLength(7);
    for (const matKind of matKinds)
      expect(medicationCreate.safeParse({ name: 'x', dose: '1 mg', route: 'oral', frequency: 'daily', matKind }).success).toBe(true);
    expect(medicationCreate.safeParse({ name: 'x', dose: '1 mg', route: 'oral', frequency: 'daily', matKind: 'kratom' }).success).toBe(
      false,
    );
  });
});

describe('relapse-prevention plan completeness', () => {
  const full = (): RelapsePlanContent => ({
    triggers: { people: [], places: ['the bar on 5th'], feelings: [], times: [] },
    warningSigns: ['skipping meetings'],
    copingStrategies: ['walk the dog'],
    contacts: [{ name: 'Sam', relationship: 'sponsor', phone: '+1 503 555 0142' }],
    afterLapse: ['call Sam the same day'],
    reasons: ['my kids'],
  });
  it.each<[string, (c: RelapsePlanContent) => void, string[]]>([
    ['complete', () => undefined, []],
    ['no triggers at all', (c) => (c.triggers.places = []), ['triggers']],
    ['a feeling alone is a trigger', (c) => ((c.triggers.places = []), (c.triggers.feelings = ['lonely'])), []],
    ['no warning signs', (c) => (c.warningSigns = []), ['warningSigns']],
    ['no coping', (c) => (c.copingStrategies = []), ['copingStrategies']],
    ['no one to call', (c) => (c.contacts = []), ['contacts']],
    ['no lapse step', (c) => (c.afterLapse = []), ['afterLapse']],
    ['no reasons', (c) => (c.reasons = []), ['reasons']],
  ])('%s', (_name, change, paths) => {
    const c = full();
    change(c);
    expect(relapsePlanGaps(c).map((g) => g.path)).toEqual(paths);
  });

  it('an empty plan reports every gap', () => {
    expect(relapsePlanGaps(emptyRelapsePlan())).toHaveLength(6);
  });

  it('the contract fills defaults and rejects bad phones and unknown fields', () => {
    expect(relapsePlanContent.parse({})).toEqual(emptyRelapsePlan());
    expect(relapsePlanContent.safeParse({ contacts: [{ name: 'Sam', phone: 'call me' }] }).success).toBe(false);
    expect(relapsePlanContent.safeParse({ mood: [] }).success).toBe(false);
  });
});
