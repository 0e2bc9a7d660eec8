import { describe, expect, it } from 'vitest';
import { can, permissions, roles, type Permission, type Role } from './roles';

describe('can (deny by default)', () => {
  const table: [Role, Permission, boolean][] = [
    ['admin', 'user.manage', true],
    ['admin', 'audit.read', true],
    ['director', 'audit.read', true],
    ['director', 'user.manage', false],
    ['director', 'breakglass.review', true],
    ['clinician', 'breakglass.request', true],
    ['clinician', 'breakglass.review', false],
    ['clinician', 'audit.read', false],
    ['billing', 'patient.read', true],
    ['billing', 'patient.update', false],
    ['peer', 'patient.update', false],
    ['admissions', 'patient.create', true],
    ['admissions', 'settings.manage', false],
    ['medical', 'patient.create', false],
  ];
  it.each(table)('%s may %s: %s', (role, permission, expected) => {
    expect(can([role], permission)).toBe(expected);
  });

  it('no roles hold no permission', () => {
    for (const p of permissions) expect(can([], p)).toBe(false);
  });

  it('only admins manage users, settings, locations and tokens', () => {
    for (const r of roles) {
      for (const p of ['user.manage', 'settings.manage', 'location.manage', 'token.manage'] as const)
        expect(can([r], p)).toBe(r === 'admin');
    }
  });
});
