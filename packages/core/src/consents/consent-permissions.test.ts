import { describe, expect, it } from 'vitest';
import { can, type Permission, type Role } from '../access/roles';

describe('who may do what with consents (ADR 0014)', () => {
  const table: [Role, Permission, boolean][] = [
    ['clinician', 'consent.write', true],
    ['clinician', 'disclosure.record', true],
    ['medical', 'consent.write', true],
    ['director', 'disclosure.read', true],
    ['admissions', 'consent.write', true],
    ['admissions', 'disclosure.record', false],
    ['admissions', 'disclosure.read', false],
    ['peer', 'consent.read', true],
    ['peer', 'consent.revoke', true],
    ['peer', 'consent.write', false],
    ['peer', 'disclosure.record', false],
    ['billing', 'consent.status', true],
    ['billing', 'consent.read', false],
    ['billing', 'disclosure.read', false],
    ['admin', 'consent.read', true],
    ['admin', 'consent.write', false],
    ['admin', 'disclosure.record', false],
  ];
  it.each(table)('%s may %s: %s', (role, permission, expected) => expect(can([role], permission)).toBe(expected));

  it('everyone who may take a consent may also record its revocation', () => {
    for (const r of ['admin', 'director', 'clinician', 'medical', 'admissions', 'billing', 'peer'] as const)
      if (can([r], 'consent.write')) expect(can([r], 'consent.revoke')).toBe(true);
  });
});
