import type { Permission } from '@openiop/core';

export interface NavItem {
  to: string;
  label: string;
  /** Shown only to users holding this permission (the api enforces it regardless). */
  permission: Permission;
  /** Active only on this exact path, not on paths below it. */
  end?: boolean;
}

export interface NavSection {
  label: string | null;
  items: NavItem[];
}

export const navSections: NavSection[] = [
  {
    label: null,
    items: [
      { to: '/patients', label: 'Patients', permission: 'patient.read' },
      { to: '/worklist', label: 'Worklist', permission: 'task.read' },
      { to: '/schedule', label: 'Schedule', permission: 'schedule.read' },
      { to: '/sessions', label: 'Sessions', permission: 'attendance.record' },
      { to: '/notes', label: 'Notes', permission: 'note.read' },
      { to: '/drug-tests', label: 'Drug tests', permission: 'drug_test.read' },
      { to: '/hours', label: 'Hours', permission: 'schedule.plan' },
      { to: '/admissions', label: 'Admissions', permission: 'inquiry.read' },
      { to: '/break-glass', label: 'Emergency access', permission: 'breakglass.request', end: true },
      { to: '/break-glass/review', label: 'Break-glass review', permission: 'breakglass.review' },
    ],
  },
  {
    label: 'Admin',
    items: [
      { to: '/admin/users', label: 'Users', permission: 'user.read' },
      { to: '/admin/supervision', label: 'Supervision', permission: 'supervision.manage' },
      { to: '/admin/locations', label: 'Locations', permission: 'location.manage' },
      { to: '/admin/program', label: 'Program', permission: 'program.manage' },
      { to: '/admin/video', label: 'Video', permission: 'video.settings' },
      { to: '/admin/settings', label: 'Settings', permission: 'settings.manage' },
      { to: '/admin/interventions', label: 'Interventions', permission: 'catalogue.manage' },
      { to: '/admin/audit', label: 'Audit log', permission: 'audit.read' },
      { to: '/admin/api-tokens', label: 'API tokens', permission: 'token.manage' },
      { to: '/admin/outbox', label: 'Outbox', permission: 'outbox.read' },
    ],
  },
];

/** The sections and items a user may see; empty sections are dropped. */
export function visibleNav(can: (p: Permission) => boolean): NavSection[] {
  return navSections.map((s) => ({ ...s, items: s.items.filter((i) => can(i.permission)) })).filter((s) => s.items.length > 0);
}

export function isActive(item: NavItem, pathname: string): boolean {
  return item.end ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`);
}

/** The first page a user may open, for the home redirect. */
export function homePath(can: (p: Permission) => boolean): string {
  return visibleNav(can)[0]?.items[0]?.to ?? '/account/security';
}
