import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { useApiClient } from '../../../lib/api-context';

/** `GET /api/v1/admin/outbox` (development e-mail outbox); core has no contract for it yet. */
export const outboxMessage = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  sentAt: z.string(),
  text: z.string(),
});
export type OutboxMessage = z.infer<typeof outboxMessage>;
const outboxList = z.object({ items: z.array(outboxMessage) });

export function useOutbox() {
  const client = useApiClient();
  return useQuery({
    queryKey: ['admin', 'outbox'],
    queryFn: ({ signal }) => client.get('/admin/outbox', outboxList, { signal }),
    select: (d) => d.items,
    staleTime: 0,
  });
}
