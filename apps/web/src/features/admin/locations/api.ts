import { locationView, type locationInput, type locationUpdate } from '@openiop/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApiClient } from '../../../lib/api-context';
import { etagForVersion } from '../../../lib/etag';
import { referenceKeys } from '../../reference/api';

export function useCreateLocation() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: z.input<typeof locationInput>) =>
      (await client.send('POST', '/admin/locations', locationView, { body: input })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: referenceKeys.locations }),
  });
}

/** Locations have no single-record GET, so If-Match comes from the version the list showed. */
export function useUpdateLocation() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, input }: { id: string; version: number; input: z.input<typeof locationUpdate> }) =>
      (
        await client.send('PATCH', `/admin/locations/${encodeURIComponent(id)}`, locationView, {
          body: input,
          ifMatch: etagForVersion(version),
        })
      ).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: referenceKeys.locations }),
  });
}
