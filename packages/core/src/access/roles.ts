/**
 * Staff roles and what each may do. Authorization is decided here, in one place, and denies by default:
 * a permission not listed for a role is refused.
 */
export const roles = ['admin', 'director', 'clinician', 'medical', 'admissions', 'billing', 'peer'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  admin: 'Administrator',
  director: 'Program director',
  clinician: 'Clinician',
  medical: 'Medical staff',
  admissions: 'Admissions',
  billing: 'Billing',
  peer: 'Peer recovery specialist',
};

export const permissions = [
  'patient.read',
  'patient.create',
  'patient.update',
  'episode.read',
  'episode.write',
  'caseload.manage',
  'user.read',
  'user.manage',
  'location.manage',
  'settings.manage',
  'audit.read',
  'breakglass.request',
  'breakglass.review',
  'token.manage',
  'outbox.read',
  'intake.read',
  'intake.write',
  'assessment.read',
  'assessment.write',
] as const;
export type Permission = (typeof permissions)[number];

const clinical: Permission[] = ['patient.read', 'patient.update', 'episode.read', 'breakglass.request'];
/** Writing the biopsychosocial intake and the dimensional assessment: the clinical team and the director. */
const intakeTeam: Permission[] = ['intake.read', 'intake.write', 'assessment.read', 'assessment.write'];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: [
    'patient.read',
    'patient.create',
    'patient.update',
    'episode.read',
    'episode.write',
    'caseload.manage',
    'user.read',
    'user.manage',
    'location.manage',
    'settings.manage',
    'audit.read',
    'breakglass.review',
    'token.manage',
    'outbox.read',
  ],
  director: [
    'patient.read',
    'patient.create',
    'patient.update',
    'episode.read',
    'episode.write',
    'caseload.manage',
    'user.read',
    'audit.read',
    'breakglass.review',
    ...intakeTeam,
  ],
  clinician: [...clinical, 'patient.create', 'episode.write', ...intakeTeam],
  medical: [...clinical, ...intakeTeam],
  peer: ['patient.read', 'episode.read', 'breakglass.request'],
  // Admissions opens the episode at the chosen level and billing justifies it to payers: both read the placement,
  // neither reads the intake's clinical narrative (minimum necessary).
  admissions: ['patient.read', 'patient.create', 'patient.update', 'episode.read', 'episode.write', 'assessment.read'],
  billing: ['patient.read', 'episode.read', 'assessment.read'],
};

export function can(actorRoles: readonly Role[], permission: Permission): boolean {
  return actorRoles.some((r) => rolePermissions[r].includes(permission));
}

export const isRole = (v: string): v is Role => (roles as readonly string[]).includes(v);
