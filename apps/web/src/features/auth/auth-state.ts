import type { SignOutNotice } from './api';

/** Carried in router state to the sign-in page (never in the URL). */
export interface AuthRouteState {
  /** Where to return after signing in: an in-app path, never a URL. */
  from?: string;
  notice?: SignOutNotice;
}

/**
 * Router state is stored in the history entry, so anything can be in it: keep only a well-formed notice and an
 * in-app path (never `//host` or `/\host`, which a browser would read as another site).
 */
export function readAuthState(state: unknown): AuthRouteState {
  if (typeof state !== 'object' || state === null) return {};
  const s = state as { from?: unknown; notice?: unknown };
  const out: AuthRouteState = {};
  if (typeof s.from === 'string' && /^\/(?![/\\])/.test(s.from)) out.from = s.from;
  const n = s.notice as { kind?: unknown; minutes?: unknown } | undefined;
  if (n?.kind === 'idle' && typeof n.minutes === 'number') out.notice = { kind: 'idle', minutes: n.minutes };
  else if (n?.kind === 'expired' || n?.kind === 'signed-out' || n?.kind === 'password-changed') out.notice = { kind: n.kind };
  return out;
}

/** Where a signed-in user lands when nothing else was asked for. */
export const HOME = '/patients';
