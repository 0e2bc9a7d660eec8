import type { Role } from './roles';

/**
 * Which patients an actor may see. The api turns this into one SQL predicate used by every patient query, so
 * lists, chart reads and writes can never disagree. The widest role wins when a user holds several.
 */
export type PatientScope =
  | { kind: 'organization' }
  | { kind: 'locations'; locationIds: string[] }
  | { kind: 'caseload' }
  | { kind: 'preAdmission' }
  | { kind: 'none' };

export interface ScopeActor {
  roles: readonly Role[];
  locationIds: readonly string[];
}

export interface ScopeSettings {
  /** When on, clinicians, medical staff and peers see only the patients assigned to their caseload. */
  caseloadOnly: boolean;
}

export function patientScopeFor(actor: ScopeActor, settings: ScopeSettings): PatientScope[] {
  const scopes: PatientScope[] = [];
  for (const role of actor.roles) {
    switch (role) {
      case 'admin':
      case 'director':
      case 'billing':
        return [{ kind: 'organization' }];
      case 'clinician':
      case 'medical':
      case 'peer':
        scopes.push(settings.caseloadOnly ? { kind: 'caseload' } : { kind: 'locations', locationIds: [...actor.locationIds] });
        break;
      case 'admissions':
        scopes.push({ kind: 'preAdmission' });
        break;
      default: {
        const never: never = role;
        throw new Error(`unknown role ${String(never)}`);
      }
    }
  }
  return scopes.length ? scopes : [{ kind: 'none' }];
}

/** Facts about one patient that decide visibility; mirrors the SQL predicate for pure tests. */
export interface PatientFacts {
  locationId: string;
  careStatus: CareStatus;
  onCaseload: boolean;
  brokenGlass: boolean;
}

export const careStatuses = ['pre_admission', 'active', 'discharged'] as const;
export type CareStatus = (typeof careStatuses)[number];

export function scopeAdmits(scopes: PatientScope[], p: PatientFacts): boolean {
  if (p.brokenGlass) return true;
  return scopes.some((s) => {
    switch (s.kind) {
      case 'organization':
        return true;
      case 'locations':
        return s.locationIds.includes(p.locationId);
      case 'caseload':
        return p.onCaseload;
      case 'preAdmission':
        return p.careStatus === 'pre_admission';
      case 'none':
        return false;
    }
  });
}
