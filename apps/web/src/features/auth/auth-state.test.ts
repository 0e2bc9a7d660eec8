import { describe, expect, it } from 'vitest';
import { readAuthState } from './auth-state';

describe('readAuthState', () => {
  it('keeps an in-app return path and a known notice', () => {
    expect(readAuthState({ from: '/patients?q=ro', notice: { kind: 'idle', minutes: 15 } })).toEqual({
      from: '/patients?q=ro',
      notice: { kind: 'idle', minutes: 15 },
    });
  });

  it.each(['//evil.example', '/\\evil.example', 'https://evil.example', 'patients'])('refuses %s as a return path', (from) => {
    expect(readAuthState({ from })).toEqual({});
  });

  it('ignores anything else history may hold', () => {
    expect(readAuthState(null)).toEqual({});
    expect(readAuthState({ notice: { kind: 'idle' } })).toEqual({});
    expect(readAuthState({ notice: { kind: 'hacked' } })).toEqual({});
  });
});
