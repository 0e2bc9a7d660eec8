import type { VideoIceServer } from '../contracts/video';
import { utf8 } from '../drug-testing/hmac';
import { hmacSha1, toBase64 } from './sha1';

/** A location's ICE settings as the rooms hold them (the secret never leaves the api). */
export interface IceSettings {
  stunUrls: readonly string[];
  turnUrls: readonly string[];
  turnSecret: string | null;
}

/** A TURN credential lives at least this long from the moment it is handed out … */
export const TURN_CREDENTIAL_MIN_SECONDS = 4 * 60 * 60;
/** … and at least this long past the room's close, so a long group's relay is never cut mid-session. */
export const TURN_CREDENTIAL_AFTER_CLOSE_SECONDS = 60 * 60;

/**
 * When a TURN credential handed out at `now` expires. A TURN server checks the expiry on every allocation refresh,
 * not only at the start, so it must outlast the call: the later of `now` + 4 hours and the room's close + 1 hour.
 */
export function turnCredentialExpiry(now: Date, closesAt: Date): Date {
  return new Date(
    Math.max(now.getTime() + TURN_CREDENTIAL_MIN_SECONDS * 1000, closesAt.getTime() + TURN_CREDENTIAL_AFTER_CLOSE_SECONDS * 1000),
  );
}

/**
 * The only shape of id a TURN username may carry: the room's random per-connection peer id (12 random bytes,
 * base64url). A uuid — the shape of a patient's or a user's id — does not fit.
 */
const CONNECTION_ID = /^[A-Za-z0-9_-]{16}$/;

/**
 * The TURN REST API username: `<expiry in unix seconds>:<opaque id>`. The TURN server reads the expiry from it and
 * logs it, so it names nobody: it takes only a random per-connection id, never a patient's id or name (anything
 * else is refused, so a caller cannot slip one in by mistake).
 */
export function turnUsername(expiresAt: Date, connectionId: string): string {
  if (!CONNECTION_ID.test(connectionId)) throw new Error('A TURN username carries only an opaque connection id');
  return `${Math.floor(expiresAt.getTime() / 1000)}:${connectionId}`;
}

/**
 * The TURN REST API password for `username` (coturn `use-auth-secret` / `static-auth-secret`):
 * base64(HMAC-SHA1(secret, username)). The TURN server derives the same from the shared secret, so no per-user
 * password is stored anywhere and a leaked credential dies at its expiry.
 */
export function turnCredential(secret: string, username: string): string {
  return toBase64(hmacSha1(utf8(secret), utf8(username)));
}

/**
 * The `iceServers` a connection is given on joining a room: the location's STUN servers, and its TURN servers with
 * a short-lived credential for this connection. A list left empty gives no entry; TURN without a secret gives none
 * either (the settings refuse that combination; a relay that cannot authenticate would only slow every call down).
 */
export function iceServersFor(settings: IceSettings, connectionId: string, expiresAt: Date): VideoIceServer[] {
  const out: VideoIceServer[] = [];
  if (settings.stunUrls.length) out.push({ urls: [...settings.stunUrls] });
  if (settings.turnUrls.length && settings.turnSecret) {
    const username = turnUsername(expiresAt, connectionId);
    out.push({ urls: [...settings.turnUrls], username, credential: turnCredential(settings.turnSecret, username) });
  }
  return out;
}
