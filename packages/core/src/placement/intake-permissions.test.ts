import { describe, expect, it } from 'vitest';
import { can, roles, type Permission, type Role } from '../access/roles';

/** Who may read and write intakes and dimensional assessments (deny by default). */
describe('intake and assessment permissions', () => {
  const writers: Role[] = ['clinician', 'medical', 'director'];
  const placementReaders: Role[] = [...writers, 'admissions', 'billing'];
  const table: [Permission, Role[]][] = [
    ['intake.read', writers],
    ['intake.write', writers],
    ['assessment.read', placementReaders],
    ['assessment.write', writers],
  ];
  it.each(table)('%s is held by exactly %j', (permission, holders) => {
    expect(roles.filter((r) => can([r], permission))).toEqual(roles.filter((r) => holders.includes(r)));
  });
});
