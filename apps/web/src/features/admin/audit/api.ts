import { auditEventView, page } from '@openiop/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../lib/api-context';
import type { Query } from '../../../lib/api-client';

/** Filters as the audit query takes them (ISO instants for from/to); empty strings are left out. */
export interface AuditFilters {
  userId: string;
  patientId: string;
  action: string;
  from: string;
  to: string;
}

const auditPage = page(auditEventView);

export function auditQuery(f: AuditFilters): Query {
  return {
    userId: f.userId || undefined,
    patientId: f.patientId || undefined,
    action: f.action || undefined,
    from: f.from || undefined,
    to: f.to || undefined,
  };
}

export function useAuditEvents(filters: AuditFilters) {
  const client = useApiClient();
  return useInfiniteQuery({
    queryKey: ['admin', 'audit', filters],
    queryFn: ({ pageParam, signal }) =>
      client.get('/admin/audit', auditPage, { query: { ...auditQuery(filters), limit: 100, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** The CSV export of the same filters, for the browser to download with the session cookie. */
export function useAuditCsvUrl(filters: AuditFilters): string {
  const client = useApiClient();
  return client.url('/admin/audit', { ...auditQuery(filters), format: 'csv', limit: 500 });
}
