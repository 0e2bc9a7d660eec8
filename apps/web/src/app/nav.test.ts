import { rolePermissions, type Permission, type Role } from '@openiop/core';
import { describe, expect, it } from 'vitest';
import { homePath, isActive, navSections, visibleNav } from './nav';

const canAs = (role: Role) => (p: Permission) => rolePermissions[role].includes(p);
const labels = (role: Role) => visibleNav(canAs(role)).flatMap((s) => s.items.map((i) => i.label));

describe('navigation follows permissions', () => {
  it.each([
    [
      'admin',
      [
        'Patients',
        'Admissions',
        'Break-glass review',
        'Users',
        'Supervision',
        'Locations',
        'Program',
        'Video',
        'Settings',
        'Interventions',
        'Audit log',
        'API tokens',
        'Outbox',
      ],
    ],
    [
      'director',
      [
        'Patients',
        'Worklist',
        'Schedule',
        'Sessions',
        'Notes',
        'Drug tests',
        'Hours',
        'Admissions',
        'Break-glass review',
        'Users',
        'Supervision',
        'Program',
        'Video',
        'Interventions',
        'Audit log',
      ],
    ],
    ['clinician', ['Patients', 'Worklist', 'Schedule', 'Sessions', 'Notes', 'Drug tests', 'Admissions', 'Emergency access']],
    ['admissions', ['Patients', 'Worklist', 'Schedule', 'Admissions']],
    ['billing', ['Patients']],
  ] as const)('%s sees %j', (role, expected) => {
    expect(labels(role)).toEqual(expected);
  });

  it('drops the Admin heading when no admin page is visible', () => {
    expect(visibleNav(canAs('peer')).map((s) => s.label)).toEqual([null]);
  });

  it('lands everyone on the patient list', () => {
    expect(homePath(canAs('admissions'))).toBe('/patients');
  });

  it('marks a section active on its sub-pages, except where it must match exactly', () => {
    const item = (to: string) => navSections.flatMap((s) => s.items).find((i) => i.to === to)!;
    expect(isActive(item('/patients'), '/patients/123/edit')).toBe(true);
    expect(isActive(item('/break-glass'), '/break-glass/review')).toBe(false);
    expect(isActive(item('/break-glass/review'), '/break-glass/review')).toBe(true);
  });
});
