import { list, outboxMessage } from '@openiop/core';
import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../lib/api-context';

export type { OutboxMessage } from '@openiop/core';
/** `GET /api/v1/admin/outbox`: the development e-mail outbox. */
const outboxList = list(outboxMessage);

export function useOutbox() {
  const client = useApiClient();
  return useQuery({
    queryKey: ['admin', 'outbox'],
    queryFn: ({ signal }) => client.get('/admin/outbox', outboxList, { signal }),
    select: (d) => d.items,
    staleTime: 0,
  });
}
