import {
  accountingView,
  consentListItem,
  consentView,
  disclosureView,
  type ConsentCreate,
  type ConsentRevoke,
  type ConsentSign,
  type DisclosureCreate,
  type Part2Fields,
} from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { isApiError } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';

export const consentKeys = {
  list: (patientId: string) => ['consents', 'list', patientId] as const,
  record: (patientId: string, id: string) => ['consents', 'record', patientId, id] as const,
  disclosures: (patientId: string, from: string, to: string) => ['consents', 'disclosures', patientId, from, to] as const,
  allDisclosures: (patientId: string) => ['consents', 'disclosures', patientId] as const,
};

const consentList = z.object({ items: z.array(consentListItem) });
const retryUnlessClientError = (count: number, e: unknown) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2;
const base = (patientId: string) => `/patients/${encodeURIComponent(patientId)}`;

export function useConsents(patientId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: consentKeys.list(patientId),
    queryFn: ({ signal }) => client.get(`${base(patientId)}/consents`, consentList, { signal }),
    select: (d) => d.items,
    retry: retryUnlessClientError,
  });
}

/** One consent and its ETag (signing and draft edits send it as If-Match). */
export function useConsent(patientId: string, id: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: consentKeys.record(patientId, id),
    queryFn: ({ signal }) => client.getWithEtag(`${base(patientId)}/consents/${encodeURIComponent(id)}`, consentView, { signal }),
    retry: retryUnlessClientError,
    staleTime: 0,
  });
}

/** The accounting of disclosures between two dates (the api defaults to three years back). */
export function useDisclosures(patientId: string, range: { from: string; to: string }, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: consentKeys.disclosures(patientId, range.from, range.to),
    queryFn: ({ signal }) =>
      client.get(`${base(patientId)}/disclosures`, accountingView, {
        query: { from: range.from || undefined, to: range.to || undefined },
        signal,
      }),
    retry: retryUnlessClientError,
    enabled,
  });
}

function useConsentMutation<I>(patientId: string, run: (input: I) => Promise<{ data: z.output<typeof consentView>; etag: string | null }>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (saved) => {
      queryClient.setQueryData(consentKeys.record(patientId, saved.data.id), saved);
      void queryClient.invalidateQueries({ queryKey: consentKeys.list(patientId) });
    },
  });
}

export function useCreateConsent(patientId: string) {
  const client = useApiClient();
  return useConsentMutation(patientId, (input: ConsentCreate) =>
    client.send('POST', `${base(patientId)}/consents`, consentView, { body: input }),
  );
}

export function useUpdateDraft(patientId: string, id: string) {
  const client = useApiClient();
  return useConsentMutation(patientId, ({ part2, etag }: { part2: Part2Fields; etag: string | null }) =>
    client.send('PATCH', `${base(patientId)}/consents/${encodeURIComponent(id)}`, consentView, { body: { part2 }, ifMatch: etag }),
  );
}

export function useSignConsent(patientId: string, id: string) {
  const client = useApiClient();
  return useConsentMutation(patientId, ({ input, etag }: { input: ConsentSign; etag: string | null }) =>
    client.send('POST', `${base(patientId)}/consents/${encodeURIComponent(id)}/sign`, consentView, { body: input, ifMatch: etag }),
  );
}

export function useRevokeConsent(patientId: string, id: string) {
  const client = useApiClient();
  return useConsentMutation(patientId, (input: ConsentRevoke) =>
    client.send('POST', `${base(patientId)}/consents/${encodeURIComponent(id)}/revoke`, consentView, { body: input }),
  );
}

export function useRecordDisclosure(patientId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: DisclosureCreate) =>
      (await client.send('POST', `${base(patientId)}/disclosures`, disclosureView, { body: input })).data,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: consentKeys.allDisclosures(patientId) }),
  });
}

/** Links the browser opens itself: the PDFs (the session cookie travels with them). */
export function useConsentLinks(patientId: string) {
  const client = useApiClient();
  return {
    consentPdf: (id: string) => client.url(`${base(patientId)}/consents/${encodeURIComponent(id)}/pdf`),
    disclosurePdf: (id: string) => client.url(`${base(patientId)}/disclosures/${encodeURIComponent(id)}/pdf`),
  };
}
