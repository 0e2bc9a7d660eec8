import { z } from 'zod';
import { id } from './common';

/**
 * Video rooms: the signalling protocol over the api's WebSocket (`/api/v1/video/:occurrenceId/ws`) and the HTTP
 * views of a room and a location's video settings. Peer ids are opaque per connection; no message carries a patient
 * id. See docs/adr/0029-video-rooms.md.
 */

/** An opaque id the server gives each connection. */
const peerId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'must be a peer id');
/** What a person may call themselves in a group room (defaults to their first name). */
export const videoDisplayName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(40, 'must be at most 40 characters')
  .regex(/^[^<>{}\p{Cc}]*$/u, 'must be plain text');

/** The relayed WebRTC payloads: an SDP description, or an ICE candidate (null ends gathering). Bounded in size. */
const sdp = z.strictObject({ type: z.enum(['offer', 'answer']), sdp: z.string().max(20_000) });
const ice = z
  .strictObject({
    candidate: z.string().max(2_000),
    sdpMid: z.string().max(64).nullish(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullish(),
    usernameFragment: z.string().max(256).nullish(),
  })
  .nullable();

/** Client → server. The first message must be `hello`; a person's carries their phone-link token. */
export const videoClientMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), token: z.string().min(20).max(100).optional(), displayName: videoDisplayName.optional() }),
  z.strictObject({ type: z.literal('admit'), peer: peerId }),
  z.strictObject({ type: z.literal('deny'), peer: peerId }),
  z.strictObject({ type: z.literal('offer'), to: peerId, sdp }),
  z.strictObject({ type: z.literal('answer'), to: peerId, sdp }),
  z.strictObject({ type: z.literal('ice'), to: peerId, candidate: ice }),
  z.strictObject({ type: z.literal('leave') }),
]);
export type VideoClientMessage = z.infer<typeof videoClientMessage>;

export type VideoRole = 'host' | 'person';

/**
 * One entry of `RTCConfiguration.iceServers` as the server hands it out on `joined`: STUN servers without
 * credentials, TURN servers with a short-lived TURN REST API username and credential for this connection only.
 */
export interface VideoIceServer {
  urls: string[];
  username?: string;
  credential?: string;
}
export interface VideoPeer {
  id: string;
  name: string;
  role: VideoRole;
}

/** Server → client. */
export type VideoServerMessage =
  | { type: 'waiting' }
  | { type: 'joined'; self: string; role: VideoRole; peers: VideoPeer[]; iceServers: VideoIceServer[] }
  | { type: 'lobby'; waiting: { id: string; name: string }[] }
  | { type: 'peer-joined'; peer: VideoPeer }
  | { type: 'peer-left'; peer: string }
  | { type: 'offer' | 'answer'; from: string; sdp: { type: 'offer' | 'answer'; sdp: string } }
  | { type: 'ice'; from: string; candidate: z.infer<typeof ice> }
  | { type: 'error'; code: string; message: string };

/**
 * Close codes of the room's WebSocket. `NOT_FOUND` covers an unknown session, another organization's, and a person
 * or staff member who may not join: the answer is the same, so nothing is revealed.
 */
export const VIDEO_CLOSE = {
  LEFT: 1000,
  BAD_MESSAGE: 4400,
  NOT_FOUND: 4404,
  FORBIDDEN_ORIGIN: 4403,
  DENIED: 4401,
  ROOM_FULL: 4409,
  NOT_OPEN: 4423,
  IN_PERSON: 4422,
  REPLACED: 4000,
} as const;

export const videoParams = z.strictObject({ occurrenceId: id });
export const meVideoParams = z.strictObject({ token: z.string().min(20).max(100), occurrenceId: id });

/** A room as a join page sees it: when it opens and closes, and the external room when the group is too large. */
export const videoRoomView = z.object({
  occurrenceId: id,
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  state: z.enum(['not_yet', 'open', 'closed']),
  timeZone: z.string(),
  staffName: z.string(),
  meshLimit: z.number().int(),
  /** When set, join there instead: the roster is larger than the built-in room takes (attendance is then staff's). */
  externalUrl: z.string().nullable(),
  /** Staff only: how many people are on the roster. */
  rosterSize: z.number().int().optional(),
});
export type VideoRoomView = z.infer<typeof videoRoomView>;

