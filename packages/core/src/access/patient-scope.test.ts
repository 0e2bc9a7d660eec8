import { describe, expect, it } from 'vitest';
import { patientScopeFor, scopeAdmits, type PatientFacts } from './patient-scope';
import type { Role } from './roles';

const MAIN = 'loc-main';
const OTHER = 'loc-other';
const patient = (over: Partial<PatientFacts> = {}): PatientFacts => ({
  locationId: MAIN,
  careStatus: 'active',
  onCaseload: false,
  brokenGlass: false,
  ...over,
});

describe('patientScopeFor + scopeAdmits', () => {
  const cases: { roles: Role[]; caseloadOnly?: boolean; p: Partial<PatientFacts>; sees: boolean; why: string }[] = [
    { roles: ['admin'], p: { locationId: OTHER }, sees: true, why: 'admins see the whole organization' },
    { roles: ['director'], p: { locationId: OTHER, careStatus: 'discharged' }, sees: true, why: 'directors see the whole organization' },
    { roles: ['billing'], p: { locationId: OTHER }, sees: true, why: 'billing needs every account' },
    { roles: ['clinician'], p: {}, sees: true, why: 'own location' },
    { roles: ['clinician'], p: { locationId: OTHER }, sees: false, why: 'other location' },
    { roles: ['medical'], p: { locationId: OTHER }, sees: false, why: 'medical staff are location-scoped too' },
    { roles: ['peer'], p: {}, sees: true, why: 'peers see their location' },
    { roles: ['clinician'], caseloadOnly: true, p: {}, sees: false, why: 'caseload mode: same location is not enough' },
    {
      roles: ['clinician'],
      caseloadOnly: true,
      p: { locationId: OTHER, onCaseload: true },
      sees: true,
      why: 'caseload mode: on the caseload',
    },
    { roles: ['clinician'], p: { locationId: OTHER, brokenGlass: true }, sees: true, why: 'break-the-glass grant' },
    {
      roles: ['admissions'],
      p: { careStatus: 'pre_admission', locationId: OTHER },
      sees: true,
      why: 'admissions sees pre-admission records anywhere',
    },
    { roles: ['admissions'], p: { careStatus: 'active' }, sees: false, why: 'admissions does not see admitted patients' },
    { roles: ['admissions', 'clinician'], p: { careStatus: 'active' }, sees: true, why: 'several roles: the union' },
    { roles: [], p: {}, sees: false, why: 'no role, no access' },
  ];
  it.each(cases)('$roles $why → $sees', ({ roles, caseloadOnly, p, sees }) => {
    const scopes = patientScopeFor({ roles, locationIds: [MAIN] }, { caseloadOnly: caseloadOnly ?? false });
    expect(scopeAdmits(scopes, patient(p))).toBe(sees);
  });

  it('a clinician with no locations sees nobody', () => {
    const scopes = patientScopeFor({ roles: ['clinician'], locationIds: [] }, { caseloadOnly: false });
    expect(scopeAdmits(scopes, patient())).toBe(false);
  });
});
