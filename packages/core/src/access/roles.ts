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
  'inquiry.read',
  'inquiry.write',
] as const;
export type Permission = (typeof permissions)[number];

const clinical: Permission[] = ['patient.read', 'patient.update', 'episode.read', 'breakglass.request'];

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
    'inquiry.read',
    'inquiry.write',
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
    'inquiry.read',
    'inquiry.write',
  ],
  // Clinicians and medical staff read inquiries (to review a pre-screen before intake) but do not work the board.
  clinician: [...clinical, 'patient.create', 'episode.write', 'inquiry.read'],
  medical: [...clinical, 'inquiry.read'],
  peer: ['patient.read', 'episode.read', 'breakglass.request'],
  admissions: ['patient.read', 'patient.create', 'patient.update', 'episode.read', 'episode.write', 'inquiry.read', 'inquiry.write'],
  billing: ['patient.read', 'episode.read'],
};

export function can(actorRoles: readonly Role[], permission: Permission): boolean {
  return actorRoles.some((r) => rolePermissions[r].includes(permission));
}

export const isRole = (v: string): v is Role => (roles as readonly string[]).includes(v);
