import {
  availabilityView,
  meAvailabilityView,
  staffLeaveView,
  staffScheduleView,
  type availabilityUpdate,
  type meAvailabilityUpdate,
  type staffLeaveCreate,
  type staffScheduleUpdate,
} from '@openiop/core';
import type { z } from 'zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';
import { etagForVersion } from '../../lib/etag';

export const availabilityKeys = {
  patient: (patientId: string) => ['availability', 'patient', patientId] as const,
  me: (token: string) => ['availability', 'me', token] as const,
  staff: (userId: string) => ['availability', 'staff', userId] as const,
};
const noRetryOn4xx = (count: number, e: unknown) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2;
const patientPath = (id: string) => `/patients/${encodeURIComponent(id)}/availability`;
const mePath = (token: string) => `/me/${encodeURIComponent(token)}/availability`;
const staffPath = (id: string) => `/staff/${encodeURIComponent(id)}`;

/** Writes replace the whole record against the version read (`"0"` before the first save). */
type Versioned<T> = { input: T; version: number };

export function useAvailability(patientId: string, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: availabilityKeys.patient(patientId),
    queryFn: ({ signal }) => client.get(patientPath(patientId), availabilityView, { signal }),
    retry: noRetryOn4xx,
    enabled,
  });
}

export function useSaveAvailability(patientId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: Versioned<z.input<typeof availabilityUpdate>>) =>
      client.send('PUT', patientPath(patientId), availabilityView, { body: a.input, ifMatch: etagForVersion(a.version) }),
    onSuccess: (saved) => queryClient.setQueryData(availabilityKeys.patient(patientId), saved.data),
  });
}

export function useMeAvailability(token: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: availabilityKeys.me(token),
    queryFn: ({ signal }) => client.get(mePath(token), meAvailabilityView, { signal, expectUnauthenticated: true }),
    retry: noRetryOn4xx,
    refetchOnWindowFocus: false,
  });
}

export function useSaveMeAvailability(token: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: Versioned<z.input<typeof meAvailabilityUpdate>>) =>
      client.send('PUT', mePath(token), meAvailabilityView, {
        body: a.input,
        ifMatch: etagForVersion(a.version),
        expectUnauthenticated: true,
      }),
    onSuccess: (saved) => queryClient.setQueryData(availabilityKeys.me(token), saved.data),
  });
}

export function useStaffSchedule(userId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: availabilityKeys.staff(userId),
    queryFn: ({ signal }) => client.get(`${staffPath(userId)}/schedule`, staffScheduleView, { signal }),
    retry: noRetryOn4xx,
    enabled: userId !== '',
  });
}

export function useSaveStaffSchedule(userId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: Versioned<z.input<typeof staffScheduleUpdate>>) =>
      client.send('PUT', `${staffPath(userId)}/schedule`, staffScheduleView, { body: a.input, ifMatch: etagForVersion(a.version) }),
    onSuccess: (saved) => queryClient.setQueryData(availabilityKeys.staff(userId), saved.data),
  });
}

export function useAddLeave(userId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof staffLeaveCreate>) =>
      client.send('POST', `${staffPath(userId)}/leave`, staffLeaveView, { body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: availabilityKeys.staff(userId) }),
  });
}

export function useRemoveLeave(userId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (leaveId: string) => client.call('DELETE', `${staffPath(userId)}/leave/${encodeURIComponent(leaveId)}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: availabilityKeys.staff(userId) }),
  });
}
