import { can, type Permission, type StaffMember } from '@openiop/core';

export interface StaffOption {
  value: string;
  label: string;
}

/**
 * The staff a supervision form offers for one side. The api accepts any active staff member, but a supervisee who
 * cannot sign notes has nothing to co-sign, and a supervisor who cannot co-sign would leave notes waiting for ever;
 * so the supervisee list holds those with `note.sign`, the supervisor list those with `note.cosign`. `exclude` drops
 * people (those who already have a supervisor, or the supervisee from their own supervisor list); `keep` stays listed whatever its roles, so an edit always shows the
 * current choice, even for someone no longer in the directory (deactivated).
 */
export function staffOptions(
  staff: readonly StaffMember[],
  permission: Permission,
  options: { exclude?: ReadonlySet<string>; keep?: { id: string; name: string } } = {},
): StaffOption[] {
  const { exclude, keep } = options;
  const listed = staff
    .filter((s) => s.id === keep?.id || (can(s.roles, permission) && !exclude?.has(s.id)))
    .map((s) => ({ value: s.id, label: s.name }));
  if (keep && !listed.some((o) => o.value === keep.id)) listed.push({ value: keep.id, label: keep.name });
  return listed.sort((a, b) => a.label.localeCompare(b.label));
}