export const videoSettingsParams = z.strictObject({ locationId: id });

/** At most this many STUN and this many TURN servers per location (a browser tries every one on every call). */
export const MAX_ICE_SERVERS = 5;
/** A host name (labels of letters, digits and hyphens), an IPv4 address, or an IPv6 address in brackets. */
const HOST = String.raw`(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]{2,45}\])`;
const PORT = String.raw`(?::([0-9]{1,5}))?`;
/** RFC 7064: `stun:` or `stuns:`, host, optional port, nothing else. */
const STUN_URL = new RegExp(`^stuns?:${HOST}${PORT}$`, 'i');
/** RFC 7065: `turn:` or `turns:`, host, optional port, optionally `?transport=udp` or `?transport=tcp`. */
const TURN_URL = new RegExp(`^turns?:${HOST}${PORT}(?:\\?transport=(?:udp|tcp))?$`, 'i');
const portOk = (s: string, re: RegExp) => {
  const port = re.exec(s)?.[1];
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65_535);
};
const iceUrl = (re: RegExp, message: string) =>
  z
    .string()
    .trim()
    .max(300, 'must be at most 300 characters')
    .refine((s) => re.test(s) && portOk(s, re), message);
/** A STUN server address, e.g. `stun:stun.example.org:3478`. */
export const stunUrl = iceUrl(STUN_URL, 'must be a stun: or stuns: address, e.g. stun:stun.example.org:3478');
/** A TURN server address, e.g. `turn:turn.example.org:3478?transport=udp` or `turns:turn.example.org:5349`. */
export const turnUrl = iceUrl(TURN_URL, 'must be a turn: or turns: address, e.g. turns:turn.example.org:5349?transport=tcp');
const iceUrlList = (url: typeof stunUrl) =>
  z
    .array(url)
    .max(MAX_ICE_SERVERS, `must list at most ${MAX_ICE_SERVERS} servers`)
    .refine((l) => new Set(l.map((u) => u.toLowerCase())).size === l.length, 'must not list a server twice');

/**
 * The TURN shared secret (coturn `static-auth-secret`). Write-only: sent to set it, `null` to clear it, left out to
 * keep it; no view ever returns it.
 */
export const turnSecret = z
  .string()
  .min(16, 'must be at least 16 characters')
  .max(256, 'must be at most 256 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

export const videoSettingsUpdate = z.strictObject({
  externalUrlTemplate: z
    .string()
    .trim()
    .max(500, 'must be at most 500 characters')
    .refine((s) => s === '' || /^https?:\/\/[^\s]+$/i.test(s), 'must be an http(s) link')
    .refine((s) => s === '' || s.includes('{occurrenceId}'), 'must contain {occurrenceId}')
    .transform((s) => (s === '' ? null : s))
    .nullable(),
  meshLimit: z.number().int('must be a whole number').min(2, 'must be 2–6').max(6, 'must be 2–6'),
  /** STUN servers the browsers ask for their public address (none: same network only). */
  stunUrls: iceUrlList(stunUrl),
  /** TURN relays for when no direct path exists; they need the shared secret. */
  turnUrls: iceUrlList(turnUrl),
  turnSecret: turnSecret.nullable().optional(),
});
export type VideoSettingsUpdate = z.infer<typeof videoSettingsUpdate>;
export const videoSettingsView = z.object({
  locationId: id,
  externalUrlTemplate: z.string().nullable(),
  meshLimit: z.number().int(),
  stunUrls: z.array(z.string()),
  turnUrls: z.array(z.string()),
  /** Whether a TURN shared secret is stored; the secret itself is never returned. */
  turnSecretSet: z.boolean(),
  version: z.number().int(),
});
export type VideoSettingsView = z.infer<typeof videoSettingsView>;
