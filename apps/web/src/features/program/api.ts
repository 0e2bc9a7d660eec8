import { programView } from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { useApiClient } from '../../lib/api-context';
import { etagForVersion } from '../../lib/etag';

export const programKeys = { location: (locationId: string) => ['program', locationId] as const };

/** The whole structure of a location in one read: what every section of the Program page shows. */
export function useProgram(locationId: string | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: programKeys.location(locationId ?? ''),
    queryFn: ({ signal }) => client.get(`/locations/${encodeURIComponent(locationId ?? '')}/program`, programView, { signal }),
    enabled: !!locationId,
  });
}

export interface ProgramWrite {
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Below `/locations/:locationId`. */
  path: string;
  body?: unknown;
  /** The version the page showed, for If-Match. */
  version?: number;
}

/** One write to a location's program; the structure is read again afterwards. */
export function useProgramWrite(locationId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (w: ProgramWrite) =>
      (
        await client.send(w.method, `/locations/${encodeURIComponent(locationId)}${w.path}`, z.unknown(), {
          body: w.body ?? {},
          ...(w.version === undefined ? {} : { ifMatch: etagForVersion(w.version) }),
        })
      ).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programKeys.location(locationId) }),
  });
}
