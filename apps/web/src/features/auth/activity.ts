/**
 * Activity shared between the browser tabs of one session, through localStorage (timestamps only, no PHI):
 * working in one tab keeps the others from idling out, and signing out in one signs out all.
 */
const ACTIVITY_KEY = 'openiop.lastActivity';
const SIGN_OUT_KEY = 'openiop.signedOut';

function safeGet(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function safeSet(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage may be disabled (private mode, policy); each tab then tracks its own activity.
  }
}

export function readSharedActivity(): number {
  const v = Number(safeGet(ACTIVITY_KEY));
  return Number.isFinite(v) ? v : 0;
}

export function writeSharedActivity(at: number): void {
  safeSet(ACTIVITY_KEY, String(at));
}

export function broadcastSignOut(): void {
  safeSet(SIGN_OUT_KEY, String(Date.now()));
}

/** Calls `onSignOut` when another tab signs out. Returns the unsubscribe function. */
export function onSignOutElsewhere(onSignOut: () => void): () => void {
  const listener = (e: StorageEvent) => {
    if (e.key === SIGN_OUT_KEY && e.newValue) onSignOut();
  };
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}
