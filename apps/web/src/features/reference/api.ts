import { list, locationView, staffMember } from '@openiop/core';
import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../lib/api-context';
import { localToday } from '../../lib/format';

/**
 * Reference data every staff page may need: the organization's locations and the staff directory.
 * Both change rarely, so they are cached for a few minutes.
 */
export const referenceKeys = {
  locations: ['reference', 'locations'] as const,
  staffAll: ['reference', 'staff'] as const,
  staff: (role: string | null) => ['reference', 'staff', role] as const,
};

export type { StaffMember } from '@openiop/core';
const locationList = list(locationView);
const staffList = list(staffMember);

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

/**
 * Today's date at a location, in its time zone: the date the api checks "not in the future" against, so a form's
 * default of today is never refused when the browser's zone is a day ahead of the clinic's. Falls back to the
 * browser's date until the locations have loaded.
 */
export function useClinicToday(locationId: string | null | undefined): string {
  const locations = useLocations();
  const zone = locations.data?.find((l) => l.id === locationId)?.timeZone;
  return localToday(new Date(), zone);
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
