import { worklistCounts, worklistView, type WorklistKind } from '@openiop/core';
import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../lib/api-context';

/** Under `tasks` so resolving a task (which invalidates `['tasks']`) refreshes the worklist and its badge too. */
export const worklistKeys = {
  list: (kind: WorklistKind | null) => ['tasks', 'worklist', 'list', kind] as const,
  counts: ['tasks', 'worklist', 'counts'] as const,
};

export function useWorklist(kind: WorklistKind | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: worklistKeys.list(kind),
    queryFn: ({ signal }) => client.get('/worklist', worklistView, { query: { kind: kind ?? undefined }, signal }),
    select: (d) => d.items,
    refetchInterval: 60_000,
  });
}

/** The navigation badge: refreshed every minute while the tab is open (the api does not audit counts). */
export function useWorklistCounts(enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: worklistKeys.counts,
    queryFn: ({ signal }) => client.get('/worklist/counts', worklistCounts, { signal }),
    refetchInterval: 60_000,
    enabled,
    retry: false,
  });
}
