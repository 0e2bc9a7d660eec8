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
  'consent.read',
  'consent.status',
  'consent.write',
  'consent.revoke',
  'disclosure.read',
  'disclosure.record',
] as const;
export type Permission = (typeof permissions)[number];

const clinical: Permission[] = ['patient.read', 'patient.update', 'episode.read', 'breakglass.request'];
/**
 * Consents (ADR 0014): staff who care for the patient draft, witness and revoke them and record disclosures. Admissions
 * take consents at intake but do not send records. Peers may read them and must be able to record a revocation the
 * patient tells them. Billing sees only that a consent exists and what it is for (`consent.status`), never its content.
 * Administrators read, for support and audits, but do not take consents.
 */
const consentCare: Permission[] = [
  'consent.read',
  'consent.status',
  'consent.write',
  'consent.revoke',
  'disclosure.read',
  'disclosure.record',
];

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
    'consent.read',
    'consent.status',
    'disclosure.read',
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
    ...consentCare,
  ],
  clinician: [...clinical, 'patient.create', 'episode.write', ...consentCare],
  medical: [...clinical, ...consentCare],
  peer: ['patient.read', 'episode.read', 'breakglass.request', 'consent.read', 'consent.status', 'consent.revoke'],
  admissions: [
    'patient.read',
    'patient.create',
    'patient.update',
    'episode.read',
    'episode.write',
    'consent.read',
    'consent.status',
    'consent.write',
    'consent.revoke',
  ],
  billing: ['patient.read', 'episode.read', 'consent.status'],
};

export function can(actorRoles: readonly Role[], permission: Permission): boolean {
  return actorRoles.some((r) => rolePermissions[r].includes(permission));
}

export const isRole = (v: string): v is Role => (roles as readonly string[]).includes(v);
