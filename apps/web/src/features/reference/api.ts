import { id, locationView, roles } from '@openiop/core';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { useApiClient } from '../../lib/api-context';

/**
 * Reference data every staff page may need: the organization's locations and the staff directory.
 * Both change rarely, so they are cached for a few minutes.
 */
export const referenceKeys = {
  locations: ['reference', 'locations'] as const,
  staffAll: ['reference', 'staff'] as const,
  staff: (role: string | null) => ['reference', 'staff', role] as const,
};

const locationList = z.object({ items: z.array(locationView) });

/** `GET /api/v1/staff` has no contract in core yet; this mirrors the documented shape. */
export const staffMember = z.object({ id, name: z.string(), roles: z.array(z.enum(roles)) });
export type StaffMember = z.infer<typeof staffMember>;
const staffList = z.object({ items: z.array(staffMember) });

export function useLocations() {
  const client = useApiClient();
  return useQuery({
    queryKey: referenceKeys.locations,
    queryFn: ({ signal }) => client.get('/locations', locationList, { signal }),
    select: (d) => d.items,
    staleTime: 5 * 60_000,
  });
}

/** Active locations first, sorted by name, as select options. */
export function useLocationOptions(options: { includeInactive?: boolean; keep?: string | null } = {}) {
  const locations = useLocations();
  const data = (locations.data ?? [])
    .filter((l) => l.active || options.includeInactive || l.id === options.keep)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((l) => ({ value: l.id, label: l.active ? l.name : `${l.name} (inactive)` }));
  return { ...locations, options: data };
}

export function useStaff(role: string | null = null, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: referenceKeys.staff(role),
    queryFn: ({ signal }) => client.get('/staff', staffList, { query: { role }, signal }),
    select: (d) => [...d.items].sort((a, b) => a.name.localeCompare(b.name)),
    staleTime: 5 * 60_000,
    enabled,
  });
}
