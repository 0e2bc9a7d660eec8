import { breakGlassGranted, breakGlassView, list, type breakGlassRequest, type breakGlassReview } from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { useApiClient } from '../../lib/api-context';
import { patientKeys } from '../patients/api';

export type ReviewFilter = 'unreviewed' | 'all';

export const breakGlassKeys = {
  all: ['break-glass'] as const,
  list: (status: ReviewFilter) => ['break-glass', status] as const,
};

// `needed: false` in the answer to a request means the chart was already in scope: no emergency access opened.
const breakGlassList = list(breakGlassView);

export function useBreakGlass() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: z.input<typeof breakGlassRequest>) =>
      (await client.send('POST', '/break-glass', breakGlassGranted, { body: input })).data,
    // Any earlier "not found" for this chart is now out of date.
    onSuccess: (granted) =>
      queryClient.removeQueries({
        predicate: (q) => q.queryKey[0] === patientKeys.all[0] && q.queryKey.includes(granted.patientId),
      }),
  });
}

export function useBreakGlassList(status: ReviewFilter) {
  const client = useApiClient();
  return useQuery({
    queryKey: breakGlassKeys.list(status),
    queryFn: ({ signal }) => client.get('/break-glass', breakGlassList, { query: { status }, signal }),
    select: (d) => d.items,
  });
}

export function useReviewBreakGlass() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id: accessId, input }: { id: string; input: z.input<typeof breakGlassReview> }) =>
      client.call('POST', `/break-glass/${encodeURIComponent(accessId)}/review`, { body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: breakGlassKeys.all }),
  });
}
