import { videoRoomView, videoSettingsView, type VideoSettingsUpdate } from '@openiop/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';

export const videoKeys = {
  room: (occurrenceId: string) => ['video', occurrenceId] as const,
  meRoom: (token: string, occurrenceId: string) => ['me', token, 'video', occurrenceId] as const,
  settings: (locationId: string) => ['video-settings', locationId] as const,
};
const retry = (count: number, e: unknown) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2;

/** The staff join page's room: times, roster size, the external room when the group is too large. */
export function useStaffRoom(occurrenceId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: videoKeys.room(occurrenceId),
    queryFn: ({ signal }) => client.get(`/video/${encodeURIComponent(occurrenceId)}`, videoRoomView, { signal }),
    retry,
    refetchInterval: 60_000,
  });
}

/** The person's join page, from their phone link. */
export function useMeRoom(token: string, occurrenceId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: videoKeys.meRoom(token, occurrenceId),
    queryFn: ({ signal }) =>
      client.get(`/me/${encodeURIComponent(token)}/video/${encodeURIComponent(occurrenceId)}`, videoRoomView, {
        signal,
        expectUnauthenticated: true,
      }),
    retry,
    refetchOnWindowFocus: false,
    refetchInterval: 60_000,
  });
}

export function useVideoSettings(locationId: string | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: videoKeys.settings(locationId ?? ''),
    queryFn: ({ signal }) => client.get(`/locations/${encodeURIComponent(locationId ?? '')}/video-settings`, videoSettingsView, { signal }),
    retry,
    enabled: locationId !== null,
  });
}

export function useSaveVideoSettings(locationId: string) {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (a: { version: number; input: VideoSettingsUpdate }) =>
      (
        await client.send('PUT', `/locations/${encodeURIComponent(locationId)}/video-settings`, videoSettingsView, {
          body: a.input,
          ifMatch: `"${a.version}"`,
        })
      ).data,
    onSuccess: (data) => qc.setQueryData(videoKeys.settings(locationId), data),
  });
}
