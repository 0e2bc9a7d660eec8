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
  'intake.read',
  'intake.write',
  'assessment.read',
  'assessment.write',
  'instrument.read',
  'instrument.administer',
  'task.read',
  'safety.resolve',
  'inquiry.read',
  'inquiry.write',
  'plan.read',
  'plan.write',
  'plan.sign',
  'catalogue.manage',
  'diagnosis.read',
  'diagnosis.write',
  'medication.read',
  'medication.write',
  'allergy.write',
  'relapse_plan.read',
  'relapse_plan.write',
  'measure.assign',
  'checkin.read',
  'program.read',
  'program.manage',
  'staff_hours.manage',
  'availability.read',
  'availability.write',
  'schedule.read',
  'schedule.move',
  'schedule.plan',
  'calendar_feed.manage',
  'authorization.read',
  'authorization.write',
  'attendance.read',
  'attendance.record',
  'note.read',
  'note.write',
  'note.sign',
  'note.cosign',
  'supervision.manage',
  'drug_test.read',
  'drug_test.collect',
  'drug_test.result',
  'drug_test.manage',
  'video.host',
  'video.settings',
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
/** Writing the biopsychosocial intake and the dimensional assessment: the clinical team and the director. */
const intakeTeam: Permission[] = ['intake.read', 'intake.write', 'assessment.read', 'assessment.write'];
/** Giving and reading instruments, and one's own task list. Billing and the IT admin get none: minimum necessary. */
const measures: Permission[] = ['instrument.read', 'instrument.administer', 'task.read'];
/**
 * The personal plan (issue 4): treatment plans and their signatures, the problem list (diagnoses), medications,
 * allergies and alerts, the relapse-prevention plan, measurement-based care assignments and daily check-ins.
 */
const planTeam: Permission[] = [
  'plan.read',
  'plan.write',
  'plan.sign',
  'diagnosis.read',
  'diagnosis.write',
  'medication.read',
  'medication.write',
  'allergy.write',
  'relapse_plan.read',
  'relapse_plan.write',
  'measure.assign',
  'checkin.read',
];
/**
 * Scheduling (issue 5): everyone who sees patients reads the program's structure and the schedule and keeps a
 * person's availability; clinicians move sessions (with the same checks as the optimiser); the director plans the
 * week (solve, publish) and the structure. Feeds are issued by those who care for the person.
 */
const scheduleTeam: Permission[] = [
  'program.read',
  'availability.read',
  'availability.write',
  'schedule.read',
  'schedule.move',
  'calendar_feed.manage',
  'authorization.read',
];
/**
 * Running the sessions (issue 6): those who facilitate take attendance, write, sign and amend notes, collect and
 * record drug tests and host video rooms. Co-signing is checked against `staff_supervision` (a supervisor co-signs
 * for those they supervise); supervision and the drug-testing programme belong to the director.
 */
const sessionTeam: Permission[] = [
  'attendance.read',
  'attendance.record',
  'note.read',
  'note.write',
  'note.sign',
  'note.cosign',
  'drug_test.read',
  'drug_test.collect',
  'drug_test.result',
  'video.host',
];
/** Working the admissions board: inquiries, follow-ups, pre-screens, coverage, admission. */
const admissionsBoard: Permission[] = ['inquiry.read', 'inquiry.write'];

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
    ...admissionsBoard,
    'catalogue.manage',
    'program.read',
    'program.manage',
    'staff_hours.manage',
    'supervision.manage',
    'video.settings',
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
    ...intakeTeam,
    ...measures,
    'safety.resolve',
    ...admissionsBoard,
    ...planTeam,
    'catalogue.manage',
    ...scheduleTeam,
    'program.manage',
    'staff_hours.manage',
    'schedule.plan',
    'authorization.write',
    ...sessionTeam,
    'supervision.manage',
    'drug_test.manage',
    'video.settings',
  ],
  // Clinicians and medical staff read inquiries (to review a pre-screen before intake) but do not work the board.
  clinician: [
    ...clinical,
    'patient.create',
    'episode.write',
    ...consentCare,
    ...intakeTeam,
    ...measures,
    'safety.resolve',
    'inquiry.read',
    ...planTeam,
    ...scheduleTeam,
    ...sessionTeam,
  ],
  medical: [
    ...clinical,
    ...consentCare,
    ...intakeTeam,
    ...measures,
    'safety.resolve',
    'inquiry.read',
    ...planTeam,
    ...scheduleTeam,
    ...sessionTeam,
  ],
  // Peers see results and their own tasks but do not give instruments or close safety tasks.
  peer: [
    'patient.read',
    'episode.read',
    'breakglass.request',
    'consent.read',
    'consent.status',
    'consent.revoke',
    'instrument.read',
    'task.read',
    // Peers read the plan and help the person write their relapse-prevention plan; they do not sign treatment plans.
    'plan.read',
    'diagnosis.read',
    'medication.read',
    'relapse_plan.read',
    'relapse_plan.write',
    'checkin.read',
    // Peers help the person fit the week around their life; they do not move sessions or issue feeds.
    'program.read',
    'availability.read',
    'availability.write',
    'schedule.read',
    // Peers co-facilitate groups: they take attendance, write notes (co-signed by their supervisor), collect
    // specimens and host video rooms; they do not record lab results.
    'attendance.read',
    'attendance.record',
    'note.read',
    'note.write',
    'note.sign',
    'drug_test.read',
    'drug_test.collect',
    'video.host',
  ],
  // Admissions opens the episode at the chosen level: it reads the placement, not the intake's clinical narrative.
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
    'assessment.read',
    ...measures,
    ...admissionsBoard,
    // Admissions takes the person's availability at intake so the first week can be planned.
    'program.read',
    'availability.read',
    'availability.write',
    'schedule.read',
  ],
  // Billing justifies the level of care to payers: it reads the placement and whether a consent covers payment.
  // It keeps payers' authorizations, which scheduling warns against.
  billing: [
    'patient.read',
    'episode.read',
    'consent.status',
    'assessment.read',
    'program.read',
    'authorization.read',
    'authorization.write',
    // Billing reads attendance minutes to bill per-diem days; never the notes.
    'attendance.read',
  ],
};

export function can(actorRoles: readonly Role[], permission: Permission): boolean {
  return actorRoles.some((r) => rolePermissions[r].includes(permission));
}

export const isRole = (v: string): v is Role => (roles as readonly string[]).includes(v);
