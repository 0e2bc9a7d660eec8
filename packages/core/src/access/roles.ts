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
  'instrument.read',
  'instrument.administer',
  'task.read',
  'safety.resolve',
] as const;
export type Permission = (typeof permissions)[number];

/** Giving and reading instruments, and one's own task list. Billing and the IT admin get none: minimum necessary. */
const measures: Permission[] = ['instrument.read', 'instrument.administer', 'task.read'];

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
    ...measures,
    'safety.resolve',
  ],
  clinician: [...clinical, 'patient.create', 'episode.write', ...measures, 'safety.resolve'],
  medical: [...clinical, ...measures, 'safety.resolve'],
  // Peers see results and their own tasks but do not give instruments or close safety tasks.
  peer: ['patient.read', 'episode.read', 'breakglass.request', 'instrument.read', 'task.read'],
  admissions: ['patient.read', 'patient.create', 'patient.update', 'episode.read', 'episode.write', ...measures],
  billing: ['patient.read', 'episode.read'],
};

export function can(actorRoles: readonly Role[], permission: Permission): boolean {
  return actorRoles.some((r) => rolePermissions[r].includes(permission));
}

export const isRole = (v: string): v is Role => (roles as readonly string[]).includes(v);
