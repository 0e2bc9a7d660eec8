import {
  admissionResult,
  costEstimateView,
  coverageView,
  duplicateList,
  followUpView,
  inquiryBoardPage,
  inquiryView,
  prescreenView,
  publicHelpForm,
  publicHelpReceipt,
  type admissionCreate,
  type coverageInput,
  type followUpCreate,
  type followUpUpdate,
  type InquiryStage,
  type inquiryCreate,
  type inquiryStageMove,
  type inquiryUpdate,
  type prescreenCreate,
  type publicHelpRequest,
} from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { isApiError } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';

export const inquiryKeys = {
  all: ['inquiries'] as const,
  board: (stage: InquiryStage | null) => ['inquiries', 'board', stage] as const,
  record: (id: string) => ['inquiries', 'record', id] as const,
  prescreens: (id: string) => ['inquiries', 'prescreens', id] as const,
  coverage: (id: string) => ['inquiries', 'coverage', id] as const,
  estimate: (id: string) => ['inquiries', 'estimate', id] as const,
  duplicates: (id: string) => ['inquiries', 'duplicates', id] as const,
};

const retryUnlessClientError = (count: number, e: unknown) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2;
const enc = encodeURIComponent;

/** One board column (or every stage when `stage` is null), with the counts of all stages. */
export function useBoard(stage: InquiryStage | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: inquiryKeys.board(stage),
    queryFn: ({ signal }) => client.get('/inquiries', inquiryBoardPage, { query: { stage: stage ?? undefined, limit: 200 }, signal }),
  });
}

export function useInquiry(id: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: inquiryKeys.record(id),
    queryFn: ({ signal }) => client.getWithEtag(`/inquiries/${enc(id)}`, inquiryView, { signal }),
    retry: retryUnlessClientError,
    staleTime: 0,
  });
}

function useInvalidate(id?: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['inquiries', 'board'] });
    if (id) {
      void queryClient.invalidateQueries({ queryKey: inquiryKeys.record(id) });
      void queryClient.invalidateQueries({ queryKey: inquiryKeys.duplicates(id) });
    }
  };
}

export function useCreateInquiry() {
  const client = useApiClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (input: z.input<typeof inquiryCreate>) =>
      (await client.send('POST', '/inquiries', inquiryView, { body: input })).data,
    onSuccess: invalidate,
  });
}

export function useUpdateInquiry(id: string) {
  const client = useApiClient();
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: ({ input, etag }: { input: z.input<typeof inquiryUpdate>; etag: string | null }) =>
      client.send('PATCH', `/inquiries/${enc(id)}`, inquiryView, { body: input, ifMatch: etag }),
    onSuccess: invalidate,
  });
}

/** A board move; the card's version is its ETag. */
export function useMoveInquiry() {
  const client = useApiClient();
  const invalidate = useInvalidate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, move }: { id: string; version: number; move: z.input<typeof inquiryStageMove> }) =>
      client.send('POST', `/inquiries/${enc(id)}/stage`, inquiryView, { body: move, ifMatch: `"${version}"` }),
    onSuccess: (_r, v) => {
      invalidate();
      void queryClient.invalidateQueries({ queryKey: inquiryKeys.record(v.id) });
    },
  });
}

export function useAddFollowUp(id: string) {
  const client = useApiClient();
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: async (input: z.input<typeof followUpCreate>) =>
      (await client.send('POST', `/inquiries/${enc(id)}/follow-ups`, followUpView, { body: input })).data,
    onSuccess: invalidate,
  });
}

export function useUpdateFollowUp(id: string) {
  const client = useApiClient();
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: async ({ followUpId, input }: { followUpId: string; input: z.input<typeof followUpUpdate> }) =>
      (await client.send('PATCH', `/inquiries/${enc(id)}/follow-ups/${enc(followUpId)}`, followUpView, { body: input })).data,
    onSuccess: invalidate,
  });
}

const prescreenList = z.object({ items: z.array(prescreenView) });

export function usePrescreens(id: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: inquiryKeys.prescreens(id),
    queryFn: ({ signal }) => client.get(`/inquiries/${enc(id)}/prescreens`, prescreenList, { signal }),
    select: (d) => d.items,
  });
}

export function useRecordPrescreen(id: string) {
  const client = useApiClient();
  const invalidate = useInvalidate(id);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: z.input<typeof prescreenCreate>) =>
      (await client.send('POST', `/inquiries/${enc(id)}/prescreens`, prescreenView, { body: input })).data,
    onSuccess: () => {
      invalidate();
      void queryClient.invalidateQueries({ queryKey: inquiryKeys.prescreens(id) });
    },
  });
}

export function useCoverage(id: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: inquiryKeys.coverage(id),
    queryFn: ({ signal }) => client.getWithEtag(`/inquiries/${enc(id)}/coverage`, coverageView, { signal }),
    staleTime: 0,
  });
}

export function useSaveCoverage(id: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, etag }: { input: z.input<typeof coverageInput>; etag: string | null }) =>
      client.send('PUT', `/inquiries/${enc(id)}/coverage`, coverageView, { body: input, ifMatch: etag }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: inquiryKeys.coverage(id) });
      void queryClient.invalidateQueries({ queryKey: inquiryKeys.estimate(id) });
    },
  });
}

export function useCostEstimate(id: string, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: inquiryKeys.estimate(id),
    queryFn: ({ signal }) => client.get(`/inquiries/${enc(id)}/cost-estimate`, costEstimateView, { signal }),
    retry: retryUnlessClientError,
    enabled,
  });
}

export function useDuplicates(id: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: inquiryKeys.duplicates(id),
    queryFn: ({ signal }) => client.get(`/inquiries/${enc(id)}/duplicates`, duplicateList, { signal }),
    select: (d) => d.items,
  });
}

export function useAdmit(id: string) {
  const client = useApiClient();
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: async ({ input, version }: { input: z.input<typeof admissionCreate>; version: number }) =>
      (await client.send('POST', `/inquiries/${enc(id)}/admit`, admissionResult, { body: input, ifMatch: `"${version}"` })).data,
    onSuccess: invalidate,
  });
}

export function useHelpForm(slug: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['public-help', slug],
    queryFn: ({ signal }) => client.get(`/public/help/${enc(slug)}`, publicHelpForm, { signal, expectUnauthenticated: true }),
    retry: retryUnlessClientError,
    staleTime: Infinity,
  });
}

export function useSendHelpRequest(slug: string) {
  const client = useApiClient();
  return useMutation({
    mutationFn: async (input: z.input<typeof publicHelpRequest>) =>
      (await client.send('POST', `/public/help/${enc(slug)}`, publicHelpReceipt, { body: input, expectUnauthenticated: true })).data,
  });
}
