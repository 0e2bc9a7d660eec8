import type { StaffMember } from '@openiop/core';
import { describe, expect, it } from 'vitest';
import { staffOptions } from './supervision-options';

const staff: StaffMember[] = [
  { id: 'p', name: 'Jamie Fox', roles: ['peer'] },
  { id: 'c', name: 'Sam Okafor', roles: ['clinician'] },
  { id: 'd', name: 'Dana Whitfield', roles: ['director'] },
  { id: 'a', name: 'Morgan Reyes', roles: ['admin'] },
  { id: 'b', name: 'Kevin Brandt', roles: ['billing'] },
];
const names = (options: { label: string }[]) => options.map((o) => o.label);

describe('staffOptions', () => {
  it('offers as supervisees those who sign notes, and as supervisors those who co-sign them', () => {
    expect(names(staffOptions(staff, 'note.sign'))).toEqual(['Dana Whitfield', 'Jamie Fox', 'Sam Okafor']);
    // Peers sign but do not co-sign; the admin and billing do neither.
    expect(names(staffOptions(staff, 'note.cosign'))).toEqual(['Dana Whitfield', 'Sam Okafor']);
  });

  it('leaves out those already supervised', () => {
    expect(names(staffOptions(staff, 'note.sign', { exclude: new Set(['p']) }))).toEqual(['Dana Whitfield', 'Sam Okafor']);
  });

  it('keeps the current supervisor listed when their role changed or they left the directory', () => {
    expect(names(staffOptions(staff, 'note.cosign', { keep: { id: 'a', name: 'Morgan Reyes' } }))).toEqual([
      'Dana Whitfield',
      'Morgan Reyes',
      'Sam Okafor',
    ]);
    expect(staffOptions(staff, 'note.cosign', { keep: { id: 'gone', name: 'Alex Former' } })).toEqual([
      { value: 'gone', label: 'Alex Former' },
      { value: 'd', label: 'Dana Whitfield' },
      { value: 'c', label: 'Sam Okafor' },
    ]);
  });
});
