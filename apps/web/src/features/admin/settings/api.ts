import { settingsView, type settingsUpdate } from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApiClient } from '../../../lib/api-context';
import { sessionKey } from '../../auth/api';

export const settingsKey = ['admin', 'settings'] as const;

export function useSettings() {
  const client = useApiClient();
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => client.getWithEtag('/admin/settings', settingsView, { signal }),
    staleTime: 0,
  });
}

export function useUpdateSettings() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, etag }: { input: z.input<typeof settingsUpdate>; etag: string | null }) =>
      client.send('PATCH', '/admin/settings', settingsView, { body: input, ifMatch: etag }),
    onSuccess: (saved) => {
      if (saved.etag) queryClient.setQueryData(settingsKey, saved);
      else void queryClient.invalidateQueries({ queryKey: settingsKey });
      // The organization's name and idle timeout are part of the session.
      void queryClient.invalidateQueries({ queryKey: sessionKey });
    },
  });
}
